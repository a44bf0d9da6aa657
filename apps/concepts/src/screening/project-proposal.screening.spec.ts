import { FUND_1035, MIGRATION_MPTF } from '@fundline/domain';
import { Money } from '@fundline/money';
import { projectProposalContent, referenceSnapshot } from '../../../../test/support/submission-builders';
import { ProjectProposalContent } from '../proposals/project-proposal.aggregate';
import { ParentProject, screenProjectProposal } from './project-proposal.screening';

const usd = (a: string) => Money.parse(a, 'USD');

function verdict(
  overrides: Partial<ProjectProposalContent> = {},
  snapshot = referenceSnapshot(),
  parent: ParentProject | null = null,
  applicant = 'PHL',
  letters?: string[],
) {
  const content = projectProposalContent(overrides);
  const lines = screenProjectProposal(
    { ...content, submittingCountry: applicant, fund: FUND_1035.code },
    snapshot,
    parent,
    // By default every endorsing state's letter is attached.
    letters ?? content.endorsements.map((e) => e.country),
  );
  return Object.fromEntries(lines.map((l) => [l.rule, l]));
}

const regional = (countries: string[], endorsing: string[]): Partial<ProjectProposalContent> => ({
  scope: 'regional',
  countries,
  endorsements: endorsing.map((country) => ({ country, letterReference: `L-${country}` })),
  requested: usd('250000.00'),
});

