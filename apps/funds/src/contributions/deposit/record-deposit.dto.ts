import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, NestedObject } from '@fundline/http';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { EXAMPLE_FUND_CODE, EXAMPLE_POCKET_CODE, FUND_OR_POCKET_CODE, POCKET_CODES_BY_FUND } from '../contribution.dto';

export class RecordDepositDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() commitmentId?: string;

  @ApiProperty({ example: EXAMPLE_FUND_CODE }) @Matches(FUND_OR_POCKET_CODE) fundCode: string;

  @ApiProperty({ example: EXAMPLE_POCKET_CODE, description: POCKET_CODES_BY_FUND })
  @Matches(FUND_OR_POCKET_CODE)
  pocketCode: string;

  @NestedObject(MoneyDto, { description: 'As received, in its own currency' })
  amount: MoneyDto;

  @ApiProperty({ example: '1.0850', description: 'USD per unit of the deposit currency on the deposit date' })
  @IsString()
  @Matches(/^(?!0+(\.0+)?$)\d{1,9}(\.\d{1,12})?$/, {
    message: 'usdRate must be a decimal string above zero, like "1.0850"',
  })
  usdRate: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  depositDate: string;
}
