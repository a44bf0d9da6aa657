import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, NestedArray, NestedObject } from '@fundline/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FocalPointDto } from '../lifecycle/focal-point.dto';
import { ProjectProposalContent } from './project-proposal.aggregate';

export class EndorsementByStateDto {
  @ApiProperty({ example: 'PHL' }) @Matches(/^[A-Z]{3}$/) country: string;
  @ApiProperty({ example: 'DFA-2026-0412' }) @IsString() @MinLength(3) @MaxLength(100) letterReference: string;
}

export class ProposalBudgetDto {
  @NestedObject(MoneyDto, { description: 'At most 30% of the total (F7)' })
  staffAndOfficeCosts: MoneyDto;

  @ApiProperty({ description: "Whether another donor's money is charged to the project (not allowed, F7)" })
  @IsBoolean()
  includesOtherDonorFunding: boolean;

  @ApiProperty({ description: 'Whether proposal development costs are charged (not allowed, F7)' })
  @IsBoolean()
  includesProposalDevelopmentCosts: boolean;
}

export class ProjectProposalDto {
  @ApiProperty({ example: 'Labour migration governance capacity' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: [1, 2] }) @IsIn([1, 2]) creditLine: 1 | 2;

  @ApiProperty({ enum: ['national', 'regional'] }) @IsIn(['national', 'regional']) scope: 'national' | 'regional';

  @ApiProperty({ example: ['PHL'], description: 'Benefiting states (ISO 3166 alpha-3)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'each country must be an ISO 3166 alpha-3 code' })
  countries: string[];

  @NestedArray(EndorsementByStateDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  endorsements: EndorsementByStateDto[];

  @ApiProperty({ example: 'labour-migration' }) @IsString() @MaxLength(60) focusArea: string;

  @NestedObject(ProposalBudgetDto) budget: ProposalBudgetDto;

  @NestedObject(MoneyDto, { description: 'The total requested (F4 ceilings and minimums)' })
  requested: MoneyDto;

  @ApiProperty({ example: 18 }) @IsInt() @Min(1) @Max(60) durationMonths: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The Line 1 project this one follows up (F6)' })
  @IsOptional()
  @IsUUID()
  parentProposalId?: string;

  @NestedObject(FocalPointDto) focalPoint: FocalPointDto;

  toContent(): ProjectProposalContent {
    return {
      title: this.title,
      creditLine: this.creditLine,
      scope: this.scope,
      countries: this.countries,
      endorsements: this.endorsements.map(({ country, letterReference }) => ({ country, letterReference })),
      focusArea: this.focusArea,
      budget: {
        staffAndOfficeCosts: this.budget.staffAndOfficeCosts.toMoney(),
        includesOtherDonorFunding: this.budget.includesOtherDonorFunding,
        includesProposalDevelopmentCosts: this.budget.includesProposalDevelopmentCosts,
      },
      requested: this.requested.toMoney(),
      durationMonths: this.durationMonths,
      parentProposalId: this.parentProposalId ?? null,
      focalPoint: { name: this.focalPoint.name, email: this.focalPoint.email, phone: this.focalPoint.phone },
    };
  }
}
