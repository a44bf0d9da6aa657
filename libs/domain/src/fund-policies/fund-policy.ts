import { Money } from '@fundline/money';
import { DomainError, Violation } from '../domain-error';
import { Fund1035Lists } from '../fund1035-eligibility';
import { FundParameters } from '../fund-parameters';

/**
 * A fund's policy: the one place that says what is particular to a fund (docs/adr/0016-fund-policies.md). Services
 * never branch on a fund's code; they ask its policy. Adding a pooled fund is a new policy in the registry.
 */
export type SubmissionForm = 'concept-note' | 'project-proposal';

/** Reports a fund appears in, beside the pipeline and the ledger reports every fund has. */
export type FundReport = 'fund-status' | 'credit-lines';

export interface PocketDefinition {
  code: string;
  name: string;
  kind: 'pool' | 'thematic-window' | 'credit-line';
  thematicArea: number | null;
  /** A credit line's number (F2), for funds that fund by line. */
  creditLine: 1 | 2 | null;
}

/** A pipeline entry as the funds service keeps it, at the moment of its approval. */
export interface ApprovalCandidate {
  conceptId: string;
  fund: string;
  status: string;
  expiresAt: Date | null;
  countries: string[];
  scope: string | null;
  thematicArea: number | null;
  /** The credit line the proposal asked for (credit-line funds). */
  creditLine: number | null;
  requested: Money;
  parentId: string | null;
}

/** What the committee decided to approve. */
export interface ApprovalTerms {
  amount: Money;
  pocketCode?: string;
  creditLine?: number;
  shares?: ReadonlyArray<{ organisation: string; amount: Money }>;
}

export interface ApprovalContext {
  now: Date;
  parameters: FundParameters;
  /** The eligibility lists in force on the approval date, when the policy needs them (`needsEligibilityLists`). */
  lists?: Fund1035Lists;
  /** The credit line on which the parent was funded, when the candidate is a follow-up (null: not funded). */
  parentFundedOnLine: number | null;
}

/** Where an approval draws its money from. */
export interface Earmark {
  pocketCode: string;
  creditLine: 1 | 2 | null;
}

export interface Obligation {
  kind: string;
  dueOn: string;
}

export interface FundPolicy {
  readonly code: string;
  readonly name: string;
  /** What a government submits to this fund; it decides the screening rules (M… for concept notes, F… for proposals). */
  readonly form: SubmissionForm;
  /** The Administrative Agent fee on each deposit, in basis points (M9: 100 for the Migration MPTF). */
  readonly feeBasisPoints: number;
  readonly pockets: readonly PocketDefinition[];
  readonly reports: readonly FundReport[];
  /** M13: the fund parameter holding the fund's capitalization target, for funds with a fund-status report. */
  readonly capitalizationTarget?: `${string}-minor`;
  /** M9 / F2: the pocket an approval draws on; refuses one the entry may not draw on. */
  earmark(candidate: ApprovalCandidate, terms: Pick<ApprovalTerms, 'pocketCode' | 'creditLine'>): Earmark;
  /** Whether the approval checks read the eligibility lists (loaded only then). */
  needsEligibilityLists(earmark: Earmark): boolean;
  /** The fund's own rules an approval re-checks (F3, F4, F6…), beside the common G4, M7 and M8. */
  approvalViolations(
    candidate: ApprovalCandidate,
    terms: ApprovalTerms,
    earmark: Earmark,
    context: ApprovalContext,
  ): Violation[];
  /** M10: the approved amount shared among the organisations that implement it. */
  shares(terms: ApprovalTerms): Array<{ organisation: string; amount: Money }>;
  /** F12 / M11: the reports an allocation owes from its start to after its end. */
  obligations(startDate: string, endDate: string): Obligation[];
}

const registered = new Map<string, FundPolicy>();

/** The funds Fundline runs. Production registers its two; a test may register another and remove it after. */
export const FundPolicies = {
  register(policy: FundPolicy): void {
    if (registered.has(policy.code)) throw new Error(`fund ${policy.code} is registered already`);
    registered.set(policy.code, policy);
  },
  unregister(code: string): void {
    registered.delete(code);
  },
  /** The policy of a fund that must exist (it came from our own records or events). */
  of(code: string): FundPolicy {
    const policy = registered.get(code);
    if (!policy)
      throw new DomainError('FUND.UNKNOWN', `Fundline runs no fund ${code}`, 'not-found', [], { fundCode: code });
    return policy;
  },
  find(code: string): FundPolicy | undefined {
    return registered.get(code);
  },
  all(): FundPolicy[] {
    return [...registered.values()];
  },
  codes(): string[] {
    return [...registered.keys()];
  },
  withForm(form: SubmissionForm): FundPolicy[] {
    return this.all().filter((p) => p.form === form);
  },
  withReport(report: FundReport): FundPolicy[] {
    return this.all().filter((p) => p.reports.includes(report));
  },
};
