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
  ObligationOverdueV1,
  ObligationSubmittedV1,
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
import { TOPICS } from './topics';

type PayloadClass = new () => object;

function allocation(payload: PayloadClass) {
  return { payload, topic: TOPICS.funds, aggregateType: 'allocation' };
}

/** Concept events go to the concepts topic, keyed by the submission's id. */
function concept(payload: PayloadClass, aggregateType: string) {
  return { payload, topic: TOPICS.concepts, aggregateType };
}

/** Every published event type: its payload schema and its topic. A type missing here is an unknown event. */
export const EVENT_CONTRACTS: Readonly<
  Record<string, { payload: PayloadClass; topic: string; aggregateType: string }>
> = {
  [CONCEPT_NOTE_SUBMITTED_V1]: {
    payload: ConceptNoteSubmittedV1,
    topic: TOPICS.concepts,
    aggregateType: 'concept-note',
  },
  [PROJECT_PROPOSAL_SUBMITTED_V1]: concept(ProjectProposalSubmittedV1, 'project-proposal'),
  [CONCEPT_NOTE_SCREENED_V1]: concept(SubmissionScreenedV1, 'concept-note'),
  [PROJECT_PROPOSAL_SCREENED_V1]: concept(SubmissionScreenedV1, 'project-proposal'),
  [CONCEPT_NOTE_WITHDRAWN_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_WITHDRAWN_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [CONCEPT_NOTE_EXPIRED_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_EXPIRED_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [CONCEPT_NOTE_REVISED_V1]: concept(SubmissionStatusChangedV1, 'concept-note'),
  [PROJECT_PROPOSAL_REVISED_V1]: concept(SubmissionStatusChangedV1, 'project-proposal'),
  [REFERENCE_DATA_RECORDED_V1]: {
    payload: ReferenceDataRecordedV1,
    topic: TOPICS.concepts,
    aggregateType: 'reference-data',
  },
  // Funds events are keyed by fund code: one fund's money events stay in order for every reader.
  [LEDGER_ENTRY_POSTED_V1]: { payload: LedgerEntryPostedV1, topic: TOPICS.funds, aggregateType: 'fund' },
  [CONTRIBUTION_COMMITTED_V1]: { payload: ContributionCommittedV1, topic: TOPICS.funds, aggregateType: 'fund' },
  [CONTRIBUTION_DEPOSITED_V1]: { payload: ContributionDepositedV1, topic: TOPICS.funds, aggregateType: 'fund' },
  [CREDIT_LINE_FUNDED_V1]: { payload: CreditLineFundedV1, topic: TOPICS.funds, aggregateType: 'fund' },
  [FUND_COST_RECORDED_V1]: { payload: FundCostRecordedV1, topic: TOPICS.funds, aggregateType: 'fund' },
  // Allocation events are keyed by the concept they fund, so the concept's status follows them in order.
  [ALLOCATION_APPROVED_V1]: allocation(AllocationDecidedV1),
  [ALLOCATION_DEFERRED_V1]: allocation(AllocationDecidedV1),
  [ALLOCATION_REJECTED_V1]: allocation(AllocationDecidedV1),
  [TRANSFER_DISBURSED_V1]: allocation(TransferDisbursedV1),
  [EXPENDITURE_REPORTED_V1]: allocation(ExpenditureReportedV1),
  [ALLOCATION_CLOSED_V1]: allocation(AllocationClosedV1),
  [REFUND_RECEIVED_V1]: allocation(RefundReceivedV1),
  [OBLIGATION_OVERDUE_V1]: allocation(ObligationOverdueV1),
  [OBLIGATION_SUBMITTED_V1]: allocation(ObligationSubmittedV1),
};

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
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
 * Parses a Kafka message value into a checked envelope and payload. Throws ContractViolation for anything that is
 * not JSON, not an envelope, of an unknown type, or whose payload breaks its schema: such a message is never retried.
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
  const contract = EVENT_CONTRACTS[envelope.type];
  if (!contract) throw new ContractViolation(`unknown event type ${JSON.stringify(envelope.type)}`);
  envelope.payload = validated(contract.payload, envelope.payload, envelope.type);
  return envelope;
}

/** Producers check their own events against the same schema before they reach the outbox. */
export function assertValidEvent(envelope: EventEnvelope): void {
  decodeEvent(JSON.stringify(envelope));
}
