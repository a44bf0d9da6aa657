import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_REJECTED_V2,
  CONCEPT_NOTE_SCREENED_V1,
  CONCEPT_NOTE_SUBMITTED_V1,
  CONCEPT_NOTE_WITHDRAWN_V1,
  CONTRIBUTION_DEPOSITED_V1,
  CREDIT_LINE_FUNDED_V1,
  EXPENDITURE_REPORTED_V1,
  EVENT_CONTRACTS,
  FUND_COST_RECORDED_V1,
  LEDGER_ENTRY_POSTED_V1,
  OBLIGATION_SUBMITTED_V1,
  PROJECT_PROPOSAL_SCREENED_V1,
  PROJECT_PROPOSAL_SUBMITTED_V1,
  PROJECT_PROPOSAL_WITHDRAWN_V1,
  REFERENCE_DATA_RECORDED_V1,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import {
  ensureTopics,
  OutboxMessage,
  orderedProducer,
  physicalName,
  ProcessedEvent,
  createKafka,
} from '@fundline/messaging';
import { ensureSchema, typeOrmOptions } from '@fundline/persistence';
import { connect, createTestDatabase, kafkaBrokers, TestDatabase } from '@fundline/testing';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { FinanceProjection } from '../finance/finance.projection';
import { PipelineDecisionRecord, PipelineEntryRecord } from '../pipeline/pipeline-entry.entity';
import { ReferenceProjection } from '../pipeline/reference.projection';
import { SubmissionProjection } from '../pipeline/submission.projection';
import { REPORTING_MIGRATIONS } from '../reporting.migrations';
import { rebuildReadModel } from './rebuild-read-model';

/**
 * The rebuild benchmark of issue 16 (docs/benchmarks.md, "Rebuild throughput"): writes a long, realistic history
 * straight to the topics of a namespace of its own (projects of both funds from submission to closure, deposits,
 * yearly line funding, costs, and every ledger entry they post), then times `rebuildReadModel` over it. A benchmark,
 * not a test: `npm test` does not collect it; `npm run bench:rebuild` runs it. BENCH_REBUILD_PROJECTS sets the size (3,200 projects, about 52,000
 * events, by default); BENCH_REBUILD_PROJECTIONS=off times the consumer alone (projections do nothing);
 * BENCH_REBUILD_STATEMENTS=1 prints the time of every statement the projections run.
 */
const PROJECTS = Number(process.env.BENCH_REBUILD_PROJECTS ?? 3_200);
const YEARS = 20;
const FIRST_YEAR = 2006;

