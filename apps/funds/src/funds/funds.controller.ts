import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { DataSource } from 'typeorm';
import { FundRecord, PocketRecord } from './fund.entities';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'The funds and their pockets (thematic windows, credit lines)' })
  async list() {
    const [funds, pockets] = await Promise.all([
      this.dataSource.manager.find(FundRecord, { order: { code: 'ASC' } }),
      this.dataSource.manager.find(PocketRecord, { order: { fundCode: 'ASC', code: 'ASC' } }),
    ]);
    return funds.map((f) => ({
      ...f,
      pockets: pockets
        .filter((p) => p.fundCode === f.code)
        .map(({ code, name, kind, thematicArea }) => ({ code, name, kind, thematicArea })),
    }));
  }
}