describe('screening a Fund 1035 project proposal', () => {
  it('passes every rule for an eligible Line 2 national proposal', () => {
    const lines = verdict();
    expect(Object.keys(lines)).toEqual(['F1', 'F3', 'F4.4', 'F4.1', 'F7', 'F8']);
    expect(Object.values(lines).every((l) => l.passed)).toBe(true);
  });

  it('F1 fails for a state off the list in force, a high-income state and an EU member', () => {
    expect(verdict({ countries: ['SGP'], endorsements: [] }, undefined, null, 'SGP').F1).toMatchObject({
      passed: false,
      detail: 'SGP is a high-income economy',
    });
    expect(verdict({ countries: ['DEU'], endorsements: [] }, undefined, null, 'DEU').F1.passed).toBe(false);
    const later = referenceSnapshot({ beneficiaries: new Map() });
    expect(verdict({}, later).F1.detail).toMatch(/not on the beneficiary list in force on 2026-11-22/);
  });

  it('F3 refuses Line 2 to a state subject to Article 4, with the arrears that justify it, and allows Line 1', () => {
    const snapshot = referenceSnapshot({
      article4: new Map([
        ['PHL', { subject: true, since: '2026-01-01', arrearsMinor: '250000000', dueTwoYearsMinor: '240000000' }],
      ]),
    });
    expect(verdict({}, snapshot).F3).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^PHL is subject to Article 4 since 2026-01-01 \(arrears USD 2500000.00/),
    });
    const budget = {
      ...projectProposalContent().budget,
      lines: [
        { category: 'staff', amount: usd('30000.00') },
        { category: 'operational', amount: usd('70000.00') },
      ],
    };
    const line1 = verdict({ creditLine: 1, requested: usd('100000.00'), budget }, snapshot);
    expect(line1.F3).toBeUndefined();
    expect(Object.values(line1).every((l) => l.passed)).toBe(true);
  });

  describe('F3 with a published Line 2 list in force', () => {
    const list = (complete: boolean) =>
      referenceSnapshot({
        line2: new Map([['VNM', { name: 'Viet Nam', region: 'Asia and Oceania' }]]),
        sources: new Map([
          [
            'fund1035-line2',
            {
              dataset: 'fund1035-line2',
              effectiveFrom: '2024-08-01',
              source: 'IOM list',
              published: 2,
              loaded: 1,
              complete,
              note: null,
            },
          ],
        ]),
      });

    it('F3 refuses a beneficiary absent from a complete Line 2 list, naming the list', () => {
      expect(verdict({}, list(true)).F3).toMatchObject({
        passed: false,
        detail: 'PHL is not on the Line 2 list in force from 2024-08-01 (IOM list)',
      });
      const listed = verdict({ countries: ['VNM'] }, list(true), null, 'VNM').F3;
      expect(listed).toMatchObject({ passed: true, detail: 'VNM is on the Line 2 list in force from 2024-08-01' });
    });

    it('F3 lets the Article 4 records decide alone for a state absent from a list known to be incomplete', () => {
      expect(verdict({}, list(false)).F3).toMatchObject({
        passed: true,
        detail: expect.stringMatching(/^PHL is not among the 1 names read of the Line 2 list .* \(incomplete\)/),
      });
    });

    it('F3 leaves a benefiting state that is no Fund 1035 beneficiary to F1 and F5', () => {
      const lines = verdict(regional(['VNM', 'SGP'], ['VNM']), list(true), null, 'VNM');
      expect(lines.F3).toMatchObject({
        passed: true,
        detail: expect.stringContaining('SGP is not a Fund 1035 beneficiary: F1 and F5 weigh it'),
      });
    });
  });

  it('F4.1 accepts a Line 2 national request of USD 200,000 and refuses 200,000.01', () => {
    expect(verdict({ requested: usd('200000.00') })['F4.1'].passed).toBe(true);
    expect(verdict({ requested: usd('200000.01') })['F4.1'].passed).toBe(false);
  });

  it('F4.2 accepts a Line 2 regional request of USD 300,000 and refuses 300,000.01', () => {
    const base = regional(['PHL', 'IDN'], ['PHL', 'IDN']);
    expect(verdict({ ...base, requested: usd('300000.00') })['F4.2'].passed).toBe(true);
    expect(verdict({ ...base, requested: usd('300000.01') })['F4.2'].passed).toBe(false);
  });

  it('F4.3 holds Line 1 to USD 100,000 national and 200,000 regional', () => {
    expect(verdict({ creditLine: 1, requested: usd('100000.00') })['F4.3'].passed).toBe(true);
    expect(verdict({ creditLine: 1, requested: usd('100000.01') })['F4.3'].passed).toBe(false);
    const base = { ...regional(['PHL', 'IDN'], ['PHL', 'IDN']), creditLine: 1 as const };
    expect(verdict({ ...base, requested: usd('200000.00') })['F4.3'].passed).toBe(true);
    expect(verdict({ ...base, requested: usd('200000.01') })['F4.3'].passed).toBe(false);
  });

  it('F4.4 refuses less than USD 50,000 national and 100,000 regional', () => {
    expect(verdict({ requested: usd('50000.00') })['F4.4'].passed).toBe(true);
    expect(verdict({ requested: usd('49999.99') })['F4.4'].passed).toBe(false);
    expect(verdict({ ...regional(['PHL', 'IDN'], ['PHL', 'IDN']), requested: usd('99999.99') })['F4.4'].passed).toBe(
      false,
    );
  });

  it('F5 accepts a regional project endorsed by two eligible states with an eligible majority, non-members included', () => {
    expect(verdict(regional(['PHL', 'IDN', 'TWN'], ['PHL', 'IDN'])).F5.passed).toBe(true);
  });

  it('F5 refuses a regional project with one eligible endorsement or no eligible majority', () => {
    expect(verdict(regional(['PHL', 'IDN'], ['PHL'])).F5.passed).toBe(false);
    expect(verdict(regional(['PHL', 'IDN', 'SGP', 'TWN'], ['PHL', 'IDN'])).F5.passed).toBe(false);
  });

  it('F5 counts only the endorsing states whose letter is attached, and names the missing ones', () => {
    const lines = verdict(regional(['PHL', 'IDN', 'TWN'], ['PHL', 'IDN']), referenceSnapshot(), null, 'PHL', ['PHL']);
    expect(lines.F5).toMatchObject({
      passed: false,
      detail: expect.stringContaining(
        '1 eligible Member State(s) endorse with a letter attached (two needed); endorsement letter(s) missing for IDN',
      ),
    });
  });

  it('F6 accepts a follow-up whose parent was funded on Line 1 and refuses one whose parent was on Line 2', () => {
    const follow = { parentProposalId: '6f3c6f9e-4f69-4c0e-8f0e-000000000001' };
    const parent = (creditLine: number, status = 'funded'): ParentProject => ({
      id: follow.parentProposalId,
      fund: 'FUND_1035',
      creditLine,
      status,
    });
    expect(verdict(follow, undefined, parent(1)).F6.passed).toBe(true);
    expect(verdict(follow, undefined, parent(2)).F6).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/on Line 2/),
    });
    expect(verdict(follow, undefined, parent(1, 'in-pipeline')).F6.passed).toBe(false);
    expect(verdict(follow, undefined, null).F6.passed).toBe(false);
  });

  it('F6 refuses a follow-up whose parent, funded on Line 1, is in another fund', () => {
    const parent: ParentProject = {
      id: '6f3c6f9e-4f69-4c0e-8f0e-000000000001',
      fund: MIGRATION_MPTF.code,
      creditLine: 1,
      status: 'funded',
    };
    expect(verdict({ parentProposalId: parent.id }, undefined, parent).F6.passed).toBe(false);
  });

  /** A USD 200,000.00 budget whose staff and office lines total `staff` + `office`. */
  const lines = (staff: string, office: string) => ({
    ...projectProposalContent().budget,
    lines: [
      { category: 'staff', amount: usd(staff) },
      { category: 'office', amount: usd(office) },
      { category: 'operational', amount: usd('200000.00').minus(usd(staff)).minus(usd(office)) },
    ],
  });

  it('F7 computes staff and office costs from the lines: exactly 30% passes, a cent above fails, naming the lines', () => {
    expect(verdict({ budget: lines('40000.00', '20000.00') }).F7).toMatchObject({
      passed: true,
      detail:
        'staff and office costs 60000.00 (staff 40000.00, office 20000.00) within 30% of the total 200000.00 (limit 60000.00)',
    });
    expect(verdict({ budget: lines('40000.00', '20000.01') }).F7).toMatchObject({
      passed: false,
      detail:
        'staff and office costs 60000.01 (staff 40000.00, office 20000.01) above 30% of the total 200000.00 (limit 60000.00)',
    });
  });

  it('F7 fails with other donors’ or proposal development costs', () => {
    const budget = projectProposalContent().budget;
    expect(verdict({ budget: { ...budget, includesOtherDonorFunding: true } }).F7.passed).toBe(false);
    expect(verdict({ budget: { ...budget, includesProposalDevelopmentCosts: true } }).F7.passed).toBe(false);
  });

  it('F7 reads a budget written before categories: the declared staff and office costs and the rest uncategorised', () => {
    const legacy = (staff: string) => ({
      ...projectProposalContent().budget,
      lines: [
        { category: 'staff-and-office', amount: usd(staff) },
        { category: 'uncategorised', amount: usd('200000.00').minus(usd(staff)) },
      ],
    });
    expect(verdict({ budget: legacy('60000.00') }).F7.passed).toBe(true);
    expect(verdict({ budget: legacy('60000.01') }).F7.passed).toBe(false);
  });

  it('F7 takes the categories and the cap in force on the screening date', () => {
    const categories = new Map(referenceSnapshot().budgetCategories);
    const f1035 = new Map(categories.get('f1035'));
    f1035.set('operational', { name: 'Operational costs', counts: 'staff-and-office' });
    categories.set('f1035', f1035);
    expect(verdict({}, referenceSnapshot({ budgetCategories: categories })).F7.passed).toBe(false);
    f1035.delete('operational');
    expect(verdict({}, referenceSnapshot({ date: '2027-01-01', budgetCategories: categories })).F7.detail).toMatch(
      /^operational not budget categories in force on 2027-01-01; /,
    );
    const lowerCap = referenceSnapshot({
      parameters: { ...referenceSnapshot().parameters, 'f1035.staff-office.cap-basis-points': 2000 },
    });
    expect(verdict({}, lowerCap).F7.detail).toMatch(/45000.00 .* above 20% of the total 200000.00 \(limit 40000.00\)/);
  });

  it('F8 passes an eligible focus area and fails emergency operations', () => {
    expect(verdict().F8.passed).toBe(true);
    expect(verdict({ focusArea: 'emergency-operations' }).F8).toMatchObject({
      passed: false,
      detail: 'Emergency operations is not an eligible focus area',
    });
  });

  it('F11 takes regional projects only during a call round', () => {
    expect(verdict(regional(['PHL', 'IDN'], ['PHL', 'IDN'])).F11.passed).toBe(true);
    const closed = referenceSnapshot({ callRounds: [{ code: '2025', opensOn: '2025-01-01', closesOn: '2025-06-30' }] });
    expect(verdict(regional(['PHL', 'IDN'], ['PHL', 'IDN']), closed).F11.passed).toBe(false);
    expect(verdict().F11).toBeUndefined();
  });
});
