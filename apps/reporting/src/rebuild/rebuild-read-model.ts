import { TOPICS } from '@fundline/contracts';
import {
  ConsumerBatching,
  createKafka,
  ensureTopics,
  EventConsumer,
  MessagePosition,
  OutboxMessage,
  physicalName,
  ProcessedEvent,
} from '@fundline/messaging';
import { ensureSchema, typeOrmOptions } from '@fundline/persistence';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { FinanceProjection } from '../finance/finance.projection';
import { PipelineDecisionRecord, PipelineEntryRecord } from '../pipeline/pipeline-entry.entity';
import { ReferenceProjection } from '../pipeline/reference.projection';
import { SubmissionProjection } from '../pipeline/submission.projection';
import { ResultsProjection } from '../results/results.projection';
import { BudgetProjection } from '../budgets/budget.projection';
import { REPORTING_MIGRATIONS } from '../reporting.migrations';

export interface RebuildOptions {
  databaseUrl: string;
  kafkaBrokers: string[];
  kafkaNamespace: string;
  /** The live schema, swapped for the rebuilt copy at the end. */
  schema?: string;
  progress?: (done: number, total: number) => void;
}

type Targets = Map<string, bigint>;
const key = (topic: string, partition: number) => `${topic}#${partition}`;
const TOPICS_READ = [TOPICS.concepts, TOPICS.funds];

/**
 * A replay is throughput, not latency: long runs per transaction (one commit and one inbox statement per thousand
 * events) and fetches that bring thousands of messages. Measured in docs/benchmarks.md ("Rebuild throughput").
 */
const REPLAY: ConsumerBatching = { maxEvents: 1_000, maxBytesPerPartition: 4 * 1024 * 1024 };

/** The next offset to read on each partition now: what "caught up" means for this run. */
async function endOffsets(kafka: Kafka, topics: string[]): Promise<{ targets: Targets; total: bigint }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const targets: Targets = new Map();
    let total = 0n;
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        targets.set(key(topic, p.partition), BigInt(p.high));
        total += BigInt(p.high) - BigInt(p.low);
      }
    }
    return { targets, total };
  } finally {
    await admin.disconnect();
  }
}

function dataSourceFor(options: RebuildOptions, schema: string): DataSource {
  return new DataSource(
    typeOrmOptions({
      url: options.databaseUrl,
      schema,
      entities: [OutboxMessage, ProcessedEvent, PipelineEntryRecord, PipelineDecisionRecord],
      migrations: REPORTING_MIGRATIONS,
      poolSize: 4,
    }) as DataSourceOptions,
  );
}

/** Consumes with `groupId` until every partition reached its target offset. */
async function consumeUntil(
  dataSource: DataSource,
  kafka: Kafka,
  options: RebuildOptions,
  groupId: string,
  targets: Targets,
  onEvent: () => void,
): Promise<void> {
  // Where the group already is (the catch-up after the swap resumes the replay's group): nothing left may mean no
  // message at all will arrive, so the wait must start from the committed offsets.
  const reached = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = TOPICS_READ.map((t) => physicalName(options.kafkaNamespace, t));
    for (const { topic, partitions } of await admin.fetchOffsets({
      groupId: physicalName(options.kafkaNamespace, groupId),
      topics,
    })) {
      for (const p of partitions) if (BigInt(p.offset) >= 0n) reached.set(key(topic, p.partition), BigInt(p.offset));
    }
  } finally {
    await admin.disconnect();
  }
  const done = () => [...targets].every(([k, target]) => target === 0n || (reached.get(k) ?? 0n) >= target);
  // Nothing left (the catch-up when nothing was published during the replay): no group to join.
  if (done()) return;
  const consumer = new EventConsumer(dataSource, kafka, {
    groupId,
    topics: TOPICS_READ,
    namespace: options.kafkaNamespace,
    handlers: [
      new SubmissionProjection(),
      new FinanceProjection(),
      new ReferenceProjection(),
      new ResultsProjection(),
      new BudgetProjection(),
    ],
    batching: REPLAY,
  });
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  consumer.onProcessed((_event, _outcome, position: MessagePosition) => {
    reached.set(key(position.topic, position.partition), BigInt(position.offset) + 1n);
    onEvent();
    if (done()) resolve();
  });
  await consumer.start();
  if (!done()) await finished;
  await consumer.stop();
}

/**
 * Rebuilds the read model from the topics: a fresh copy of the schema is filled by replaying every event from the
 * beginning, swapped in with two renames in one transaction (reads never stop: their queries name the schema, which
 * now holds the new tables), then brought up to the events published meanwhile. The live consumer keeps running; the
 * inbox of the new copy makes every overlap harmless.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<{ events: number; seconds: number }> {
  const started = Date.now();
  const live = options.schema ?? 'reporting';
  const next = `${live}_next`;
  const old = `${live}_old`;
  const sql = async (statements: string[]) => {
    const client = new Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  };
  await sql([`DROP SCHEMA IF EXISTS "${next}" CASCADE`, `DROP SCHEMA IF EXISTS "${old}" CASCADE`]);
  await ensureSchema(options.databaseUrl, next);
  const kafka = createKafka('reporting-rebuild', options.kafkaBrokers);
  await ensureTopics(kafka, options.kafkaNamespace);
  const groupId = `fundline-reporting-rebuild-${started}`;
  const topics = TOPICS_READ.map((t) => physicalName(options.kafkaNamespace, t));
  let events = 0;
  const { targets, total } = await endOffsets(kafka, topics);
  // Counted outside the optional call: without a progress listener its arguments are never evaluated.
  const tick = () => {
    events++;
    options.progress?.(events, Number(total));
  };

  const fresh = dataSourceFor(options, next);
  await fresh.initialize();
  try {
    await consumeUntil(fresh, kafka, options, groupId, targets, tick);
  } finally {
    await fresh.destroy();
  }
  await sql([
    'BEGIN',
    `ALTER SCHEMA "${live}" RENAME TO "${old}"`,
    `ALTER SCHEMA "${next}" RENAME TO "${live}"`,
    'COMMIT',
  ]);

  // Events published while the copy was built went to the old tables through the live consumer: replay them too.
  const since = await endOffsets(kafka, topics);
  const swapped = dataSourceFor(options, live);
  await swapped.initialize();
  try {
    await consumeUntil(swapped, kafka, options, groupId, since.targets, tick);
  } finally {
    await swapped.destroy();
  }
  await sql([`DROP SCHEMA "${old}" CASCADE`]);
  return { events, seconds: (Date.now() - started) / 1000 };
}
