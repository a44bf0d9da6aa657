import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
} from 'class-validator';
import { ValidNested, ValidNestedArray } from '../nested';
import { GEOGRAPHIC_SCOPES, GeographicScope, MoneyV1 } from './concept-note-submitted.v1';
import { IsRegisteredFund } from '../registered-fund';
import { EndorsementLetterV1 } from '../documents/document-ref.v1';
import { BudgetLineV1 } from './budget-line.v1';
import { ResultsFrameworkV1 } from './results-framework.v1';

export const PROJECT_PROPOSAL_SUBMITTED_V1 = 'project-proposal.submitted.v1';
export const CONCEPT_NOTE_SCREENED_V1 = 'concept-note.screened.v1';
export const PROJECT_PROPOSAL_SCREENED_V1 = 'project-proposal.screened.v1';
export const CONCEPT_NOTE_WITHDRAWN_V1 = 'concept-note.withdrawn.v1';
export const PROJECT_PROPOSAL_WITHDRAWN_V1 = 'project-proposal.withdrawn.v1';
export const CONCEPT_NOTE_EXPIRED_V1 = 'concept-note.expired.v1';
export const PROJECT_PROPOSAL_EXPIRED_V1 = 'project-proposal.expired.v1';
export const CONCEPT_NOTE_REVISED_V1 = 'concept-note.revised.v1';
export const PROJECT_PROPOSAL_REVISED_V1 = 'project-proposal.revised.v1';

/** A Fund 1035 project proposal was submitted. Personal data (the focal point) never travels in events (G6). */
export class ProjectProposalSubmittedV1 {
  @IsUUID() proposalId: string;
  @IsRegisteredFund({ form: 'project-proposal' }) fund: string;
  @IsString() title: string;
  @Matches(/^[A-Z]{3}$/) submittingCountry: string;
  @IsOptional() @IsString() region?: string;
  @IsIn(GEOGRAPHIC_SCOPES) scope: GeographicScope;
  @IsArray() @ArrayMinSize(1) @Matches(/^[A-Z]{3}$/, { each: true }) countries: string[];
  @IsIn([1, 2]) creditLine: 1 | 2;
  @IsString() focusArea: string;
  @ValidNested(MoneyV1) requested: MoneyV1;
  @IsOptional() @IsUUID() parentProposalId?: string;
  @IsInt() @Min(1) version: number;
  @IsISO8601({ strict: true }) submittedAt: string;
  /** The endorsement letters attached when it was submitted (optional: added after the first release; issue 13). */
  @ValidNestedArray(EndorsementLetterV1, { optional: true }) endorsementLetters?: EndorsementLetterV1[];
  /** The budget by category (optional: added after the first release; issue 14). Its lines sum to `requested`. */
  @ValidNestedArray(BudgetLineV1, { optional: true }) budget?: BudgetLineV1[];
  /** The monitoring framework, if given at submission (optional; issue 14: F12 allows the first month). */
  @ValidNested(ResultsFrameworkV1, { optional: true }) resultsFramework?: ResultsFrameworkV1;
}

export class VerdictLineV1 {
  @IsString() rule: string;
  @IsBoolean() passed: boolean;
  @IsString() detail: string;
}

/** A screening verdict, line by line; an eligible submission enters the pipeline until `expiresAt` (M7). */
export class SubmissionScreenedV1 {
  @IsUUID() submissionId: string;
  @IsRegisteredFund() fund: string;
  @IsInt() @Min(1) version: number;
  @IsIn(['submission', 're-screen']) trigger: 'submission' | 're-screen';
  @Matches(/^\d{4}-\d{2}-\d{2}$/) referenceDate: string;
  @IsBoolean() eligible: boolean;
  @ValidNestedArray(VerdictLineV1) lines: VerdictLineV1[];
  @IsString() status: string;
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
  @IsISO8601({ strict: true }) screenedAt: string;
}

/** A submission left the pipeline or went back to draft: withdrawn, expired, or revised as a new version. */
export class SubmissionStatusChangedV1 {
  @IsUUID() submissionId: string;
  @IsRegisteredFund() fund: string;
  @IsInt() @Min(1) version: number;
  @IsString() fromStatus: string;
  @IsString() status: string;
  @IsOptional() @IsString() reason?: string;
  @IsISO8601({ strict: true }) at: string;
}

/** The event types of each kind of submission, by what happened: what producers publish and consumers listen to. */
export const SUBMISSION_EVENT_TYPES = {
  'concept-note': {
    submitted: 'concept-note.submitted.v1',
    screened: CONCEPT_NOTE_SCREENED_V1,
    withdrawn: CONCEPT_NOTE_WITHDRAWN_V1,
    expired: CONCEPT_NOTE_EXPIRED_V1,
    revised: CONCEPT_NOTE_REVISED_V1,
  },
  'project-proposal': {
    submitted: PROJECT_PROPOSAL_SUBMITTED_V1,
    screened: PROJECT_PROPOSAL_SCREENED_V1,
    withdrawn: PROJECT_PROPOSAL_WITHDRAWN_V1,
    expired: PROJECT_PROPOSAL_EXPIRED_V1,
    revised: PROJECT_PROPOSAL_REVISED_V1,
  },
} as const;

const both = <W extends keyof (typeof SUBMISSION_EVENT_TYPES)['concept-note']>(what: W) =>
  [SUBMISSION_EVENT_TYPES['concept-note'][what], SUBMISSION_EVENT_TYPES['project-proposal'][what]] as const;
export const SUBMITTED_TYPES = both('submitted');
export const SCREENED_TYPES = both('screened');
export const STATUS_CHANGED_TYPES = [...both('withdrawn'), ...both('expired'), ...both('revised')];
export const ALL_SUBMISSION_TYPES = [...SUBMITTED_TYPES, ...SCREENED_TYPES, ...STATUS_CHANGED_TYPES];
