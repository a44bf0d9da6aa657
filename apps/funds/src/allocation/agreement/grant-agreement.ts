import { Obligation, PocketDefinition, startOfDay, SubmissionForm } from '@fundline/domain';
import { Money } from '@fundline/money';
import PDFDocument from 'pdfkit';
import { amountInFigures, amountInWords } from './amount-in-words';

/**
 * The grant agreement of an approved allocation (issue 13, item 5), as data and as a PDF. The terms hold what the
 * document states and nothing else: governments and organisations, never a person, so the same bytes can be served
 * to anyone entitled to the allocation's documents (G6).
 */
export interface AgreementCountry {
  code: string;
  name: string;
}

export interface AgreementClause {
  /** The rule of rules.md the clause restates, when there is one. */
  rule: string | null;
  heading: string;
  text: string;
}

export interface GrantAgreementTerms {
  agreementNumber: string;
  fund: { code: string; name: string };
  /** The thematic window or pool (pooled funds) or the credit line (F2) the allocation draws on. */
  pocket: Pick<PocketDefinition, 'code' | 'name' | 'kind' | 'creditLine'>;
  allocationId: string;
  conceptId: string;
  /** Concept note or project proposal: what was approved, and so the document's wording. */
  form: SubmissionForm;
  title: string;
  submittingGovernment: AgreementCountry;
  scope: string | null;
  countries: AgreementCountry[];
  amount: Money;
  shares: Array<{ organisation: string; amount: Money }>;
  startDate: string;
  endDate: string;
  /** F12 / M11: the reports owed, by due date. */
  reportingSchedule: Obligation[];
  conditions: AgreementClause[];
  approval: { decisionId: string; approvedOn: string; approvingBody: string };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "30 June 2029". Written from the day's digits rather than with Intl, whose output depends on the ICU data Node was
 * built with: the same terms must give the same bytes everywhere.
 */
export function dayInWords(day: string): string {
  const date = startOfDay(day);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const OBLIGATION_LABELS: Readonly<Record<string, string>> = {
  'monitoring-framework': 'Results monitoring framework and workplan',
  'interim-narrative-report': 'Interim narrative report',
  'final-narrative-report': 'Final narrative report',
  'final-financial-report': 'Final financial report',
  'ex-post-evaluation': 'Ex-post evaluation',
};

/** An obligation's kind as the agreement names it; M11's yearly reports carry their year in the kind. */
export function obligationLabel(kind: string): string {
  const year = /^annual-expenditure-(\d{4})$/.exec(kind)?.[1];
  if (year) return `Annual expenditure report for ${year}`;
  return OBLIGATION_LABELS[kind] ?? kind;
}

const POCKET_LABELS: Readonly<Record<PocketDefinition['kind'], string>> = {
  pool: 'Pool',
  'thematic-window': 'Thematic window',
  'credit-line': 'Credit line',
};

const A4_MARGIN = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * The agreement as a PDF. The same terms give the same bytes: the creation date is the approval day and the file
 * identifier derives from the document information (PDFKit hashes it), so the stored document's SHA-256 can be
 * checked by regenerating it with the same PDFKit version.
 */
export async function renderGrantAgreement(terms: GrantAgreementTerms): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    // Uncompressed, the bytes depend on PDFKit alone, not on the zlib a given Node version bundles.
    compress: false,
    margin: A4_MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `Grant agreement ${terms.agreementNumber}`,
      Subject: terms.title,
      Author: terms.fund.name,
      Creator: 'Fundline',
      Producer: 'Fundline (PDFKit)',
      CreationDate: startOfDay(terms.approval.approvedOn),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  write(doc, terms);
  doc.end();
  return finished;
}

type Doc = PDFKit.PDFDocument;

function write(doc: Doc, t: GrantAgreementTerms): void {
  const what = t.form === 'concept-note' ? 'programme' : 'project';
  doc.font(BOLD).fontSize(16).text('GRANT AGREEMENT', { align: 'center' });
  doc.font(FONT).fontSize(10).text(`Agreement No. ${t.agreementNumber}`, { align: 'center' }).moveDown(1.5);

  fields(doc, [
    ['Fund', `${t.fund.name} (${t.fund.code})`],
    [POCKET_LABELS[t.pocket.kind], `${t.pocket.name} (${t.pocket.code})`],
    [what === 'programme' ? 'Programme' : 'Project', t.title],
    ['Submitting government', countryName(t.submittingGovernment)],
    ...(t.scope ? [['Geographic scope', t.scope] as const] : []),
    ['Countries covered', t.countries.map(countryName).join(', ')],
    [t.form === 'concept-note' ? 'Concept note' : 'Project proposal', t.conceptId],
    ['Allocation', t.allocationId],
  ]);

  heading(doc, '1. Amount');
  paragraph(
    doc,
    `The ${t.fund.name} grants the ${what} above ${amountInFigures(t.amount)} (${amountInWords(t.amount)}).`,
  );

  heading(doc, '2. Organisations and shares');
  paragraph(doc, `The amount is shared among the organisations that implement the ${what}:`);
  table(doc, [
    ...t.shares.map((s) => [s.organisation, amountInFigures(s.amount)] as const),
    ['Total', amountInFigures(t.amount)],
  ]);

  heading(doc, '3. Duration');
  paragraph(doc, `The ${what} starts on ${dayInWords(t.startDate)} and ends on ${dayInWords(t.endDate)}.`);

  heading(doc, '4. Reporting schedule');
  table(
    doc,
    t.reportingSchedule.map((o) => [obligationLabel(o.kind), `due ${dayInWords(o.dueOn)}`] as const),
  );

  heading(doc, '5. Conditions');
  t.conditions.forEach((c, i) => {
    const rule = c.rule ? ` (${c.rule})` : '';
    doc
      .font(BOLD)
      .text(printable(`5.${i + 1} ${c.heading}${rule}. `), A4_MARGIN, doc.y, {
        continued: true,
        width: contentWidth(doc),
      })
      .font(FONT)
      .text(printable(c.text));
    doc.moveDown(0.4);
  });

  heading(doc, '6. Approval');
  paragraph(
    doc,
    `Approved by the ${t.approval.approvingBody} of the ${t.fund.name} on ${dayInWords(t.approval.approvedOn)} ` +
      `(decision ${t.approval.decisionId}).`,
  );

  footers(doc, t.agreementNumber);
}

function countryName(c: AgreementCountry): string {
  return `${c.name} (${c.code})`;
}

/** A section heading, on a new page when its first lines would not fit under it. */
function heading(doc: Doc, text: string): void {
  if (doc.y + 72 > doc.page.height - A4_MARGIN) doc.addPage();
  doc.moveDown(0.8).font(BOLD).fontSize(11).text(printable(text), A4_MARGIN, doc.y).moveDown(0.3);
  doc.font(FONT).fontSize(10);
}

function paragraph(doc: Doc, text: string): void {
  doc
    .font(FONT)
    .fontSize(10)
    .text(printable(text), A4_MARGIN, doc.y, { width: contentWidth(doc) });
}

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * A4_MARGIN;
}

