import { FUND_1035, FundParameters, MIGRATION_MPTF } from '@fundline/domain';
import { Money } from '@fundline/money';
import { pdfLines as linesOf } from '@fundline/testing';
import { createHash } from 'node:crypto';
import { Allocation } from '../allocation.aggregate';
import { AgreementSource, grantAgreementTerms } from './agreement-terms';
import { dayInWords, GrantAgreementTerms, obligationLabel, printable, renderGrantAgreement } from './grant-agreement';

const FOOTER = /^Agreement No\. \S+ - page \d+ of \d+$/;

/** The running text without the page footers: lines joined, a line broken after a hyphen joined without a space. */
function flat(lines: string[]): string {
  return lines
    .filter((line) => !FOOTER.test(line))
    .reduce((text, line) => (text.endsWith('-') ? text + line : `${text} ${line}`), '')
    .trim();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const COUNTRY_NAMES = new Map([
  ['SEN', 'Senegal'],
  ['GMB', 'Gambia'],
  ['MLI', 'Mali'],
  ['PHL', 'Philippines'],
]);

/** What concepts holds about a submission, focal point included: the agreement must leave the person out (G6). */
const FOCAL_POINT = {
  name: 'Aminata Diallo-Sarr',
  email: 'a.diallo-sarr@interieur.gouv.example',
  phone: '+221 33 889 12 34',
};

function conceptRecord(fields: { title: string; submittingCountry: string; scope: string; countries: string[] }) {
  return { ...fields, focalPoint: FOCAL_POINT, focalPointName: FOCAL_POINT.name, contactEmail: FOCAL_POINT.email };
}

const MPTF_ALLOCATION = '6f1c2b7e-3d4a-4c5b-9e8f-0a1b2c3d4e5f';
const MPTF_CONCEPT = '0b6d1f2a-7c3e-4e9a-8b1d-5f6e7a8b9c0d';

/** A Migration MPTF approval as the aggregate makes it: two organisations, a thematic window, its obligations. */
function mptfSource(
  amount = '1250000.00',
  shares: Array<[string, string]> = [
    ['IOM', '750000.00'],
    ['UNDP', '500000.00'],
  ],
): AgreementSource {
  const approvedAt = new Date('2026-06-15T14:30:00Z');
  const { allocation, obligations } = Allocation.approve({
    allocationId: MPTF_ALLOCATION,
    decisionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    candidate: {
      conceptId: MPTF_CONCEPT,
      fund: MIGRATION_MPTF.code,
      status: 'in-pipeline',
      expiresAt: null,
      countries: ['SEN', 'GMB', 'MLI'],
      scope: 'regional',
      thematicArea: 2,
      creditLine: null,
      requested: Money.parse('1500000.00', 'USD'),
      parentId: null,
    },
    terms: {
      amount: Money.parse(amount, 'USD'),
      pocketCode: 'THEMATIC_2',
      shares: shares.map(([organisation, share]) => ({ organisation, amount: Money.parse(share, 'USD') })),
      startDate: '2026-07-01',
      endDate: '2028-06-30',
    },
    policy: MIGRATION_MPTF,
    context: { now: approvedAt, parameters: FundParameters.of([]), parentFundedOnLine: null },
    today: '2026-06-15',
  });
  return {
    allocation: allocation.state,
    currency: 'USD',
    obligations,
    approval: { decisionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', approvedAt },
    submission: conceptRecord({
      title: 'Safe and dignified migration along the West African coast',
      submittingCountry: 'SEN',
      scope: 'regional',
      countries: ['SEN', 'GMB', 'MLI'],
    }),
    countryNames: COUNTRY_NAMES,
  };
}

/** A Fund 1035 Line 2 national project, IOM implementing (F2, F12). */
function fund1035Source(title = 'Strengthening labour migration governance in the Philippines'): AgreementSource {
  const startDate = '2026-09-01';
  const endDate = '2027-12-31';
  return {
    allocation: {
      id: 'c4d5e6f7-0819-4a2b-bc3d-4e5f60718293',
      conceptId: 'e1f20314-2536-4748-9a9b-acbdcedf0011',
      fundCode: FUND_1035.code,
      pocketCode: 'LINE_2',
      amountMinor: 17_525_050n,
      startDate,
      endDate,
      shares: [{ organisation: 'IOM', approvedMinor: 17_525_050n, transferredMinor: 0n, spentByYear: {} }],
    },
    currency: 'USD',
    obligations: FUND_1035.obligations(startDate, endDate),
    approval: { decisionId: '5d6e7f80-9192-4a3b-8c4d-5e6f70819203', approvedAt: new Date('2026-08-20T09:00:00Z') },
    submission: conceptRecord({
      title,
      submittingCountry: 'PHL',
      scope: 'national',
      countries: ['PHL'],
    }),
    countryNames: COUNTRY_NAMES,
  };
}

/** Every obligation of the terms, as its own line: its name on the left, its due date on the right. */
function expectSchedule(lines: string[], terms: GrantAgreementTerms) {
  for (const o of terms.reportingSchedule) {
    expect(lines).toContain(`${obligationLabel(o.kind)} due ${dayInWords(o.dueOn)}`);
  }
}

function expectNoFocalPoint(lines: string[], pdf: Buffer, terms: GrantAgreementTerms) {
  const text = flat(lines);
  const raw = pdf.toString('latin1');
  for (const value of [FOCAL_POINT.name, 'Aminata', 'Diallo', FOCAL_POINT.email, 'gouv.example', FOCAL_POINT.phone]) {
    expect(text).not.toContain(value);
    expect(raw).not.toContain(value);
    expect(JSON.stringify(terms, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(value);
  }
}

describe('grant agreement', () => {
  describe('Migration MPTF programme on a thematic window, two participating organisations', () => {
    const terms = grantAgreementTerms(mptfSource());
    let pdf: Buffer;
    let lines: string[];

    beforeAll(async () => {
      pdf = await renderGrantAgreement(terms);
      lines = await linesOf(pdf);
    });

    it('is a PDF numbered after its fund, window, year and allocation', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(terms.agreementNumber).toBe('MIGRATION_MPTF/THEMATIC_2/2026/6F1C2B7E');
      expect(lines).toContain('GRANT AGREEMENT');
      expect(lines).toContain('Agreement No. MIGRATION_MPTF/THEMATIC_2/2026/6F1C2B7E');
    });

    it('names the fund, the window, the programme, the submitting government and the countries', () => {
      expect(lines).toContain('Fund Migration Multi-Partner Trust Fund (MIGRATION_MPTF)');
      expect(lines).toContain('Thematic window Thematic area 2: protecting migrants (THEMATIC_2)');
      expect(lines).toContain('Programme Safe and dignified migration along the West African coast');
      expect(lines).toContain('Submitting government Senegal (SEN)');
      expect(lines).toContain('Geographic scope regional');
      expect(lines).toContain('Countries covered Senegal (SEN), Gambia (GMB), Mali (MLI)');
      expect(lines).toContain(`Concept note ${MPTF_CONCEPT}`);
      expect(lines).toContain(`Allocation ${MPTF_ALLOCATION}`);
    });

    it('M8 states the approved amount in figures and in words', () => {
      expect(flat(lines)).toContain(
        'grants the programme above USD 1,250,000.00 (one million two hundred fifty thousand United States dollars and 00/100).',
      );
    });

    it('M10 states each organisation with its share, adding up to the amount', () => {
      expect(lines).toContain('IOM USD 750,000.00');
      expect(lines).toContain('UNDP USD 500,000.00');
      expect(lines).toContain('Total USD 1,250,000.00');
    });

    it('states the start and end dates', () => {
      expect(flat(lines)).toContain('The programme starts on 1 July 2026 and ends on 30 June 2028.');
    });

    it('F12/M11 lists every obligation of the allocation with its due date', () => {
      expect(terms.reportingSchedule).toHaveLength(7);
      expectSchedule(lines, terms);
      for (const line of [
        'Results monitoring framework and workplan due 1 August 2026',
        'Annual expenditure report for 2026 due 30 April 2027',
        'Interim narrative report due 1 July 2027',
        'Annual expenditure report for 2027 due 30 April 2028',
        'Final narrative report due 30 September 2028',
        'Final financial report due 30 September 2028',
        'Annual expenditure report for 2028 due 30 April 2029',
      ]) {
        expect(lines).toContain(line);
      }
    });

    it('states the conditions of a concept-note fund and the Steering Committee approval', () => {
      const text = flat(lines);
      for (const heading of [
        'Purpose (M8)',
        'Transfers (M10)',
        'Reporting (M11)',
        'Revisions',
        'Closure (M12)',
        'Personal data (G6)',
      ]) {
        expect(text).toContain(heading);
      }
      expect(text).not.toContain('(F7)');
      expect(text).toContain('Any balance transferred and not spent is refunded to the fund');
      expect(text).toContain(
        'Approved by the Steering Committee of the Migration Multi-Partner Trust Fund on 15 June 2026 (decision 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d).',
      );
    });

    it('G6 carries no personal data of the focal point, in its text, its metadata or its terms', () => {
      expectNoFocalPoint(lines, pdf, terms);
    });

    it('numbers its pages', () => {
      const footers = lines.filter((l) => l.startsWith('Agreement No. MIGRATION_MPTF/THEMATIC_2/2026/6F1C2B7E - page'));
      expect(footers.length).toBeGreaterThan(0);
      expect(footers.at(-1)).toBe(
        `Agreement No. MIGRATION_MPTF/THEMATIC_2/2026/6F1C2B7E - page ${footers.length} of ${footers.length}`,
      );
    });

    it('gives the same bytes for the same terms, so its SHA-256 can be checked by regenerating it', async () => {
      const again = await renderGrantAgreement(grantAgreementTerms(mptfSource()));
      expect(sha256(again)).toBe(sha256(pdf));
      expect(again.equals(pdf)).toBe(true);
    });

    it('gives different bytes for a different amount', async () => {
      const other = await renderGrantAgreement(
        grantAgreementTerms(
          mptfSource('1250000.01', [
            ['IOM', '750000.01'],
            ['UNDP', '500000.00'],
          ]),
        ),
      );
      expect(sha256(other)).not.toBe(sha256(pdf));
      expect(flat(await linesOf(other))).toContain(
        'USD 1,250,000.01 (one million two hundred fifty thousand United States dollars and 01/100)',
      );
    });
  });

  describe('Fund 1035 project on Line 2', () => {
    const terms = grantAgreementTerms(fund1035Source());
    let pdf: Buffer;
    let lines: string[];

    beforeAll(async () => {
      pdf = await renderGrantAgreement(terms);
      lines = await linesOf(pdf);
    });

    it('F2 names the fund and the credit line the project is funded on', () => {
      expect(terms.agreementNumber).toBe('FUND_1035/LINE_2/2026/C4D5E6F7');
      expect(lines).toContain('Fund IOM Development Fund (Fund 1035) (FUND_1035)');
      expect(lines).toContain('Credit line Credit line 2 (LINE_2)');
      expect(lines).toContain('Project Strengthening labour migration governance in the Philippines');
      expect(lines).toContain('Submitting government Philippines (PHL)');
      expect(lines).toContain('Project proposal e1f20314-2536-4748-9a9b-acbdcedf0011');
      expect(flat(lines)).toContain('funded, monitored and reported on Credit line 2 only');
    });

    it('states the amount in figures and in words, and IOM implementing it whole', () => {
      expect(flat(lines)).toContain(
        'USD 175,250.50 (one hundred seventy-five thousand two hundred fifty United States dollars and 50/100)',
      );
      expect(lines).toContain('IOM USD 175,250.50');
      expect(lines).toContain('Total USD 175,250.50');
    });

    it('F12 lists every obligation with its due date, the ex-post evaluation included', () => {
      expect(terms.reportingSchedule.map((o) => o.kind)).toEqual([
        'monitoring-framework',
        'interim-narrative-report',
        'final-narrative-report',
        'final-financial-report',
        'ex-post-evaluation',
      ]);
      expectSchedule(lines, terms);
      expect(lines).toContain('Interim narrative report due 1 September 2027');
      expect(lines).toContain('Ex-post evaluation due 31 December 2028');
      expect(flat(lines)).toContain('The project starts on 1 September 2026 and ends on 31 December 2027.');
    });

    it('F7 states the budget condition and the approving authority approves', () => {
      const text = flat(lines);
      expect(text).toContain('Budget (F7)');
      expect(text).toContain("no other donor's money and no proposal development costs are charged to the project");
      expect(text).toContain('Reporting (F12)');
      expect(text).not.toContain('(M10)');
      expect(text).toContain(
        'Approved by the Approving Authority of the IOM Development Fund (Fund 1035) on 20 August 2026',
      );
    });

    it('G6 carries no personal data of the focal point', () => {
      expectNoFocalPoint(lines, pdf, terms);
    });
  });

  it('writes days as "30 June 2029", whatever the locale data', () => {
    expect(dayInWords('2029-06-30')).toBe('30 June 2029');
    expect(dayInWords('2026-01-01')).toBe('1 January 2026');
    expect(dayInWords('2028-02-29')).toBe('29 February 2028');
    expect(dayInWords('2027-12-31')).toBe('31 December 2027');
  });

  describe('text outside the standard fonts', () => {
    it('keeps Latin-1 and WinAnsi punctuation, drops accents it cannot draw and shows the rest as "?"', () => {
      expect(printable('Côte d’Ivoire – “Türkiye” € …')).toBe('Côte d’Ivoire – “Türkiye” € …');
      expect(printable('Göç yönetimi: İstanbul şehri, Việt Nam')).toBe('Göç yönetimi: Istanbul sehri, Viet Nam');
      expect(printable('Миграция 移民')).toBe('???????? ??');
    });

    it('draws a title with letters outside WinAnsi without garbling the rest of the line', async () => {
      const lines = await linesOf(
        await renderGrantAgreement(grantAgreementTerms(fund1035Source('Göç yönetimi: İstanbul şehri'))),
      );
      expect(lines).toContain('Project Göç yönetimi: Istanbul sehri');
    });
  });
});
