import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  Optional,
  Provider,
  Type,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConsumerProgress } from './inbox/consumer-progress';
import { EventConsumer, IntegrationEventHandler } from './inbox/event-consumer';
import { createKafka, ensureTopics, physicalName } from './kafka/kafka-client';
import { OutboxRelay } from './outbox/outbox-relay';
import { Publication } from './outbox/publication';

export const KAFKA = Symbol('KAFKA');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
const DEFAULT_FRESHNESS_WAIT_MS = 5_000;

export interface MessagingOptions {
  serviceName: string;
  schema: string;
  brokers: string[];
  /** Prefix of every topic and consumer group (see physicalName); empty in a normal deployment. */
  namespace: string;
  /** Whether this process runs the outbox relay (a service that publishes nothing leaves it off). */
  relay: boolean;
  /** How long a command that must see every earlier event (or be seen by others) waits before giving up; 5 s. */
  freshnessWaitMs?: number;
  /** How long work may wait without progress before readiness says the consumer or the outbox is stuck; 30 s. */
  stuckAfterMs?: number;
  /** The service's consumer group; `runsHere: false` for a replica that serves requests but consumes nothing. */
  consume?: {
    groupId: string;
    topics: string[];
    handlers: Type<IntegrationEventHandler>[];
    maxAttempts?: number;
    runsHere: boolean;
  };
}

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly consumer?: EventConsumer,
    @Optional() private readonly progress?: ConsumerProgress,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.options.namespace);
    await this.relay?.start();
    await this.consumer?.start();
  }

  /** Before the database pool closes (onApplicationShutdown), so in-flight work can still commit. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
    await this.progress?.close();
  }
}

/** Kafka, the outbox relay and the idempotent consumer of one service, started and stopped with the app. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const handlers = options.consume?.runsHere ? options.consume.handlers : [];
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      { provide: KAFKA, useFactory: () => createKafka(options.serviceName, options.brokers) },
      ...handlers,
      MessagingLifecycle,
    ];
    if (options.relay) {
      providers.push({
        provide: OutboxRelay,
        inject: [DataSource, KAFKA],
        useFactory: (dataSource: DataSource, kafka: Kafka) =>
          new OutboxRelay(dataSource, kafka, { schema: options.schema, namespace: options.namespace }),
      });
    }
    const consume = options.consume;
    if (consume?.runsHere) {
      providers.push({
        provide: EventConsumer,
        inject: [DataSource, KAFKA, ...handlers],
        useFactory: (dataSource: DataSource, kafka: Kafka, ...instances: IntegrationEventHandler[]) =>
          new EventConsumer(dataSource, kafka, {
            groupId: consume.groupId,
            topics: consume.topics,
            namespace: options.namespace,
            handlers: instances,
            maxAttempts: consume.maxAttempts,
          }),
      });
    }
    if (consume) {
      providers.push({
        provide: ConsumerProgress,
        inject: [KAFKA, { token: EventConsumer, optional: true }],
        useFactory: (kafka: Kafka, consumer?: EventConsumer) =>
          new ConsumerProgress(
            kafka,
            physicalName(options.namespace, consume.groupId),
            consume.topics.map((t) => physicalName(options.namespace, t)),
            options.freshnessWaitMs ?? DEFAULT_FRESHNESS_WAIT_MS,
            consumer,
          ),
      });
    }
    providers.push({
      provide: Publication,
      inject: [DataSource, { token: OutboxRelay, optional: true }],
      useFactory: (dataSource: DataSource, relay?: OutboxRelay) =>
        new Publication(dataSource, options.freshnessWaitMs ?? DEFAULT_FRESHNESS_WAIT_MS, relay),
    });
    return {
      module: MessagingModule,
      providers,
      exports: [
        KAFKA,
        MESSAGING_OPTIONS,
        Publication,
        ...(options.relay ? [OutboxRelay] : []),
        ...(consume?.runsHere ? [EventConsumer] : []),
        ...(consume ? [ConsumerProgress] : []),
      ],
    };
  }
}
