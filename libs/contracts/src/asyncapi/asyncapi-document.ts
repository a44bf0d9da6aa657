import { EventEnvelope } from '../envelope';
import { EVENT_CONTRACTS, SUPERSEDED_CONTRACTS } from '../registry';
import { Topic, TOPIC_PARTITIONS, TOPICS } from '../topics';
import { ClassSchemas, JsonSchema } from './json-schema';

/** The parts of an AsyncAPI 3.0 document that Fundline writes; every value is plain JSON. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, JsonSchema>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<string, AsyncApiMessage>;
    correlationIds: Record<string, JsonSchema>;
  };
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, { $ref: string }>;
  bindings: JsonSchema;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: { $ref: string };
  title: string;
  summary: string;
  messages: { $ref: string }[];
  bindings?: JsonSchema;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  description?: string;
  contentType: string;
  headers: JsonSchema;
  payload: JsonSchema;
  correlationId?: { $ref: string };
  bindings?: JsonSchema;
  tags?: { name: string; description: string }[];
}

type ChannelId = keyof typeof TOPICS;

/**
 * Which service publishes each topic and which services read which: the one fact the registry does not hold. The
 * producer follows from the bounded context (ADR 0001); each reader is the consumer group its module starts
 * (`fundline-<service>`), notifications included (issue 15). Every reader dead-letters what it cannot apply.
 */
const SERVICES: Record<string, { publishes?: Topic; reads: Topic[] }> = {
  concepts: { publishes: TOPICS.concepts, reads: [TOPICS.funds] },
  funds: { publishes: TOPICS.funds, reads: [TOPICS.concepts] },
  reporting: { reads: [TOPICS.concepts, TOPICS.funds] },
  notifications: { reads: [TOPICS.concepts, TOPICS.funds] },
};

/** Headers EventConsumer adds when it dead-letters a message (libs/messaging, ADR 0002). */
const DEAD_LETTER_HEADERS: Record<string, string> = {
  'dlt-original-topic': 'The topic the message was read from (with its namespace prefix).',
  'dlt-original-partition': 'Its partition there.',
  'dlt-original-offset': 'Its offset there.',
  'dlt-consumer-group': 'The consumer group that could not apply it.',
  'dlt-error-class': 'ContractViolation (never retried) or the error the handler kept throwing.',
  'dlt-error-message': 'The error message, at most 2,000 characters.',
  'dlt-attempts': 'How many times it was tried.',
  'dlt-failed-at': 'When it was dead-lettered (ISO 8601).',
};

const KAFKA_BINDING_VERSION = '0.5.0';
const NAMESPACE_NOTE =
  'When KAFKA_NAMESPACE is set, the physical name is prefixed with it and a dot (`<namespace>.<name>`), so that ' +
  'several environments can share one cluster.';

const channelIdOf = (topic: Topic) => (Object.keys(TOPICS) as ChannelId[]).find((id) => TOPICS[id] === topic)!;

/** `concept-note.submitted.v1` → `Concept note submitted (v1)`. */
function titleOf(type: string): string {
  const [aggregate, what, version] = type.split('.');
  const words = `${aggregate.replace(/-/g, ' ')} ${what.replace(/-/g, ' ')}`;
  return `${words[0].toUpperCase()}${words.slice(1)} (${version})`;
}

/** The type a superseded version is read as: the same name in its current version. */
function currentVersionOf(type: string): string | undefined {
  const name = type.replace(/\.v\d+$/, '');
  return Object.keys(EVENT_CONTRACTS).find((t) => t.replace(/\.v\d+$/, '') === name);
}

function eventMessage(schemas: ClassSchemas, type: string, superseded: boolean): AsyncApiMessage {
  const contract = EVENT_CONTRACTS[type] ?? SUPERSEDED_CONTRACTS[type];
  const envelope = schemas.schemaOf(EventEnvelope) as { properties: Record<string, JsonSchema> };
  const current = superseded ? currentVersionOf(type) : undefined;
  return {
    name: type,
    title: titleOf(type),
    summary: `${contract.payload.name} in the event envelope, on ${contract.topic}.`,
    ...(superseded
      ? {
          description:
            `Superseded${current ? ` by ${current}` : ''}: no service publishes it any more, but the topic still ` +
            `holds it; consumers read it as its current version (readEvent, docs/events.md).`,
          tags: [{ name: 'superseded', description: 'Still on the topics, never published again.' }],
        }
      : {}),
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        'event-id': { type: 'string', format: 'uuid', description: 'The envelope’s eventId.' },
        'event-type': { type: 'string', const: type, description: 'The envelope’s type.' },
      },
      required: ['event-id', 'event-type'],
    },
    payload: {
      ...envelope,
      title: type,
      properties: {
        ...envelope.properties,
        type: { type: 'string', const: type },
        // Not a const: readers do not check it (decodeEvent), so the schema does not refuse what they accept.
        aggregateType: {
          type: 'string',
          description: `The producers write ${contract.aggregateType} (envelopeFor).`,
          examples: [contract.aggregateType],
        },
        payload: schemas.ref(contract.payload),
      },
    },
    correlationId: { $ref: '#/components/correlationIds/correlationId' },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description:
            `The envelope’s aggregateId (the ${contract.aggregateType}): every event of one aggregate goes to one ` +
            'partition, in order.',
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

