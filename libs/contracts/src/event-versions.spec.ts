import { randomUUID } from 'node:crypto';
import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_APPROVED_V2,
  ALLOCATION_DEFERRED_V1,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V1,
  ALLOCATION_REJECTED_V2,
  ALLOCATION_REVISED_V1,
  ALLOCATION_REVISED_V2,
  assertValidEvent,
  CONCEPT_NOTE_SCREENED_V1,
  ContractViolation,
  EVENT_CONTRACTS,
  EventEnvelope,
  FundlineEvent,
  isEventOf,
  readEvent,
  SCREENED_TYPES,
  SUBMITTED_TYPES,
  SUPERSEDED_CONTRACTS,
  TRANSFER_DISBURSED_V1,
} from './index';

const usd = (amount: string) => ({ amount, currency: 'USD' });

const allocation = {
  allocationId: randomUUID(),
  pocketCode: 'LINE_2',
  creditLine: 2,
  amount: usd('150000.00'),
  shares: [{ organisation: 'IOM', amount: usd('150000.00') }],
  startDate: '2026-11-22',
  endDate: '2028-11-22',
  obligations: [{ obligationId: randomUUID(), kind: 'final-narrative', dueOn: '2029-02-22' }],
};

const decided = {
  decisionId: randomUUID(),
  sessionId: randomUUID(),
  conceptId: randomUUID(),
  fund: 'FUND_1035',
  reasons: 'Recommended',
  participants: ['chair'],
  recused: [],
  decidedAt: '2026-11-22T10:00:00.000Z',
};

const revisedV1 = {
  allocationId: randomUUID(),
  conceptId: randomUUID(),
  fund: 'MIGRATION_MPTF',
  kind: 'no-cost-extension',
  previousEndDate: '2028-11-30',
  endDate: '2029-05-31',
  reason: 'Delays in recruitment',
  revisedAt: '2027-03-01T10:00:00.000Z',
};

function envelope(type: string, payload: object) {
  return {
    eventId: randomUUID(),
    type,
    aggregateType: 'allocation',
    aggregateId: decided.conceptId,
    occurredAt: '2026-11-22T10:00:00.000Z',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { userId: 'sc1', role: 'steering-committee' },
    payload,
  };
}

const read = (event: object) => readEvent(JSON.stringify(event));

describe('committee decisions: v1 events on the topics are read as v2', () => {
  it('reads a v1 approval as allocation.approved.v2 with its allocation, the envelope unchanged', () => {
    const v1 = envelope(ALLOCATION_APPROVED_V1, { ...decided, decision: 'approve', allocation });
    const event = read(v1);
    expect(event).toEqual({ ...v1, type: ALLOCATION_APPROVED_V2, payload: { ...decided, allocation } });
  });

  it('reads a v1 approval the same as the v2 approval a producer publishes today', () => {
    const v2 = envelope(ALLOCATION_APPROVED_V2, { ...decided, allocation });
    const v1 = { ...v2, type: ALLOCATION_APPROVED_V1, payload: { ...decided, decision: 'approve', allocation } };
    expect(read(v1)).toEqual(read(v2));
  });

  it('reads a v1 approval made before allocations carried their obligations', () => {
    const { obligations, ...older } = allocation;
    const event = read(envelope(ALLOCATION_APPROVED_V1, { ...decided, decision: 'approve', allocation: older }));
    expect(obligations).toHaveLength(1);
    expect(event).toMatchObject({ type: ALLOCATION_APPROVED_V2, payload: { allocation: older } });
    expect(event.payload).not.toHaveProperty('allocation.obligations');
  });

  it.each([
    [ALLOCATION_DEFERRED_V1, 'defer', ALLOCATION_DEFERRED_V2],
    [ALLOCATION_REJECTED_V1, 'reject', ALLOCATION_REJECTED_V2],
  ])('reads %s as its v2 event, without the decision field the type now says', (v1Type, decision, v2Type) => {
    const v1 = envelope(v1Type, { ...decided, decision });
    expect(read(v1)).toEqual({ ...v1, type: v2Type, payload: decided });
  });

  it('refuses a v1 approval without its allocation: v2 cannot be read from it', () => {
    const v1 = envelope(ALLOCATION_APPROVED_V1, { ...decided, decision: 'approve' });
    expect(() => read(v1)).toThrow(ContractViolation);
    expect(() => read(v1)).toThrow(/allocation\.approved\.v1 read as allocation\.approved\.v2 .*\ballocation\b/);
  });

  it('refuses a v1 deferral or rejection that carries an allocation', () => {
    for (const [type, decision] of [
      [ALLOCATION_DEFERRED_V1, 'defer'],
      [ALLOCATION_REJECTED_V1, 'reject'],
    ]) {
      expect(() => read(envelope(type, { ...decided, decision, allocation }))).toThrow(ContractViolation);
      expect(() => read(envelope(type, { ...decided, decision, allocation }))).toThrow(/carries an allocation/);
    }
  });

  it('refuses a v1 event whose decision contradicts its type', () => {
    const v1 = envelope(ALLOCATION_DEFERRED_V1, { ...decided, decision: 'approve', allocation });
    expect(() => read(v1)).toThrow(ContractViolation);
    expect(() => read(v1)).toThrow(/says its decision was approve/);
  });

  it('still refuses a v1 decision that breaks its own schema', () => {
    const v1 = envelope(ALLOCATION_REJECTED_V1, { ...decided, conceptId: 'not-a-uuid', decision: 'reject' });
    expect(() => read(v1)).toThrow(ContractViolation);
    expect(() => read(v1)).toThrow(/allocation\.rejected\.v1 breaks its contract: conceptId/);
  });

  it('refuses a v2 approval without its allocation, and an unknown version', () => {
    expect(() => read(envelope(ALLOCATION_APPROVED_V2, decided))).toThrow(ContractViolation);
    expect(() => read(envelope(ALLOCATION_APPROVED_V2, decided))).toThrow(/allocation/);
    expect(() => read(envelope('allocation.approved.v3', { ...decided, allocation }))).toThrow(ContractViolation);
    expect(() => read(envelope('allocation.approved.v3', { ...decided, allocation }))).toThrow(/unknown event type/);
  });

  it('lets producers publish v2 decisions and no v1 one', () => {
    const v2 = envelope(ALLOCATION_DEFERRED_V2, decided) as unknown as EventEnvelope;
    const v1 = envelope(ALLOCATION_DEFERRED_V1, { ...decided, decision: 'defer' }) as unknown as EventEnvelope;
    expect(() => assertValidEvent(v2)).not.toThrow();
    expect(() => assertValidEvent(v1)).toThrow(ContractViolation);
    expect(() => assertValidEvent(v1)).toThrow(/superseded/);
  });

  it('keeps every superseded version on the topic of the version that replaced it, so the order holds', () => {
    const v1s = [
      envelope(ALLOCATION_APPROVED_V1, { ...decided, decision: 'approve', allocation }),
      envelope(ALLOCATION_DEFERRED_V1, { ...decided, decision: 'defer' }),
      envelope(ALLOCATION_REJECTED_V1, { ...decided, decision: 'reject' }),
      envelope(ALLOCATION_REVISED_V1, revisedV1),
    ];
    expect(v1s.map((e) => e.type).sort()).toEqual(Object.keys(SUPERSEDED_CONTRACTS).sort());
    for (const v1 of v1s) {
      const { topic, aggregateType } = SUPERSEDED_CONTRACTS[v1.type];
      expect(EVENT_CONTRACTS[v1.type]).toBeUndefined();
      expect(EVENT_CONTRACTS[read(v1).type]).toMatchObject({ topic, aggregateType });
    }
  });
});

