import { Violation } from '@fundline/domain';

/**
 * What a programme is meant to achieve (issue 14): outcomes → outputs → indicators. Figures are decimal strings, as in
 * `ResultsFrameworkV1`: a baseline or target is a count, a percentage or an amount, never rounded on the way.
 *
 * Invariants checked whenever a draft is written (the shape itself, RF1, is validated with the request):
 * - RF2 CodesAreUniqueAcrossTheFramework: progress is reported against an indicator by its code, and an outcome or
 *      output sharing a code with another element would make that ambiguous; codes compare without regard to case.
 */
export interface Indicator {
  code: string;
  description: string;
  unit: string;
  baseline: string;
  target: string;
  meansOfVerification: string;
}

export interface Output {
  code: string;
  statement: string;
  indicators: Indicator[];
}

export interface Outcome {
  code: string;
  statement: string;
  outputs: Output[];
}

export interface ResultsFramework {
  outcomes: Outcome[];
  notes?: string;
}

/** RF2: every code that repeats one before it, named by its path in the request (`at` is the framework's field). */
export function duplicateCodes(framework: ResultsFramework, at: string): Violation[] {
  const seen = new Map<string, string>();
  const violations: Violation[] = [];
  const visit = (code: string, field: string) => {
    const key = code.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, field);
      return;
    }
    violations.push({ field, rule: 'RF2', message: `code ${code} is already used at ${first}; codes are unique` });
  };
  for (const [i, outcome] of framework.outcomes.entries()) {
    visit(outcome.code, `${at}.outcomes.${i}.code`);
    for (const [j, output] of outcome.outputs.entries()) {
      visit(output.code, `${at}.outcomes.${i}.outputs.${j}.code`);
      for (const [k, indicator] of output.indicators.entries()) {
        visit(indicator.code, `${at}.outcomes.${i}.outputs.${j}.indicators.${k}.code`);
      }
    }
  }
  return violations;
}
