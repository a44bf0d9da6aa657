export * from './outbox/outbox-message.entity';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './inbox/processed-event.entity';
export * from './inbox/event-consumer';
export * from './kafka/kafka-client';
export * from './messaging-tables';
export * from './messaging.module';
