import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { DomainError, FundPolicies } from '@fundline/domain';
import { ApiIdempotencyKey, IdempotencyKey, requireCorrelationId, sendIdempotent } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { IsInt, Max, Min } from 'class-validator';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { FundCreditLines, FundCreditLinesDto } from '../credit-line-funding/fund-credit-lines';
import { RecordIncome, RecordIncomeDto } from '../income/record-income';
import { FundRecord, FundYearRecord, PocketRecord } from './fund.entities';

class OpenYearDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
}

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'The funds, their pockets (thematic windows, credit lines) and open years' })
  async list() {
    const [funds, pockets, years] = await Promise.all([
      this.dataSource.manager.find(FundRecord, { order: { code: 'ASC' } }),
      this.dataSource.manager.find(PocketRecord, { order: { fundCode: 'ASC', code: 'ASC' } }),
      this.dataSource.manager.find(FundYearRecord, { order: { year: 'ASC' } }),
    ]);
    return funds.map((f) => ({
      code: f.code,
      name: f.name,
      status: f.status,
      reportingCurrency: f.reportingCurrency,
      // The fee applied is the policy's (M9); the column keeps the seed, for a fund no longer registered.
      feeBasisPoints: FundPolicies.find(f.code)?.feeBasisPoints ?? f.feeBasisPoints,
      years: years.filter((y) => y.fundCode === f.code).map((y) => y.year),
      pockets: pockets
        .filter((p) => p.fundCode === f.code)
        .map(({ code, name, kind, thematicArea }) => ({ code, name, kind, thematicArea })),
    }));
  }

  @Post(':fundCode/years')
  @Roles('fund-admin')
  @ApiOperation({ summary: 'Open a new fund year' })
  async openYear(@Param('fundCode') fundCode: string, @Body() body: OpenYearDto) {
    const fund = await this.dataSource.manager.findOne(FundRecord, { where: { code: fundCode } });
    if (!fund) throw new DomainError('FUND.NOT_FOUND', `no fund ${fundCode}`, 'not-found', [], { fundCode });
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(FundYearRecord)
      .values({ fundCode, year: body.year })
      .orIgnore()
      .execute();
    return { fundCode, year: body.year };
  }

  @Post(':fundCode/close')
  @HttpCode(200)
  @Roles('fund-admin')
  @ApiOperation({ summary: 'Close a fund: it accepts no new deposits, income or funding' })
  async close(@Param('fundCode') fundCode: string) {
    const result = await this.dataSource.manager.update(FundRecord, { code: fundCode }, { status: 'closed' });
    if (!result.affected) throw new DomainError('FUND.NOT_FOUND', `no fund ${fundCode}`, 'not-found', [], { fundCode });
    return { fundCode, status: 'closed' };
  }

  @Post(':fundCode/pockets/:pocketCode/income')
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record interest or other income received into a pocket (M13)' })
  async income(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Param('fundCode') fundCode: string,
    @Param('pocketCode') pocketCode: string,
    @Body() body: RecordIncomeDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new RecordIncome(actor, requireCorrelationId(), key, fundCode, pocketCode, body);
    return sendIdempotent(res, await this.commands.execute(command));
  }

  /** Only funds whose policy has credit lines (Fund 1035's Line 1 and Line 2) have this route; others are a 404. */
  @Post(':fundCode/credit-line-funding')
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'F9: compute and post a year’s funding of Line 1 and Line 2, step by step' })
  async fundCreditLines(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Param('fundCode') fundCode: string,
    @Body() body: FundCreditLinesDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new FundCreditLines(actor, requireCorrelationId(), key, fundCode, body);
    return sendIdempotent(res, await this.commands.execute(command));
  }
}
