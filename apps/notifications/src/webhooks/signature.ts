import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes (Standard Webhooks asks for 24 to 64), base64, prefixed `whsec_`. */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/** One `v1,<signature>`: base64 HMAC-SHA256 with the secret's bytes over `${id}.${timestamp}.${body}`. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The `webhook-signature` header: one signature per secret, space separated, so that a receiver still holding the
 * previous secret after a rotation verifies the delivery too.
 */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signature(secret, id, timestamp, body)).join(' ');
}
