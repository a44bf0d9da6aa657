import { ResultsFrameworkV1 } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { fundlineValidationPipe, ProblemException } from '@fundline/http';
import { aCategorisedProjectProposal, aConceptNote } from '../../../../test/support/concept-note-builder';
import { violationOf } from '../../../../test/support/domain-errors';
import { aResultsFramework } from '../../../../test/support/results-framework-builder';
import {
  conceptNoteContent,
  projectProposalContent,
  referenceSnapshot,
} from '../../../../test/support/submission-builders';
import { SubmissionRecord } from '../lifecycle/submission.entity';
import { restore, toRecord } from '../lifecycle/submission.mapping';
import { ProjectProposal, ProjectProposalContent } from '../proposals/project-proposal.aggregate';
import { ProjectProposalDto } from '../proposals/project-proposal.dto';
import { ConceptNote, ConceptNoteContent } from '../submission/concept-note.aggregate';
import { ConceptNoteDto } from '../submission/concept-note.dto';

const at = new Date('2026-11-22T10:00:00Z');
const eligible = { eligible: false, referenceDate: '2026-11-22', lines: [] };

type Dto = typeof ConceptNoteDto | typeof ProjectProposalDto;

async function refusal(body: object, metatype: Dto = ConceptNoteDto): Promise<ProblemException | undefined> {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype });
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

async function frameworkOf(body: object, metatype: Dto = ConceptNoteDto) {
  const dto = (await fundlineValidationPipe().transform(body, { type: 'body', metatype })) as
    ConceptNoteDto | ProjectProposalDto;
  return dto.toContent().resultsFramework;
}

/** The violations a refused body carries: field, rule and limit, as problem+json shows them. */
const violations = (problem: ProblemException | undefined) =>
  (problem?.violations ?? []).map((v) => ({ field: v.field, rule: v.rule, limit: v.limit }));

type Json = Record<string, unknown>;
type FrameworkJson = { outcomes: Array<Json & { outputs: Array<Json & { indicators: Json[] }> }> };

/** The builder's framework with one change made to a copy of it. */
function changed(change: (f: FrameworkJson) => void): Json {
  const framework = JSON.parse(JSON.stringify(aResultsFramework())) as FrameworkJson;
  change(framework);
  return framework as unknown as Json;
}

const indicatorOf = (f: FrameworkJson) => f.outcomes[0].outputs[0].indicators[0];
const INDICATOR = 'resultsFramework.outcomes.0.outputs.0.indicators.0';

