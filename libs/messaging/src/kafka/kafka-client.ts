import { TOPIC_PARTITIONS, TOPICS } from '@fundline/contracts';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';

/**
 * kafkajs logs through Nest's logger. Its errors are retried by the client itself, so they are warnings here; its
 * own warnings (coordinator not ready yet at start-up, and the like) are left out.
 */
function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const text = `${log.message}${log.broker ? ` (broker ${log.broker})` : ''}`;
    if (level <= logLevel.ERROR) logger.warn(text);
  };
}

export function createKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: { initialRetryTime: 200, retries: 10 },
  });
}

/**
 * Topics are created explicitly (auto-creation is off on our broker): a consumer subscribing before a topic exists
 * would fail, and partition counts are a design decision, not an accident.
 */
/**
 * A namespace prefixes every topic and consumer group, so that several Fundline environments (or test runs) can
 * share one Kafka cluster without seeing each other's events. Empty in a normal deployment.
 */
export function physicalName(namespace: string, name: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

export async function ensureTopics(kafka: Kafka, namespace = ''): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(TOPICS)
      .map((t) => physicalName(namespace, t))
      .filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })),
      });
    }
  } catch (error) {
    // Another service may create the same topic at the same moment; that is the state we wanted anyway.
    if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
  } finally {
    await admin.disconnect();
  }
}

export async function kafkaReachable(kafka: Kafka, timeoutMs = 2_000): Promise<boolean> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const check = admin
    .connect()
    .then(() => admin.describeCluster())
    .then(() => true)
    .catch(() => false)
    .finally(() => admin.disconnect().catch(() => undefined));
  return Promise.race([check, timeout]);
}

/**
 * The producer both the relay and the dead-letter path use: idempotent with one request in flight, so a retried
 * send neither duplicates nor reorders messages of a partition. The partitioner hashes the key (aggregate id).
 */
export function orderedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
