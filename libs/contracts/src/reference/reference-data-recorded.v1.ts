import { IsOptional, IsString, Matches } from 'class-validator';

export const REFERENCE_DATA_RECORDED_V1 = 'reference-data.recorded.v1';

/**
 * A new version of one reference value (concepts owns reference data). Other services keep the datasets they decide
 * with: funds keeps Article 4 status and fund parameters to re-check F3 and F4 at approval.
 */
export class ReferenceDataRecordedV1 {
  @IsString() dataset: string;
  @IsString() key: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveFrom: string;
  /** The value (its shape depends on the dataset); absent when the key is retired. */
  @IsOptional() value?: Record<string, unknown>;
}

/**
 * Fund parameters (configurable) and their first values: amounts (keys ending in `-minor`) are USD minor units as
 * bigint, counts, months and basis points are numbers. Both the concepts service (screening) and the funds service
 * (approval) seed them, and reporting its replica; later changes travel as events.
 */
const FIRST_FUND_PARAMETERS = {
  'f1035.line1.national.ceiling-minor': 100_000_00n,
  'f1035.line1.regional.ceiling-minor': 200_000_00n,
  'f1035.line2.national.ceiling-minor': 200_000_00n,
  'f1035.line2.regional.ceiling-minor': 300_000_00n,
  'f1035.national.minimum-minor': 50_000_00n,
  'f1035.regional.minimum-minor': 100_000_00n,
  'f1035.staff-office.cap-basis-points': 3_000,
  'mptf.marker.minimum': 2,
  'mptf.indirect-support-cost.cap-basis-points': 700,
  'pipeline.validity-months': 24,
  'mptf.capitalization-target-minor': 70_000_000_00n,
  /** RV1 (issue 14): a budget line may move by this much of itself without the approving authority's decision. */
  'revision.budget-move-threshold-basis-points': 2_000,
} satisfies FundParameterValues;

interface FundParameterValues {
  readonly [amount: `${string}-minor`]: bigint;
  readonly [key: string]: bigint | number;
}

export const FUND_PARAMETERS_SEED: Readonly<typeof FIRST_FUND_PARAMETERS> & FundParameterValues = FIRST_FUND_PARAMETERS;
