import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FundPolicies } from '@fundline/domain';
import { MoneyDto } from '@fundline/http';
import { CreditLineReports } from './credit-line-report/credit-line-report';

/**
 * The shapes the reporting routes answer with, for the OpenAPI document only: the reports build plain objects from SQL,
 * and these classes describe them. Amounts are decimal strings in USD unless a currency is given, never numbers.
 */
const AMOUNT = { type: String, example: '1400000.00', description: 'Decimal string, USD' } as const;
const RATE = { type: String, nullable: true, example: '0.6666', description: 'Four decimals; null before a transfer' };

class VerdictLineResponse {
  @ApiProperty({ example: 'F4.1' }) rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty() detail: string;
}

export class PipelineEntryResponse {
  @ApiProperty({ format: 'uuid' }) conceptId: string;
  @ApiProperty({ enum: FundPolicies.codes() }) fund: string;
  @ApiProperty({ enum: ['concept-note', 'project-proposal'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'in-pipeline', description: 'After the funds service’s decisions and money (G4)' })
  status: string;
  @ApiProperty() version: number;
  @ApiProperty({ example: 'PHL' }) submittingCountry: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) scope: string;
  @ApiProperty({ type: [String], example: ['PHL'] }) countries: string[];
  @ApiProperty({ nullable: true, type: String, example: 'asia-pacific' }) region: string | null;
  @ApiProperty({ nullable: true, type: Number }) thematicArea: number | null;
  @ApiProperty({ nullable: true, type: String }) focusArea: string | null;
  @ApiProperty({ nullable: true, type: Number, enum: [1, 2] }) creditLine: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) eligible: boolean | null;
  @ApiProperty({ nullable: true, type: [VerdictLineResponse], description: 'The screening verdict, line by line' })
  verdict: VerdictLineResponse[] | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty({ type: MoneyDto }) requested: MoneyDto;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class PipelinePageResponse {
  @ApiProperty({ type: [PipelineEntryResponse] }) items: PipelineEntryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PipelineGroupResponse {
  @ApiPropertyOptional({ description: 'The group, under the name of the grouping asked for (`by`)', nullable: true })
  status?: string | null;
  @ApiPropertyOptional({ nullable: true }) thematicArea?: string | null;
  @ApiPropertyOptional({ nullable: true }) focusArea?: string | null;
  @ApiPropertyOptional({ nullable: true }) region?: string | null;
  @ApiPropertyOptional({ nullable: true }) country?: string | null;
  @ApiProperty() entries: number;
  @ApiProperty(AMOUNT) requested: string;
  @ApiProperty() oldestAgeDays: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nearestExpiry: string | null;
}

export class RegionShareResponse {
  @ApiProperty({ nullable: true, type: String, example: 'africa' }) region: string | null;
  @ApiProperty(AMOUNT) allocated: string;
  @ApiProperty({ example: '0.4153' }) shareOfAllocations: string;
  @ApiProperty() eligibleStates: number;
  @ApiProperty({ example: '0.4054' }) shareOfEligibleStates: string;
}

export class RegionalBalanceResponse {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty(AMOUNT) totalAllocated: string;
  @ApiProperty() eligibleStates: number;
  @ApiProperty({ type: [RegionShareResponse] }) regions: RegionShareResponse[];
}

export class ReportDocumentResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
}

export class ObligationResponse {
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ format: 'uuid' }) allocationId: string;
  @ApiProperty({ format: 'uuid' }) conceptId: string;
  @ApiProperty({ example: 'monitoring-framework' }) kind: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) submittedOn: string | null;
  @ApiProperty({
    nullable: true,
    type: ReportDocumentResponse,
    description:
      'The report uploaded that fulfilled it (download from funds: GET /documents/{documentId}); null if none',
  })
  report: ReportDocumentResponse | null;
  @ApiProperty() fundCode: string;
  @ApiProperty({ type: [String] }) organisations: string[];
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() overdue: boolean;
}

export class ObligationsResponse {
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ type: [ObligationResponse] }) items: ObligationResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Overdue count by allocation',
  })
  overdueByAllocation: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { IOM: 2 } })
  overdueByOrganisation: Record<string, number>;
}

class FundSourcesResponse {
  @ApiProperty(AMOUNT) contributions: string;
  @ApiProperty(AMOUNT) interestIncome: string;
  @ApiProperty(AMOUNT) otherIncome: string;
  @ApiProperty(AMOUNT) total: string;
}

class FundUsesResponse {
  @ApiProperty(AMOUNT) transfers: string;
  @ApiProperty({ ...AMOUNT, example: '-10000.00', description: 'Refunds from closed programmes, as a negative' })
  refunds: string;
  @ApiProperty(AMOUNT) administrativeAgentFee: string;
  @ApiProperty(AMOUNT) directCosts: string;
  @ApiProperty(AMOUNT) bankCharges: string;
  @ApiProperty(AMOUNT) total: string;
}

class FundCostResponse {
  @ApiProperty({ enum: ['direct-cost', 'bank-charge'] }) kind: string;
  @ApiProperty({ example: 'UNEARMARKED' }) pocketCode: string;
  @ApiProperty({ format: 'date' }) incurredOn: string;
  @ApiProperty() description: string;
  @ApiProperty(AMOUNT) amount: string;
}

class CapitalizationResponse {
  @ApiProperty(AMOUNT) target: string;
  @ApiProperty(AMOUNT) deposited: string;
  @ApiProperty({ ...RATE, example: '0.0257' }) progress: string | null;
}

