import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FundPolicies } from '@fundline/domain';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DONOR_TYPES } from './contribution.entities';

/** A fund or pocket code as the policies spell them. */
export const FUND_OR_POCKET_CODE = /^[A-Z0-9_]{1,40}$/;

/** The OpenAPI examples: the first registered fund and its first pocket, so an example request is a valid one. */
const [EXAMPLE_FUND] = FundPolicies.all();
export const EXAMPLE_FUND_CODE = EXAMPLE_FUND.code;
export const EXAMPLE_POCKET_CODE = EXAMPLE_FUND.pockets[0].code;
export const POCKET_CODES_BY_FUND = FundPolicies.all()
  .map((p) => `${p.code}: ${p.pockets.map((pocket) => pocket.code).join(', ')}`)
  .join('; ');

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
