import { addMonths, dayOf, DomainError, FundPolicies, SubmissionForm } from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * What concept notes (Migration MPTF) and project proposals (Fund 1035) share: their lifecycle.
 *
 * Invariants (rules.md):
 * - G4 SubmissionMovesOnlyAlongAllowedTransitions (ALLOWED_TRANSITIONS); anything else is refused with the allowed moves.
 * - G4 SubmissionIsEditableOnlyInDraft.
 * - G4 OnlyAnIneligibleSubmissionIsRevised, as a new version that keeps the history.
 * - G4 ASubmissionIsWithdrawnOnlyBeforeApproval.
 * - M7 AnEligibleSubmissionEntersThePipelineAndExpiresAfterItsValidity.
 */
export type SubmissionStatus =
  | 'draft'
  | 'submitted'
  | 'screened-eligible'
  | 'screened-ineligible'
  | 'in-pipeline'
  | 'approved'
  | 'deferred'
  | 'rejected'
  | 'funded'
  | 'under-implementation'
  | 'closed'
  | 'withdrawn'
  | 'expired';

export const ALLOWED_TRANSITIONS: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['screened-eligible', 'screened-ineligible', 'withdrawn'],
  'screened-eligible': ['in-pipeline', 'withdrawn'],
  // A revision starts a new version as a draft; a re-screen may find it eligible after a reference data change.
  'screened-ineligible': ['draft', 'screened-eligible', 'withdrawn'],
  // A re-screen after a reference data change may find a pipeline entry no longer eligible.
  'in-pipeline': ['approved', 'deferred', 'rejected', 'withdrawn', 'expired', 'screened-ineligible'],
  deferred: ['in-pipeline', 'withdrawn', 'expired'],
  approved: ['funded'],
  funded: ['under-implementation'],
  'under-implementation': ['closed'],
  rejected: [],
  closed: [],
  withdrawn: [],
  expired: [],
};

/** A submission is written on the form of the fund it goes to; the form decides the rules it is screened by. */
export type SubmissionKind = SubmissionForm;
export type GeographicScope = 'national' | 'regional' | 'global';

export interface FocalPoint {
  name: string;
  email: string;
  phone?: string;
}

export interface VerdictLine {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface Verdict {
  eligible: boolean;
  referenceDate: string;
  lines: VerdictLine[];
}

export interface SubmissionCore {
  id: string;
  /** The fund it is submitted to, a registered fund that takes its kind of submission. */
  fund: string;
  submittingCountry: string;
  ownerUserId: string;
  status: SubmissionStatus;
  version: number;
  region: string | null;
  submittedAt: Date | null;
  pipelineEnteredAt: Date | null;
  expiresAt: Date | null;
  eligible: boolean | null;
  focalPoint: FocalPoint;
  title: string;
  scope: GeographicScope;
  countries: string[];
  requested: Money;
}

export type LifecycleEvent =
  | { kind: 'drafted' | 'updated' | 'revised'; at: Date; from: SubmissionStatus | null }
  | { kind: 'submitted'; at: Date; from: SubmissionStatus }
  | { kind: 'screened'; at: Date; from: SubmissionStatus; verdict: Verdict; trigger: 'submission' | 're-screen' }
  | { kind: 'entered-pipeline' | 'withdrawn' | 'expired'; at: Date; from: SubmissionStatus; reason?: string }
  | { kind: 'decided'; at: Date; from: SubmissionStatus; to: SubmissionStatus; reason?: string };

export interface NewSubmission {
  id: string;
  submittingCountry: string;
  ownerUserId: string;
  at: Date;
}

/** The funds that take a form, read from the registry when asked: a fund registered since boot counts at once. */
export function fundsTaking(form: SubmissionForm): string[] {
  return FundPolicies.withForm(form).map((p) => p.code);
}

/**
 * The fund a submission goes to when its government names none: the first registered fund that takes its form.
 * Production registers one fund per form (the Migration MPTF for concept notes, Fund 1035 for proposals), so that is
 * the default; any further fund of the same form is reached only by naming it.
 */
export function defaultFund(form: SubmissionForm): string {
  const [first] = fundsTaking(form);
  if (!first) throw new Error(`no registered fund takes ${form}s`);
  return first;
}

/** The lifecycle fields of a submission the moment its government first writes it. */
export function freshDraft(input: NewSubmission) {
  return {
    id: input.id,
    submittingCountry: input.submittingCountry,
    ownerUserId: input.ownerUserId,
    status: 'draft' as const,
    version: 1,
    region: null,
    submittedAt: null,
    pipelineEnteredAt: null,
    expiresAt: null,
    eligible: null,
  };
}

export abstract class Submission<TState extends SubmissionCore> {
  private readonly pending: LifecycleEvent[] = [];

  protected constructor(protected state: TState) {}

  abstract readonly kind: SubmissionKind;

  get snapshot(): Readonly<TState> {
    return this.state;
  }

  pullEvents(): LifecycleEvent[] {
    return this.pending.splice(0);
  }

  protected record(event: LifecycleEvent): void {
    this.pending.push(event);
  }

