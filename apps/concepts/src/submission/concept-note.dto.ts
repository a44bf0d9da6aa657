import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '@fundline/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ConceptNoteState, GeographicScope } from './concept-note.aggregate';

export class CreateConceptNoteDto {
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

  @ApiProperty({ example: ['ILO', 'IOM'], description: 'At least two participating UN organisations (M3)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  participatingOrganisations: string[];

  @ApiProperty({ type: MoneyDto })
  @ValidateNested()
  @Type(() => MoneyDto)
  requested: MoneyDto;
}

export class ConceptNoteView {
  @ApiProperty() id: string;
  @ApiProperty() fund: string;
  @ApiProperty() status: string;
  @ApiProperty() version: number;
  @ApiProperty() submittingCountry: string;
  @ApiProperty() title: string;
  @ApiProperty() scope: string;
  @ApiProperty() countries: string[];
  @ApiProperty() thematicArea: number;
  @ApiProperty() gcmObjectives: number[];
  @ApiProperty() participatingOrganisations: string[];
  @ApiProperty({ type: MoneyDto }) requested: { amount: string; currency: string };
  @ApiProperty({ nullable: true }) submittedAt: string | null;

  static of(state: Readonly<ConceptNoteState>): ConceptNoteView {
    return {
      id: state.id,
      fund: 'MIGRATION_MPTF',
      status: state.status,
      version: state.version,
      submittingCountry: state.submittingCountry,
      title: state.title,
      scope: state.scope,
      countries: state.countries,
      thematicArea: state.thematicArea,
      gcmObjectives: state.gcmObjectives,
      participatingOrganisations: state.participatingOrganisations,
      requested: state.requested.toJSON(),
      submittedAt: state.submittedAt?.toISOString() ?? null,
    };
  }
}
