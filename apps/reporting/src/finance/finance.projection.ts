import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  CONTRIBUTION_DEPOSITED_V1,
  CREDIT_LINE_FUNDED_V1,
  EXPENDITURE_REPORTED_V1,
  FUND_COST_RECORDED_V1,
  FundsTopicEvent,
  LEDGER_ENTRY_POSTED_V1,
  OBLIGATION_SUBMITTED_V1,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { tableOf } from '@fundline/persistence';

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
    ALLOCATION_DEFERRED_V2,
    ALLOCATION_REJECTED_V2,
    CREDIT_LINE_FUNDED_V1,
    FUND_COST_RECORDED_V1,
  ];

  async handle(event: FundsTopicEvent, manager: EntityManager): Promise<void> {
    await this.followStatus(event, manager);
    switch (event.type) {
      case LEDGER_ENTRY_POSTED_V1: {
        const p = event.payload;
        // ADR 0015: a movement belongs to the latest year its fund has been funded for when it is posted (the funds it
        // draws on or adds to), else to the year it is posted in. A fund's ledger entries and its funding events share
        // one partition, so every earlier funding has been projected by now.
        const [{ year }] = (await manager.query(
          `SELECT coalesce(max(year), extract(year FROM $2::timestamptz AT TIME ZONE 'UTC')::int) AS year
           FROM ${tableOf(manager, 'funded_years')} WHERE fund_code = $1`,
          [p.fundCode, p.postedAt],
        )) as Array<{ year: number }>;
        for (const [i, line] of p.lines.entries()) {
          await manager.query(
            `INSERT INTO ${tableOf(manager, 'ledger_movements')} (entry_id, line_no, fund_code, pocket_code, kind, side, amount_minor,
               entry_type, reference_type, reference_id, posted_at, fund_year) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
            [
              p.entryId,
              i,
              p.fundCode,
              line.pocketCode,
              line.kind,
              line.side,
              minor(line.amount),
              p.type,
              p.reference.type,
              p.reference.id,
              p.postedAt,
              year,
            ],
          );
        }
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
        await manager.query(
          `UPDATE ${tableOf(manager, 'ledger_movements')} SET fund_year = $3
           WHERE fund_code = $1 AND reference_type = 'line-funding' AND reference_id = $2`,
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
        return;
      }
      case EXPENDITURE_REPORTED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'expenditure_reports')} (event_id, allocation_id, organisation, year, amount_minor, reported_at)
           VALUES ($1,$2,$3,$4,$5,$6)`,
          [event.eventId, p.allocationId, p.organisation, p.year, minor(p.amount), event.occurredAt],
        );
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
          `UPDATE ${tableOf(manager, 'obligations')} SET submitted_on = $2 WHERE obligation_id = $1`,
          [p.obligationId, p.submittedOn],
        );
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

const STATUS_AFTER = {
  [ALLOCATION_APPROVED_V2]: 'approved',
  [ALLOCATION_DEFERRED_V2]: 'deferred',
  [ALLOCATION_REJECTED_V2]: 'rejected',
  [TRANSFER_DISBURSED_V1]: 'under-implementation',
  [ALLOCATION_CLOSED_V1]: 'closed',
} as const;
