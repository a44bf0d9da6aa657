import { DomainError } from '@fundline/domain';

/** Runs `fn`, expecting a DomainError, and returns what a test asserts on: code, kind, rules and fields. */
export function violationOf(fn: () => unknown): { code: string; kind: string; rules: string[]; fields: string[] } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      code: error.code,
      kind: error.kind,
      rules: error.violations.map((v) => v.rule),
      fields: error.violations.map((v) => v.field ?? ''),
    };
  }
  throw new Error('expected a DomainError');
}