describe('a results framework in a draft’s body (issue 14)', () => {
  it('RF1 takes outcomes → outputs → indicators as sent, figures as decimal strings', async () => {
    const framework = await frameworkOf(aConceptNote());
    expect(framework).toEqual(aResultsFramework());
    expect(framework?.outcomes[1].outputs[1].indicators[0]).toMatchObject({ code: '2.2.1', target: '5000.5' });
  });

  it.each([
    ['left out', ({ resultsFramework: _none, ...body }: Json) => body],
    ['null', (body: Json) => ({ ...body, resultsFramework: null })],
  ])('M14 a draft may be written without a framework (%s): it has none', async (_, strip) => {
    expect(await frameworkOf(strip(aConceptNote()))).toBeNull();
  });

  it('F12 a project proposal may carry one, or none', async () => {
    const framework = aResultsFramework();
    expect(await frameworkOf(aCategorisedProjectProposal({ resultsFramework: framework }), ProjectProposalDto)).toEqual(
      framework,
    );
    expect(await frameworkOf(aCategorisedProjectProposal(), ProjectProposalDto)).toBeNull();
  });

  it.each(['code', 'description', 'unit', 'baseline', 'target', 'meansOfVerification'])(
    'RF1 refuses an indicator whose %s is missing or null (400 naming the field)',
    async (field) => {
      for (const value of [undefined, null]) {
        const framework = changed((f) => {
          const indicator = indicatorOf(f);
          if (value === undefined) delete indicator[field];
          else indicator[field] = value;
        });
        const problem = await refusal(aConceptNote({ resultsFramework: framework }));
        expect(problem?.getStatus()).toBe(400);
        expect(problem?.code).toBe('REQUEST.INVALID');
        expect(new Set(violations(problem).map((v) => v.field))).toEqual(new Set([`${INDICATOR}.${field}`]));
      }
    },
  );

  it.each([
    [
      'outcome statement',
      (f: FrameworkJson) => delete f.outcomes[0].statement,
      'resultsFramework.outcomes.0.statement',
    ],
    [
      'output code',
      (f: FrameworkJson) => (f.outcomes[1].outputs[1].code = null),
      'resultsFramework.outcomes.1.outputs.1.code',
    ],
    ['outputs', (f: FrameworkJson) => delete (f.outcomes[0] as Json).outputs, 'resultsFramework.outcomes.0.outputs'],
    ['outcomes', (f: FrameworkJson) => delete (f as Json).outcomes, 'resultsFramework.outcomes'],
  ])('RF1 refuses a framework whose %s is missing or null (400 naming it)', async (_, change, field) => {
    const problem = await refusal(aConceptNote({ resultsFramework: changed(change) }));
    expect(problem?.getStatus()).toBe(400);
    expect(violations(problem).map((v) => v.field)).toContain(field);
    expect(violations(problem).every((v) => v.field === field)).toBe(true);
  });

  it.each([
    ['no outcome', (f: FrameworkJson) => (f.outcomes = []), 'resultsFramework.outcomes'],
    [
      'an outcome without outputs',
      (f: FrameworkJson) => (f.outcomes[0].outputs = []),
      'resultsFramework.outcomes.0.outputs',
    ],
    [
      'an output without indicators',
      (f: FrameworkJson) => (f.outcomes[1].outputs[0].indicators = []),
      'resultsFramework.outcomes.1.outputs.0.indicators',
    ],
  ])('RF1 refuses %s (400, at least one)', async (_, change, field) => {
    const problem = await refusal(aConceptNote({ resultsFramework: changed(change) }));
    expect(violations(problem)).toEqual([{ field, rule: 'RF1', limit: undefined }]);
  });

  it.each([
    ['"12.5"', '12.5', true],
    ['"-3.2500"', '-3.2500', true],
    ['a JSON number', 120, false],
    ['five decimals', '1.00001', false],
    ['a blank', '', false],
    ['a percent sign', '60%', false],
  ])('RF1 a target given as %s (%j) is accepted: %s', async (_, target, accepted) => {
    const framework = changed((f) => (indicatorOf(f).target = target));
    const problem = await refusal(aConceptNote({ resultsFramework: framework }));
    if (accepted) expect(problem).toBeUndefined();
    else expect(violations(problem)).toEqual([{ field: `${INDICATOR}.target`, rule: 'RF1', limit: undefined }]);
  });

  it('RF1 refuses a blank description and an unknown field, as everywhere (docs/validation.md)', async () => {
    const blank = await refusal(aConceptNote({ resultsFramework: changed((f) => (indicatorOf(f).description = '')) }));
    expect(violations(blank)).toEqual([{ field: `${INDICATOR}.description`, rule: 'isNotEmpty', limit: undefined }]);
    const unknown = await refusal(aConceptNote({ resultsFramework: changed((f) => (indicatorOf(f).weight = '1')) }));
    expect(unknown?.getStatus()).toBe(400);
    expect(violations(unknown).map((v) => v.field)).toEqual([`${INDICATOR}.weight`]);
  });

  it.each([
    [
      'outcomes',
      (f: FrameworkJson) => (f.outcomes = Array.from({ length: 21 }, () => f.outcomes[0])),
      'resultsFramework.outcomes',
    ],
    [
      'outputs of an outcome',
      (f: FrameworkJson) => (f.outcomes[0].outputs = Array.from({ length: 21 }, () => f.outcomes[0].outputs[0])),
      'resultsFramework.outcomes.0.outputs',
    ],
    [
      'indicators of an output',
      (f: FrameworkJson) => (f.outcomes[0].outputs[0].indicators = Array.from({ length: 21 }, () => indicatorOf(f))),
      'resultsFramework.outcomes.0.outputs.0.indicators',
    ],
  ])('RF1 refuses more than 20 %s (400 with the limit)', async (_, change, field) => {
    const problem = await refusal(aConceptNote({ resultsFramework: changed(change) }));
    expect(violations(problem)).toEqual([{ field, rule: 'arrayMaxSize', limit: 20 }]);
  });

  it('RF1 takes 20 of each and texts of 2,000 characters, and refuses 2,001 (400 with the limit)', async () => {
    const long = 'x'.repeat(2000);
    const full = changed((f) => {
      const indicator = { ...indicatorOf(f), description: long, meansOfVerification: long };
      const output = { ...f.outcomes[0].outputs[0], statement: long, indicators: Array(20).fill(indicator) };
      f.outcomes = Array(20).fill({ ...f.outcomes[0], statement: long, outputs: [output] });
    });
    expect(await refusal(aConceptNote({ resultsFramework: full }))).toBeUndefined();
    for (const field of ['description', 'meansOfVerification']) {
      const framework = changed((f) => (indicatorOf(f)[field] = `${long}x`));
      const problem = await refusal(aConceptNote({ resultsFramework: framework }));
      expect(violations(problem)).toEqual([{ field: `${INDICATOR}.${field}`, rule: 'maxLength', limit: 2000 }]);
    }
    const unit = await refusal(
      aConceptNote({ resultsFramework: changed((f) => (indicatorOf(f).unit = 'u'.repeat(101))) }),
    );
    expect(violations(unit)).toEqual([{ field: `${INDICATOR}.unit`, rule: 'maxLength', limit: 100 }]);
  });
});

