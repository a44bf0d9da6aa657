import { Money } from '@fundline/money';

export type IncomeGroup = 'low' | 'lower-middle' | 'upper-middle' | 'high';

/** Where the version in force of a published list comes from (dataset `list-source`). */
export interface ListSourceInForce {
  dataset: string;
  effectiveFrom: string;
  source: string;
  loaded: number;
  /** Only a list loaded whole says something of the states absent from it. */
  complete: boolean;
}

export interface BeneficiaryStatus {
  incomeGroup: IncomeGroup;
  euMember: boolean;
  withdrawn: boolean;
}

export interface Article4Status {
  subject: boolean;
  since: string;
  arrearsMinor: string;
  dueTwoYearsMinor: string;
}

/**
 * The reference lists Fund 1035 eligibility (F1, F3) rests on, as in force on one date. Concepts screens a submission
 * on them and funds re-checks an approval on its replica of the same datasets, so both stages decide alike.
 */
export interface Fund1035Lists {
  date: string;
  countries: ReadonlyMap<string, { iomMember: boolean }>;
  beneficiaries: ReadonlyMap<string, BeneficiaryStatus>;
  article4: ReadonlyMap<string, Article4Status>;
  /** The published Line 2 list (F3): Line 1 beneficiaries not subject to Article 4, as IOM lists them. */
  line2: ReadonlyMap<string, unknown>;
  /** The source of each list's version in force, by dataset. */
  sources: ReadonlyMap<string, ListSourceInForce>;
}

export interface Standing {
  eligible: boolean;
  why: string;
}

/** F1: on the beneficiary list in force: low to upper-middle income, not an EU member, not withdrawn, IOM member. */
export function fund1035Eligibility(lists: Fund1035Lists, code: string): Standing {
  const country = lists.countries.get(code);
  const listed = lists.beneficiaries.get(code);
  if (!country?.iomMember) return { eligible: false, why: `${code} is not an IOM Member State on ${lists.date}` };
  if (!listed) return { eligible: false, why: `${code} is not on the beneficiary list in force on ${lists.date}` };
  if (listed.incomeGroup === 'high') return { eligible: false, why: `${code} is a high-income economy` };
  if (listed.euMember) return { eligible: false, why: `${code} is an EU member` };
  if (listed.withdrawn) return { eligible: false, why: `${code} has voluntarily withdrawn` };
  return { eligible: true, why: `${code} is on the list in force on ${lists.date} (${listed.incomeGroup} income)` };
}

/**
 * F3 for one state: not subject to Article 4 and, when a published Line 2 list is in force, on it. A list known to be
 * incomplete (some names could not be read) cannot refuse a state for being absent: the Article 4 records decide alone.
 */
export function line2Eligibility(lists: Fund1035Lists, code: string): Standing {
  const article4 = lists.article4.get(code);
  if (article4?.subject) {
    const usd = (minor: string) => Money.ofMinor(BigInt(minor), 'USD').toDecimalString();
    return {
      eligible: false,
      why: `${code} is subject to Article 4 since ${article4.since} (arrears USD ${usd(article4.arrearsMinor)} ≥ contributions due for two years USD ${usd(article4.dueTwoYearsMinor)})`,
    };
  }
  const list = lists.sources.get('fund1035-line2');
  if (!list) return { eligible: true, why: `${code} is not subject to Article 4 on ${lists.date}` };
  // The list is the Line 1 beneficiaries minus Article 4 states: absence says something only of a beneficiary.
  if (!fund1035Eligibility(lists, code).eligible) {
    return { eligible: true, why: `${code} is not a Fund 1035 beneficiary: F1 and F5 weigh it` };
  }
  if (lists.line2.has(code)) {
    return { eligible: true, why: `${code} is on the Line 2 list in force from ${list.effectiveFrom}` };
  }
  if (list.complete) {
    return {
      eligible: false,
      why: `${code} is not on the Line 2 list in force from ${list.effectiveFrom} (${list.source})`,
    };
  }
  return {
    eligible: true,
    why: `${code} is not among the ${list.loaded} names read of the Line 2 list in force from ${list.effectiveFrom} (incomplete) and not subject to Article 4 on ${lists.date}`,
  };
}

/**
 * F3 for a Line 2 project: every benefiting state may benefit from Line 2. The verdict line of the screening, and the
 * states an approval refuses, each with why.
 */
export function line2Verdict(
  lists: Fund1035Lists,
  countries: readonly string[],
): { passed: boolean; detail: string; refused: Array<{ country: string; why: string }> } {
  const standing = countries.map((country) => ({ country, ...line2Eligibility(lists, country) }));
  const refused = standing.filter((s) => !s.eligible).map(({ country, why }) => ({ country, why }));
  const detail = refused.length
    ? refused.map((s) => s.why).join('; ')
    : lists.sources.has('fund1035-line2')
      ? standing.map((s) => s.why).join('; ')
      : `no benefiting state is subject to Article 4 on ${lists.date}`;
  return { passed: refused.length === 0, detail, refused };
}

/** For each list, the source of its version in force: the latest one recorded for it among the sources in force. */
export function sourcesInForce<S extends ListSourceInForce>(recorded: Iterable<S>): Map<string, S> {
  const latest = new Map<string, S>();
  for (const value of recorded) {
    const known = latest.get(value.dataset);
    if (!known || known.effectiveFrom < value.effectiveFrom) latest.set(value.dataset, value);
  }
  return latest;
}
