import { IndicatorProgressV1, ResultsFrameworkV1 } from '@fundline/contracts';
import { DomainError, duplicateCodes, Violation } from '@fundline/domain';
import { plainResultsFramework } from '@fundline/http';

/**
 * An allocation's results (issue 14, docs/domain-decisions.md "Results frameworks"). Rules:
 * - RF1 FrameworkIsComplete: at least one outcome, each with an output, each with an indicator; every indicator has a
 *   baseline, a target (decimal strings), a unit and a means of verification (the request DTOs check the shape).
 * - RF2 CodesAreUniqueAcrossTheFramework: progress names an indicator by its code, so no code may mean two things
 *   (`duplicateCodes`, the check the concepts service makes on a draft).
 * - RF3 ProgressComesWithANarrativeReport: progress is reported with an interim or final narrative report, for
 *   indicators of the framework, one figure per indicator; a later report for the same obligation is a new version.
 * - RF4 FrameworkIsFrozenOnceReportedOn: after the first progress report the framework no longer changes (staff may
 *   still confirm the submitted one as it stands), so a figure always means what its indicator said when reported.
 * - M12 NothingChangesOnAClosedAllocation.
 */
export type Framework = ResultsFrameworkV1;
export type IndicatorProgress = IndicatorProgressV1;

/** Where the framework that stands comes from: the concept's submission, or fund staff (which wins). */
export type FrameworkSource = 'submission' | 'staff';

export interface ResultsState {
  allocationId: string;
  status: string;
  /** The framework that stands now, if any. */
  current: { source: FrameworkSource; version: number; framework: Framework } | null;
  /** The latest version staff recorded for the allocation (0: none yet). */
  staffVersion: number;
  progressReported: boolean;
}

export interface ReportObligation {
  id: string;
  kind: string;
}

/** The reports that carry results: interim and final narrative reports (F12, M11); financial reports carry money. */
const PROGRESS_REPORT = /^(interim|final)-narrative-report/;

export function isProgressReport(kind: string): boolean {
  return PROGRESS_REPORT.test(kind);
}

export function plainProgress(entries: readonly IndicatorProgress[]): IndicatorProgress[] {
  return entries.map((e) => ({ indicator: e.indicator, achieved: e.achieved, ...(e.note ? { note: e.note } : {}) }));
}

export function indicatorCodes(framework: Framework): Set<string> {
  return new Set(framework.outcomes.flatMap((o) => o.outputs.flatMap((p) => p.indicators.map((i) => i.code))));
}

/** Each occurrence of a key after its first: where it is, and where it first was. */
function repeats(keys: readonly string[]): Array<{ key: string; at: number; first: number }> {
  const firstAt = new Map<string, number>();
  return keys.flatMap((key, at) => {
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, at);
    return first === undefined ? [] : [{ key, at, first }];
  });
}

const listed = (keys: Iterable<string>) => [...new Set(keys)].join(', ');

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class AllocationResults {
  constructor(readonly state: ResultsState) {}

  /**
   * Staff record the framework (RF2, RF4, M12): the version it is, a new one unless it repeats the version staff
   * recorded last (then that version's number: a repeated request records nothing). The framework submitted with the
   * concept counts as not recorded yet: recording the same one confirms it for the allocation, even once progress was
   * reported against it, since nothing changes.
   */
  record(framework: Framework): number {
    this.assertOpen();
    const repeated = duplicateCodes(framework);
    if (repeated.violations.length > 0) {
      throw DomainError.invalid('RESULTS_FRAMEWORK.DUPLICATE_CODE', repeated.violations, 'invalid', {
        codes: listed(repeated.codes),
      });
    }
    const current = this.state.current;
    const unchanged =
      current !== null && same(plainResultsFramework(current.framework), plainResultsFramework(framework));
    if (unchanged && current.source === 'staff') return current.version;
    if (this.state.progressReported && !unchanged) {
      throw new DomainError(
        'RESULTS_FRAMEWORK.IN_USE',
        `progress has been reported against the results framework of allocation ${this.state.allocationId}; it no longer changes`,
        'conflict',
        [{ rule: 'RF4', message: 'the framework is frozen once progress has been reported against it' }],
        { id: this.state.allocationId },
      );
    }
    return this.state.staffVersion + 1;
  }

  /**
   * Progress with a report (RF3, M12): the version it is, a new one unless it repeats the obligation's latest version
   * (then that version's number). Indicators not named keep their earlier figures: not every indicator is measured
   * for every report.
   */
  reportProgress(
    obligation: ReportObligation,
    entries: readonly IndicatorProgress[],
    previous: { version: number; progress: IndicatorProgress[] } | null,
  ): number {
    this.assertOpen();
    if (!isProgressReport(obligation.kind)) {
      throw new DomainError(
        'RESULTS.NOT_A_PROGRESS_REPORT',
        `progress is reported with an interim or final narrative report, not with ${obligation.kind}`,
        'invalid',
        [{ field: 'obligationId', rule: 'RF3', message: `${obligation.kind} carries no results` }],
        { kind: obligation.kind },
      );
    }
    const framework = this.state.current?.framework;
    if (!framework) {
      throw new DomainError(
        'RESULTS_FRAMEWORK.MISSING',
        `allocation ${this.state.allocationId} has no results framework yet: record it before reporting progress`,
        'invalid',
        [{ rule: 'RF3', message: 'progress is reported against the indicators of a results framework' }],
        { id: this.state.allocationId },
      );
    }
    const known = indicatorCodes(framework);
    const unknown = entries.flatMap((e, i): Violation[] =>
      known.has(e.indicator)
        ? []
        : [{ field: `progress.${i}.indicator`, rule: 'RF3', message: `no indicator ${e.indicator} in the framework` }],
    );
    if (unknown.length > 0) {
      throw DomainError.invalid('RESULTS.UNKNOWN_INDICATOR', unknown, 'invalid', {
        indicators: listed(entries.filter((e) => !known.has(e.indicator)).map((e) => e.indicator)),
        id: this.state.allocationId,
      });
    }
    const repeated = repeats(entries.map((e) => e.indicator));
    if (repeated.length > 0) {
      throw DomainError.invalid(
        'RESULTS.DUPLICATE_INDICATOR',
        repeated.map(({ key, at, first }) => ({
          field: `progress.${at}.indicator`,
          rule: 'RF3',
          message: `${key} is already given at progress.${first}`,
        })),
        'invalid',
        { indicators: listed(repeated.map((r) => r.key)) },
      );
    }
    if (previous && same(plainProgress(previous.progress), plainProgress(entries))) return previous.version;
    return (previous?.version ?? 0) + 1;
  }

  private assertOpen(): void {
    if (this.state.status === 'closed') {
      throw new DomainError(
        'ALLOCATION.CLOSED',
        `allocation ${this.state.allocationId} is closed`,
        'conflict',
        [{ rule: 'M12', message: 'nothing changes on a closed allocation' }],
        { id: this.state.allocationId },
      );
    }
  }
}