interface Message {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A history in the order the services would have published it, with the ledger lines it holds. */
function history(namespace: string): { messages: Message[]; ledgerLines: number; projects: number } {
  const messages: Message[] = [];
  let ledgerLines = 0;
  const actor = { userId: 'bench', role: 'system' as const };
  const usd = (minor: bigint) => ({
    amount: `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`,
    currency: 'USD',
  });
  const emit = (type: string, aggregateId: string, occurredAt: string, payload: object) => {
    const contract = EVENT_CONTRACTS[type];
    const eventId = randomUUID();
    const value = JSON.stringify({
      eventId,
      type,
      aggregateType: contract.aggregateType,
      aggregateId,
      occurredAt,
      correlationId: eventId,
      actor,
      payload,
    });
    messages.push({
      topic: physicalName(namespace, contract.topic),
      key: aggregateId,
      value,
      headers: { 'event-id': eventId, 'event-type': type },
    });
  };
  const ledger = (
    fundCode: string,
    pocketCode: string,
    type: string,
    reference: { type: string; id: string },
    at: string,
    pairs: Array<[string, string, bigint]>,
  ) => {
    const lines = pairs.flatMap(([debit, credit, minor]) => [
      { accountId: `${fundCode}:${pocketCode}:${debit}`, pocketCode, kind: debit, side: 'debit', amount: usd(minor) },
      {
        accountId: `${fundCode}:${pocketCode}:${credit}`,
        pocketCode,
        kind: credit,
        side: 'credit',
        amount: usd(minor),
      },
    ]);
    ledgerLines += lines.length;
    emit(LEDGER_ENTRY_POSTED_V1, fundCode, at, {
      entryId: randomUUID(),
      fundCode,
      type,
      reference,
      description: type,
      postedAt: at,
      lines,
    });
  };
  const day = (year: number, dayOfYear: number) =>
    new Date(Date.UTC(year, 0, 1) + Math.min(dayOfYear, 364) * 86_400_000).toISOString();
  const date = (iso: string) => iso.slice(0, 10);

  for (const [i, country] of ['PHL', 'MEX', 'KEN', 'SEN', 'BGD'].entries()) {
    emit(REFERENCE_DATA_RECORDED_V1, `country/${country}`, day(FIRST_YEAR, i), {
      dataset: 'country',
      key: country,
      effectiveFrom: date(day(FIRST_YEAR, 0)),
      value: { region: 'asia-pacific' },
    });
  }
  const perYear = Math.ceil(PROJECTS / YEARS);
  let project = 0;
  for (let year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
    // Deposits, then the year's line funding, then the projects of the year.
    for (let d = 0; d < Math.max(1, Math.round(perYear / 5)); d++) {
      const at = day(year, d);
      const depositId = randomUUID();
      const entryId = randomUUID();
      const fundCode = d % 3 === 0 ? 'MIGRATION_MPTF' : 'FUND_1035';
      const pocketCode = fundCode === 'FUND_1035' ? 'LINE_1' : 'UNEARMARKED';
      emit(CONTRIBUTION_DEPOSITED_V1, fundCode, at, {
        depositId,
        donorId: randomUUID(),
        donorName: `Donor ${d}`,
        fundCode,
        pocketCode,
        original: usd(500_000_00n),
        usdRate: '1',
        usd: usd(500_000_00n),
        fee: usd(5_000_00n),
        feeBasisPoints: 100,
        depositDate: date(at),
        entryId,
      });
      ledger(fundCode, pocketCode, 'contribution.deposit', { type: 'deposit', id: depositId }, at, [
        ['cash', 'available', 500_000_00n],
        ['control', 'contributions', 500_000_00n],
        ['available', 'cash', 5_000_00n],
        ['fees', 'control', 5_000_00n],
      ]);
    }
    const fundingId = randomUUID();
    const fundedAt = day(year, 30);
    for (const line of ['LINE_1', 'LINE_2']) {
      ledger('FUND_1035', line, 'line-funding.funding', { type: 'line-funding', id: fundingId }, fundedAt, [
        ['cash', 'available', 1_000_000_00n],
        ['control', 'contributions', 1_000_000_00n],
      ]);
    }
    emit(CREDIT_LINE_FUNDED_V1, 'FUND_1035', fundedAt, {
      fundingId,
      fundCode: 'FUND_1035',
      year,
      line1: usd(1_000_000_00n),
      line2: usd(1_000_000_00n),
      steps: [{ step: 'line 1', formula: 'a * b', result: usd(1_000_000_00n) }],
    });
    const costId = randomUUID();
    emit(FUND_COST_RECORDED_V1, 'FUND_1035', day(year, 31), {
      costId,
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_2',
      kind: 'bank-charge',
      amount: usd(120_00n),
      incurredOn: date(day(year, 31)),
      description: 'bank charge',
      entryId: randomUUID(),
    });
    ledger('FUND_1035', 'LINE_2', 'fund-cost.bank-charge', { type: 'fund-cost', id: costId }, day(year, 31), [
      ['available', 'cash', 120_00n],
      ['bankCharges', 'control', 120_00n],
    ]);

    for (let n = 0; n < perYear && project < PROJECTS; n++, project++) {
      const conceptId = randomUUID();
      const start = 40 + (n % 200);
      const proposal = project % 4 !== 3;
      const fund = proposal ? 'FUND_1035' : 'MIGRATION_MPTF';
      const pocketCode = proposal ? `LINE_${1 + (project % 2)}` : 'UNEARMARKED';
      const submittedAt = day(year, start);
      if (proposal) {
        emit(PROJECT_PROPOSAL_SUBMITTED_V1, conceptId, submittedAt, {
          proposalId: conceptId,
          fund,
          title: `Project ${project}`,
          submittingCountry: 'PHL',
          region: 'asia-pacific',
          scope: 'national',
          countries: ['PHL'],
          creditLine: 1 + (project % 2),
          focusArea: 'labour-mobility',
          requested: usd(200_000_00n),
          version: 1,
          submittedAt,
        });
      } else {
        emit(CONCEPT_NOTE_SUBMITTED_V1, conceptId, submittedAt, {
          conceptNoteId: conceptId,
          fund,
          title: `Concept ${project}`,
          submittingCountry: 'KEN',
          region: 'africa',
          scope: 'national',
          countries: ['KEN'],
          thematicArea: 1 + (project % 5),
          gcmObjectives: [1, 2],
          participatingOrganisations: ['IOM'],
          requested: usd(200_000_00n),
          version: 1,
          submittedAt,
        });
      }
      const screenedAt = day(year, start + 1);
      emit(proposal ? PROJECT_PROPOSAL_SCREENED_V1 : CONCEPT_NOTE_SCREENED_V1, conceptId, screenedAt, {
        submissionId: conceptId,
        fund,
        version: 1,
        trigger: 'submission',
        referenceDate: date(screenedAt),
        eligible: true,
        lines: [
          { rule: 'F1', passed: true, detail: 'ok' },
          { rule: 'F2', passed: true, detail: 'ok' },
        ],
        status: 'in-pipeline',
        expiresAt: day(year + 1, start),
        screenedAt,
      });
      // One in ten is withdrawn, one in ten rejected; the others are funded, paid, reported on and closed.
      if (project % 10 === 5) {
        emit(proposal ? PROJECT_PROPOSAL_WITHDRAWN_V1 : CONCEPT_NOTE_WITHDRAWN_V1, conceptId, day(year, start + 5), {
          submissionId: conceptId,
          fund,
          version: 1,
          fromStatus: 'in-pipeline',
          status: 'withdrawn',
          at: day(year, start + 5),
        });
        continue;
      }
      const decision = {
        decisionId: randomUUID(),
        sessionId: randomUUID(),
        conceptId,
        fund,
        reasons: 'committee',
        participants: ['chair'],
        recused: [],
        decidedAt: day(year, start + 10),
      };
      if (project % 10 === 6) {
        emit(ALLOCATION_REJECTED_V2, conceptId, decision.decidedAt, decision);
        continue;
      }
      const allocationId = randomUUID();
      const amount = 200_000_00n;
      const obligations = Array.from({ length: 5 }, (_, k) => ({
        obligationId: randomUUID(),
        kind: k < 3 ? 'narrative-report' : 'financial-report',
        dueOn: date(day(year + 1, k * 60)),
      }));
      emit(ALLOCATION_APPROVED_V2, conceptId, decision.decidedAt, {
        ...decision,
        allocation: {
          allocationId,
          pocketCode,
          ...(proposal ? { creditLine: 1 + (project % 2) } : {}),
          amount: usd(amount),
          shares: [{ organisation: 'IOM', amount: usd(amount) }],
          startDate: date(day(year, start + 20)),
          endDate: date(day(year + 2, start)),
          obligations,
        },
      });
      ledger(fund, pocketCode, 'allocation.commitment', { type: 'allocation', id: allocationId }, decision.decidedAt, [
        ['available', 'committed', amount],
      ]);
      for (let t = 0; t < 4; t++) {
        const transferId = randomUUID();
        const at = day(year, start + 30 + t * 30);
        emit(TRANSFER_DISBURSED_V1, conceptId, at, {
          transferId,
          allocationId,
          conceptId,
          fund,
          pocketCode,
          organisation: 'IOM',
          amount: usd(amount / 4n),
          transferredToOrganisation: usd(amount / 4n),
          status: 'under-implementation',
          transferDate: date(at),
        });
        ledger(fund, pocketCode, 'allocation.transfer', { type: 'transfer', id: transferId }, at, [
          ['committed', 'cash', amount / 4n],
          ['transfers', 'control', amount / 4n],
        ]);
      }
      for (let e = 0; e < 3; e++) {
        emit(EXPENDITURE_REPORTED_V1, conceptId, day(year + 1, e * 90), {
          allocationId,
          conceptId,
          fund,
          organisation: 'IOM',
          year: year + e,
          amount: usd(amount / 3n),
          spentByOrganisation: usd(amount / 3n),
        });
      }
      for (const o of obligations.slice(0, 3)) {
        emit(OBLIGATION_SUBMITTED_V1, conceptId, day(year + 1, 200), {
          obligationId: o.obligationId,
          allocationId,
          conceptId,
          kind: o.kind,
          submittedOn: date(day(year + 1, 200)),
        });
      }
      emit(ALLOCATION_CLOSED_V1, conceptId, day(year + 2, start), {
        allocationId,
        conceptId,
        fund,
        pocketCode,
        refunded: usd(0n),
        released: usd(0n),
        closedAt: day(year + 2, start),
      });
    }
  }
  return { messages, ledgerLines, projects: project };
}

/**
 * CPU seconds the PostgreSQL backends of one database used, sampled while they live (each backend's last reading
 * counts): the database's share of the rebuild next to this process's own `process.cpuUsage()`.
 */
function databaseCpu(database: string): { stop: () => number } {
  const ticksPerSecond = 100;
  const seen = new Map<number, number>();
  const sample = () => {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(database)) continue;
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
        seen.set(Number(name), Number(fields[11]) + Number(fields[12]));
      } catch {
        // The backend ended between the listing and the read.
      }
    }
  };
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return [...seen.values()].reduce((a, b) => a + b, 0) / ticksPerSecond;
    },
  };
}

