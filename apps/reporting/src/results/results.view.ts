import { Actor, ResultsFrameworkV1 } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { progressPercent } from './progress-percentage';

/** Which report an indicator's latest figure came from. */
export interface ReportedWith {
  obligationId: string;
  kind: string;
  version: number;
  reportedOn: string;
}

interface ProgramRow {
  conceptId: string;
  fund: string;
  title: string | null;
  country: string;
  allocationId: string | null;
  /** The framework that stands, and which version of whose it is. */
  standing: {
    source: 'submission' | 'staff';
    version: number;
    recordedAt: string;
    framework: ResultsFrameworkV1;
  } | null;
  reports: Array<{
    obligationId: string;
    kind: string;
    version: number;
    reportedOn: string;
    progress: Array<{ indicator: string; achieved: string; note?: string }>;
  }>;
}

export type ProgrammeResults = ReturnType<typeof programmeResults>;

/**
 * A programme's results as of a moment: each indicator's baseline and target, its latest figure (from the latest
 * report, by due date, that gave one; each report in its latest version) and how far that is towards the target (RF5).
 */
function programmeResults(row: ProgramRow, asOf: Date) {
  const latest = new Map<string, { achieved: string; note: string | null; reportedWith: ReportedWith }>();
  for (const { progress, ...report } of row.reports) {
    for (const entry of progress) {
      latest.set(entry.indicator, { achieved: entry.achieved, note: entry.note ?? null, reportedWith: report });
    }
  }
  return {
    conceptId: row.conceptId,
    fund: row.fund,
    title: row.title,
    country: row.country,
    allocationId: row.allocationId,
    asOf: asOf.toISOString(),
    framework: row.standing
      ? {
          source: row.standing.source,
          version: row.standing.version,
          recordedAt: new Date(row.standing.recordedAt).toISOString(),
          notes: row.standing.framework.notes ?? null,
        }
      : null,
    outcomes: (row.standing?.framework.outcomes ?? []).map((outcome) => ({
      code: outcome.code,
      statement: outcome.statement,
      outputs: outcome.outputs.map((output) => ({
        code: output.code,
        statement: output.statement,
        indicators: output.indicators.map((indicator) => {
          const figure = latest.get(indicator.code);
          return {
            ...indicator,
            achieved: figure?.achieved ?? null,
            progressPercent: progressPercent(indicator.baseline, indicator.target, figure?.achieved ?? null),
            note: figure?.note ?? null,
            reportedWith: figure?.reportedWith ?? null,
          };
        }),
      })),
    })),
  };
}

/** One row per indicator: what CSV and XLSX show, and the indicator list across a fund. */
export function indicatorRows(programmes: ProgrammeResults[]) {
  return programmes.flatMap((p) =>
    p.outcomes.flatMap((outcome) =>
      outcome.outputs.flatMap((output) =>
        output.indicators.map((i) => ({
          conceptId: p.conceptId,
          title: p.title,
          country: p.country,
          outcomeCode: outcome.code,
          outcome: outcome.statement,
          outputCode: output.code,
          output: output.statement,
          indicatorCode: i.code,
          indicator: i.description,
          unit: i.unit,
          baseline: i.baseline,
          target: i.target,
          achieved: i.achieved,
          progressPercent: i.progressPercent,
          report: i.reportedWith?.kind ?? null,
          reportedOn: i.reportedWith?.reportedOn ?? null,
          meansOfVerification: i.meansOfVerification,
        })),
      ),
    ),
  );
}

export type IndicatorRow = ReturnType<typeof indicatorRows>[number];

interface Filter {
  conceptId?: string;
  fund?: string;
  /** The pocket the allocation draws on: a credit line (F2) or a window. */
  line?: string;
  /** A government reads only its own programmes. */
  country?: string;
}

/**
 * The results read model (issue 14): target vs achieved per indicator, for staff and the owning government only. The
 * framework that stands as of the moment is staff's latest version recorded by then, else the latest submitted one.
 */
@Injectable()
export class ResultsView {
  constructor(private readonly dataSource: DataSource) {}

  async ofConcept(actor: Actor, conceptId: string, asOf: Date): Promise<ProgrammeResults> {
    const country = actor.role === 'government' ? actor.country : undefined;
    const [row] = await this.rows({ conceptId, country }, asOf, false);
    if (!row) {
      throw new DomainError('PIPELINE.NOT_FOUND', `pipeline entry ${conceptId} not found`, 'not-found', [], {
        conceptId,
      });
    }
    return programmeResults(row, asOf);
  }

  /** Every programme of a fund (or of one of its lines) with a framework as of the moment. */
  async ofFund(actor: Actor, fund: string, line: string | undefined, asOf: Date): Promise<ProgrammeResults[]> {
    const country = actor.role === 'government' ? actor.country : undefined;
    return (await this.rows({ fund, line, country }, asOf, true)).map((row) => programmeResults(row, asOf));
  }

  private async rows(filter: Filter, asOf: Date, withFrameworkOnly: boolean): Promise<ProgramRow[]> {
    const table = (name: string) => tableOf(this.dataSource, name);
    return (await this.dataSource.manager.query(
      `WITH programmes AS (
         SELECT p.concept_id, p.fund, p.title, p.submitting_country, a.allocation_id
         FROM ${table('pipeline_entries')} p
         LEFT JOIN ${table('allocations')} a ON a.concept_id = p.concept_id
         WHERE ($1::uuid IS NULL OR p.concept_id = $1) AND ($2::text IS NULL OR p.fund = $2)
           AND ($3::text IS NULL OR a.pocket_code = $3) AND ($4::text IS NULL OR p.submitting_country = $4)),
       frameworks AS (
         SELECT DISTINCT ON (f.concept_id) f.concept_id, f.source, f.version, f.framework, f.recorded_at
         FROM ${table('results_frameworks')} f JOIN programmes USING (concept_id)
         WHERE f.recorded_at <= $5
         ORDER BY f.concept_id, (f.source = 'staff') DESC, f.version DESC)
       SELECT p.concept_id AS "conceptId", p.fund, p.title, p.submitting_country AS country,
              p.allocation_id AS "allocationId",
              CASE WHEN f.concept_id IS NOT NULL THEN json_build_object('source', f.source, 'version', f.version,
                'recordedAt', f.recorded_at, 'framework', f.framework) END AS standing,
              (SELECT coalesce(json_agg(json_build_object('obligationId', r.obligation_id, 'kind', r.obligation_kind,
                        'version', r.version, 'reportedOn', r.reported_on::text, 'progress', r.progress)
                      ORDER BY r.due_on NULLS FIRST, r.reported_on, r.obligation_id), '[]')
               FROM (SELECT DISTINCT ON (g.obligation_id) g.*, o.due_on
                     FROM ${table('results_progress')} g
                     LEFT JOIN ${table('obligations')} o ON o.obligation_id = g.obligation_id
                     WHERE g.concept_id = p.concept_id AND g.recorded_at <= $5
                     ORDER BY g.obligation_id, g.version DESC) r) AS reports
       FROM programmes p LEFT JOIN frameworks f ON f.concept_id = p.concept_id
       WHERE $6::boolean IS NOT TRUE OR f.concept_id IS NOT NULL
       ORDER BY p.fund, p.title, p.concept_id`,
      [
        filter.conceptId ?? null,
        filter.fund ?? null,
        filter.line ?? null,
        filter.country ?? null,
        asOf.toISOString(),
        withFrameworkOnly,
      ],
    )) as ProgramRow[];
  }
}
