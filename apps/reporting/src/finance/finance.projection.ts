import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  ALLOCATION_REVISED_V2,
  CONTRIBUTION_DEPOSITED_V1,
  CREDIT_LINE_FUNDED_V1,
  EXPENDITURE_REPORTED_V1,
  FUND_COST_RECORDED_V1,
  FundsTopicEvent,
  LEDGER_ENTRY_POSTED_V1,
  OBLIGATION_SUBMITTED_V1,
  OBLIGATION_REPORT_REPLACED_V1,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { tableOf } from '@fundline/persistence';
import { ALLOCATION_TOTALS, MONTH_OF } from './ledger-totals';

const minor = (m: { amount: string; currency: string }) => Money.parse(m.amount, m.currency).amountMinor.toString();

/**
 * Projects the funds topic into the finance read tables. Every row keeps the time of its event, so a report can be
 * drawn "as of" any past moment from these tables alone. Idempotent by the consumer's inbox; ordered per aggregate.
 */
@Injectable()
export class FinanceProjection implements IntegrationEventHandler<FundsTopicEvent> {
  readonly handles = [
    LEDGER_ENTRY_POSTED_V1,
    ALLOCATION_APPROVED_V2,
    ALLOCATION_CLOSED_V1,
    TRANSFER_DISBURSED_V1,
    EXPENDITURE_REPORTED_V1,
    CONTRIBUTION_DEPOSITED_V1,
    OBLIGATION_SUBMITTED_V1,
    OBLIGATION_REPORT_REPLACED_V1,
    ALLOCATION_DEFERRED_V2,
    ALLOCATION_REJECTED_V2,
    CREDIT_LINE_FUNDED_V1,
    FUND_COST_RECORDED_V1,
    ALLOCATION_REVISED_V2,
  ];

