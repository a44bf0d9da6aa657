import { randomUUID } from 'node:crypto';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Ajv, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
// The report benchmark's seeded history: events shaped as the services publish them, ten types of both topics.
import { scheduleHistory } from '../../../../apps/reporting/src/bench/report-volume';
import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_REJECTED_V2,
  CONCEPT_NOTE_SUBMITTED_V1,
  decodeEvent,
  EVENT_CONTRACTS,
  SUPERSEDED_CONTRACTS,
  TOPICS,
} from '../index';
import { asyncApiDocument } from './asyncapi-document';
import { ClassSchemas } from './json-schema';
import { IsEmail, IsString, Matches, ValidateIf } from 'class-validator';

const document = asyncApiDocument();
const schemas = document.components.schemas;

/** One validator per message payload, resolving `$ref`s inside the document itself. */
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ ...document, $id: 'asyncapi.json' });
const validatorOf = (type: string): ValidateFunction => {
  const validate = ajv.getSchema(`asyncapi.json#/components/messages/${type}/payload`);
  if (!validate) throw new Error(`no payload schema for ${type}`);
  return validate;
};

const schemaAccepts = (event: object) => validatorOf((event as { type: string }).type)(event);
const contractAccepts = (event: object) => {
  try {
    decodeEvent(JSON.stringify(event));
    return true;
  } catch {
    return false;
  }
};

const history = scheduleHistory({
  line2Projects: 2,
  line1Projects: 1,
  mptfProjects: 2,
  movementsPerProject: 8,
  now: new Date('2026-11-24T00:00:00Z'),
  firstYear: 2025,
}).map((s) => s.build());

/** One event of each type in the history, the first of each. */
const samples = [...new Map(history.map((e) => [e.type, e])).values()];

describe('AsyncAPI document generated from the contracts', () => {
  it('is a valid AsyncAPI 3.0.0 document for the AsyncAPI parser: no error or warning diagnostics', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.parse(JSON.stringify(document)));
    const worrying = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
    expect(worrying.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(
      parsed
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(expect.arrayContaining(Object.values(TOPICS)));
  });

  it('has one message per event type and version, current and superseded, each on the channel of its topic', () => {
    const types = [...Object.keys(EVENT_CONTRACTS), ...Object.keys(SUPERSEDED_CONTRACTS)];
    expect(types).toEqual(expect.arrayContaining([CONCEPT_NOTE_SUBMITTED_V1, ALLOCATION_APPROVED_V1]));
    for (const type of types) {
      const contract = EVENT_CONTRACTS[type] ?? SUPERSEDED_CONTRACTS[type];
      expect(document.components.messages[type]).toMatchObject({ name: type });
      const channel = Object.values(document.channels).find((c) => c.address === contract.topic);
      expect(channel?.messages[type]).toEqual({ $ref: `#/components/messages/${type}` });
    }
    const eventMessages = Object.keys(document.components.messages).filter((m) => m !== 'dead-letter');
    expect(eventMessages.sort()).toEqual([...types].sort());
  });

  it('has one channel per topic, addressed by its logical name, and says how KAFKA_NAMESPACE prefixes it', () => {
    expect(Object.values(document.channels).map((c) => c.address)).toEqual(Object.values(TOPICS));
    for (const channel of Object.values(document.channels)) expect(channel.description).toContain('KAFKA_NAMESPACE');
    expect(Object.keys(document.channels.deadLetter.messages)).toEqual(['dead-letter']);
  });

  it('has each topic published by its service, current versions only, and read by reporting and notifications', () => {
    const send = document.operations['concepts.send.concepts'];
    expect(send.messages).toContainEqual({ $ref: `#/channels/concepts/messages/${CONCEPT_NOTE_SUBMITTED_V1}` });
    const funds = document.operations['funds.send.funds'].messages.map((m) => m.$ref);
    expect(funds).toContain(`#/channels/funds/messages/${ALLOCATION_REJECTED_V2}`);
    expect(funds).not.toContain(`#/channels/funds/messages/${ALLOCATION_APPROVED_V1}`);
    for (const service of ['reporting', 'notifications']) {
      for (const channel of ['concepts', 'funds']) {
        expect(document.operations[`${service}.receive.${channel}`]).toMatchObject({
          action: 'receive',
          bindings: { kafka: { groupId: { enum: [`fundline-${service}`] } } },
        });
      }
    }
    const received = document.operations['reporting.receive.funds'].messages.map((m) => m.$ref);
    expect(received).toContain(`#/channels/funds/messages/${ALLOCATION_APPROVED_V1}`);
  });

  it('keys every event message by the aggregate id and names the type in the envelope and the headers', () => {
    const message = document.components.messages[ALLOCATION_REJECTED_V2];
    expect(message.bindings).toMatchObject({ kafka: { key: { type: 'string' } } });
    expect(message.payload).toMatchObject({
      properties: {
        type: { const: ALLOCATION_REJECTED_V2 },
        aggregateType: { type: 'string', examples: ['allocation'] },
        payload: { $ref: '#/components/schemas/AllocationDecidedV2' },
      },
    });
    expect(message.headers).toMatchObject({ properties: { 'event-type': { const: ALLOCATION_REJECTED_V2 } } });
  });

  it('derives payload schemas from the decorators: money strings, optional fields, nested arrays, enums, formats', () => {
    expect(schemas.MoneyV1).toMatchObject({
      properties: { amount: { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,2})?$' } },
      required: ['amount', 'currency'],
    });
    const concept = schemas.ConceptNoteSubmittedV1 as { properties: Record<string, object>; required: string[] };
    expect(concept.required).not.toContain('region');
    expect(concept.properties.region).toEqual({ type: ['string', 'null'] });
    expect(concept.properties.requested).toEqual({ $ref: '#/components/schemas/MoneyV1' });
    expect(concept.properties.scope).toEqual({ type: 'string', enum: ['national', 'regional', 'global'] });
    expect(concept.properties.countries).toEqual({
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[A-Z]{3}$' },
    });
    expect(concept.properties.fund).toEqual({ type: 'string', enum: ['MIGRATION_MPTF'] });
    expect(concept.properties.submittedAt).toEqual({ type: 'string', format: 'date-time' });
    expect(schemas.LedgerEntryPostedV1).toMatchObject({
      properties: { lines: { type: 'array', minItems: 2, items: { $ref: '#/components/schemas/LedgerLineV1' } } },
    });
    expect(schemas.ApprovedAllocationV1).toMatchObject({
      properties: {
        creditLine: { enum: [1, 2, null] },
        obligations: { type: ['array', 'null'], items: { $ref: '#/components/schemas/ObligationV1' } },
      },
    });
    expect((schemas.ApprovedAllocationV1 as { required: string[] }).required).not.toContain('obligations');
    // Inherited fields: the approval is the decision plus its allocation, its agreement and its budget (optional).
    expect(Object.keys((schemas.AllocationApprovedV2 as { properties: object }).properties).sort()).toEqual(
      [
        ...Object.keys((schemas.AllocationDecidedV2 as { properties: object }).properties),
        'allocation',
        'agreement',
        'budget',
      ].sort(),
    );
    expect((schemas.AllocationApprovedV2 as { required: string[] }).required).not.toContain('agreement');
    expect((schemas.AllocationApprovedV2 as { required: string[] }).required).not.toContain('budget');
  });

  it('refuses a decorator it cannot state, rather than documenting the contract wrongly', () => {
    class Conditional {
      @ValidateIf(() => true) @IsString() note: string;
    }
    class CaseInsensitive {
      @Matches(/^[a-z]+$/i) code: string;
    }
    class Email {
      @IsEmail() address: string;
    }
    expect(() => new ClassSchemas().ref(Conditional)).toThrow(/conditional validation/);
    expect(() => new ClassSchemas().ref(CaseInsensitive)).toThrow(/flags/);
    expect(() => new ClassSchemas().ref(Email)).toThrow(/no JSON Schema for the custom validator isEmail/);
  });
});

