import { randomUUID } from 'node:crypto';
import { assertValidEvent, ContractViolation, decodeEvent, EventEnvelope } from './index';

const money = (amount: string) => ({ amount, currency: 'USD' });

function envelope(type: string, payload: object): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    type,
    aggregateType: 'test',
    aggregateId: randomUUID(),
    occurredAt: '2026-01-05T10:00:00.000Z',
    correlationId: randomUUID(),
    actor: { userId: 'u1', role: 'government', country: 'PHL' },
    payload,
  };
}

function proposalSubmitted(): Record<string, unknown> {
  return envelope('project-proposal.submitted.v1', {
    proposalId: randomUUID(),
    fund: 'FUND_1035',
    title: 'A proposal',
    submittingCountry: 'PHL',
    scope: 'national',
    countries: ['PHL'],
    creditLine: 2,
    focusArea: 'return',
    requested: money('50000.00'),
    version: 1,
    submittedAt: '2026-01-05T10:00:00.000Z',
  });
}

function entryPosted(): Record<string, unknown> {
  const line = (side: string) => ({ accountId: 'a', pocketCode: 'P', kind: 'cash', side, amount: money('10.00') });
  return envelope('ledger.entry-posted.v1', {
    entryId: randomUUID(),
    fundCode: 'FUND_1035',
    type: 'deposit',
    reference: { type: 'deposit', id: 'd1' },
    description: 'A deposit',
    postedAt: '2026-01-05T10:00:00.000Z',
    lines: [line('debit'), line('credit')],
  });
}

function allocationApproved(allocation: unknown): Record<string, unknown> {
  return envelope('allocation.approved.v1', {
    decisionId: randomUUID(),
    sessionId: randomUUID(),
    conceptId: randomUUID(),
    fund: 'FUND_1035',
    decision: 'approve',
    reasons: 'Eligible',
    participants: ['sc1'],
    recused: [],
    decidedAt: '2026-01-05T10:00:00.000Z',
    allocation,
  });
}

type Plain = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const decode = (event: Plain) => decodeEvent(JSON.stringify(event));

/** A copy of the event with one change made to it, so each case starts from a valid event. */
function changed(make: () => Plain, change: (event: Plain) => void): Plain {
  const event = make();
  change(event);
  return event;
}

describe('event contracts refuse a missing nested object', () => {
  it('accepts the valid events every case starts from', () => {
    expect(() => decode(proposalSubmitted())).not.toThrow();
    expect(() => decode(entryPosted())).not.toThrow();
    expect(() => decode(allocationApproved(undefined))).not.toThrow();
    expect(() => assertValidEvent(proposalSubmitted() as unknown as EventEnvelope)).not.toThrow();
  });

  it.each<[string, Plain, string]>([
    ['the envelope without its actor', changed(proposalSubmitted, (e) => delete e.actor), 'actor'],
    ['the envelope with an actor that is not an object', changed(proposalSubmitted, (e) => (e.actor = 'u1')), 'actor'],
    ['a payload without a required object', changed(proposalSubmitted, (e) => delete e.payload.requested), 'requested'],
    [
      'a payload with null for a required object',
      changed(proposalSubmitted, (e) => (e.payload.requested = null)),
      'requested',
    ],
    ['a payload without a required array of objects', changed(entryPosted, (e) => delete e.payload.lines), 'lines'],
    ['an array holding a non-object', changed(entryPosted, (e) => (e.payload.lines[1] = 'credit')), 'lines'],
    [
      'an array item without its object',
      changed(entryPosted, (e) => delete e.payload.lines[0].amount),
      'lines.0.amount',
    ],
    ['an optional object that is not an object', allocationApproved('approved'), 'allocation'],
  ])('refuses %s', (_, event, field) => {
    expect(() => decode(event)).toThrow(ContractViolation);
    expect(() => decode(event)).toThrow(new RegExp(`\\b${field.replace(/\./g, '\\.')}\\b`));
    expect(() => assertValidEvent(event as unknown as EventEnvelope)).toThrow(ContractViolation);
  });

  it('refuses an optional nested object missing a required field of its own', () => {
    const event = allocationApproved({
      allocationId: randomUUID(),
      pocketCode: 'LINE_2',
      shares: [],
      startDate: '2026-02-01',
      endDate: '2027-02-01',
    });
    expect(() => decode(event)).toThrow(/allocation\.amount/);
  });
});
