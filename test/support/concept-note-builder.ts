import { conceptNoteContent, projectProposalBody, projectProposalContent } from './submission-builders';

/** The request body a government sends: the domain builder's content as JSON (Money → { amount, currency }). */
function asJson(content: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
}

/**
 * A valid, eligible Migration MPTF concept note of the Philippines, as a request body, with overrides; its budget by
 * UN harmonised category per organisation and the results framework its submission needs (issue 14, M14).
 */
export function aConceptNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...asJson(conceptNoteContent()), ...overrides };
}

/**
 * A valid, eligible Fund 1035 Line 2 national proposal of the Philippines, as a request body, with overrides: its
 * staff and office costs declared as one figure, as clients wrote budgets before categories.
 */
export function aProjectProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...asJson(projectProposalBody()), ...overrides };
}

/** The proposal of `aProjectProposal` with its budget by IDF template line (issue 14), with overrides. */
export function aCategorisedProjectProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { parentProposalId: _none, ...content } = asJson(projectProposalContent());
  return { ...content, ...overrides };
}
