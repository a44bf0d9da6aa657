import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ApiIdempotencyKey, IdempotencyKey, requireCorrelationId, sendIdempotent } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { RecordFundCost, RecordFundCostDto } from './record-fund-cost';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundCostsController {
  constructor(private readonly commands: CommandBus) {}

  /** Only a finance officer moves money, as for income (separation of duties). */
  @Post(':fundCode/pockets/:pocketCode/costs')
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record a direct cost or a bank charge paid out of a pocket (M13 uses)' })
  async record(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Param('fundCode') fundCode: string,
    @Param('pocketCode') pocketCode: string,
    @Body() body: RecordFundCostDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new RecordFundCost(actor, requireCorrelationId(), key, fundCode, pocketCode, body);
    return sendIdempotent(res, await this.commands.execute(command));
  }
}
