import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CONCEPT_NOTE_SUBMITTED_V1, ConceptNoteSubmittedV1 } from './concepts/concept-note-submitted.v1';
import {
  CONCEPT_NOTE_EXPIRED_V1,
  CONCEPT_NOTE_REVISED_V1,
  CONCEPT_NOTE_SCREENED_V1,
  CONCEPT_NOTE_WITHDRAWN_V1,
  PROJECT_PROPOSAL_EXPIRED_V1,
  PROJECT_PROPOSAL_REVISED_V1,
  PROJECT_PROPOSAL_SCREENED_V1,
  PROJECT_PROPOSAL_SUBMITTED_V1,
  PROJECT_PROPOSAL_WITHDRAWN_V1,
  ProjectProposalSubmittedV1,
  SubmissionScreenedV1,
  SubmissionStatusChangedV1,
} from './concepts/submission-events.v1';
import { EventEnvelope } from './envelope';
import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_DEFERRED_V1,
  ALLOCATION_REJECTED_V1,
  AllocationClosedV1,
  AllocationDecidedV1,
  EXPENDITURE_REPORTED_V1,
  ExpenditureReportedV1,
  OBLIGATION_OVERDUE_V1,
  OBLIGATION_SUBMITTED_V1,
  OBLIGATION_REPORT_REPLACED_V1,
  ALLOCATION_REVISED_V1,
  AllocationRevisedV1,
  ObligationOverdueV1,
  ObligationSubmittedV1,
  ObligationReportReplacedV1,
  REFUND_RECEIVED_V1,
  RefundReceivedV1,
  TRANSFER_DISBURSED_V1,
  TransferDisbursedV1,
} from './funds/allocation-events.v1';
import { REFERENCE_DATA_RECORDED_V1, ReferenceDataRecordedV1 } from './reference/reference-data-recorded.v1';
import {
  CONTRIBUTION_COMMITTED_V1,
  CONTRIBUTION_DEPOSITED_V1,
  ContributionCommittedV1,
  ContributionDepositedV1,
  CREDIT_LINE_FUNDED_V1,
  CreditLineFundedV1,
  FUND_COST_RECORDED_V1,
  FundCostRecordedV1,
  LEDGER_ENTRY_POSTED_V1,
  LedgerEntryPostedV1,
} from './funds/funds-events.v1';
import { Topic, TOPICS } from './topics';
import { ContractViolation } from './contract-violation';
import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  AllocationApprovedV2,
  AllocationDecidedV2,
} from './funds/allocation-decisions.v2';
import { allocationDecisionAsV2, AllocationDecisionV1Type } from './funds/allocation-decisions.upcast';
import {
  ALLOCATION_REVISION_DECIDED_V1,
  ALLOCATION_REVISION_REQUESTED_V1,
  AllocationRevisionDecidedV1,
  AllocationRevisionRequestedV1,
} from './funds/revision-events.v1';
import { ALLOCATION_REVISED_V2, AllocationRevisedV2 } from './funds/revision-events.v2';
import { allocationRevisedAsV2 } from './funds/revision-events.upcast';
import {
  ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1,
  RESULTS_PROGRESS_REPORTED_V1,
  ResultsFrameworkRecordedV1,
  ResultsProgressReportedV1,
} from './funds/results-events.v1';

type PayloadClass = new () => object;

interface Contract<P extends PayloadClass = PayloadClass> {
  payload: P;
  topic: Topic;
  aggregateType: string;
}

interface SupersededContract extends Contract {
  /** The event's type and payload in the current version (checked against that version's schema by the reader). */
  readAs(payload: object): { type: EventType; payload: object };
}

function allocation<P extends PayloadClass>(payload: P) {
  return { payload, topic: TOPICS.funds, aggregateType: 'allocation' };
}

/** Concept events go to the concepts topic, keyed by the submission's id. */
function concept<P extends PayloadClass>(payload: P, aggregateType: string) {
  return { payload, topic: TOPICS.concepts, aggregateType };
}

/** Funds events are keyed by fund code: one fund's money events stay in order for every reader. */
function fund<P extends PayloadClass>(payload: P) {
  return { payload, topic: TOPICS.funds, aggregateType: 'fund' };
}

