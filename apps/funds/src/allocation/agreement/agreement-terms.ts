import { dayOf, FundPolicies, FundPolicy, Obligation, PocketDefinition } from '@fundline/domain';
import { Money } from '@fundline/money';
import { AllocationState } from '../allocation.aggregate';
import { AgreementClause, AgreementCountry, GrantAgreementTerms } from './grant-agreement';

/** What the funds service holds about an approved allocation, from which its agreement is written. */
export interface AgreementSource {
  allocation: Pick<
    AllocationState,
    'id' | 'conceptId' | 'fundCode' | 'pocketCode' | 'amountMinor' | 'startDate' | 'endDate' | 'shares'
  >;
  currency: string;
  /** The obligations as stored for the allocation: the same records the reports read. */
  obligations: readonly Obligation[];
  approval: { decisionId: string; approvedAt: Date };
  submission: { title: string; submittingCountry: string; scope: string | null; countries: readonly string[] };
  /** English country names by ISO 3166-1 alpha-3 code (the `country` reference data); a missing one shows its code. */
  countryNames: ReadonlyMap<string, string>;
}

/**
 * The terms of an allocation's agreement. Each field is picked by name, so whatever else the caller's records hold
 * (a focal point's name, e-mail or phone) cannot reach the document (G6). What differs between funds is asked of the
 * fund's policy (docs/adr/0016-fund-policies.md): its name, pockets and submission form.
 */
export function grantAgreementTerms(source: AgreementSource): GrantAgreementTerms {
  const { allocation, submission, currency } = source;
  const policy = FundPolicies.of(allocation.fundCode);
  const pocket = pocketOf(policy, allocation.pocketCode);
  const approvedOn = dayOf(source.approval.approvedAt);
  const country = (code: string): AgreementCountry => ({ code, name: source.countryNames.get(code) ?? code });
  const approvingBody = policy.form === 'concept-note' ? 'Steering Committee' : 'Approving Authority';
  return {
    agreementNumber: agreementNumber(allocation.fundCode, allocation.pocketCode, approvedOn, allocation.id),
    fund: { code: policy.code, name: policy.name },
    pocket: { code: pocket.code, name: pocket.name, kind: pocket.kind, creditLine: pocket.creditLine },
    allocationId: allocation.id,
    conceptId: allocation.conceptId,
    form: policy.form,
    title: submission.title,
    submittingGovernment: country(submission.submittingCountry),
    scope: submission.scope,
    countries: submission.countries.map(country),
    amount: Money.ofMinor(allocation.amountMinor, currency),
    shares: allocation.shares.map((s) => ({
      organisation: s.organisation,
      amount: Money.ofMinor(s.approvedMinor, currency),
    })),
    startDate: allocation.startDate,
    endDate: allocation.endDate,
    reportingSchedule: [...source.obligations]
      .map(({ kind, dueOn }) => ({ kind, dueOn }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    conditions: conditionsOf(policy, pocket, approvingBody),
    approval: { decisionId: source.approval.decisionId, approvedOn, approvingBody },
  };
}

/**
 * `FUND/POCKET/YEAR/XXXXXXXX`: the fund, what it draws on, the approval year and the allocation id's first eight hex
 * digits. Derived, not counted, so regenerating an agreement gives the same number without a sequence.
 */
export function agreementNumber(fundCode: string, pocketCode: string, approvedOn: string, allocationId: string) {
  return `${fundCode}/${pocketCode}/${approvedOn.slice(0, 4)}/${allocationId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

function pocketOf(policy: FundPolicy, code: string): PocketDefinition {
  const pocket = policy.pockets.find((p) => p.code === code);
  if (!pocket) throw new Error(`${policy.code} has no pocket ${code}`);
  return pocket;
}

/**
 * The clauses restating the rules an allocation stays under. Concept-note funds follow the M rules, project-proposal
 * funds the F rules (the policy's `form` decides, as it decides screening); a credit line adds F2's separation.
 */
function conditionsOf(policy: FundPolicy, pocket: PocketDefinition, approvingBody: string): AgreementClause[] {
  const pooled = policy.form === 'concept-note';
  const what = pooled ? 'programme' : 'project';
  return [
    {
      rule: pooled ? 'M8' : 'F11',
      heading: 'Purpose',
      text: `The grant is used only for the ${what} named in this agreement, as approved by the ${approvingBody}.`,
    },
    ...(pocket.creditLine
      ? [
          {
            rule: 'F2',
            heading: 'Credit line',
            text: `The ${what} is funded, monitored and reported on ${pocket.name} only; its funds are never mixed with another credit line.`,
          },
        ]
      : []),
    pooled
      ? {
          rule: 'M10',
          heading: 'Transfers',
          text: 'The grant is transferred to the participating organisations, possibly in tranches; the cumulative transfers to an organisation never exceed its share stated in this agreement.',
        }
      : {
          rule: 'F7',
          heading: 'Budget',
          text: "Staff and office costs are at most 30% of the total; no other donor's money and no proposal development costs are charged to the project.",
        },
    {
      rule: pooled ? 'M11' : 'F12',
      heading: 'Reporting',
      text: pooled
        ? 'The reports in the reporting schedule are submitted by their due dates. Each participating organisation reports its expenditure for each calendar year by 30 April of the following year; its expenditure never exceeds what was transferred to it.'
        : 'The reports in the reporting schedule are submitted by their due dates, with accounts kept and reported separately for the credit line.',
    },
    {
      rule: null,
      heading: 'Revisions',
      text: `A budget revision or a no-cost extension needs the prior approval of the ${approvingBody} and is requested at least one month before the end date.`,
    },
    {
      rule: 'M12',
      heading: 'Closure',
      text: `The ${what} closes with its final reports. Any balance transferred and not spent is refunded to the fund; any amount never transferred is released.`,
    },
    {
      rule: 'G3',
      heading: 'Records',
      text: 'Every change to this allocation (transfer, expenditure, revision, closure) is recorded with who made it, when and why.',
    },
    {
      rule: 'G6',
      heading: 'Personal data',
      text: "This agreement names governments and organisations, not persons; focal points' personal data is not part of it.",
    },
  ];
}