describe('the generated schemas match the events the services publish', () => {
  it('the seeded history covers both topics with many types', () => {
    expect(samples.length).toBeGreaterThanOrEqual(8);
    expect(new Set(samples.map((e) => EVENT_CONTRACTS[e.type].topic))).toEqual(
      new Set([TOPICS.concepts, TOPICS.funds]),
    );
  });

  it('accepts every event of the history, as the contract does', () => {
    for (const event of history) {
      expect(contractAccepts(event)).toBe(true);
      const validate = validatorOf(event.type);
      expect({ type: event.type, valid: validate(event), errors: validate.errors ?? null }).toEqual({
        type: event.type,
        valid: true,
        errors: null,
      });
    }
  });

  it('accepts a superseded v1 decision as its own message describes it', () => {
    const allocation = {
      allocationId: randomUUID(),
      pocketCode: 'LINE_2',
      amount: { amount: '150000.00', currency: 'USD' },
      shares: [{ organisation: 'IOM', amount: { amount: '150000.00', currency: 'USD' } }],
      startDate: '2026-11-22',
      endDate: '2028-11-22',
    };
    const event = {
      eventId: randomUUID(),
      type: ALLOCATION_APPROVED_V1,
      aggregateType: 'allocation',
      aggregateId: randomUUID(),
      occurredAt: '2026-11-22T10:00:00.000Z',
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'sc1', role: 'steering-committee' },
      payload: {
        decisionId: randomUUID(),
        sessionId: randomUUID(),
        conceptId: randomUUID(),
        fund: 'FUND_1035',
        decision: 'approve',
        reasons: 'Recommended',
        participants: ['chair'],
        recused: [],
        decidedAt: '2026-11-22T10:00:00.000Z',
        allocation,
      },
    };
    expect(contractAccepts(event)).toBe(true);
    expect(schemaAccepts(event)).toBe(true);
    expect(schemaAccepts({ ...event, payload: { ...event.payload, decision: 'postpone' } })).toBe(false);
  });

  it('refuses what the contract refuses and accepts what it accepts, field by field of every payload', () => {
    const disagreements: string[] = [];
    for (const event of samples) {
      const payload: Record<string, unknown> = { ...event.payload };
      for (const field of Object.keys(payload)) {
        const { [field]: _dropped, ...without } = payload;
        const mutations: Record<string, object> = {
          missing: without,
          null: { ...payload, [field]: null },
          number: { ...payload, [field]: 12.5 },
          text: { ...payload, [field]: 'x' },
          'empty object': { ...payload, [field]: {} },
          'empty list': { ...payload, [field]: [] },
        };
        for (const [how, mutated] of Object.entries(mutations)) {
          const changed = { ...event, payload: mutated };
          const [schema, contract] = [schemaAccepts(changed), contractAccepts(changed)];
          if (schema !== contract)
            disagreements.push(`${event.type} ${field} ${how}: schema ${schema}, contract ${contract}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a money amount sent as a JSON number, as the contract does', () => {
    const deposit = samples.find((e) => 'usd' in e.payload)!;
    const broken = { ...deposit, payload: { ...deposit.payload, usd: { amount: 1250000, currency: 'USD' } } };
    expect(schemaAccepts(broken)).toBe(false);
    expect(contractAccepts(broken)).toBe(false);
  });
});