class DonorContributionResponse {
  @ApiProperty() donor: string;
  @ApiProperty({ type: [MoneyDto], description: 'In the currencies given' }) original: MoneyDto[];
  @ApiProperty(AMOUNT) usd: string;
}

class OrganisationDeliveryResponse {
  @ApiProperty({ example: 'IOM' }) organisation: string;
  @ApiProperty(AMOUNT) transferred: string;
  @ApiProperty(AMOUNT) expenditure: string;
  @ApiProperty(RATE) deliveryRate: string | null;
}

class ThematicAreaDeliveryResponse {
  @ApiProperty({ minimum: 1, maximum: 5 }) thematicArea: number;
  @ApiProperty(AMOUNT) approved: string;
  @ApiProperty(AMOUNT) transferred: string;
  @ApiProperty(AMOUNT) expenditure: string;
}

export class FundStatusResponse {
  @ApiProperty({ example: FundPolicies.withReport('fund-status')[0]?.code }) fund: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: FundSourcesResponse }) sources: FundSourcesResponse;
  @ApiProperty({ type: FundUsesResponse }) uses: FundUsesResponse;
  @ApiProperty({ ...AMOUNT, description: 'Sources − uses' }) balance: string;
  @ApiProperty({ type: [FundCostResponse], description: 'The direct costs and bank charges, one by one' })
  costs: FundCostResponse[];
  @ApiProperty({
    type: CapitalizationResponse,
    nullable: true,
    description: 'null for a fund without a capitalization target',
  })
  capitalization: CapitalizationResponse | null;
  @ApiProperty({ type: [DonorContributionResponse] }) contributionsByDonor: DonorContributionResponse[];
  @ApiProperty({ type: [OrganisationDeliveryResponse] }) byOrganisation: OrganisationDeliveryResponse[];
  @ApiProperty({ type: [ThematicAreaDeliveryResponse] }) byThematicArea: ThematicAreaDeliveryResponse[];
  @ApiProperty({ ...AMOUNT, description: 'Cash held by the fund, from the ledger: equals the balance' })
  cashCheck: string;
}

class ReportCoverageResponse {
  @ApiPropertyOptional({ example: 2026, description: 'A fund-year report (`?year=`)' }) fundYear?: number;
  @ApiPropertyOptional({ format: 'date', description: 'A period report: first posting date' }) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'A period report: last posting date' }) to?: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
}

class CreditLineSummaryResponse {
  @ApiProperty({ ...AMOUNT, description: 'Cash before the period, or carried over from earlier fund years' })
  openingBalance: string;
  @ApiProperty(AMOUNT) fundingReceived: string;
  @ApiProperty(AMOUNT) allocationsApproved: string;
  @ApiProperty(AMOUNT) transfers: string;
  @ApiProperty(AMOUNT) expenditure: string;
  @ApiProperty(AMOUNT) refunds: string;
  @ApiProperty(AMOUNT) fees: string;
  @ApiProperty(AMOUNT) directCosts: string;
  @ApiProperty(AMOUNT) bankCharges: string;
  @ApiProperty(AMOUNT) releases: string;
  @ApiProperty(AMOUNT) closingBalance: string;
  @ApiProperty(AMOUNT) availableBalance: string;
  @ApiProperty(AMOUNT) committedBalance: string;
}

/** F12 as of the report's moment (issue 13): what was submitted and when, and what is late. */
class ProjectReportsResponse {
  @ApiProperty({ description: 'Reports submitted' }) submitted: number;
  @ApiProperty({ description: 'Of those, submitted after their due date' }) submittedLate: number;
  @ApiProperty({ description: "Reports due before the report's day and not submitted" }) overdue: number;
  @ApiProperty({
    nullable: true,
    type: 'object',
    properties: { kind: { type: 'string' }, submittedOn: { type: 'string', format: 'date' } },
  })
  last: { kind: string; submittedOn: string } | null;
}

class CreditLineProjectResponse {
  @ApiProperty({ format: 'uuid' }) conceptId: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) scope: string | null;
  @ApiProperty({ enum: ['approved', 'under-implementation', 'closed'] }) status: string;
  @ApiProperty(AMOUNT) approved: string;
  @ApiProperty(AMOUNT) transferred: string;
  @ApiProperty(AMOUNT) spent: string;
  @ApiProperty(RATE) deliveryRate: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    properties: { kind: { type: 'string' }, dueOn: { type: 'string', format: 'date' } },
  })
  nextObligation: { kind: string; dueOn: string } | null;
  @ApiProperty({ type: ProjectReportsResponse }) reports: ProjectReportsResponse;
}

class CreditLineTotalsResponse {
  @ApiProperty(AMOUNT) approved: string;
  @ApiProperty(AMOUNT) transferred: string;
  @ApiProperty(AMOUNT) spent: string;
}

export class CreditLineReportResponse {
  @ApiProperty({ example: FundPolicies.withReport('credit-lines')[0]?.code }) fund: string;
  @ApiProperty({ enum: CreditLineReports.lines().map((l) => l.line) }) line: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: ReportCoverageResponse }) period: ReportCoverageResponse;
  @ApiProperty({ type: CreditLineSummaryResponse }) summary: CreditLineSummaryResponse;
  @ApiProperty({ type: [CreditLineProjectResponse] }) projects: CreditLineProjectResponse[];
  @ApiProperty({ type: CreditLineTotalsResponse }) totals: CreditLineTotalsResponse;
}
