import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsRegisteredFund } from '@fundline/contracts';
import { FundPolicies } from '@fundline/domain';
import { MoneyDto, NestedArray, NestedObject } from '@fundline/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MemberDto {
  @ApiProperty({ example: 'de-rep' }) @Matches(/^[A-Za-z0-9._-]{1,60}$/) memberId: string;
  @ApiProperty({ example: 'Germany' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ enum: ['state', 'donor', 'un-organisation', 'civil-society'] })
  @IsIn(['state', 'donor', 'un-organisation', 'civil-society'])
  represents: 'state' | 'donor' | 'un-organisation' | 'civil-society';
  @ApiPropertyOptional({ example: 'DEU', description: 'For a member representing a state (recusal, M8)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  country?: string;
}

export class OpenSessionDto {
  @ApiProperty({ description: 'A fund Fundline runs', example: FundPolicies.codes()[0] })
  @IsRegisteredFund()
  fundCode: string;
  @ApiProperty({ example: 3, description: 'Members not recused who must take part in each decision (M8)' })
  @IsInt()
  @Min(1)
  @Max(50)
  quorum: number;
  @NestedArray(MemberDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  members: MemberDto[];
  @ApiProperty({ description: 'Pipeline entries to decide', example: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  agenda: string[];
}

export class PositionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() conceptId: string;
  @ApiProperty({ example: 'de-rep' }) @Matches(/^[A-Za-z0-9._-]{1,60}$/) memberId: string;
  @ApiProperty({ enum: ['support', 'object', 'abstain'] }) @IsIn(['support', 'object', 'abstain']) position:
    'support' | 'object' | 'abstain';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class ShareDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @NestedObject(MoneyDto) amount: MoneyDto;
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() conceptId: string;
  @ApiProperty({ enum: ['approve', 'defer', 'reject'] }) @IsIn(['approve', 'defer', 'reject']) decision:
    'approve' | 'defer' | 'reject';
  @ApiProperty({ example: 'Strong government ownership; fills a thematic gap' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reasons: string;
  @NestedObject(MoneyDto, { optional: true, description: 'approve: at most the request (M8)' })
  amount?: MoneyDto;
  @NestedArray(ShareDto, {
    optional: true,
    description: 'approve, Migration MPTF: the split per participating organisation',
  })
  @ArrayMaxSize(30)
  shares?: ShareDto[];
  @ApiPropertyOptional({ enum: [1, 2], description: 'approve, Fund 1035: the credit line' })
  @IsOptional()
  @IsIn([1, 2])
  creditLine?: 1 | 2;
  @ApiPropertyOptional({
    example: 'THEMATIC_4',
    description: 'approve, Migration MPTF: UNEARMARKED or the window of its area',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  pocketCode?: string;
  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  startDate?: string;
  @ApiPropertyOptional({ example: '2028-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  endDate?: string;
}
