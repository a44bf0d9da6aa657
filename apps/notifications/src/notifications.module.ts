import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { Clock, SystemClock } from '@fundline/domain';
import { HealthController, READINESS_CHECKS, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { ContactsController } from './contacts/contacts.controller';
import { Contacts } from './contacts/contacts';
import { DailyDigest } from './digest/daily-digest';
import { NotifierEvents } from './events/notifier-events';
import { NotificationLogController } from './log/notification-log.controller';
import { MailDispatch } from './mail/mail-dispatch';
import { MailReadiness } from './mail/mail-readiness';
import { Mailer } from './mail/mailer';
import { Notices } from './notices/notices';
import { Recipients } from './notices/recipients';
import { NOTIFICATIONS_MIGRATIONS } from './notifications.migrations';
import { NOTIFIER_CONFIG, NotifierConfig } from './notifier-config';
import { NoticeScan } from './reminders/notice-scan';
import { ObligationNotices } from './reminders/obligation-notices';
import { WEBHOOK_CONTROLLERS, WEBHOOK_EVENT_PROVIDERS, WEBHOOK_PROVIDERS, WebhookReadiness } from './webhooks/webhooks';

export const NOTIFICATIONS_SCHEMA = 'notifications';

/**
 * What the event handler needs, global so that the messaging module (where the consumer and its handlers live) can
 * inject it.
 */
@Global()
@Module({})
class NotifierCoreModule {
  static forRoot(notifier: NotifierConfig, clock: Clock): DynamicModule {
    const providers: Provider[] = [
      { provide: Clock, useValue: clock },
      { provide: NOTIFIER_CONFIG, useValue: notifier },
      ...WEBHOOK_EVENT_PROVIDERS,
      Recipients,
      Notices,
      ObligationNotices,
    ];
    const exported = providers.map((p) => (typeof p === 'function' ? p : p.provide));
    return { module: NotifierCoreModule, providers, exports: exported };
  }
}

/**
 * The notifier: reads the concepts and funds topics, decides who is told what (mail, in the recipient's language) and
 * delivers events to integrators' webhooks. It publishes nothing, so it has no outbox relay.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: ServiceConfig, notifier: NotifierConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        NotifierCoreModule.forRoot(notifier, clock),
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: NOTIFICATIONS_SCHEMA,
            entities: [OutboxMessage, ProcessedEvent],
            migrations: NOTIFICATIONS_MIGRATIONS,
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'notifications',
          schema: NOTIFICATIONS_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          freshnessWaitMs: config.freshnessWaitMs,
          stuckAfterMs: config.stuckAfterMs,
          relay: false,
          consume: {
            groupId: 'fundline-notifications',
            topics: [TOPICS.concepts, TOPICS.funds],
            handlers: [NotifierEvents],
            runsHere: config.consume,
          },
        }),
      ],
      controllers: [ContactsController, NotificationLogController, ...WEBHOOK_CONTROLLERS, HealthController],
      providers: [
        Contacts,
        NoticeScan,
        DailyDigest,
        Mailer,
        MailDispatch,
        MailReadiness,
        ...WEBHOOK_PROVIDERS,
        {
          provide: READINESS_CHECKS,
          useFactory: (mail: MailReadiness, webhooks: WebhookReadiness) => [mail, webhooks],
          inject: [MailReadiness, WebhookReadiness],
        },
      ],
    };
  }
}
