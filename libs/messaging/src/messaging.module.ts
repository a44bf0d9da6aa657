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
import { EventConsumer, IntegrationEventHandler } from './inbox/event-consumer';
import { createKafka, ensureTopics } from './kafka/kafka-client';
import { OutboxRelay } from './outbox/outbox-relay';

export const KAFKA = Symbol('KAFKA');
const OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  serviceName: string;
  schema: string;
  brokers: string[];
  /** Prefix of every topic and consumer group (see physicalName); empty in a normal deployment. */
  namespace: string;
  /** Whether this process runs the outbox relay (a service that publishes nothing leaves it off). */
  relay: boolean;
  consume?: {
    groupId: string;
    topics: string[];
    handlers: Type<IntegrationEventHandler>[];
    maxAttempts?: number;
  };
}

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly consumer?: EventConsumer,
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
  }
}

/** Kafka, the outbox relay and the idempotent consumer of one service, started and stopped with the app. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const handlers = options.consume?.handlers ?? [];
    const providers: Provider[] = [
      { provide: OPTIONS, useValue: options },
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
    if (options.consume) {
      const consume = options.consume;
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
    return {
      module: MessagingModule,
      providers,
      exports: [KAFKA, ...(options.relay ? [OutboxRelay] : []), ...(options.consume ? [EventConsumer] : [])],
    };
  }
}