const deadLetterMessage: AsyncApiMessage = {
  name: 'dead-letter',
  title: 'Dead letter',
  summary: 'A message a consumer could not apply, as it arrived (key, value and headers), with why in its headers.',
  description:
    'Its value is the original message value: usually one of the event envelopes, but a message that is not JSON ' +
    'or not an envelope is dead-lettered too. Nothing consumes this topic automatically (ADR 0002).',
  contentType: 'application/json',
  headers: {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(DEAD_LETTER_HEADERS).map(([name, description]) => [name, { type: 'string', description }]),
    ),
    required: Object.keys(DEAD_LETTER_HEADERS),
  },
  payload: { description: 'The original message value, unchanged.' },
};

const messageRef = (channel: ChannelId, name: string) => ({ $ref: `#/channels/${channel}/messages/${name}` });

/**
 * The AsyncAPI 3.0 document of every topic and every event type and version, generated from the registry, the topics
 * and the payload classes' class-validator decorators, so a new event type or a new field appears in it by itself.
 * Channel addresses are the logical topic names (see NAMESPACE_NOTE).
 */
export function asyncApiDocument(): AsyncApiDocument {
  const schemas = new ClassSchemas();
  schemas.ref(EventEnvelope);
  const published = Object.keys(EVENT_CONTRACTS);
  const supersededTypes = Object.keys(SUPERSEDED_CONTRACTS);
  const messages: Record<string, AsyncApiMessage> = { 'dead-letter': deadLetterMessage };
  for (const type of published) messages[type] = eventMessage(schemas, type, false);
  for (const type of supersededTypes) messages[type] = eventMessage(schemas, type, true);

  const typesOn = (topic: Topic, types: string[]) =>
    types.filter((t) => (EVENT_CONTRACTS[t] ?? SUPERSEDED_CONTRACTS[t]).topic === topic);
  const channelMessages = (topic: Topic): string[] =>
    topic === TOPICS.deadLetter ? ['dead-letter'] : typesOn(topic, [...published, ...supersededTypes]);

  const channels: Record<string, AsyncApiChannel> = {};
  for (const [id, topic] of Object.entries(TOPICS) as [ChannelId, Topic][]) {
    const producers = Object.keys(SERVICES).filter((s) => SERVICES[s].publishes === topic);
    channels[id] = {
      address: topic,
      title: topic,
      description:
        (topic === TOPICS.deadLetter
          ? 'What a consumer could not apply, with the reason in its headers. '
          : `Published by ${producers.join(', ')}; keyed by aggregate id, so one aggregate's events stay in order. `) +
        NAMESPACE_NOTE,
      messages: Object.fromEntries(channelMessages(topic).map((m) => [m, { $ref: `#/components/messages/${m}` }])),
      bindings: { kafka: { partitions: TOPIC_PARTITIONS, bindingVersion: KAFKA_BINDING_VERSION } },
    };
  }

  const operations: Record<string, AsyncApiOperation> = {};
  for (const [service, { publishes, reads }] of Object.entries(SERVICES)) {
    if (publishes) {
      const channel = channelIdOf(publishes);
      operations[`${service}.send.${channel}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        title: `${service} publishes to ${publishes}`,
        summary: `Through its outbox; only current versions (a superseded type is refused before the outbox).`,
        messages: typesOn(publishes, published).map((t) => messageRef(channel, t)),
      };
    }
    for (const topic of reads) {
      const channel = channelIdOf(topic);
      operations[`${service}.receive.${channel}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channel}` },
        title: `${service} reads ${topic}`,
        summary: 'Idempotently (inbox); each event checked against its own version, then read as the current one.',
        messages: channelMessages(topic).map((t) => messageRef(channel, t)),
        bindings: {
          kafka: {
            groupId: { type: 'string', enum: [`fundline-${service}`], description: NAMESPACE_NOTE },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      };
    }
    if (reads.length > 0) {
      operations[`${service}.send.deadLetter`] = {
        action: 'send',
        channel: { $ref: '#/channels/deadLetter' },
        title: `${service} dead-letters what it cannot apply`,
        summary: 'A contract violation at once, a handler that keeps failing after its attempts.',
        messages: [messageRef('deadLetter', 'dead-letter')],
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Fundline integration events',
      version: '1.0.0',
      description:
        'Every event type and version the Fundline services exchange over Kafka, generated from libs/contracts ' +
        '(docs/events.md, docs/asyncapi.md). Each message is the event envelope with its payload; a breaking change ' +
        'is a new version of the type, published beside the old one. Unknown fields must be ignored: a compatible ' +
        'change adds an optional field within the same version.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The broker `npm start` runs; a deployment names its own in KAFKA_BROKERS.',
      },
    },
    channels,
    operations,
    components: {
      schemas: schemas.components,
      messages,
      correlationIds: {
        correlationId: {
          description: 'The request or event that started the chain of events this one belongs to.',
          location: '$message.payload#/correlationId',
        },
      },
    },
  };
}
