import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { EndorsementLetterV1 } from '../documents/document-ref.v1';
import { BudgetLineV1 } from './budget-line.v1';
import { MoneyV1 } from './money.v1';
import { ResultsFrameworkV1 } from './results-framework.v1';
import { ValidNested, ValidNestedArray } from '../nested';
import { IsRegisteredFund } from '../registered-fund';

export { MoneyV1 };

export const CONCEPT_NOTE_SUBMITTED_V1 = 'concept-note.submitted.v1';

export const GEOGRAPHIC_SCOPES = ['national', 'regional', 'global'] as const;
export type GeographicScope = (typeof GEOGRAPHIC_SCOPES)[number];

export class ConceptNoteSubmittedV1 {
  @IsUUID()
  conceptNoteId: string;

  /** A registered fund that takes concept notes (docs/adr/0016-fund-policies.md). */
  @IsRegisteredFund({ form: 'concept-note' })
  fund: string;

  @IsString()
  title: string;

  @Matches(/^[A-Z]{3}$/)
  submittingCountry: string;

  /** IOM region of the submitting country (optional: added after the first release of v1). */
  @IsOptional()
  @IsString()
  region?: string;

  @IsIn(GEOGRAPHIC_SCOPES)
  scope: GeographicScope;

  @IsArray()
  @ArrayMinSize(1)
  @Matches(/^[A-Z]{3}$/, { each: true })
  countries: string[];

  @IsInt()
  @Min(1)
  @Max(5)
  thematicArea: number;

  @IsArray()
  @IsInt({ each: true })
  gcmObjectives: number[];

  @IsArray()
  @IsString({ each: true })
  participatingOrganisations: string[];

  @ValidNested(MoneyV1)
  requested: MoneyV1;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  submittedAt: string;

  /** The endorsement letters attached when it was submitted (optional: added after the first release; issue 13). */
  @ValidNestedArray(EndorsementLetterV1, { optional: true })
  endorsementLetters?: EndorsementLetterV1[];

  /** The budget by category (optional: added after the first release; issue 14). Its lines sum to `requested`. */
  @ValidNestedArray(BudgetLineV1, { optional: true })
  budget?: BudgetLineV1[];

  /** What the programme is meant to achieve (optional: added after the first release; issue 14). */
  @ValidNested(ResultsFrameworkV1, { optional: true })
  resultsFramework?: ResultsFrameworkV1;
}
