import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, NestedArray, NestedObject, ResultsFrameworkDto } from '@fundline/http';
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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Violation } from '@fundline/domain';
import { BudgetLineDto, budgetShapeRefused, categorisedLines } from '../budget/budget-line.dto';
import { legacyOrganisationLines } from '../budget/budget.value';
import { FocalPointDto } from '../lifecycle/focal-point.dto';
import { defaultFund, fundsTaking, GeographicScope } from '../lifecycle/submission';
import { ConceptNoteContent, OrganisationBudget } from './concept-note.aggregate';

/**
 * A participating organisation's budget: by UN harmonised category (`lines`), or, as before categories, its direct
 * and indirect support costs (read as lines `uncategorised` and `indirect-support-costs`). One of the two shapes.
 */
export class OrganisationBudgetDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;

  @NestedArray(BudgetLineDto, {
    optional: true,
    description:
      'The budget by category, one line per category; indirect-support-costs at most 7% of the direct-cost lines ' +
      '(M4). Not with directCosts and indirectSupportCosts.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  lines?: BudgetLineDto[];

  @NestedObject(MoneyDto, {
    optional: true,
    description: 'Before categories, with indirectSupportCosts; not with lines',
  })
  directCosts?: MoneyDto;

  @NestedObject(MoneyDto, {
    optional: true,
    description: 'Before categories: at most 7% of direct costs (M4), with directCosts; not with lines',
  })
  indirectSupportCosts?: MoneyDto;

  toBudget(at: string): { budget: OrganisationBudget; violations: Violation[] } {
    const { lines, directCosts, indirectSupportCosts } = this;
    const legacy = directCosts != null || indirectSupportCosts != null;
    const refuse = (field: string, message: string) => ({
      budget: { organisation: this.organisation, lines: [] },
      violations: [{ field: `${at}.${field}`, rule: 'M4', message }],
    });
    if (lines != null && legacy) {
      return refuse(
        'lines',
        'a budget by category (lines) or one before categories (directCosts and indirectSupportCosts), not both',
      );
    }
    if (lines != null) {
      const categorised = categorisedLines(lines, `${at}.lines`, 'M4', 'concept-note');
      return {
        budget: { organisation: this.organisation, lines: categorised.lines },
        violations: categorised.violations,
      };
    }
    if (directCosts == null || indirectSupportCosts == null) {
      return refuse(
        directCosts == null ? (indirectSupportCosts == null ? 'lines' : 'directCosts') : 'indirectSupportCosts',
        'each organisation gives its budget by category (lines), or, as before categories, directCosts and indirectSupportCosts',
      );
    }
    return {
      budget: {
        organisation: this.organisation,
        lines: legacyOrganisationLines(directCosts.toMoney(), indirectSupportCosts.toMoney()),
      },
      violations: [],
    };
  }
}

export class MarkersDto {
  @ApiProperty({ minimum: 0, maximum: 3 }) @IsInt() @Min(0) @Max(3) gender: number;
  @ApiProperty({ minimum: 0, maximum: 3 }) @IsInt() @Min(0) @Max(3) humanRights: number;
}

export class PartnerDto {
  @ApiProperty({ example: 'Department of Labor and Employment' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
  @ApiProperty({ example: 'line-ministry' }) @IsString() @MaxLength(50) type: string;
}

export class PartnersDto {
  @NestedArray(PartnerDto, { description: 'Line ministries and/or local government (more than one, M6)' })
  @ArrayMaxSize(50)
  government: PartnerDto[];

  @NestedArray(PartnerDto, { description: 'Civil-society, migrant or community partners (one at least, M6)' })
  @ArrayMaxSize(50)
  society: PartnerDto[];
}

export class EndorsementDto {
  @ApiProperty({ example: 'DFA-2026-0412' }) @IsString() @MinLength(3) @MaxLength(100) letterReference: string;
  @ApiProperty({ example: '2026-10-30' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) dated: string;
}

export class ConceptNoteDto {
  @ApiPropertyOptional({
    enum: fundsTaking('concept-note'),
    example: defaultFund('concept-note'),
    description:
      'The fund it goes to, one that takes concept notes. Unset: the draft keeps its fund; a new one goes to the ' +
      'first fund registered for concept notes.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  fund?: string;

  @ApiProperty({ example: 'Safe labour migration corridors in South-East Asia' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: ['national', 'regional', 'global'] })
  @IsIn(['national', 'regional', 'global'])
  scope: GeographicScope;

  @ApiProperty({ example: ['PHL'], description: 'ISO 3166 alpha-3 codes of the covered countries' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'each country must be an ISO 3166 alpha-3 code' })
  countries: string[];

  @ApiProperty({ minimum: 1, example: 4, description: 'Primary thematic area (M1)' })
  @IsInt()
  @Min(1)
  @Max(99)
  thematicArea: number;

  @ApiProperty({ example: [5, 6], description: 'GCM objectives (1–23), one of them in the primary area (M1)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  gcmObjectives: number[];

  @NestedArray(OrganisationBudgetDto, { description: 'One budget per participating UN organisation (M3, M4)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  budget: OrganisationBudgetDto[];

  @NestedObject(MoneyDto, { description: 'The request; the budget split sums exactly to it (M4)' })
  requested: MoneyDto;

  @NestedObject(MarkersDto) markers: MarkersDto;

  @NestedObject(PartnersDto) partners: PartnersDto;

  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(120) durationMonths: number;

  @NestedObject(EndorsementDto) endorsement: EndorsementDto;

  @NestedObject(FocalPointDto) focalPoint: FocalPointDto;

  @NestedObject(ResultsFrameworkDto, {
    optional: true,
    description: 'Outcomes, outputs and indicators; a draft may leave it out, a submission needs it (M14)',
  })
  resultsFramework?: ResultsFrameworkDto;

  toContent(): ConceptNoteContent {
    const budgets = this.budget.map((b, i) => b.toBudget(`budget.${i}`));
    const violations = budgets.flatMap((b) => b.violations);
    if (violations.length) throw budgetShapeRefused(violations);
    return {
      fund: this.fund,
      title: this.title,
      scope: this.scope,
      countries: this.countries,
      thematicArea: this.thematicArea,
      gcmObjectives: this.gcmObjectives,
      budget: budgets.map((b) => b.budget),
      requested: this.requested.toMoney(),
      markers: { gender: this.markers.gender, humanRights: this.markers.humanRights },
      partners: {
        government: this.partners.government.map(({ name, type }) => ({ name, type })),
        society: this.partners.society.map(({ name, type }) => ({ name, type })),
      },
      durationMonths: this.durationMonths,
      endorsement: { letterReference: this.endorsement.letterReference, dated: this.endorsement.dated },
      focalPoint: { name: this.focalPoint.name, email: this.focalPoint.email, phone: this.focalPoint.phone },
      resultsFramework: this.resultsFramework?.toFramework() ?? null,
    };
  }
}
