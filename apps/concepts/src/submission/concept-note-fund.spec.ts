import { Actor } from '@fundline/contracts';
import { DomainError, FUND_1035, MIGRATION_MPTF } from '@fundline/domain';
import { fundlineValidationPipe, ProblemException } from '@fundline/http';
import { EntityManager } from 'typeorm';
import { violationOf } from '../../../../test/support/domain-errors';
import { registeredForThisFile, TEST_POOLED_FUND } from '../../../../test/support/test-funds';
import {
  conceptNoteContent,
  projectProposalContent,
  referenceSnapshot,
} from '../../../../test/support/submission-builders';
import { SubmissionRecord } from '../lifecycle/submission.entity';
import { restore, toRecord } from '../lifecycle/submission.mapping';
import { SubmissionFilter } from '../lifecycle/submission.queries';
import { submissionView } from '../lifecycle/submission.views';
import { ProjectProposal } from '../proposals/project-proposal.aggregate';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ScreeningService } from '../screening/screening.service';
import { ConceptNote, ConceptNoteContent } from './concept-note.aggregate';

/** A single-window pooled fund that takes concept notes like the Migration MPTF: it exists only in this test. */

const at = new Date('2026-11-22T10:00:00Z');
const staff: Actor = { userId: 'admin', role: 'fund-admin' };

function draft(overrides: Partial<ConceptNoteContent> = {}): ConceptNote {
  return ConceptNote.draft(
    { id: 'c1', submittingCountry: 'PHL', ownerUserId: 'u1', content: conceptNoteContent(overrides), at },
    referenceSnapshot(),
  );
}

function refusalOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('the fund of a concept note, with a third pooled fund registered by the test', () => {
  registeredForThisFile(TEST_POOLED_FUND);

  it('goes to the fund it names, and keeps it when its draft is rewritten without naming one', () => {
    const note = draft({ fund: TEST_POOLED_FUND.code });
    expect(note.snapshot.fund).toBe(TEST_POOLED_FUND.code);
    note.update(conceptNoteContent({ title: 'A better title' }), referenceSnapshot(), at);
    expect(note.snapshot).toMatchObject({ fund: TEST_POOLED_FUND.code, title: 'A better title' });
  });

  it('goes to the first fund registered for concept notes when it names none', () => {
    expect(draft().snapshot.fund).toBe(MIGRATION_MPTF.code);
  });

  it('is screened by the concept-note rules M1–M6, as a Migration MPTF note is', async () => {
    const screening = new ScreeningService({} as ReferenceDataService);
    // The reference data is given; the one query left reads the attached endorsement letters: the government's own.
    const manager = {
      connection: { options: {} },
      query: async () => [{ country: 'PHL' }],
    } as unknown as EntityManager;
    const screen = async (note: ConceptNote) => {
      note.submit(at, 'asia-pacific');
      return (await screening.screen(manager, note, '2026-11-22', referenceSnapshot())).verdict;
    };
    const verdict = await screen(draft({ fund: TEST_POOLED_FUND.code }));
    expect(verdict.lines.map((l) => l.rule)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(verdict).toEqual(await screen(draft()));
    expect(verdict.eligible).toBe(true);
  });

  it('carries its fund in its view and its stored record, and is restored with it', () => {
    const note = draft({ fund: TEST_POOLED_FUND.code });
    expect(submissionView(note, staff).fund).toBe(TEST_POOLED_FUND.code);
    const record = toRecord(note);
    expect(record.fund).toBe(TEST_POOLED_FUND.code);
    expect(restore(record as SubmissionRecord).snapshot.fund).toBe(TEST_POOLED_FUND.code);
  });

  it('refuses an unknown fund as malformed, naming the funds that take concept notes', () => {
    expect(violationOf(() => draft({ fund: 'NO_SUCH_FUND' }))).toMatchObject({
      code: 'CONCEPT_NOTE.UNKNOWN_REFERENCE',
      kind: 'malformed',
      fields: ['fund'],
    });
    expect(refusalOf(() => draft({ fund: 'NO_SUCH_FUND' })).message).toBe(
      `Fundline runs no fund NO_SUCH_FUND; concept notes go to ${MIGRATION_MPTF.code}, ${TEST_POOLED_FUND.code}`,
    );
  });

  it('refuses a fund that takes project proposals, on a draft and on a rewrite', () => {
    expect(violationOf(() => draft({ fund: FUND_1035.code }))).toMatchObject({ kind: 'malformed', fields: ['fund'] });
    expect(refusalOf(() => draft({ fund: FUND_1035.code })).message).toMatch(
      new RegExp(`^${FUND_1035.code} takes project proposals, not concept notes; concept notes go to `),
    );
    const note = draft({ fund: TEST_POOLED_FUND.code });
    expect(
      violationOf(() => note.update(conceptNoteContent({ fund: FUND_1035.code }), referenceSnapshot(), at)),
    ).toMatchObject({ fields: ['fund'] });
    expect(note.snapshot.fund).toBe(TEST_POOLED_FUND.code);
  });

  it('leaves a project proposal to the fund registered for proposals', () => {
    const proposal = ProjectProposal.draft(
      { id: 'p1', submittingCountry: 'PHL', ownerUserId: 'u1', content: projectProposalContent(), at },
      referenceSnapshot(),
    );
    expect(proposal.snapshot.fund).toBe(FUND_1035.code);
    expect(submissionView(proposal, staff).fund).toBe(FUND_1035.code);
  });

  it('lets staff filter submissions by the registered fund and refuses a fund Fundline does not run', async () => {
    const filter = (fund: string) =>
      fundlineValidationPipe()
        .transform({ fund }, { type: 'query', metatype: SubmissionFilter })
        .then(
          () => undefined,
          (error: ProblemException) => error,
        );
    expect(await filter(TEST_POOLED_FUND.code)).toBeUndefined();
    expect(await filter(FUND_1035.code)).toBeUndefined();
    const refused = await filter('NO_SUCH_FUND');
    expect(refused?.getStatus()).toBe(400);
    expect(refused?.violations).toEqual([
      {
        field: 'fund',
        rule: 'isRegisteredFund',
        message: `fund must be one of the following values: ${MIGRATION_MPTF.code}, ${FUND_1035.code}, ${TEST_POOLED_FUND.code}`,
      },
    ]);
  });
});
