import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ApiIdempotencyKey, IdempotencyKey, requireCorrelationId, sendIdempotent } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { AllocationRepository } from './allocation.repository';
import { allocationView } from './allocation.view';
import { CloseAllocation, CloseDto } from './closure/close-allocation';
import { ExpenditureDto, ReportExpenditure } from './expenditure/report-expenditure';
import { Obligations } from './obligations/obligations';
import { TransferDto, TransferTranche } from './transfer/transfer-tranche';

class ObligationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  overdue?: boolean;
}

@ApiTags('steering committee and allocations')
@ApiBearerAuth()
@Controller()
export class AllocationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly obligations: Obligations,
    private readonly allocations: AllocationRepository,
  ) {}

  @Get('allocations/:id')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'An allocation: shares, transfers, expenditure and delivery rate per organisation' })
  async allocation(@Param('id', ParseUUIDPipe) id: string) {
    return allocationView(await this.allocations.find(this.dataSource.manager, id));
  }

  @Post('allocations/:id/transfers')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Transfer a tranche to a participating organisation, within its approved share (M10)' })
  async transfer(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransferDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new TransferTranche(a, requireCorrelationId(), k, id, body)),
    );
  }

  @Post('allocations/:id/expenditures')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record an organisation’s expenditure for a year, within what it received (M11)' })
  async expenditure(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExpenditureDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new ReportExpenditure(a, requireCorrelationId(), k, id, body)),
    );
  }

  @Post('allocations/:id/close')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Close with the final reports; the unspent balance is refunded and available again (M12)' })
  async close(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new CloseAllocation(a, requireCorrelationId(), k, id, body)),
    );
  }

  @Get('allocations/:id/obligations')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'Reporting obligations of an allocation and their due dates (F12, M11)' })
  allocationObligations(@Param('id', ParseUUIDPipe) id: string, @Query() query: ObligationsQuery) {
    return this.obligations.list({ allocationId: id, overdue: query.overdue });
  }

  @Get('obligations')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'Reporting obligations of every allocation; ?overdue=true for the overdue ones' })
  allObligations(@Query() query: ObligationsQuery) {
    return this.obligations.list({ overdue: query.overdue });
  }
}
