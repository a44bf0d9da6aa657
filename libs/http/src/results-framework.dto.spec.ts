import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ResultsFrameworkV1 } from '@fundline/contracts';
import { aResultsFramework } from '../../../test/support/results-framework-builder';
import { ProblemException } from './problems/problem';
import { fundlineValidationPipe } from './problems/validation';
import { ResultsFrameworkDto } from './results-framework.dto';

type Body = ReturnType<typeof aResultsFramework>;

async function refusal(body: unknown) {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype: ResultsFrameworkDto });
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

/** The builder's framework with its first indicator changed. */
function withFirstIndicator(change: (indicator: Record<string, unknown>) => Record<string, unknown>): Body {
  const body = aResultsFramework();
  const indicators = body.outcomes[0].outputs[0].indicators as Array<Record<string, unknown>>;
  indicators[0] = change(indicators[0]);
  return body;
}

const FIRST = 'outcomes.0.outputs.0.indicators.0';

describe('a results framework body, as both services take it (RF1)', () => {
  it('F12 RF1 as the builder makes it is accepted, and is a valid ResultsFrameworkV1 (what the event carries)', async () => {
    expect(await refusal(aResultsFramework())).toBeUndefined();
    expect(validateSync(plainToInstance(ResultsFrameworkV1, aResultsFramework()))).toEqual([]);
  });

  it.each([
    ['without a target', ({ target: _t, ...rest }: Record<string, unknown>) => rest, 'target'],
    ['with a null target', (i: Record<string, unknown>) => ({ ...i, target: null }), 'target'],
    ['with a number as target', (i: Record<string, unknown>) => ({ ...i, target: 120 }), 'target'],
    ['with a target of 5 decimals', (i: Record<string, unknown>) => ({ ...i, target: '1.00001' }), 'target'],
    ['with a target in words', (i: Record<string, unknown>) => ({ ...i, target: 'all' }), 'target'],
    ['without a baseline', ({ baseline: _b, ...rest }: Record<string, unknown>) => rest, 'baseline'],
    ['with a baseline "1e3"', (i: Record<string, unknown>) => ({ ...i, baseline: '1e3' }), 'baseline'],
  ])('F12 RF1 an indicator %s is refused with 400 naming it, rule RF1', async (_what, change, field) => {
    const problem = await refusal(withFirstIndicator(change));
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toEqual([expect.objectContaining({ field: `${FIRST}.${field}`, rule: 'RF1' })]);
  });

  it.each(['unit', 'meansOfVerification', 'description'])(
    'F12 RF1 an indicator without a %s, or with an empty one, is refused naming it',
    async (field) => {
      for (const value of [undefined, null, '']) {
        const problem = await refusal(withFirstIndicator((i) => ({ ...i, [field]: value })));
        expect(problem?.getStatus()).toBe(400);
        expect(new Set(problem?.violations.map((v) => v.field))).toEqual(new Set([`${FIRST}.${field}`]));
      }
    },
  );

  it('F12 RF1 a framework without outcomes, an outcome without outputs, an output without indicators is refused', async () => {
    const body = aResultsFramework();
    for (const [changed, field] of [
      [{ ...body, outcomes: [] }, 'outcomes'],
      [{ ...body, outcomes: [{ ...body.outcomes[0], outputs: [] }] }, 'outcomes.0.outputs'],
      [
        { ...body, outcomes: [{ ...body.outcomes[0], outputs: [{ ...body.outcomes[0].outputs[0], indicators: [] }] }] },
        'outcomes.0.outputs.0.indicators',
      ],
    ] as const) {
      const problem = await refusal(changed);
      expect(problem?.violations).toEqual([expect.objectContaining({ field, rule: 'RF1' })]);
    }
  });

  it('RF1 a code the contract could not carry (a space, 33 characters) is refused', async () => {
    for (const code of ['1 1', 'x'.repeat(33), '.1']) {
      const problem = await refusal(withFirstIndicator((i) => ({ ...i, code })));
      expect(problem?.violations.map((v) => v.field)).toEqual([`${FIRST}.code`]);
    }
  });

  it('RF1 takes 20 of each level and refuses 21, and texts past their limits, naming the limit', async () => {
    const body = aResultsFramework();
    const twenty = { ...body, outcomes: Array(20).fill(body.outcomes[0]) };
    expect(await refusal(twenty)).toBeUndefined();
    const tooMany = await refusal({ ...body, outcomes: Array(21).fill(body.outcomes[0]) });
    expect(tooMany?.violations).toEqual([
      expect.objectContaining({ field: 'outcomes', rule: 'arrayMaxSize', limit: 20 }),
    ]);
    for (const [change, field, limit] of [
      [(i: Record<string, unknown>) => ({ ...i, description: 'x'.repeat(2001) }), 'description', 2000],
      [(i: Record<string, unknown>) => ({ ...i, unit: 'u'.repeat(101) }), 'unit', 100],
    ] as const) {
      const problem = await refusal(withFirstIndicator(change));
      expect(problem?.violations).toEqual([
        expect.objectContaining({ field: `${FIRST}.${field}`, rule: 'maxLength', limit }),
      ]);
    }
    const notes = await refusal({ ...body, notes: 'n'.repeat(4001) });
    expect(notes?.violations).toEqual([expect.objectContaining({ field: 'notes', rule: 'maxLength', limit: 4000 })]);
  });
});
