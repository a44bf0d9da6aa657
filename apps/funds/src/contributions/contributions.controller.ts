import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ApiIdempotencyKey, IdempotencyKey, requireCorrelationId, sendIdempotent } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { RecordCommitment } from './commitment/record-commitment.command';
import { RecordCommitmentDto } from './commitment/record-commitment.dto';
import { RegisterDonorDto } from './contribution.dto';
import { ContributionsRepository } from './contributions.repository';
import { RecordDeposit } from './deposit/record-deposit.command';
import { RecordDepositDto } from './deposit/record-deposit.dto';

@ApiTags('contributions')
@ApiBearerAuth()
@Controller('contributions')
export class ContributionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsRepository,
  ) {}

  @Post('donors')
  @Roles('finance-officer', 'fund-admin')
  @ApiOperation({ summary: 'Register a donor (Member State, other government, private, multilateral)' })
  registerDonor(@Body() body: RegisterDonorDto) {
    const { name, type, country } = body;
    return this.contributions.registerDonor(this.dataSource.manager, { name, type, country: country ?? null });
  }

  @Get('donors')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({ summary: 'Donors' })
  donors() {
    return this.contributions.donors(this.dataSource.manager);
  }

  @Post('commitments')
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record a signed commitment (pledge) with its payment schedule (M9)' })
  async commit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Body() body: RecordCommitmentDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new RecordCommitment(actor, requireCorrelationId(), key, body)),
    );
  }

  @Post('deposits')
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record a deposit received: original currency, USD at the day’s rate, fee posted (G1, M9)' })
  async deposit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Body() body: RecordDepositDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new RecordDeposit(actor, requireCorrelationId(), key, body)),
    );
  }
}
