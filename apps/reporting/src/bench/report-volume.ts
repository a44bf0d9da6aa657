import { createHash } from 'node:crypto';
import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_CLOSED_V1,
  CONCEPT_NOTE_SUBMITTED_V1,
  CONTRIBUTION_DEPOSITED_V1,
  ConceptsTopicEvent,
  CREDIT_LINE_FUNDED_V1,
  EXPENDITURE_REPORTED_V1,
  FundsTopicEvent,
  LEDGER_ENTRY_POSTED_V1,
  OBLIGATION_SUBMITTED_V1,
  PROJECT_PROPOSAL_SUBMITTED_V1,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { seeded } from '@fundline/testing';
import { DataSource } from 'typeorm';
import { BudgetProjection } from '../budgets/budget.projection';
import { FinanceProjection } from '../finance/finance.projection';
import { SubmissionProjection } from '../pipeline/submission.projection';

/**
 * A long, realistic history of both funds, written through the projections' own `handle()` (no HTTP, no broker) so
 * the report benchmark (`npm run bench:reports`, infra/bench-reports.js) can fill a reporting schema with twenty-six
 * fund years in minutes. Deterministic: the same options give the same events, ids included.
 */
export interface VolumeOptions {
  /** Fund 1035 projects on Line 2, the line the benchmark reports on. */
  line2Projects: number;
  /** Fund 1035 projects on Line 1 (the other line must never leak into Line 2's report). */
  line1Projects: number;
  /** Migration MPTF projects, for the fund-status report. */
  mptfProjects: number;
  /** Ledger movements per Line 2 project: commitment, transfers, release and refund, then bank charges to reach it. */
  movementsPerProject: number;
  /** Nothing happens after this moment. */
  now: Date;
  /** Varies amounts, dates and which reports correct which (default 1035). */
  seed?: number;
  /** The first fund year (default 2001); the last is 2026. */
  firstYear?: number;
}

type Scheduled = { at: number; order: number; build: () => FundsTopicEvent | ConceptsTopicEvent };

const DAY = 86_400_000;
const LAST_YEAR = 2026;
const COUNTRIES = ['PHL', 'KEN', 'IDN', 'NGA', 'BGD', 'MAR', 'GHA', 'SEN', 'VNM', 'NPL', 'ECU', 'GTM'];
const REGIONS = ['Asia and the Pacific', 'East and Horn of Africa', 'West and Central Africa', 'Americas'];
const ORGANISATIONS = ['IOM', 'UNDP', 'UNHCR', 'ILO', 'UNICEF'];
const OBLIGATION_KINDS = ['interim-narrative', 'interim-financial', 'final-narrative', 'final-financial', 'audit'];

