import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * A PDF's text read back with pdfjs-dist, a parser independent of the PDFKit that writes Fundline's documents.
 * pdfjs-dist ships ES modules only (with top-level await), which jest's CommonJS runtime cannot load; it runs in a
 * child `node` that prints each text item with its position, and the lines are put back together here.
 */
const EXTRACT = `
import { readFileSync } from 'node:fs';
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = await getDocument({ data: new Uint8Array(readFileSync(0)), verbosity: 0, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const { items } = await (await pdf.getPage(n)).getTextContent();
  pages.push(items.filter((i) => i.str).map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width })));
}
process.stdout.write(JSON.stringify(pages));
`;

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

function itemsOf(pdf: Buffer): Promise<TextItem[][]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', EXTRACT], {
      cwd: resolve(__dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(JSON.parse(Buffer.concat(out).toString('utf8')) as TextItem[][])
        : fail(new Error(`pdf text extraction exited ${code}: ${Buffer.concat(err).toString('utf8')}`)),
    );
    child.stdin.end(pdf);
  });
}

/** The document's lines, top to bottom, page after page; items on one baseline are one line. */
export async function pdfLines(pdf: Buffer): Promise<string[]> {
  const lines: string[] = [];
  for (const items of await itemsOf(pdf)) {
    const rows = new Map<number, TextItem[]>();
    for (const item of items) {
      const y = Math.round(item.y);
      rows.set(y, [...(rows.get(y) ?? []), item]);
    }
    for (const y of [...rows.keys()].sort((a, b) => b - a)) {
      const row = rows.get(y)!.sort((a, b) => a.x - b.x);
      let text = '';
      row.forEach((item, i) => {
        const gap = i === 0 ? 0 : item.x - (row[i - 1].x + row[i - 1].width);
        text += (gap > 1 ? ' ' : '') + item.str;
      });
      lines.push(text.replace(/\s+/g, ' ').trim());
    }
  }
  return lines;
}