/** Every event type published today: its payload schema and its topic. The types consumers see derive from it. */
const CURRENT_CONTRACTS = {
  [CONCEPT_NOTE_SUBMITTED_V1]: concept(ConceptNoteSubmittedV1, 'concept-note'),
  [PROJECT_PROPOSAL_SUBMITTED_V1]: concept(ProjectProposalSubmittedV1, 'project-proposal'),
  [CONCEPT_NOTE_SCREENED_V1]: concept(SubmissionScreenedV1, 'concept-note'),
  [PROJECT_PROPOSAL_SCREENED_V1]: concept(SubmissionScreenedV1, 'project-proposal'),
  [CONCEPT_NOTE_WITHDRAWN_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_WITHDRAWN_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [CONCEPT_NOTE_EXPIRED_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_EXPIRED_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [CONCEPT_NOTE_REVISED_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_REVISED_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [REFERENCE_DATA_RECORDED_V1]: concept(ReferenceDataRecordedV1, 'reference-data'),
  [LEDGER_ENTRY_POSTED_V1]: fund(LedgerEntryPostedV1),
  [CONTRIBUTION_COMMITTED_V1]: fund(ContributionCommittedV1),
  [CONTRIBUTION_DEPOSITED_V1]: fund(ContributionDepositedV1),
  [CREDIT_LINE_FUNDED_V1]: fund(CreditLineFundedV1),
  [FUND_COST_RECORDED_V1]: fund(FundCostRecordedV1),
  // Allocation events are keyed by the concept they fund, so the concept's status follows them in order.
  [ALLOCATION_APPROVED_V2]: allocation(AllocationApprovedV2),
  [ALLOCATION_DEFERRED_V2]: allocation(AllocationDecidedV2),
  [ALLOCATION_REJECTED_V2]: allocation(AllocationDecidedV2),
  [TRANSFER_DISBURSED_V1]: allocation(TransferDisbursedV1),
  [EXPENDITURE_REPORTED_V1]: allocation(ExpenditureReportedV1),
  [ALLOCATION_CLOSED_V1]: allocation(AllocationClosedV1),
  [REFUND_RECEIVED_V1]: allocation(RefundReceivedV1),
  [OBLIGATION_OVERDUE_V1]: allocation(ObligationOverdueV1),
  [OBLIGATION_SUBMITTED_V1]: allocation(ObligationSubmittedV1),
  [OBLIGATION_REPORT_REPLACED_V1]: allocation(ObligationReportReplacedV1),
  [ALLOCATION_REVISION_REQUESTED_V1]: allocation(AllocationRevisionRequestedV1),
  [ALLOCATION_REVISION_DECIDED_V1]: allocation(AllocationRevisionDecidedV1),
  [ALLOCATION_REVISED_V2]: allocation(AllocationRevisedV2),
  [ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1]: allocation(ResultsFrameworkRecordedV1),
  [RESULTS_PROGRESS_REPORTED_V1]: allocation(ResultsProgressReportedV1),
} satisfies Record<string, Contract>;

/** The current contracts by type name. A type missing here and from SUPERSEDED_CONTRACTS is an unknown event. */
export const EVENT_CONTRACTS: Readonly<Record<string, Contract>> = CURRENT_CONTRACTS;

type Contracts = typeof CURRENT_CONTRACTS;
export type EventType = keyof Contracts;

/** An envelope whose `type` is one literal: a `switch (event.type)` narrows its payload. */
export interface TypedEnvelope<TType extends string, TPayload extends object> extends EventEnvelope<TPayload> {
  type: TType;
}

/** The event of one type (or of each type of a union), with its payload's class. */
export type EventOf<T extends EventType> = T extends EventType
  ? TypedEnvelope<T, InstanceType<Contracts[T]['payload']>>
  : never;

/** Every event a consumer can receive, in its current version: what `readEvent` returns. */
export type FundlineEvent = EventOf<EventType>;

/** Whether the event is of one of `types`: narrows as a `switch` over them would (`SUBMITTED_TYPES`, for one). */
export function isEventOf<T extends EventType>(event: FundlineEvent, types: readonly T[]): event is EventOf<T> {
  return (types as readonly string[]).includes(event.type);
}

type EventOnTopic<T extends Topic> = EventOf<
  { [K in EventType]: Contracts[K]['topic'] extends T ? K : never }[EventType]
>;
/** The events of the concepts topic: submissions, screenings, status changes and reference data. */
export type ConceptsTopicEvent = EventOnTopic<typeof TOPICS.concepts>;
/** The events of the funds topic: the ledger, contributions, committee decisions and allocations. */
export type FundsTopicEvent = EventOnTopic<typeof TOPICS.funds>;

/**
 * Versions no producer publishes any more but topics still hold: each is checked against its own (old) schema, then
 * read as the current version, so consumers handle only that.
 */
export const SUPERSEDED_CONTRACTS: Readonly<Record<string, SupersededContract>> = {
  [ALLOCATION_APPROVED_V1]: allocationDecisionV1(ALLOCATION_APPROVED_V1),
  [ALLOCATION_DEFERRED_V1]: allocationDecisionV1(ALLOCATION_DEFERRED_V1),
  [ALLOCATION_REJECTED_V1]: allocationDecisionV1(ALLOCATION_REJECTED_V1),
  [ALLOCATION_REVISED_V1]: {
    ...allocation(AllocationRevisedV1),
    readAs: (payload: AllocationRevisedV1) => allocationRevisedAsV2(payload),
  },
};

function allocationDecisionV1(type: AllocationDecisionV1Type) {
  return {
    ...allocation(AllocationDecidedV1),
    readAs: (payload: AllocationDecidedV1) => allocationDecisionAsV2(type, payload),
  };
}

function explain(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...explain(e.children ?? [], path)];
  });
}