  async handle(event: FundsTopicEvent, manager: EntityManager): Promise<void> {
    await this.followStatus(event, manager);
    switch (event.type) {
      case LEDGER_ENTRY_POSTED_V1: {
        const p = event.payload;
        // ADR 0015: a movement belongs to the latest year its fund has been funded for when it is posted (the funds it
        // draws on or adds to), else to the year it is posted in. A fund's ledger entries and its funding events share
        // one partition, so every earlier funding has been projected by now.
        // One statement per entry: its year, every line, and the lines added to their pockets' monthly sums.
        await addToMonths(
          manager,
          `year AS (
             SELECT coalesce(max(year), extract(year FROM $2::timestamptz AT TIME ZONE 'UTC')::int) AS fund_year
             FROM ${tableOf(manager, 'funded_years')} WHERE fund_code = $1),
           rows AS (
             INSERT INTO ${tableOf(manager, 'ledger_movements')} (entry_id, line_no, fund_code, pocket_code, kind, side,
               amount_minor, entry_type, reference_type, reference_id, posted_at, fund_year)
             SELECT $3, l.line_no - 1, $1, l.pocket_code, l.kind, l.side, l.amount_minor, $4, $5, $6, $2, year.fund_year
             FROM unnest($7::text[], $8::text[], $9::text[], $10::bigint[])
                    WITH ORDINALITY AS l(pocket_code, kind, side, amount_minor, line_no)
             CROSS JOIN year
             RETURNING fund_code, pocket_code, posted_at, fund_year, kind, entry_type, amount_minor, side)`,
          [
            p.fundCode,
            p.postedAt,
            p.entryId,
            p.type,
            p.reference.type,
            p.reference.id,
            p.lines.map((l) => l.pocketCode),
            p.lines.map((l) => l.kind),
            p.lines.map((l) => l.side),
            p.lines.map((l) => minor(l.amount)),
          ],
        );
        return;
      }
      case CREDIT_LINE_FUNDED_V1: {
        // The funding's own entries precede this event: they belong to the year funded, whenever they were posted.
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'funded_years')} (fund_code, year, funding_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [p.fundCode, p.year, p.fundingId],
        );
        // The monthly sums follow the movements into the year funded: out of the year they had, into this one.
        await addToMonths(
          manager,
          `moved AS (
             SELECT entry_id, line_no, fund_year AS was FROM ${tableOf(manager, 'ledger_movements')}
             WHERE fund_code = $1 AND reference_type = 'line-funding' AND reference_id = $2 AND fund_year <> $3 FOR UPDATE),
           updated AS (
             UPDATE ${tableOf(manager, 'ledger_movements')} m SET fund_year = $3 FROM moved
             WHERE m.entry_id = moved.entry_id AND m.line_no = moved.line_no
             RETURNING m.fund_code, m.pocket_code, m.posted_at, m.kind, m.entry_type, m.amount_minor, m.side, moved.was),
           rows AS (
             SELECT fund_code, pocket_code, posted_at, $3::int AS fund_year, kind, entry_type, amount_minor, side FROM updated
             UNION ALL
             SELECT fund_code, pocket_code, posted_at, was, kind, entry_type, -amount_minor, side FROM updated)`,
          [p.fundCode, p.fundingId, p.year],
        );
        return;
      }
      case FUND_COST_RECORDED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'fund_costs')} (cost_id, fund_code, pocket_code, kind, amount_minor, incurred_on,
             description, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [p.costId, p.fundCode, p.pocketCode, p.kind, minor(p.amount), p.incurredOn, p.description, event.occurredAt],
        );
        return;
      }
      case ALLOCATION_APPROVED_V2: {
        const p = event.payload;
        const a = p.allocation;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'allocations')} (allocation_id, concept_id, fund_code, pocket_code, credit_line, amount_minor,
             status, approved_at, start_date, end_date, organisations) VALUES ($1,$2,$3,$4,$5,$6,'approved',$7,$8,$9,$10)`,
          [
            a.allocationId,
            p.conceptId,
            p.fund,
            a.pocketCode,
            a.creditLine ?? null,
            minor(a.amount),
            p.decidedAt,
            a.startDate,
            a.endDate,
            a.shares.map((s) => s.organisation),
          ],
        );
        for (const o of a.obligations ?? []) {
          await manager.query(
            `INSERT INTO ${tableOf(manager, 'obligations')} (obligation_id, allocation_id, concept_id, kind, due_on) VALUES ($1,$2,$3,$4,$5)`,
            [o.obligationId, a.allocationId, p.conceptId, o.kind, o.dueOn],
          );
        }
        await refreshAllocation(manager, a.allocationId);
        return;
      }
      case TRANSFER_DISBURSED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'transfers')} (transfer_id, allocation_id, organisation, amount_minor, transfer_date, recorded_at)
           VALUES ($1,$2,$3,$4,$5,$6)`,
          [p.transferId, p.allocationId, p.organisation, minor(p.amount), p.transferDate, event.occurredAt],
        );
        await manager.query(`UPDATE ${tableOf(manager, 'allocations')} SET status = $2 WHERE allocation_id = $1`, [
          p.allocationId,
          p.status,
        ]);
        await refreshAllocation(manager, p.allocationId);
        return;
      }
      case EXPENDITURE_REPORTED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'expenditure_reports')} (event_id, allocation_id, organisation, year, amount_minor, reported_at, lines)
           VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [
            event.eventId,
            p.allocationId,
            p.organisation,
            p.year,
            minor(p.amount),
            event.occurredAt,
            p.lines
              ? JSON.stringify(p.lines.map((l) => ({ category: l.category, amountMinor: minor(l.amount) })))
              : null,
          ],
        );
        await refreshAllocation(manager, p.allocationId);
        return;
      }
      case CONTRIBUTION_DEPOSITED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'deposits')} (deposit_id, donor_id, donor_name, fund_code, pocket_code, original_minor,
             original_currency, usd_minor, fee_minor, deposit_date, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [
            p.depositId,
            p.donorId,
            p.donorName ?? null,
            p.fundCode,
            p.pocketCode,
            minor(p.original),
            p.original.currency,
            minor(p.usd),
            minor(p.fee),
            p.depositDate,
            event.occurredAt,
          ],
        );
        return;
      }
      case OBLIGATION_SUBMITTED_V1: {
        const p = event.payload;
        await manager.query(
          `UPDATE ${tableOf(manager, 'obligations')} SET submitted_on = $2, report_document_id = $3, report_sha256 = $4,
             submitted_at = $5 WHERE obligation_id = $1`,
          [p.obligationId, p.submittedOn, p.report?.documentId ?? null, p.report?.sha256 ?? null, event.occurredAt],
        );
        return;
      }
      case OBLIGATION_REPORT_REPLACED_V1: {
        // A corrected version stands in for the report; the obligation keeps the day it was fulfilled.
        const p = event.payload;
        await manager.query(
          `UPDATE ${tableOf(manager, 'obligations')} SET report_document_id = $2, report_sha256 = $3 WHERE obligation_id = $1`,
          [p.obligationId, p.report.documentId, p.report.sha256],
        );
        return;
      }
      case ALLOCATION_REVISED_V2: {
        // Issue 14: a revision in force changes the amount (budget revisions) or the end date and the reports owed
        // (no-cost extensions); a v1 revision, read as v2, moves only the end date.
        const p = event.payload;
        await manager.query(
          `UPDATE ${tableOf(manager, 'allocations')} SET end_date = $2, amount_minor = coalesce($3, amount_minor)
           WHERE allocation_id = $1`,
          [p.allocationId, p.endDate, p.budget ? minor(p.budget.amount) : null],
        );
        for (const o of p.movedObligations) {
          await manager.query(`UPDATE ${tableOf(manager, 'obligations')} SET due_on = $2 WHERE obligation_id = $1`, [
            o.obligationId,
            o.dueOn,
          ]);
        }
        for (const o of p.addedObligations) {
          await manager.query(
            `INSERT INTO ${tableOf(manager, 'obligations')} (obligation_id, allocation_id, concept_id, kind, due_on) VALUES ($1,$2,$3,$4,$5)`,
            [o.obligationId, p.allocationId, p.conceptId, o.kind, o.dueOn],
          );
        }
        return;
      }
      case ALLOCATION_CLOSED_V1: {
        const p = event.payload;
        await manager.query(
          `UPDATE ${tableOf(manager, 'allocations')} SET status = 'closed', closed_at = $2 WHERE allocation_id = $1`,
          [p.allocationId, p.closedAt],
        );
      }
    }
  }

  /** The pipeline view shows where each entry is after the funds service's decisions and money (G4). */
  private async followStatus(event: FundsTopicEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case ALLOCATION_APPROVED_V2:
      case ALLOCATION_DEFERRED_V2:
      case ALLOCATION_REJECTED_V2:
      case TRANSFER_DISBURSED_V1:
      case ALLOCATION_CLOSED_V1:
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'pipeline_decisions')} (concept_id, status, decided_at) VALUES ($1, $2, $3)
           ON CONFLICT (concept_id) DO UPDATE SET status = EXCLUDED.status, decided_at = EXCLUDED.decided_at`,
          [event.payload.conceptId, STATUS_AFTER[event.type], event.occurredAt],
        );
    }
  }
}

/** The allocation's totals (ADR 0018), recomputed from its rows after each of its events. */
async function refreshAllocation(manager: EntityManager, allocationId: string): Promise<void> {
  await manager.query(
    ALLOCATION_TOTALS((table) => tableOf(manager, table), 'x.allocation_id = $1'),
    [allocationId],
  );
}

/**
 * Adds movements to the monthly sums of their pockets: `ctes` ends with `rows` (fund_code, pocket_code, posted_at,
 * fund_year, kind, entry_type, amount_minor, side), in one statement with whatever produced them.
 */
async function addToMonths(manager: EntityManager, ctes: string, params: unknown[]): Promise<void> {
  await manager.query(
    `WITH ${ctes}
     INSERT INTO ${tableOf(manager, 'ledger_months')} (fund_code, pocket_code, month, fund_year, kind, entry_type, signed_minor)
     SELECT fund_code, pocket_code, ${MONTH_OF('posted_at')}, fund_year, kind, entry_type,
            sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END)
     FROM rows GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (fund_code, pocket_code, month, fund_year, kind, entry_type)
     DO UPDATE SET signed_minor = ${tableOf(manager, 'ledger_months')}.signed_minor + EXCLUDED.signed_minor`,
    params,
  );
}

const STATUS_AFTER = {
  [ALLOCATION_APPROVED_V2]: 'approved',
  [ALLOCATION_DEFERRED_V2]: 'deferred',
  [ALLOCATION_REJECTED_V2]: 'rejected',
  [TRANSFER_DISBURSED_V1]: 'under-implementation',
  [ALLOCATION_CLOSED_V1]: 'closed',
} as const;