/** A stable UUID from a name: the same history gets the same ids. */
export function uuidOf(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const usd = (minor: bigint) => ({
  amount: `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`,
  currency: 'USD',
});
const iso = (t: number) => new Date(t).toISOString();
const day = (t: number) => iso(t).slice(0, 10);

type Line = { accountKind: string; side: 'debit' | 'credit'; amountMinor: bigint };
const pair = (debit: string, credit: string, amountMinor: bigint): Line[] => [
  { accountKind: debit, side: 'debit', amountMinor },
  { accountKind: credit, side: 'credit', amountMinor },
];
/** The same lines as the funds service's POSTINGS (apps/funds/src/ledger/journal-entry.ts). */
const POSTINGS = {
  receipt: (m: bigint, source: string) => [...pair('cash', 'available', m), ...pair('control', source, m)],
  fee: (m: bigint) => [...pair('available', 'cash', m), ...pair('fees', 'control', m)],
  commitment: (m: bigint) => pair('available', 'committed', m),
  release: (m: bigint) => pair('committed', 'available', m),
  cost: (m: bigint, use: string) => [...pair('available', 'cash', m), ...pair(use, 'control', m)],
  transfer: (m: bigint) => [...pair('committed', 'cash', m), ...pair('transfers', 'control', m)],
};

function envelope<T extends string, P extends object>(
  type: T,
  aggregateType: string,
  aggregateId: string,
  at: number,
  payload: P,
) {
  return {
    eventId: uuidOf(`${type}/${aggregateId}/${at}/${JSON.stringify(payload)}`),
    type,
    aggregateType,
    aggregateId,
    occurredAt: iso(at),
    correlationId: aggregateId,
    actor: { userId: 'bench', role: 'system' as const },
    payload,
  };
}

function ledger(
  fundCode: string,
  pocketCode: string,
  type: string,
  reference: { type: string; id: string },
  at: number,
  lines: Line[],
): FundsTopicEvent {
  const entryId = uuidOf(`entry/${type}/${reference.id}/${at}/${pocketCode}`);
  return envelope(LEDGER_ENTRY_POSTED_V1, 'fund', fundCode, at, {
    entryId,
    fundCode,
    type,
    reference,
    description: type,
    postedAt: iso(at),
    lines: lines.map((l) => ({
      accountId: `${fundCode}:${pocketCode}:${l.accountKind}`,
      pocketCode,
      kind: l.accountKind,
      side: l.side,
      amount: usd(l.amountMinor),
    })),
  }) as FundsTopicEvent;
}

/** Every event of the history, in the order the topics would deliver them (by time; ties in scheduling order). */
export function scheduleHistory(options: VolumeOptions): Scheduled[] {
  const rand = seeded(options.seed ?? 1035);
  const FIRST_YEAR = options.firstYear ?? 2001;
  const now = options.now.getTime();
  const out: Scheduled[] = [];
  let order = 0;
  const at = (t: number, build: Scheduled['build']) => {
    if (t <= now) out.push({ at: t, order: order++, build });
  };
  const years = LAST_YEAR - FIRST_YEAR + 1;

  // Fund 1035: each year's funding is posted in mid-December of the year before, for the year funded (ADR 0015).
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const fundingId = uuidOf(`funding/${year}`);
    const t = Date.UTC(year - 1, 11, 15);
    const amounts = { LINE_1: 1_200_000_00n + BigInt(year) * 100n, LINE_2: 1_800_000_00n * 40n };
    for (const pocket of ['LINE_1', 'LINE_2'] as const) {
      at(t, () =>
        ledger(
          'FUND_1035',
          pocket,
          'credit-line.funding',
          { type: 'line-funding', id: fundingId },
          t,
          POSTINGS.receipt(amounts[pocket], 'contributions'),
        ),
      );
    }
    at(
      t,
      () =>
        envelope(CREDIT_LINE_FUNDED_V1, 'fund', 'FUND_1035', t, {
          fundingId,
          fundCode: 'FUND_1035',
          year,
          line1: usd(amounts.LINE_1),
          line2: usd(amounts.LINE_2),
          steps: [],
        }) as FundsTopicEvent,
    );
  }

  const project = (
    fund: 'FUND_1035' | 'MIGRATION_MPTF',
    pocketCode: string,
    i: number,
    count: number,
    fill: number,
  ) => {
    const key = `${fund}/${pocketCode}/${i}`;
    const conceptId = uuidOf(`concept/${key}`);
    const allocationId = uuidOf(`allocation/${key}`);
    const year = FIRST_YEAR + Math.floor((i * years) / count);
    const approvedAt = Date.UTC(year, 0, 10) + Math.floor(rand() * 340) * DAY + Math.floor(rand() * DAY);
    const amount = BigInt(50_000_00 + Math.floor(rand() * 450_000) * 100);
    const country = COUNTRIES[i % COUNTRIES.length];
    const orgs = [ORGANISATIONS[i % 5], ORGANISATIONS[(i + 2) % 5]];
    const creditLine = pocketCode === 'LINE_1' ? 1 : 2;
    at(approvedAt - 60 * DAY, () =>
      fund === 'FUND_1035'
        ? (envelope(PROJECT_PROPOSAL_SUBMITTED_V1, 'project-proposal', conceptId, approvedAt - 60 * DAY, {
            proposalId: conceptId,
            fund,
            title: `Project ${i} of ${pocketCode}`,
            submittingCountry: country,
            region: REGIONS[i % REGIONS.length],
            scope: 'national',
            countries: [country],
            creditLine,
            focusArea: ['labour-mobility', 'diaspora', 'border-management'][i % 3],
            requested: usd(amount),
            version: 1,
            submittedAt: iso(approvedAt - 60 * DAY),
          }) as ConceptsTopicEvent)
        : (envelope(CONCEPT_NOTE_SUBMITTED_V1, 'concept-note', conceptId, approvedAt - 60 * DAY, {
            conceptNoteId: conceptId,
            fund,
            title: `MPTF project ${i}`,
            submittingCountry: country,
            region: REGIONS[i % REGIONS.length],
            scope: 'national',
            countries: [country],
            thematicArea: 1 + (i % 5),
            gcmObjectives: [1],
            participatingOrganisations: orgs,
            requested: usd(amount),
            version: 1,
            submittedAt: iso(approvedAt - 60 * DAY),
          }) as ConceptsTopicEvent),
    );
    const obligations = OBLIGATION_KINDS.map((kind, k) => ({
      obligationId: uuidOf(`obligation/${key}/${k}`),
      kind,
      dueOn: day(approvedAt + (180 + k * 120) * DAY),
    }));
    at(
      approvedAt,
      () =>
        envelope(ALLOCATION_APPROVED_V2, 'allocation', allocationId, approvedAt, {
          decisionId: uuidOf(`decision/${key}`),
          sessionId: uuidOf(`session/${year}`),
          conceptId,
          fund,
          reasons: 'approved',
          participants: ['chair'],
          recused: [],
          decidedAt: iso(approvedAt),
          allocation: {
            allocationId,
            pocketCode,
            ...(fund === 'FUND_1035' ? { creditLine: creditLine as 1 | 2 } : {}),
            amount: usd(amount),
            shares: orgs.map((organisation) => ({ organisation, amount: usd(amount / 2n) })),
            startDate: day(approvedAt),
            endDate: day(approvedAt + 720 * DAY),
            obligations,
          },
        }) as FundsTopicEvent,
    );
    at(approvedAt, () =>
      ledger(
        fund,
        pocketCode,
        'allocation.commitment',
        { type: 'allocation', id: allocationId },
        approvedAt,
        POSTINGS.commitment(amount),
      ),
    );
    let movements = 2;
    let transferred = 0n;
    for (let k = 0; k < 4; k++) {
      const t = approvedAt + (30 + k * 90 + Math.floor(rand() * 60)) * DAY;
      const part = k < 3 ? amount / 5n : amount / 5n - 1_000_00n;
      transferred += part;
      const transferId = uuidOf(`transfer/${key}/${k}`);
      const organisation = orgs[k % 2];
      at(t, () =>
        ledger(
          fund,
          pocketCode,
          'allocation.transfer',
          { type: 'transfer', id: transferId },
          t,
          POSTINGS.transfer(part),
        ),
      );
      at(
        t,
        () =>
          envelope(TRANSFER_DISBURSED_V1, 'allocation', allocationId, t, {
            transferId,
            allocationId,
            conceptId,
            fund,
            pocketCode,
            organisation,
            amount: usd(part),
            transferredToOrganisation: usd(part),
            status: 'under-implementation',
            transferDate: day(t),
          }) as FundsTopicEvent,
      );
      movements += 4;
    }
    // Two annual reports, then a correction of the first: the latest per organisation and year counts.
    const reports: Array<[number, number, bigint, string]> = [
      [200 + Math.floor(rand() * 100), year, amount / 6n, orgs[0]],
      [400, year + Math.floor(rand() * 2), amount / 4n, orgs[Math.floor(rand() * 2)]],
      [rand() < 0.2 ? 400 : 420, year, amount / 5n, orgs[0]],
    ];
    for (const [offset, reportYear, spent, organisation] of reports) {
      const t = approvedAt + offset * DAY;
      at(
        t,
        () =>
          envelope(EXPENDITURE_REPORTED_V1, 'allocation', allocationId, t, {
            allocationId,
            conceptId,
            fund,
            organisation,
            year: reportYear,
            amount: usd(spent),
            spentByOrganisation: usd(spent),
          }) as FundsTopicEvent,
      );
    }
    // Reports early, late and on the day they are due: the credit-line report counts the late ones (F12).
    for (const [k, o] of obligations.slice(0, 3).entries()) {
      const t = approvedAt + (180 + k * 120 + [-10, 10, 0][k]) * DAY;
      at(
        t,
        () =>
          envelope(OBLIGATION_SUBMITTED_V1, 'allocation', allocationId, t, {
            obligationId: o.obligationId,
            allocationId,
            conceptId,
            kind: o.kind,
            submittedOn: day(t),
          }) as FundsTopicEvent,
      );
    }
    const closedAt = approvedAt + (700 + Math.floor(rand() * 200)) * DAY;
    const released = amount - transferred;
    const refunded = transferred - amount / 5n - amount / 4n;
    at(closedAt, () =>
      ledger(
        fund,
        pocketCode,
        'allocation.release',
        { type: 'release', id: allocationId },
        closedAt,
        POSTINGS.release(released),
      ),
    );
    at(closedAt, () =>
      ledger(
        fund,
        pocketCode,
        'allocation.refund',
        { type: 'refund', id: allocationId },
        closedAt,
        POSTINGS.receipt(refunded, 'refunds'),
      ),
    );
    at(
      closedAt,
      () =>
        envelope(ALLOCATION_CLOSED_V1, 'allocation', allocationId, closedAt, {
          allocationId,
          conceptId,
          fund,
          pocketCode,
          refunded: usd(refunded),
          released: usd(released),
          closedAt: iso(closedAt),
        }) as FundsTopicEvent,
    );
    movements += 6;
    // Bank charges on the project's wires make up the rest of the movements (four lines each).
    for (let k = 0; movements + 4 <= fill; k++, movements += 4) {
      const t = approvedAt + (31 + k * 9) * DAY + k * 1000;
      const costId = uuidOf(`cost/${key}/${k}`);
      at(t, () =>
        ledger(
          fund,
          pocketCode,
          'fund-cost.bank-charge',
          { type: 'fund-cost', id: costId },
          t,
          POSTINGS.cost(25_00n + BigInt(k), 'bankCharges'),
        ),
      );
    }
  };

  for (let i = 0; i < options.line2Projects; i++)
    project('FUND_1035', 'LINE_2', i, options.line2Projects, options.movementsPerProject);
  for (let i = 0; i < options.line1Projects; i++) project('FUND_1035', 'LINE_1', i, options.line1Projects, 0);

  // The MPTF from 2019: deposits with the Administrative Agent fee, then its own projects.
  for (let k = 0; k < options.mptfProjects * 2; k++) {
    const t = Date.UTC(2019, 0, 5) + Math.floor((k * (now - Date.UTC(2019, 0, 5))) / (options.mptfProjects * 2 + 1));
    const depositId = uuidOf(`deposit/${k}`);
    const gross = BigInt(1_000_000_00 + (k % 7) * 10_000_00);
    const fee = gross / 100n;
    const pocketCode = 'UNEARMARKED';
    at(t, () =>
      ledger('MIGRATION_MPTF', pocketCode, 'contribution.deposit', { type: 'deposit', id: depositId }, t, [
        ...POSTINGS.receipt(gross, 'contributions'),
        ...POSTINGS.fee(fee),
      ]),
    );
    at(
      t,
      () =>
        envelope(CONTRIBUTION_DEPOSITED_V1, 'fund', 'MIGRATION_MPTF', t, {
          depositId,
          donorId: uuidOf(`donor/${k % 12}`),
          donorName: `Donor ${k % 12}`,
          fundCode: 'MIGRATION_MPTF',
          pocketCode,
          original: usd(gross),
          usdRate: '1',
          usd: usd(gross),
          fee: usd(fee),
          feeBasisPoints: 100,
          depositDate: day(t),
          entryId: uuidOf(`entry/contribution.deposit/${depositId}/${t}/${pocketCode}`),
        }) as FundsTopicEvent,
    );
  }
  for (let i = 0; i < options.mptfProjects; i++) project('MIGRATION_MPTF', 'UNEARMARKED', i, options.mptfProjects, 0);
  return out.sort((a, b) => a.at - b.at || a.order - b.order);
}

/** Projects the history in transactions of `batch` events, as the consumer would, one `handle()` per event. */
export async function projectHistory(
  dataSource: DataSource,
  schedule: Scheduled[],
  progress: (done: number) => void,
  batch = 500,
): Promise<void> {
  // Every funds-topic projection that handles a type applies it, in the consumer's order (issue 14: budgets too).
  const funds = [new FinanceProjection(), new BudgetProjection()];
  const submissions = new SubmissionProjection();
  for (let start = 0; start < schedule.length; start += batch) {
    await dataSource.transaction(async (manager) => {
      for (const s of schedule.slice(start, start + batch)) {
        const event = s.build();
        const handlers = funds.filter((h) => h.handles.includes(event.type as FundsTopicEvent['type']));
        if (handlers.length === 0) await submissions.handle(event as ConceptsTopicEvent, manager);
        for (const handler of handlers) await handler.handle(event as FundsTopicEvent, manager);
      }
    });
    progress(Math.min(start + batch, schedule.length));
  }
}
