import { bearer } from '@fundline/testing';
import request from 'supertest';
import { attachLetters } from './endorsements';
import { FundlineSystem } from './fundline-system';

/**
 * A government drafts a concept note (or, with `kind`, a project proposal), attaches the endorsement letters its
 * screening asks for, and submits it at once, which screens it.
 * Answers the concept's id and the submission's answer (its status says whether it went into the pipeline).
 */
export async function submitConcept(
  system: FundlineSystem,
  country: string,
  body: object,
  kind: 'concept-notes' | 'project-proposals' = 'concept-notes',
): Promise<{ id: string; submitted: { status: string } & Record<string, unknown> }> {
  const draft = await request(system.http('concepts'))
    .post(`/${kind}`)
    .set(bearer('government', country))
    .send(body)
    .expect(201);
  await attachLetters(system.http('concepts'), bearer('government', country), draft.body.id);
  const submitted = await request(system.http('concepts'))
    .post(`/concepts/${draft.body.id}/submit`)
    .set(bearer('government', country))
    .expect(200);
  return { id: draft.body.id as string, submitted: submitted.body };
}