describe('revisions: v1 events on the topics are read as v2 (issue 14)', () => {
  const read = (plain: object) => readEvent(JSON.stringify(plain));

  it('reads a v1 revision as recorded at once, with no budget and no report owed moved', () => {
    const event = read(envelope(ALLOCATION_REVISED_V1, revisedV1));
    expect(event.type).toBe(ALLOCATION_REVISED_V2);
    expect(event.payload).toEqual({
      allocationId: revisedV1.allocationId,
      conceptId: revisedV1.conceptId,
      fund: 'MIGRATION_MPTF',
      kind: 'no-cost-extension',
      approval: 'recorded',
      justification: 'Delays in recruitment',
      previousEndDate: '2028-11-30',
      endDate: '2029-05-31',
      movedObligations: [],
      addedObligations: [],
      revisedAt: '2027-03-01T10:00:00.000Z',
    });
  });

  it('lets producers publish allocation.revised.v2 and no longer v1', () => {
    expect(() => assertValidEvent(envelope(ALLOCATION_REVISED_V1, revisedV1) as unknown as EventEnvelope)).toThrow(
      /superseded/,
    );
  });
});

describe('events are read as a discriminated union', () => {
  /** What a consumer writes: no cast anywhere, the type narrows the payload (this compiles only if it does). */
  function describeEvent(event: FundlineEvent): string {
    switch (event.type) {
      case ALLOCATION_APPROVED_V2:
        return `approved ${event.payload.allocation.amount.amount} on ${event.payload.allocation.pocketCode}`;
      case ALLOCATION_DEFERRED_V2:
      case ALLOCATION_REJECTED_V2:
        return `${event.type.split('.')[1]}: ${event.payload.reasons}`;
      case TRANSFER_DISBURSED_V1:
        return `transferred ${event.payload.amount.amount} to ${event.payload.organisation}`;
      default:
        return event.type;
    }
  }

  it('narrows each decision read from v1 to the payload of its v2 type', () => {
    const approved = read(envelope(ALLOCATION_APPROVED_V1, { ...decided, decision: 'approve', allocation }));
    const rejected = read(envelope(ALLOCATION_REJECTED_V1, { ...decided, decision: 'reject' }));
    expect(describeEvent(approved)).toBe('approved 150000.00 on LINE_2');
    expect(describeEvent(rejected)).toBe('rejected: Recommended');
  });

  it('narrows to a group of types with isEventOf, as a switch over them would', () => {
    const screened = read({
      ...envelope(CONCEPT_NOTE_SCREENED_V1, {
        submissionId: decided.conceptId,
        fund: 'MIGRATION_MPTF',
        version: 1,
        trigger: 'submission',
        referenceDate: '2026-11-22',
        eligible: true,
        lines: [{ rule: 'M1', passed: true, detail: 'objectives of the area' }],
        status: 'in-pipeline',
        screenedAt: '2026-11-22T10:00:00.000Z',
      }),
      aggregateType: 'concept-note',
    });
    expect(isEventOf(screened, SUBMITTED_TYPES)).toBe(false);
    expect(isEventOf(screened, SCREENED_TYPES) && screened.payload.lines.map((l) => l.rule)).toEqual(['M1']);
  });
});