/** Label and value on one row, the label in bold; a long value wraps within its column. */
function fields(doc: Doc, rows: ReadonlyArray<readonly [string, string]>): void {
  const labelWidth = 140;
  const valueWidth = contentWidth(doc) - labelWidth;
  for (const [label, raw] of rows) {
    const value = printable(raw);
    const height = Math.max(
      doc.font(BOLD).heightOfString(label, { width: labelWidth }),
      doc.font(FONT).heightOfString(value, { width: valueWidth }),
    );
    if (doc.y + height > doc.page.height - A4_MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(BOLD).text(label, A4_MARGIN, y, { width: labelWidth });
    doc.font(FONT).text(value, A4_MARGIN + labelWidth, y, { width: valueWidth });
    doc.y = y + height + 2;
  }
  doc.x = A4_MARGIN;
}

/** Rows with a right-aligned second column (amounts, due dates). */
function table(doc: Doc, rows: ReadonlyArray<readonly [string, string]>): void {
  const valueWidth = 160;
  const labelWidth = contentWidth(doc) - valueWidth - 20;
  doc.moveDown(0.3);
  for (const [raw, value] of rows) {
    const label = printable(raw);
    const height = doc.font(FONT).heightOfString(label, { width: labelWidth });
    if (doc.y + height > doc.page.height - A4_MARGIN) doc.addPage();
    const y = doc.y;
    doc.text(label, A4_MARGIN + 20, y, { width: labelWidth });
    doc.text(value, A4_MARGIN + 20 + labelWidth, y, { width: valueWidth, align: 'right' });
    doc.y = y + height + 2;
  }
  doc.x = A4_MARGIN;
}

/** "Agreement No. … · Page n of m" on every page, written once the page count is known. */
function footers(doc: Doc, agreementNumber: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .text(`Agreement No. ${agreementNumber} - page ${i + 1} of ${count}`, A4_MARGIN, doc.page.height - 36, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** What PDFKit's standard fonts can draw besides Latin-1: the WinAnsi characters of 0x80 to 0x9F. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function drawable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/**
 * Text the standard Helvetica draws. It has no glyph outside WinAnsi, and PDFKit would write such a character as a
 * wrong one: a letter outside it loses its accent ("İstanbul şehri" is written "Istanbul sehri"), and what has no
 * Latin base letter (Arabic, Cyrillic, Chinese script) becomes "?", visibly.
 */
export function printable(text: string): string {
  return [...text]
    .map((char) => {
      if (drawable(char)) return char;
      const base = [...char.normalize('NFKD')].filter((c) => !/\p{M}/u.test(c)).join('');
      return base && [...base].every(drawable) ? base : '?';
    })
    .join('');
}
