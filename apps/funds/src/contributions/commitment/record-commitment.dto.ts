import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto, NestedArray, NestedObject } from '@fundline/http';
import { ArrayMaxSize, IsISO8601, IsUUID, Matches } from 'class-validator';
import { EXAMPLE_FUND_CODE, EXAMPLE_POCKET_CODE, FUND_OR_POCKET_CODE, POCKET_CODES_BY_FUND } from '../contribution.dto';

export class ScheduledPaymentDto {
  @ApiProperty({ example: '2027-03-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate: string;

  @NestedObject(MoneyDto) amount: MoneyDto;
}

export class RecordCommitmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;

  @ApiProperty({ example: EXAMPLE_FUND_CODE }) @Matches(FUND_OR_POCKET_CODE) fundCode: string;

  @ApiProperty({ example: EXAMPLE_POCKET_CODE, description: POCKET_CODES_BY_FUND })
  @Matches(FUND_OR_POCKET_CODE)
  pocketCode: string;

  @NestedObject(MoneyDto) amount: MoneyDto;

  @NestedArray(ScheduledPaymentDto)
  @ArrayMaxSize(60)
  schedule: ScheduledPaymentDto[];

  @ApiProperty({ example: '2026-11-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  signedOn: string;
}
