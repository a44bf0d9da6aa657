import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FocalPointDto } from '../lifecycle/focal-point.dto';
import { defaultFund, fundsTaking, GeographicScope } from '../lifecycle/submission';
import { ConceptNoteContent } from './concept-note.aggregate';

export class BudgetLineDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @NestedObject(MoneyDto) directCosts: MoneyDto;
  @NestedObject(MoneyDto, { description: 'At most 7% of direct costs (M4)' }) indirectSupportCosts: MoneyDto;
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

  @NestedArray(BudgetLineDto, { description: 'One line per participating UN organisation (M3, M4)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  budget: BudgetLineDto[];

  @NestedObject(MoneyDto, { description: 'The request; the budget split sums exactly to it (M4)' })
  requested: MoneyDto;

  @NestedObject(MarkersDto) markers: MarkersDto;

  @NestedObject(PartnersDto) partners: PartnersDto;

  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(120) durationMonths: number;

  @NestedObject(EndorsementDto) endorsement: EndorsementDto;

  @NestedObject(FocalPointDto) focalPoint: FocalPointDto;

  toContent(): ConceptNoteContent {
    return {
      fund: this.fund,
      title: this.title,
      scope: this.scope,
      countries: this.countries,
      thematicArea: this.thematicArea,
      gcmObjectives: this.gcmObjectives,
      budget: this.budget.map((b) => ({
        organisation: b.organisation,
        directCosts: b.directCosts.toMoney(),
        indirectSupportCosts: b.indirectSupportCosts.toMoney(),
      })),
      requested: this.requested.toMoney(),
      markers: { gender: this.markers.gender, humanRights: this.markers.humanRights },
      partners: {
        government: this.partners.government.map(({ name, type }) => ({ name, type })),
        society: this.partners.society.map(({ name, type }) => ({ name, type })),
      },
      durationMonths: this.durationMonths,
      endorsement: { letterReference: this.endorsement.letterReference, dated: this.endorsement.dated },
      focalPoint: { name: this.focalPoint.name, email: this.focalPoint.email, phone: this.focalPoint.phone },
    };
  }
}
