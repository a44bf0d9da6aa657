import { ReportingSchema1763800000000 } from './migrations/1763800000000-reporting-schema';
import { PipelineOfBothFunds1764000000000 } from './migrations/1764000000000-pipeline-of-both-funds';
import { FinanceProjections1764100000000 } from './migrations/1764100000000-finance-projections';
import { ContributionsProjection1764200000000 } from './migrations/1764200000000-contributions-projection';
import { ObligationsProjection1764300000000 } from './migrations/1764300000000-obligations-projection';
import { ReferenceReplica1764400000000 } from './migrations/1764400000000-reference-replica';
import { ExpenditureReportOrder1764500000000 } from './migrations/1764500000000-expenditure-report-order';
import { FundYearsAndCosts1764710000000 } from './migrations/1764710000000-fund-years-and-costs';
import { MovementsByReference1765100000000 } from './migrations/1765100000000-movements-by-reference';
import { FundParametersReplica1765200000000 } from './migrations/1765200000000-fund-parameters-replica';
import { ReportsAtScale1765300000000 } from './migrations/1765300000000-reports-at-scale';
import { ObligationReports1766500000000 } from './migrations/1766500000000-obligation-reports';
import { ObligationsAsOf1766600000000 } from './migrations/1766600000000-obligations-as-of';
import { Results1767100000000 } from './migrations/1767100000000-results';
import { ExpenditureByCategory1767300000000 } from './migrations/1767300000000-expenditure-by-category';
import { BudgetLines1767400000000 } from './migrations/1767400000000-budget-lines';

/** The reporting schema's migrations, in order: the service and the rebuild run the same. */
export const REPORTING_MIGRATIONS = [
  ReportingSchema1763800000000,
  PipelineOfBothFunds1764000000000,
  FinanceProjections1764100000000,
  ContributionsProjection1764200000000,
  ObligationsProjection1764300000000,
  ReferenceReplica1764400000000,
  ExpenditureReportOrder1764500000000,
  FundYearsAndCosts1764710000000,
  MovementsByReference1765100000000,
  FundParametersReplica1765200000000,
  ReportsAtScale1765300000000,
  ObligationReports1766500000000,
  ObligationsAsOf1766600000000,
  Results1767100000000,
  ExpenditureByCategory1767300000000,
  BudgetLines1767400000000,
];