function note(overrides: Partial<ConceptNoteContent> = {}): ConceptNote {
  return ConceptNote.draft(
    { id: 'c1', submittingCountry: 'PHL', ownerUserId: 'u1', content: conceptNoteContent(overrides), at },
    referenceSnapshot(),
  );
}

function proposal(overrides: Partial<ProjectProposalContent> = {}): ProjectProposal {
  return ProjectProposal.draft(
    { id: 'p1', submittingCountry: 'PHL', ownerUserId: 'u1', content: projectProposalContent(overrides), at },
    referenceSnapshot(),
  );
}

/** The builder's framework (as the domain takes it) with one change made to a copy. */
const frameworkWith = (change: (f: FrameworkJson) => void) => changed(change) as unknown as ResultsFrameworkV1;

describe('a results framework in a draft (issue 14)', () => {
  it('RF2 refuses a code used twice (422 naming the second), across levels and regardless of case', () => {
    const twice = frameworkWith((f) => (f.outcomes[1].outputs[1].indicators[0].code = '1.1.2'));
    expect(violationOf(() => note({ resultsFramework: twice }))).toEqual({
      code: 'CONCEPT_NOTE.RULE_BROKEN',
      kind: 'invalid',
      rules: ['RF2'],
      fields: ['resultsFramework.outcomes.1.outputs.1.indicators.0.code'],
    });
    const acrossLevels = frameworkWith((f) => (f.outcomes[1].outputs[0].code = '1'));
    expect(violationOf(() => note({ resultsFramework: acrossLevels })).fields).toEqual([
      'resultsFramework.outcomes.1.outputs.0.code',
    ]);
    const cased = frameworkWith((f) => {
      f.outcomes[0].code = 'OC-1';
      f.outcomes[1].code = 'oc-1';
    });
    expect(violationOf(() => note({ resultsFramework: cased })).fields).toEqual(['resultsFramework.outcomes.1.code']);
  });

  it('RF2 refuses duplicate codes in a project proposal’s framework too', () => {
    const twice = frameworkWith((f) => (f.outcomes[1].code = '1'));
    expect(violationOf(() => proposal({ resultsFramework: twice }))).toMatchObject({
      code: 'PROJECT_PROPOSAL.RULE_BROKEN',
      rules: ['RF2'],
      fields: ['resultsFramework.outcomes.1.code'],
    });
  });

  it('M14 refuses to submit a concept note without a framework (422): it stays a draft, nothing recorded', () => {
    const draft = note({ resultsFramework: null });
    draft.pullEvents();
    const refused = (() => {
      try {
        draft.submit(at, 'asia-pacific');
      } catch (error) {
        return error as DomainError;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'CONCEPT_NOTE.RULE_BROKEN', kind: 'invalid' });
    expect(refused?.violations).toEqual([expect.objectContaining({ field: 'resultsFramework', rule: 'M14' })]);
    expect(draft.snapshot).toMatchObject({ status: 'draft', submittedAt: null, region: null });
    expect(draft.pullEvents()).toEqual([]);
  });

  it('M14 submits a concept note with its framework; G4 a second submit still names the transition', () => {
    const submitted = note();
    submitted.submit(at, 'asia-pacific');
    expect(submitted.snapshot.status).toBe('submitted');
    expect(violationOf(() => submitted.submit(at, null)).code).toBe('SUBMISSION.TRANSITION_NOT_ALLOWED');
  });

  it('F12 submits a project proposal without a framework', () => {
    const submitted = proposal();
    submitted.submit(at, 'asia-pacific');
    expect(submitted.snapshot).toMatchObject({ status: 'submitted', resultsFramework: null });
  });

  it('M14 G4 a revision keeps the framework and leaves it editable; an update without one makes the note unsubmittable', () => {
    const revised = note();
    revised.submit(at, 'asia-pacific');
    revised.applyVerdict(eligible, at, 'submission', 24);
    revised.revise(at);
    expect(revised.snapshot).toMatchObject({ status: 'draft', version: 2, resultsFramework: aResultsFramework() });

    const smaller = frameworkWith((f) => f.outcomes.splice(1));
    revised.update(conceptNoteContent({ resultsFramework: smaller }), referenceSnapshot(), at);
    expect(revised.snapshot.resultsFramework?.outcomes.map((o) => o.code)).toEqual(['1']);
    revised.update(conceptNoteContent({ resultsFramework: null }), referenceSnapshot(), at);
    expect(violationOf(() => revised.submit(at, null)).rules).toEqual(['M14']);
  });

  it('M14 keeps the framework through storage; a row written before frameworks restores with none', () => {
    const stored = toRecord(note()) as SubmissionRecord;
    expect(stored.resultsFramework).toEqual(aResultsFramework());
    expect(restore(stored).snapshot.resultsFramework).toEqual(aResultsFramework());
    expect(restore({ ...stored, resultsFramework: null }).snapshot.resultsFramework).toBeNull();
  });
});
