import { runService, serviceConfigFromEnv } from '@fundline/http';
import { createKafka } from '@fundline/messaging';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_SCHEMA, NotificationsModule } from './notifications.module';
import { notifierConfigFromEnv } from './notifier-config';
import { replayNotifier } from './replay/replay-notifier';

/** `node dist/apps/notifications/main.js replay` (npm run notifications:replay), with the notifier stopped. */
async function replay(): Promise<void> {
  const config = serviceConfigFromEnv(process.env, 3004);
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl, schema: NOTIFICATIONS_SCHEMA });
  await dataSource.initialize();
  try {
    await replayNotifier(dataSource, createKafka('notifications-replay', config.kafkaBrokers), config.kafkaNamespace);
  } finally {
    await dataSource.destroy();
  }
  process.stderr.write('the notifier will replay both topics when it starts; no notification is sent twice\n');
}

if (process.argv[2] === 'replay') {
  replay().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  runService({
    name: 'notifications',
    schema: NOTIFICATIONS_SCHEMA,
    defaultPort: 3004,
    title: 'Fundline notifications',
    description:
      'Who is told what: reminders of reports owed, screening verdicts, decisions and transfers by mail in English, ' +
      'French or Spanish; contacts and preferences; webhooks for integrators',
    module: (config) => NotificationsModule.forRoot(config, notifierConfigFromEnv(process.env)),
  });
}
