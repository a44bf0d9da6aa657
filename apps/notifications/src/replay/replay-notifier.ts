import { TOPICS } from '@fundline/contracts';
import { physicalName } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

/**
 * Rebuilds what the notifier knows from the topics: forgets submissions, allocations, reports owed and the inbox, and
 * moves its consumer group back to the beginning. Contacts, preferences, webhook endpoints and every notification and
 * delivery already decided stay: their unique keys are what keep a replayed event from telling anyone twice. Run it
 * with the notifier stopped (its consumer group must be empty).
 */
export async function replayNotifier(dataSource: DataSource, kafka: Kafka, namespace: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const table of [
      'held_events',
      'obligations',
      'allocations',
      'decided_submissions',
      'submissions',
      'processed_events',
    ]) {
      await manager.query(`DELETE FROM ${tableOf(manager, table)}`);
    }
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groupId = physicalName(namespace, 'fundline-notifications');
    for (const topic of [TOPICS.concepts, TOPICS.funds]) {
      await admin.resetOffsets({ groupId, topic: physicalName(namespace, topic), earliest: true });
    }
  } finally {
    await admin.disconnect();
  }
}
