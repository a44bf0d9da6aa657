import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, NestedArray, NestedObject } from '@fundline/http';
import {
  ArrayMaxSize,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DONOR_TYPES } from './contribution.entities';

export class RegisterDonorDto {
  @ApiProperty({ example: 'Government of Germany' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DONOR_TYPES })
  @IsIn(DONOR_TYPES)
  type: (typeof DONOR_TYPES)[number];

  @ApiPropertyOptional({ example: 'DEU' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  country?: string;
}

export class ScheduledPaymentDto {
  @ApiProperty({ example: '2027-03-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate: string;

  @NestedObject(MoneyDto) amount: MoneyDto;
}

const POCKET = /^[A-Z0-9_]{1,40}$/;

export class RecordCommitmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;

  @ApiProperty({ example: 'MIGRATION_MPTF' }) @Matches(POCKET) fundCode: string;

  @ApiProperty({ example: 'UNEARMARKED', description: 'UNEARMARKED, THEMATIC_1…5, LINE_1, LINE_2' })
  @Matches(POCKET)
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

export class RecordDepositDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() commitmentId?: string;

  @ApiProperty({ example: 'MIGRATION_MPTF' }) @Matches(POCKET) fundCode: string;

  @ApiProperty({ example: 'THEMATIC_2' }) @Matches(POCKET) pocketCode: string;

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
