import { fundlineValidationPipe, ProblemException } from '@fundline/http';
import { ProgressReportDto } from './results.dto';

async function refusal(body: unknown) {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype: ProgressReportDto });
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

describe('a progress report body (RF3)', () => {
  it('F12 RF3 takes figures as decimal strings, with an optional note', async () => {
    const body = {
      progress: [
        { indicator: '1.1.1', achieved: '45' },
        { indicator: '2.1.1', achieved: '-2.5', note: 'x' },
      ],
    };
    expect(await refusal(body)).toBeUndefined();
  });

  it.each([
    ['a number', 45],
    ['null', null],
    ['a word', 'many'],
    ['a comma decimal', '4,5'],
  ])('F12 RF3 refuses an achieved figure that is %s, naming it, rule RF3', async (_what, achieved) => {
    const problem = await refusal({ progress: [{ indicator: '1.1.1', achieved }] });
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'progress.0.achieved', rule: 'RF3' })]);
  });

  it('RF3 refuses an empty report', async () => {
    const problem = await refusal({ progress: [] });
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'progress', rule: 'RF3' })]);
  });
});
