import {
  conceptNoteContent,
  projectProposalContent,
  referenceSnapshot,
} from '../../../../test/support/submission-builders';
import { ProjectProposal } from '../proposals/project-proposal.aggregate';
import { ConceptNote } from '../submission/concept-note.aggregate';
import { violationOf } from '../../../../test/support/domain-errors';
import { ALLOWED_TRANSITIONS, Verdict } from './submission';

const at = new Date('2026-11-22T10:00:00Z');
const eligible: Verdict = {
  eligible: true,
  referenceDate: '2026-11-22',
  lines: [{ rule: 'M1', passed: true, detail: 'ok' }],
};
const ineligible: Verdict = {
  eligible: false,
  referenceDate: '2026-11-22',
  lines: [{ rule: 'M5', passed: false, detail: 'markers' }],
};

function note(): ConceptNote {
  return ConceptNote.draft(
    { id: 'c1', submittingCountry: 'PHL', ownerUserId: 'u1', content: conceptNoteContent(), at },
    referenceSnapshot(),
  );
}

describe('the submission lifecycle', () => {
  it('G4 goes draft → submitted → screened eligible → in pipeline, with an expiry 24 months later (M7)', () => {
    const n = note();
    n.submit(at, 'asia-pacific');
    n.applyVerdict(eligible, at, 'submission', 24);
    expect(n.snapshot.status).toBe('in-pipeline');
    expect(n.snapshot.expiresAt?.toISOString()).toBe('2028-11-22T10:00:00.000Z');
    expect(n.pullEvents().map((e) => e.kind)).toEqual(['drafted', 'submitted', 'screened', 'entered-pipeline']);
  });

  it('G4 stops an ineligible submission at screened-ineligible, outside the pipeline', () => {
    const n = note();
    n.submit(at, null);
    n.applyVerdict(ineligible, at, 'submission', 24);
    expect(n.snapshot).toMatchObject({ status: 'screened-ineligible', eligible: false, expiresAt: null });
  });

  it('G4 edits only a draft', () => {
    const n = note();
    n.update(conceptNoteContent({ title: 'A better title' }), referenceSnapshot(), at);
    expect(n.snapshot.title).toBe('A better title');
    n.submit(at, null);
    expect(violationOf(() => n.update(conceptNoteContent(), referenceSnapshot(), at))).toMatchObject({
      code: 'SUBMISSION.NOT_DRAFT',
      kind: 'conflict',
      rules: ['G4'],
    });
  });

  it('G4 revises an ineligible submission as a new version, and nothing else', () => {
    const n = note();
    expect(violationOf(() => n.revise(at))).toMatchObject({ code: 'SUBMISSION.NOT_REVISABLE' });
    n.submit(at, null);
    n.applyVerdict(ineligible, at, 'submission', 24);
    n.revise(at);
    expect(n.snapshot).toMatchObject({ status: 'draft', version: 2, eligible: null, submittedAt: null });
  });

  it('G4 lets a government withdraw before approval but not after', () => {
    const n = note();
    n.submit(at, null);
    n.applyVerdict(eligible, at, 'submission', 24);
    n.withdraw(at, 'merged into another programme');
    expect(n.snapshot.status).toBe('withdrawn');
    expect(ALLOWED_TRANSITIONS.approved).not.toContain('withdrawn');
    expect(violationOf(() => n.withdraw(at, 'again'))).toMatchObject({
      code: 'SUBMISSION.TRANSITION_NOT_ALLOWED',
      rules: ['G4'],
    });
  });

  it('G4 refuses a second submit, naming the allowed moves', () => {
    const n = note();
    n.submit(at, null);
    expect(violationOf(() => n.submit(at, null))).toMatchObject({
      code: 'SUBMISSION.TRANSITION_NOT_ALLOWED',
      kind: 'conflict',
    });
  });

  it('M7 expires a pipeline entry only once its validity has run out', () => {
    const n = note();
    n.submit(at, null);
    n.applyVerdict(eligible, at, 'submission', 24);
    expect(violationOf(() => n.expire(new Date('2028-11-22T09:59:59Z')))).toMatchObject({
      code: 'SUBMISSION.NOT_EXPIRED',
    });
    n.expire(new Date('2028-11-22T10:00:00Z'));
    expect(n.snapshot.status).toBe('expired');
  });

  it('M7 takes a pipeline entry out of the pipeline when a re-screen finds it ineligible, and back in when eligible again', () => {
    const n = note();
    n.submit(at, null);
    n.applyVerdict(eligible, at, 'submission', 24);
    n.applyVerdict(ineligible, at, 're-screen', 24);
    expect(n.snapshot.status).toBe('screened-ineligible');
    n.applyVerdict(eligible, at, 're-screen', 24);
    expect(n.snapshot.status).toBe('in-pipeline');
  });
});

describe('ProjectProposal (what is enforced when a proposal is written)', () => {
  const draft = (overrides = {}, applicant = 'PHL') =>
    ProjectProposal.draft(
      { id: 'p1', submittingCountry: applicant, ownerUserId: 'u', content: projectProposalContent(overrides), at },
      referenceSnapshot(),
    );

  it('F5 accepts a regional proposal of two states and refuses one of a single state', () => {
    expect(draft({ scope: 'regional', countries: ['PHL', 'IDN'] }).snapshot.scope).toBe('regional');
    expect(violationOf(() => draft({ scope: 'regional', countries: ['PHL'] }))).toMatchObject({
      rules: ['F5'],
      fields: ['countries'],
    });
  });

  it('F5 refuses an application by a state that does not benefit (a non-member never applies)', () => {
    expect(violationOf(() => draft({ countries: ['IDN'], endorsements: [] }))).toMatchObject({ rules: ['F5'] });
  });

  it('F8 refuses an unknown focus area as malformed input, and F1 an unknown country', () => {
    expect(violationOf(() => draft({ focusArea: 'space-travel' }))).toMatchObject({ kind: 'malformed', rules: ['F8'] });
    expect(violationOf(() => draft({ countries: ['PHL', 'ZZZ'], scope: 'regional' }))).toMatchObject({
      kind: 'malformed',
      rules: ['F1'],
    });
  });
});

describe('following the funds service', () => {
  it('G4 follows a deferral back through the pipeline to an approval, funding, implementation and closure', () => {
    const n = ConceptNote.draft(
      { id: 'c9', submittingCountry: 'PHL', ownerUserId: 'u1', content: conceptNoteContent(), at },
      referenceSnapshot(),
    );
    n.submit(at, null);
    n.applyVerdict(eligible, at, 'submission', 24);
    n.follow('deferred', at);
    n.follow('deferred', at);
    n.follow('approved', at);
    n.follow('under-implementation', at);
    n.follow('closed', at);
    expect(n.snapshot.status).toBe('closed');
  });

  it('G4 refuses to follow an approval of a withdrawn submission', () => {
    const n = ConceptNote.draft(
      { id: 'c9', submittingCountry: 'PHL', ownerUserId: 'u1', content: conceptNoteContent(), at },
      referenceSnapshot(),
    );
    n.withdraw(at, 'changed plans');
    expect(violationOf(() => n.follow('approved', at))).toMatchObject({ code: 'SUBMISSION.TRANSITION_NOT_ALLOWED' });
  });
});
