import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, NestedArray, NestedObject, ResultsFrameworkDto } from '@fundline/http';
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
import { Money } from '@fundline/money';
import { BudgetLineDto, budgetShapeRefused, categorisedLines } from '../budget/budget-line.dto';
import { legacyProposalLines } from '../budget/budget.value';
import { FocalPointDto } from '../lifecycle/focal-point.dto';
import { ProjectProposalContent } from './project-proposal.aggregate';

export class EndorsementByStateDto {
  @ApiProperty({ example: 'PHL' }) @Matches(/^[A-Z]{3}$/) country: string;
  @ApiProperty({ example: 'DFA-2026-0412' }) @IsString() @MinLength(3) @MaxLength(100) letterReference: string;
}

/**
 * The budget by IDF template line (`lines`), staff and office costs computed from them (F7); or, as before
 * categories, the staff and office costs declared as one figure (read as a `staff-and-office` line and the rest of the
 * request `uncategorised`). One of the two shapes: a declared figure beside lines is refused, since it could
 * contradict them.
 */
export class ProposalBudgetDto {
  @NestedArray(BudgetLineDto, {
    optional: true,
    description:
      'The budget by category (f1035.<code>: staff, office, operational), one line per category, summing to the ' +
      'request; staff and office lines at most 30% of the total (F7). Not with staffAndOfficeCosts.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  lines?: BudgetLineDto[];

  @NestedObject(MoneyDto, {
    optional: true,
    description: 'Before categories: at most 30% of the total (F7); not with lines, from which it is computed',
  })
  staffAndOfficeCosts?: MoneyDto;

  @ApiProperty({ description: "Whether another donor's money is charged to the project (not allowed, F7)" })
  @IsBoolean()
  includesOtherDonorFunding: boolean;

  @ApiProperty({ description: 'Whether proposal development costs are charged (not allowed, F7)' })
  @IsBoolean()
  includesProposalDevelopmentCosts: boolean;

  toBudget(requested: Money): ProjectProposalContent['budget'] {
    const { lines, staffAndOfficeCosts } = this;
    const flags = {
      includesOtherDonorFunding: this.includesOtherDonorFunding,
      includesProposalDevelopmentCosts: this.includesProposalDevelopmentCosts,
    };
    if (lines != null && staffAndOfficeCosts != null) {
      throw budgetShapeRefused([
        {
          field: 'budget.staffAndOfficeCosts',
          rule: 'F7',
          message: 'staff and office costs are computed from the lines; leave staffAndOfficeCosts out beside lines',
        },
      ]);
    }
    if (lines != null) {
      const categorised = categorisedLines(lines, 'budget.lines', 'F7', 'project-proposal');
      if (categorised.violations.length) throw budgetShapeRefused(categorised.violations);
      return { lines: categorised.lines, ...flags };
    }
    if (staffAndOfficeCosts == null) {
      throw budgetShapeRefused([
        {
          field: 'budget.lines',
          rule: 'F7',
          message: 'the budget by category (lines), or, as before categories, staffAndOfficeCosts',
        },
      ]);
    }
    return { lines: legacyProposalLines(staffAndOfficeCosts.toMoney(), requested), ...flags };
  }
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

  @NestedObject(ResultsFrameworkDto, {
    optional: true,
    description:
      'Outcomes, outputs and indicators; optional at submission, the monitoring framework is owed after approval (F12)',
  })
  resultsFramework?: ResultsFrameworkDto;

  toContent(): ProjectProposalContent {
    return {
      title: this.title,
      creditLine: this.creditLine,
      scope: this.scope,
      countries: this.countries,
      endorsements: this.endorsements.map(({ country, letterReference }) => ({ country, letterReference })),
      focusArea: this.focusArea,
      budget: this.budget.toBudget(this.requested.toMoney()),
      requested: this.requested.toMoney(),
      durationMonths: this.durationMonths,
      parentProposalId: this.parentProposalId ?? null,
      focalPoint: { name: this.focalPoint.name, email: this.focalPoint.email, phone: this.focalPoint.phone },
      resultsFramework: this.resultsFramework?.toFramework() ?? null,
    };
  }
}
