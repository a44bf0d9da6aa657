import { ResultsFrameworkV1 } from '@fundline/contracts';
import { Money } from '@fundline/money';
import { BudgetLine } from '../budget/budget.value';
import { ProjectProposal, ProjectProposalState } from '../proposals/project-proposal.aggregate';
import { ConceptNote, ConceptNoteState, participatingOrganisations } from '../submission/concept-note.aggregate';
import { FocalPoint, GeographicScope, SubmissionCore, SubmissionStatus } from './submission';
import { SubmissionRecord } from './submission.entity';

export type AnySubmission = ConceptNote | ProjectProposal;

type MoneyJson = { amount: string; currency: string };
type LineJson = { category: string; amount: MoneyJson };
const money = (m: MoneyJson) => Money.parse(m.amount, m.currency);
const line = (l: LineJson): BudgetLine => ({ category: l.category, amount: money(l.amount) });
const lineJson = (l: BudgetLine) => ({ category: l.category, amount: l.amount.toJSON() });

function core(record: SubmissionRecord): SubmissionCore {
  return {
    id: record.id,
    fund: record.fund,
    submittingCountry: record.submittingCountry,
    ownerUserId: record.ownerUserId,
    status: record.status as SubmissionStatus,
    version: record.version,
    region: record.region,
    submittedAt: record.submittedAt,
    pipelineEnteredAt: record.pipelineEnteredAt,
    expiresAt: record.expiresAt,
    eligible: record.eligible,
    focalPoint: (record.focalPoint ?? { name: '', email: '' }) as unknown as FocalPoint,
    title: record.title,
    scope: record.scope as GeographicScope,
    countries: record.countries,
    requested: Money.ofMinor(BigInt(record.requestedMinor), record.currency),
  };
}

export function restore(record: SubmissionRecord): AnySubmission {
  const c = record.content as Record<string, never>;
  const resultsFramework = record.resultsFramework as ResultsFrameworkV1 | null;
  if (record.kind === 'concept-note') {
    const budget = c.budget as Array<{ organisation: string; lines: LineJson[] }>;
    return ConceptNote.restore({
      ...core(record),
      thematicArea: record.thematicArea!,
      gcmObjectives: record.gcmObjectives,
      budget: budget.map((b) => ({ organisation: b.organisation, lines: b.lines.map(line) })),
      markers: c.markers,
      partners: c.partners,
      durationMonths: c.durationMonths,
      endorsement: c.endorsement,
      resultsFramework,
    } as ConceptNoteState);
  }
  const budget = c.budget as {
    lines: LineJson[];
    includesOtherDonorFunding: boolean;
    includesProposalDevelopmentCosts: boolean;
  };
  return ProjectProposal.restore({
    ...core(record),
    scope: record.scope as 'national' | 'regional',
    creditLine: record.creditLine as 1 | 2,
    focusArea: record.focusArea!,
    parentProposalId: record.parentId,
    endorsements: c.endorsements,
    budget: { ...budget, lines: budget.lines.map(line) },
    durationMonths: c.durationMonths,
    resultsFramework,
  } as ProjectProposalState);
}

export function toRecord(submission: AnySubmission): Partial<SubmissionRecord> {
  const s = submission.snapshot;
  const common: Partial<SubmissionRecord> = {
    id: s.id,
    kind: submission.kind,
    fund: s.fund,
    status: s.status,
    version: s.version,
    submittingCountry: s.submittingCountry,
    region: s.region,
    ownerUserId: s.ownerUserId,
    title: s.title,
    scope: s.scope,
    countries: s.countries,
    requestedMinor: s.requested.amountMinor.toString(),
    currency: s.requested.currency,
    focalPoint: { ...s.focalPoint },
    eligible: s.eligible,
    submittedAt: s.submittedAt,
    pipelineEnteredAt: s.pipelineEnteredAt,
    expiresAt: s.expiresAt,
    resultsFramework: s.resultsFramework && { ...s.resultsFramework },
  };
  if (submission instanceof ConceptNote) {
    const n = submission.snapshot;
    return {
      ...common,
      thematicArea: n.thematicArea,
      gcmObjectives: n.gcmObjectives,
      participatingOrganisations: participatingOrganisations(n),
      focusArea: null,
      creditLine: null,
      parentId: null,
      content: contentJson(submission),
    };
  }
  const p = submission.snapshot;
  return {
    ...common,
    thematicArea: null,
    gcmObjectives: [],
    participatingOrganisations: [],
    focusArea: p.focusArea,
    creditLine: p.creditLine,
    parentId: p.parentProposalId,
    content: contentJson(submission),
  };
}

/** The kind-specific content as JSON (amounts as decimal strings): stored in `content`, and shown in views. */
export function contentJson(submission: AnySubmission): Record<string, unknown> {
  if (submission instanceof ConceptNote) {
    const n = submission.snapshot;
    return {
      budget: n.budget.map((b) => ({ organisation: b.organisation, lines: b.lines.map(lineJson) })),
      markers: n.markers,
      partners: n.partners,
      durationMonths: n.durationMonths,
      endorsement: n.endorsement,
    };
  }
  const p = submission.snapshot;
  return {
    endorsements: p.endorsements,
    budget: { ...p.budget, lines: p.budget.lines.map(lineJson) },
    durationMonths: p.durationMonths,
  };
}
