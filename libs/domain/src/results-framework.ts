import { Violation } from './domain-error';

/** What RF2 looks at in a results framework (issue 14): the codes of its outcomes, outputs and indicators. */
export interface CodedFramework {
  outcomes: ReadonlyArray<{
    code: string;
    outputs: ReadonlyArray<{ code: string; indicators: ReadonlyArray<{ code: string }> }>;
  }>;
}

/** RF2's finding: each repeated code (as first repeated) and a violation per later use. */
export interface DuplicateCodes {
  codes: string[];
  violations: Violation[];
}

/**
 * RF2 CodesAreUniqueAcrossTheFramework, for concepts (a draft) and funds (staff's version) alike: progress names an
 * indicator by its code, and outcomes, outputs and indicators share one space, so a code may mean one thing only;
 * codes compare without regard to case. Each later use is named by its path (under `at`, the framework's field in the
 * body, if any) and where the code was first used; each service wraps the violations in its own problem.
 */
export function duplicateCodes(framework: CodedFramework, at = ''): DuplicateCodes {
  const prefix = at ? `${at}.` : '';
  const seen = new Map<string, string>();
  const codes = new Set<string>();
  const violations: Violation[] = [];
  const visit = (code: string, field: string) => {
    const key = code.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, field);
      return;
    }
    codes.add(code);
    violations.push({ field, rule: 'RF2', message: `code ${code} is already used at ${first}; codes are unique` });
  };
  for (const [o, outcome] of framework.outcomes.entries()) {
    visit(outcome.code, `${prefix}outcomes.${o}.code`);
    for (const [p, output] of outcome.outputs.entries()) {
      visit(output.code, `${prefix}outcomes.${o}.outputs.${p}.code`);
      for (const [i, indicator] of output.indicators.entries()) {
        visit(indicator.code, `${prefix}outcomes.${o}.outputs.${p}.indicators.${i}.code`);
      }
    }
  }
  return { codes: [...codes], violations };
}
