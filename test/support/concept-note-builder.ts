import { conceptNoteContent, projectProposalContent } from './submission-builders';

/** The request body a government sends: the domain builder's content as JSON (Money → { amount, currency }). */
function asJson(content: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
}

/** A valid, eligible Migration MPTF concept note of the Philippines, as a request body, with overrides. */
export function aConceptNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...asJson(conceptNoteContent()), ...overrides };
}

/** A valid, eligible Fund 1035 Line 2 national proposal of the Philippines, as a request body, with overrides. */
export function aProjectProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { parentProposalId: _none, ...content } = asJson(projectProposalContent());
  return { ...content, ...overrides };
}
