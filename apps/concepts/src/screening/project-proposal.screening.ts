import { describeBudgetLimit, fund1035Eligibility, line2Verdict, staffOfficeCheck } from '@fundline/domain';
import { Money } from '@fundline/money';
import { categoriesOf, minorLinesOf } from '../budget/budget.value';
import { VerdictLine } from '../lifecycle/submission';
import { ProjectProposalContent } from '../proposals/project-proposal.aggregate';
import { parameter, ReferenceSnapshot } from '../reference-data/reference-snapshot';

export interface ParentProject {
  id: string;
  fund: string;
  creditLine: number | null;
  status: string;
}

const FUNDED = ['funded', 'under-implementation', 'closed'];

/**
 * F1, F3, F4, F5, F6, F7, F8, F11: the eligibility of a Fund 1035 proposal on the snapshot's date. `letters`: the
 * countries whose endorsement letter is attached to it as a document (issue 13); a regional project counts those.
 */
export function screenProjectProposal(
  proposal: ProjectProposalContent & { submittingCountry: string; fund: string },
  snapshot: ReferenceSnapshot,
  parent: ParentProject | null,
  letters: readonly string[],
): VerdictLine[] {
  const lines: VerdictLine[] = [];
  const line = (rule: string, passed: boolean, detail: string) => lines.push({ rule, passed, detail });
  const usd = (minor: number) => Money.ofMinor(BigInt(minor), 'USD');
  const regional = proposal.scope === 'regional';
  const eligibility = new Map(proposal.countries.map((c) => [c, fund1035Eligibility(snapshot, c)]));

  // F1: a national project's state must be eligible; in a regional project the applicant must be, and F5 weighs the rest.
  const mustBeEligible = regional ? [proposal.submittingCountry] : proposal.countries;
  const notEligible = mustBeEligible.filter((c) => !eligibility.get(c)?.eligible);
  line(
    'F1',
    notEligible.length === 0,
    notEligible.length
      ? notEligible.map((c) => eligibility.get(c)!.why).join('; ')
      : mustBeEligible.map((c) => eligibility.get(c)!.why).join('; '),
  );

  if (proposal.creditLine === 2) {
    const f3 = line2Verdict(snapshot, proposal.countries);
    line('F3', f3.passed, f3.detail);
  }

  const minimum = usd(parameter(snapshot, `f1035.${proposal.scope}.minimum-minor`));
  line(
    'F4.4',
    proposal.requested.compare(minimum) >= 0,
    `requested ${proposal.requested.toDecimalString()}; minimum for a ${proposal.scope} project ${minimum.toDecimalString()}`,
  );
  const ceilingRule = proposal.creditLine === 1 ? 'F4.3' : regional ? 'F4.2' : 'F4.1';
  const ceiling = usd(parameter(snapshot, `f1035.line${proposal.creditLine}.${proposal.scope}.ceiling-minor`));
  line(
    ceilingRule,
    proposal.requested.compare(ceiling) <= 0,
    `requested ${proposal.requested.toDecimalString()}; Line ${proposal.creditLine} ${proposal.scope} ceiling ${ceiling.toDecimalString()}`,
  );

  if (regional) {
    const endorsing = new Set(proposal.endorsements.map((e) => e.country).filter((c) => letters.includes(c)));
    const eligibleEndorsing = [...endorsing].filter((c) => eligibility.get(c)?.eligible);
    const missing = proposal.endorsements.map((e) => e.country).filter((c) => !letters.includes(c));
    const eligibleBeneficiaries = proposal.countries.filter((c) => eligibility.get(c)?.eligible);
    const majority = eligibleBeneficiaries.length * 2 > proposal.countries.length;
    line(
      'F5',
      eligibleEndorsing.length >= 2 && majority && !!eligibility.get(proposal.submittingCountry)?.eligible,
      `${eligibleEndorsing.length} eligible Member State(s) endorse with a letter attached (two needed)${
        missing.length ? `; endorsement letter(s) missing for ${missing.join(', ')}` : ''
      }; ${eligibleBeneficiaries.length} of ${proposal.countries.length} beneficiaries are eligible Member States (a majority needed)`,
    );
    const round = snapshot.callRounds.find((r) => r.opensOn <= snapshot.date && snapshot.date <= r.closesOn);
    line(
      'F11',
      !!round,
      round
        ? `submitted in call round ${round.code} (${round.opensOn} to ${round.closesOn})`
        : `regional projects are taken in call rounds; none is open on ${snapshot.date}`,
    );
  }

  if (proposal.parentProposalId) {
    const ok = !!parent && parent.fund === proposal.fund && parent.creditLine === 1 && FUNDED.includes(parent.status);
    line(
      'F6',
      ok,
      !parent
        ? `parent project ${proposal.parentProposalId} not found`
        : ok
          ? `follow-up of ${parent.id}, funded on Line 1`
          : `the parent ${parent.id} is ${parent.status} on Line ${parent.creditLine ?? '?'}; a follow-up needs a parent funded on Line 1`,
    );
  }

  const cap = parameter(snapshot, 'f1035.staff-office.cap-basis-points');
  const categories = categoriesOf(snapshot.budgetCategories, 'project-proposal');
  const unknown = proposal.budget.lines.filter((l) => !categories.has(l.category)).map((l) => l.category);
  const f7 = staffOfficeCheck(minorLinesOf(proposal.budget.lines), proposal.requested.amountMinor, categories, cap);
  line(
    'F7',
    f7.within &&
      unknown.length === 0 &&
      !proposal.budget.includesOtherDonorFunding &&
      !proposal.budget.includesProposalDevelopmentCosts,
    [
      unknown.length ? `${unknown.join(', ')} not budget categories in force on ${snapshot.date}` : '',
      describeBudgetLimit(f7),
      proposal.budget.includesOtherDonorFunding ? "another donor's money is charged" : '',
      proposal.budget.includesProposalDevelopmentCosts ? 'proposal development costs are charged' : '',
    ]
      .filter(Boolean)
      .join('; '),
  );

  const focus = snapshot.focusAreas.get(proposal.focusArea);
  line(
    'F8',
    !!focus?.eligible,
    focus
      ? `${focus.name} is ${focus.eligible ? '' : 'not '}an eligible focus area`
      : `unknown focus area ${proposal.focusArea}`,
  );
  return lines;
}
