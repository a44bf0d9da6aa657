import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ResultsFrameworkV1 } from '@fundline/contracts';
import { fundlineValidationPipe, ProblemException } from '@fundline/http';
import { aResultsFramework } from '../../../../test/support/results-framework-builder';
import { ProgressReportDto, ResultsFrameworkDto } from './results.dto';

type Body = ReturnType<typeof aResultsFramework>;

async function refusal(body: unknown, metatype: new () => object = ResultsFrameworkDto) {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype });
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

describe('a results framework body (RF1)', () => {
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
});

describe('a progress report body (RF3)', () => {
  it('F12 RF3 takes figures as decimal strings, with an optional note', async () => {
    const body = {
      progress: [
        { indicator: '1.1.1', achieved: '45' },
        { indicator: '2.1.1', achieved: '-2.5', note: 'x' },
      ],
    };
    expect(await refusal(body, ProgressReportDto)).toBeUndefined();
  });

  it.each([
    ['a number', 45],
    ['null', null],
    ['a word', 'many'],
    ['a comma decimal', '4,5'],
  ])('F12 RF3 refuses an achieved figure that is %s, naming it, rule RF3', async (_what, achieved) => {
    const problem = await refusal({ progress: [{ indicator: '1.1.1', achieved }] }, ProgressReportDto);
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'progress.0.achieved', rule: 'RF3' })]);
  });

  it('RF3 refuses an empty report', async () => {
    const problem = await refusal({ progress: [] }, ProgressReportDto);
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'progress', rule: 'RF3' })]);
  });
});
