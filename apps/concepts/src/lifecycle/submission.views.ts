import { Actor } from '@fundline/contracts';
import { ProjectProposal } from '../proposals/project-proposal.aggregate';
import { participatingOrganisations } from '../submission/concept-note.aggregate';
import { Verdict } from './submission';
import { AnySubmission, contentJson } from './submission.mapping';

/** G6: the focal point's personal data is shown to the owning government and to fund staff, to nobody else. */
export function mayReadPersonalData(actor: Actor, submittingCountry: string): boolean {
  return actor.role === 'government' ? actor.country === submittingCountry : actor.role !== 'system';
}

export function submissionView(submission: AnySubmission, actor: Actor, verdict?: Verdict | null) {
  const s = submission.snapshot;
  const common = {
    id: s.id,
    kind: submission.kind,
    fund: s.fund,
    status: s.status,
    version: s.version,
    submittingCountry: s.submittingCountry,
    region: s.region,
    title: s.title,
    scope: s.scope,
    countries: s.countries,
    requested: s.requested.toJSON(),
    eligible: s.eligible,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    pipelineEnteredAt: s.pipelineEnteredAt?.toISOString() ?? null,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    resultsFramework: s.resultsFramework,
    ...(verdict !== undefined ? { verdict } : {}),
    ...(mayReadPersonalData(actor, s.submittingCountry) ? { focalPoint: s.focalPoint } : {}),
  };
  if (submission instanceof ProjectProposal) {
    const p = submission.snapshot;
    return {
      ...common,
      creditLine: p.creditLine,
      focusArea: p.focusArea,
      parentProposalId: p.parentProposalId,
      ...contentJson(submission),
    };
  }
  const n = submission.snapshot;
  return {
    ...common,
    thematicArea: n.thematicArea,
    gcmObjectives: n.gcmObjectives,
    participatingOrganisations: participatingOrganisations(n),
    ...contentJson(submission),
  };
}

export type SubmissionView = ReturnType<typeof submissionView>;