  protected assertDraft(): void {
    if (this.state.status !== 'draft') {
      throw new DomainError(
        'SUBMISSION.NOT_DRAFT',
        `only a draft can be edited (G4); this submission is ${this.state.status}`,
        'conflict',
        [{ field: 'status', rule: 'G4', message: `${this.state.status} is not editable` }],
        { status: this.state.status },
      );
    }
  }

  protected replaceContent(content: Partial<TState>, at: Date): void {
    this.assertDraft();
    this.state = { ...this.state, ...content };
    this.record({ kind: 'updated', at, from: 'draft' });
  }

  submit(at: Date, region: string | null): void {
    this.moveTo('submitted');
    this.state.submittedAt = at;
    this.state.region = region;
    this.record({ kind: 'submitted', at, from: 'draft' });
  }

  /**
   * Applies a verdict. On submission an eligible submission enters the pipeline at once (M7); a re-screen of a
   * pipeline entry keeps its place if still eligible and leaves the pipeline if not.
   */
  applyVerdict(verdict: Verdict, at: Date, trigger: 'submission' | 're-screen', validityMonths: number): void {
    const from = this.state.status;
    if (trigger === 're-screen' && !['in-pipeline', 'deferred', 'screened-ineligible'].includes(from)) {
      throw new DomainError(
        'SUBMISSION.NOT_SCREENABLE',
        `only pipeline entries and ineligible submissions are re-screened; this one is ${from}`,
        'conflict',
        [],
        { status: from },
      );
    }
    this.state.eligible = verdict.eligible;
    this.record({ kind: 'screened', at, from, verdict, trigger });
    if (!verdict.eligible) {
      if (from !== 'screened-ineligible') this.moveTo('screened-ineligible');
      this.state.pipelineEnteredAt = null;
      this.state.expiresAt = null;
      return;
    }
    if (from === 'in-pipeline' || from === 'deferred') return;
    this.moveTo('screened-eligible');
    this.moveTo('in-pipeline');
    this.state.pipelineEnteredAt = at;
    this.state.expiresAt = addMonths(at, validityMonths);
    this.record({ kind: 'entered-pipeline', at, from: 'screened-eligible' });
  }

  withdraw(at: Date, reason: string): void {
    const from = this.state.status;
    this.moveTo('withdrawn');
    this.record({ kind: 'withdrawn', at, from, reason });
  }

  /** M7: an entry not funded within its validity leaves the pipeline. */
  expire(at: Date): void {
    if (!this.state.expiresAt || this.state.expiresAt > at) {
      throw new DomainError('SUBMISSION.NOT_EXPIRED', `submission ${this.state.id} is still valid`, 'conflict', [], {
        id: this.state.id,
      });
    }
    const from = this.state.status;
    this.moveTo('expired');
    this.record({
      kind: 'expired',
      at,
      from,
      reason: `not funded by ${dayOf(this.state.expiresAt)}`,
    });
  }

  /**
   * G4: what the funds service decided and did (approved, deferred, rejected; funded and under implementation at the
   * first transfer; closed) moves the submission along its allowed transitions. A repeated decision is a no-op.
   */
  follow(
    next: 'approved' | 'deferred' | 'rejected' | 'under-implementation' | 'closed',
    at: Date,
    reason?: string,
  ): void {
    const from = this.state.status;
    if (from === next) return;
    if (next === 'under-implementation' && from === 'approved') this.moveTo('funded');
    // A deferred entry returns to the pipeline before it is decided again (G4).
    if (from === 'deferred' && (next === 'approved' || next === 'rejected')) this.moveTo('in-pipeline');
    this.moveTo(next);
    this.record({ kind: 'decided', at, from, to: next, reason });
  }

  /** G4: an ineligible submission is resubmitted as a new version, starting again as a draft. */
  revise(at: Date): void {
    const from = this.state.status;
    if (from !== 'screened-ineligible') {
      throw new DomainError(
        'SUBMISSION.NOT_REVISABLE',
        `only an ineligible submission is revised as a new version (G4); this one is ${from}`,
        'conflict',
        [{ field: 'status', rule: 'G4', message: `${from} → draft is not an allowed transition` }],
        { status: from },
      );
    }
    this.moveTo('draft');
    this.state.version += 1;
    this.state.submittedAt = null;
    this.state.eligible = null;
    this.record({ kind: 'revised', at, from });
  }

  protected moveTo(next: SubmissionStatus): void {
    const from = this.state.status;
    if (!ALLOWED_TRANSITIONS[from].includes(next)) {
      throw new DomainError(
        'SUBMISSION.TRANSITION_NOT_ALLOWED',
        `a submission cannot move from ${from} to ${next} (G4); allowed from ${from}: ${
          ALLOWED_TRANSITIONS[from].join(', ') || 'none'
        }`,
        'conflict',
        [{ field: 'status', rule: 'G4', message: `${from} → ${next} is not an allowed transition` }],
        { from, to: next, allowed: ALLOWED_TRANSITIONS[from].join(', ') || '—' },
      );
    }
    this.state.status = next;
  }
}