function validated<T extends object>(cls: new () => T, plain: unknown, what: string): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ContractViolation(`${what} is not a JSON object`);
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ContractViolation(`${what} breaks its contract: ${explain(errors).join('; ')}`);
  return instance;
}

/**
 * Parses a Kafka message value into an envelope and payload checked against the schema of its own type and version,
 * current or superseded. Throws ContractViolation for anything that is not JSON, not an envelope, of an unknown type,
 * or whose payload breaks its schema: such a message is never retried.
 */
export function decodeEvent(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new ContractViolation('message has no value');
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString());
  } catch {
    throw new ContractViolation('message value is not JSON');
  }
  const envelope = validated(EventEnvelope, plain, 'envelope');
  const contract = EVENT_CONTRACTS[envelope.type] ?? SUPERSEDED_CONTRACTS[envelope.type];
  if (!contract) throw new ContractViolation(`unknown event type ${JSON.stringify(envelope.type)}`);
  envelope.payload = validated(contract.payload, envelope.payload, envelope.type);
  return envelope;
}

/**
 * What consumers read: a decoded event in its current version, typed by its `type`. A superseded version is read as
 * the current one and checked against its schema too, so an old event that cannot be read that way is a
 * ContractViolation like any other broken event (dead-lettered, never retried).
 */
export function readEvent(value: Buffer | string | null): FundlineEvent {
  const event = decodeEvent(value);
  const superseded = SUPERSEDED_CONTRACTS[event.type];
  if (!superseded) return event as FundlineEvent;
  const current = superseded.readAs(event.payload);
  const payload = validated(
    EVENT_CONTRACTS[current.type].payload,
    current.payload,
    `${event.type} read as ${current.type}`,
  );
  return { ...event, type: current.type, payload } as FundlineEvent;
}

/** Producers check their own events against the same schema before they reach the outbox, and publish no old version. */
export function assertValidEvent(envelope: EventEnvelope): void {
  validEventJson(envelope);
}

/**
 * assertValidEvent, returning the JSON it checked: the outbox stores that very text, so an event is serialised and
 * checked once on its way out.
 */
export function validEventJson(envelope: EventEnvelope): string {
  const json = JSON.stringify(envelope);
  decodeEvent(json);
  if (SUPERSEDED_CONTRACTS[envelope.type]) {
    throw new ContractViolation(`${envelope.type} is superseded: publish its current version`);
  }
  return json;
}