/**
 * The wall time of every statement the projections run, by its text: which one a replay waits for. Returns the table,
 * slowest total first.
 */
function timeStatements(): () => string {
  const timings = new Map<string, { count: number; ms: number }>();
  const time = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      const t = timings.get(what) ?? { count: 0, ms: 0 };
      t.count++;
      t.ms += Number(process.hrtime.bigint() - started) / 1e6;
      timings.set(what, t);
    }
  };
  const query = EntityManager.prototype.query;
  jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (
    this: EntityManager,
    sql: string,
    parameters?: Parameters<EntityManager['query']>[1],
  ) {
    const text = sql
      .replace(/\s+/g, ' ')
      .replace(/"reporting(_next)?"\./g, '')
      .trim()
      .slice(0, 80);
    return time(text, () => query.call(this, sql, parameters));
  });
  for (const method of ['upsert', 'update'] as const) {
    const original = EntityManager.prototype[method] as (...args: unknown[]) => Promise<unknown>;
    jest.spyOn(EntityManager.prototype, method).mockImplementation(function (this: EntityManager, ...args: unknown[]) {
      return time(`manager.${method}`, () => original.apply(this, args)) as never;
    });
  }
  return () =>
    [...timings]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([what, t]) =>
          `${t.ms.toFixed(0).padStart(7)} ms ${String(t.count).padStart(7)}x ${((t.ms * 1000) / t.count).toFixed(0).padStart(6)} µs  ${what}\n`,
      )
      .join('');
}

