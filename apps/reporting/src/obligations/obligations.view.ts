import { Actor } from '@fundline/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tableOf } from '@fundline/persistence';

/**
 * F12 / M11: due and overdue reports, per allocation and per participating organisation, from the read model.
 * "Overdue" is judged on the given day, so a past view can be drawn too.
 */
@Injectable()
export class ObligationsView {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, today: string, filter: { overdue?: boolean; organisation?: string }) {
    const rows = (await this.dataSource.manager.query(
      `SELECT o.obligation_id AS "obligationId", o.allocation_id AS "allocationId", o.concept_id AS "conceptId",
              o.kind, o.due_on::text AS "dueOn", o.submitted_on::text AS "submittedOn",
              CASE WHEN o.report_document_id IS NULL THEN NULL
                   ELSE json_build_object('documentId', o.report_document_id, 'sha256', o.report_sha256) END AS report,
              a.fund_code AS "fundCode",
              a.organisations, p.title, p.submitting_country AS country,
              (o.submitted_on IS NULL AND o.due_on < $1::date) AS overdue
       FROM ${tableOf(this.dataSource, 'obligations')} o
       JOIN ${tableOf(this.dataSource, 'allocations')} a ON a.allocation_id = o.allocation_id
       LEFT JOIN ${tableOf(this.dataSource, 'pipeline_entries')} p ON p.concept_id = o.concept_id
       WHERE ($2::boolean IS NOT TRUE OR (o.submitted_on IS NULL AND o.due_on < $1::date))
         AND ($3::text IS NULL OR $3 = ANY(a.organisations))
         AND ($4::text IS NULL OR p.submitting_country = $4)
       ORDER BY o.due_on, o.kind, o.obligation_id`,
      [today, filter.overdue ?? null, filter.organisation ?? null, actor.role === 'government' ? actor.country : null],
    )) as Array<{ allocationId: string; organisations: string[]; overdue: boolean }>;
    const byAllocation = new Map<string, number>();
    const byOrganisation = new Map<string, number>();
    for (const r of rows.filter((x) => x.overdue)) {
      byAllocation.set(r.allocationId, (byAllocation.get(r.allocationId) ?? 0) + 1);
      for (const org of r.organisations) byOrganisation.set(org, (byOrganisation.get(org) ?? 0) + 1);
    }
    return {
      today,
      items: rows,
      overdueByAllocation: Object.fromEntries(byAllocation),
      overdueByOrganisation: Object.fromEntries(byOrganisation),
    };
  }
}
