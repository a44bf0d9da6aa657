/**
 * Kafka topics. Each service publishes to the topic of its bounded context; the partition key is the aggregate id,
 * so all events of one concept (or one fund) stay in order.
 */
export const TOPICS = {
  concepts: 'fundline.concepts.v1',
  funds: 'fundline.funds.v1',
  deadLetter: 'fundline.dead-letter.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_PARTITIONS = 3;