describe('rebuild throughput', () => {
  const namespace = `bench-rebuild-${Date.now()}`;
  let db: TestDatabase;
  let written: ReturnType<typeof history>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The live schema the rebuild swaps out, as the service leaves it.
    await ensureSchema(db.url, 'reporting');
    const live = new DataSource(
      typeOrmOptions({
        url: db.url,
        schema: 'reporting',
        entities: [OutboxMessage, ProcessedEvent, PipelineEntryRecord, PipelineDecisionRecord],
        migrations: REPORTING_MIGRATIONS,
      }) as DataSourceOptions,
    );
    await live.initialize();
    await live.destroy();

    written = history(namespace);
    const kafka = createKafka('bench-rebuild', kafkaBrokers());
    await ensureTopics(kafka, namespace);
    const producer = orderedProducer(kafka);
    await producer.connect();
    try {
      for (let i = 0; i < written.messages.length; i += 400) {
        const chunk = written.messages.slice(i, i + 400);
        const byTopic = new Map<string, Message[]>();
        for (const m of chunk) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({
            topic,
            messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
          })),
        });
      }
    } finally {
      await producer.disconnect();
    }
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('replays the history into a fresh read model and swaps it in', async () => {
    if (process.env.BENCH_REBUILD_PROJECTIONS === 'off') {
      // What the consumer costs alone: fetching, decoding, the inbox and the transactions.
      for (const projection of [SubmissionProjection, FinanceProjection, ReferenceProjection])
        jest.spyOn(projection.prototype, 'handle').mockResolvedValue();
    }
    const statements = process.env.BENCH_REBUILD_STATEMENTS === '1' ? timeStatements() : undefined;
    let last = 0;
    const pg = databaseCpu(db.name);
    const node = process.cpuUsage();
    const result = await rebuildReadModel({
      databaseUrl: db.url,
      kafkaBrokers: kafkaBrokers(),
      kafkaNamespace: namespace,
      progress: (done) => (last = done),
    });
    const nodeCpu = process.cpuUsage(node);
    const pgSeconds = pg.stop();
    const rate = Math.round(result.events / result.seconds);
    process.stderr.write(
      `\nrebuild: ${result.events} events (${written.projects} projects, ${written.ledgerLines} ledger lines) in ` +
        `${result.seconds.toFixed(2)} s = ${rate} events/s; CPU: rebuild process ` +
        `${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s, PostgreSQL ${pgSeconds.toFixed(1)} s\n`,
    );
    if (statements) process.stderr.write(statements());
    expect(result.events).toBe(written.messages.length);
    expect(last).toBe(result.events);
    if (process.env.BENCH_REBUILD_PROJECTIONS === 'off') return;
    const client = await connect(db.url);
    try {
      const count = async (table: string) =>
        Number((await client.query(`SELECT count(*) AS n FROM "reporting"."${table}"`)).rows[0].n);
      expect(await count('processed_events')).toBe(written.messages.length);
      expect(await count('ledger_movements')).toBe(written.ledgerLines);
      expect(await count('pipeline_entries')).toBe(written.projects);
    } finally {
      await client.end();
    }
  }, 1_800_000);
});
