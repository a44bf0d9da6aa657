import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { DomainError, FundPolicies } from '@fundline/domain';
import { Page, PageQuery } from '@fundline/http';
import { Money } from '@fundline/money';
import { IsOptional, Matches } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { JournalEntryRecord, JournalLineRecord } from '../ledger/ledger.entities';
import { LedgerQueries } from './ledger-queries';

class EntriesQuery extends PageQuery {
  @ApiPropertyOptional({ example: FundPolicies.codes()[0] })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  fundCode?: string;
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
@Roles('finance-officer', 'fund-admin', 'steering-committee')
export class BalancesController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly dataSource: DataSource,
  ) {}

  @Get('funds/:fundCode/balances')
  @ApiOperation({
    summary: 'Balances of every pocket of a fund (available = funded net of fees − committed + refunds)',
  })
  async balances(@Param('fundCode') fundCode: string) {
    const balances = await this.queries.balances(fundCode);
    if (balances.length === 0)
      throw new DomainError('FUND.NOT_FOUND', `no fund ${fundCode}`, 'not-found', [], { fundCode });
    return balances;
  }

  @Get('ledger/reconciliation')
  @Roles('finance-officer', 'fund-admin')
  @ApiOperation({ summary: 'Recomputes every balance from the journal and reports any difference (G2)' })
  reconcile() {
    return this.queries.reconcile();
  }

  @Get('ledger/entries')
  @Roles('finance-officer', 'fund-admin')
  @ApiOperation({ summary: 'Journal entries with their lines, newest first' })
  async entries(@Query() query: EntriesQuery): Promise<Page<object>> {
    const [entries, total] = await this.dataSource.manager.findAndCount(JournalEntryRecord, {
      where: query.fundCode ? { fundCode: query.fundCode } : {},
      order: { sequence: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    const lines = entries.length
      ? await this.dataSource.manager.find(JournalLineRecord, { where: { entryId: In(entries.map((e) => e.id)) } })
      : [];
    return {
      items: entries.map((e) => ({
        id: e.id,
        fundCode: e.fundCode,
        type: e.type,
        reference: { type: e.referenceType, id: e.referenceId },
        description: e.description,
        reversesEntryId: e.reversesEntryId,
        postedAt: e.postedAt.toISOString(),
        actor: { userId: e.actorUserId, role: e.actorRole },
        lines: lines
          .filter((l) => l.entryId === e.id)
          .map((l) => ({
            accountId: l.accountId,
            side: l.side,
            amount: Money.ofMinor(BigInt(l.amountMinor), e.currency).toJSON(),
          })),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
