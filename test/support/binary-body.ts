import request from 'supertest';

/** Collects a binary answer as a Buffer (supertest's default parser would decode it as text): `.parse(binary)`. */
export function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
