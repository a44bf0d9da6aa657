import { ApprovalCandidate, FUND_1035, MIGRATION_MPTF } from '@fundline/domain';
import { Money } from '@fundline/money';
import {
  anApprovedAllocation,
  approvalCandidate,
  approveAllocation,
  ApprovalSituation,
} from '../../../../test/support/approvals';
import { violationOf } from '../../../../test/support/domain-errors';
import { referenceSnapshot } from '../../../../test/support/submission-builders';
import { CommitteeSession, SessionState } from '../committee/committee-session.aggregate';

const usd = (a: string) => Money.parse(a, 'USD');
const now = new Date('2026-11-22T10:00:00Z');

const candidate = (overrides: Partial<ApprovalCandidate> = {}) => approvalCandidate(overrides);

function context(overrides: Partial<ApprovalSituation> = {}): ApprovalSituation {
  return { now, creditLine: 2, lists: referenceSnapshot(), parentFundedOnLine: null, ...overrides };
}

const checkApproval = (c: ApprovalCandidate, amount: Money, x: ApprovalSituation) => approveAllocation(c, amount, x);

const approve = (amount: string, c: Partial<ApprovalCandidate> = {}, x: Partial<ApprovalSituation> = {}) =>
  violationOf(() => {
    checkApproval(candidate(c), usd(amount), context(x));
    throw new Error('approved');
  });

describe('approval rules', () => {
  const ok = (amount: string, c: Partial<ApprovalCandidate> = {}, x: Partial<ApprovalSituation> = {}) =>
    expect(() => checkApproval(candidate(c), usd(amount), context(x))).not.toThrow();

  it('F4.1 accepts USD 200,000 and refuses 200,000.01 on Line 2 national', () => {
    ok('200000.00');
    expect(approve('200000.01')).toMatchObject({ rules: ['F4.1'], fields: ['amount'] });
  });

  it('F4.2 accepts USD 300,000 and refuses 300,000.01 on Line 2 regional', () => {
    ok('300000.00', { scope: 'regional', countries: ['PHL', 'IDN'] });
    expect(approve('300000.01', { scope: 'regional', countries: ['PHL', 'IDN'] })).toMatchObject({ rules: ['F4.2'] });
  });

  it('F4.3 holds Line 1 at USD 100,000 national and 200,000 regional', () => {
    ok('100000.00', {}, { creditLine: 1 });
    expect(approve('100000.01', {}, { creditLine: 1 })).toMatchObject({ rules: ['F4.3'] });
    ok('200000.00', { scope: 'regional' }, { creditLine: 1 });
    expect(approve('200000.01', { scope: 'regional' }, { creditLine: 1 })).toMatchObject({ rules: ['F4.3'] });
  });

  it('F3 approves an Article 4 state on Line 1 and refuses it on Line 2', () => {
    const lists = referenceSnapshot({
      article4: new Map([
        ['PHL', { subject: true, since: '2026-01-01', arrearsMinor: '250000000', dueTwoYearsMinor: '240000000' }],
      ]),
    });
    ok('100000.00', {}, { creditLine: 1, lists });
    expect(approve('100000.00', {}, { lists })).toMatchObject({ rules: ['F3'], fields: ['creditLine'] });
  });

  it('F6 refuses a Line 2 follow-up whose parent was funded on Line 2, and accepts one funded on Line 1', () => {
    expect(approve('100000.00', { parentId: 'p0' }, { parentFundedOnLine: 2 })).toMatchObject({ rules: ['F6'] });
    ok('100000.00', { parentId: 'p0' }, { parentFundedOnLine: 1 });
  });

  it('M8 refuses more than was requested, and M7 an expired entry, and G4 an entry not in the pipeline', () => {
    expect(approve('500000.00', { fund: 'MIGRATION_MPTF' })).toMatchObject({ rules: ['M8'] });
    expect(approve('100000.00', { expiresAt: now })).toMatchObject({ rules: ['M7'] });
    expect(approve('100.00', { status: 'screened-ineligible' })).toMatchObject({
      code: 'ALLOCATION.NOT_IN_PIPELINE',
      kind: 'conflict',
    });
  });
});

describe('M8 committee sessions', () => {
  function session(overrides: Partial<SessionState> = {}): CommitteeSession {
    return new CommitteeSession({
      id: 's1',
      fundCode: 'MIGRATION_MPTF',
      quorum: 2,
      status: 'open',
      members: [
        { memberId: 'de', name: 'Germany', represents: 'state', country: 'DEU' },
        { memberId: 'ph', name: 'Philippines', represents: 'state', country: 'PHL' },
        { memberId: 'ilo', name: 'ILO', represents: 'un-organisation', country: null },
      ],
      agenda: ['c1'],
      decided: [],
      positions: [],
      ...overrides,
    });
  }

  it('M8 approves by consensus of a quorum', () => {
    const s = session();
    s.recordPosition('c1', 'de', 'support', null);
    s.recordPosition('c1', 'ilo', 'support', null);
    expect(s.decide('c1', ['PHL'], 'approve')).toMatchObject({ participants: ['de', 'ilo'], recused: ['ph'] });
  });

  it('M8 lets one objection block an approval but not a deferral', () => {
    const s = session();
    s.recordPosition('c1', 'de', 'object', 'thematic imbalance');
    s.recordPosition('c1', 'ilo', 'support', null);
    expect(violationOf(() => s.decide('c1', ['PHL'], 'approve'))).toMatchObject({
      code: 'SESSION.NO_CONSENSUS',
      rules: ['M8'],
    });
    expect(s.decide('c1', ['PHL'], 'defer').objections).toHaveLength(1);
  });

  it('M8 does not count the objection of a member from a covered state (recused)', () => {
    const s = session();
    s.recordPosition('c1', 'ph', 'object', 'own programme');
    s.recordPosition('c1', 'de', 'support', null);
    s.recordPosition('c1', 'ilo', 'support', null);
    expect(s.decide('c1', ['PHL', 'IDN'], 'approve')).toMatchObject({ objections: [], recused: ['ph'] });
  });

  it('M8 refuses a decision without quorum, recused members not counted', () => {
    const s = session();
    s.recordPosition('c1', 'ph', 'support', null);
    s.recordPosition('c1', 'de', 'support', null);
    expect(violationOf(() => s.decide('c1', ['PHL'], 'reject'))).toMatchObject({
      code: 'SESSION.NO_QUORUM',
      rules: ['M8'],
    });
  });

  it('M7 decides only an entry of the session’s own fund pipeline', () => {
    const s = session();
    const entry = { conceptId: 'c1', fund: 'MIGRATION_MPTF', status: 'in-pipeline', countries: ['PHL'] };
    expect(s.entryToDecide('c1', entry, 'approve')).toBe(entry);
    expect(violationOf(() => s.entryToDecide('c1', null, 'approve'))).toMatchObject({
      code: 'ALLOCATION.UNKNOWN_ENTRY',
      kind: 'malformed',
      rules: ['M7'],
      fields: ['conceptId'],
    });
    expect(violationOf(() => s.entryToDecide('c1', { ...entry, fund: 'FUND_1035' }, 'reject'))).toMatchObject({
      code: 'ALLOCATION.UNKNOWN_ENTRY',
    });
  });

  it('G4 defers or rejects an entry in the pipeline or deferred, never one already decided', () => {
    const s = session();
    const entry = (status: string) => ({ conceptId: 'c1', fund: 'MIGRATION_MPTF', status, countries: [] });
    expect(s.entryToDecide('c1', entry('deferred'), 'reject').status).toBe('deferred');
    expect(s.entryToDecide('c1', entry('in-pipeline'), 'defer').status).toBe('in-pipeline');
    expect(violationOf(() => s.entryToDecide('c1', entry('approved'), 'defer'))).toMatchObject({
      code: 'ALLOCATION.NOT_IN_PIPELINE',
      kind: 'conflict',
    });
  });

  it('M8 decides only agenda entries, once', () => {
    const s = session({ quorum: 1 });
    s.recordPosition('c1', 'de', 'support', null);
    expect(violationOf(() => s.decide('c2', [], 'approve'))).toMatchObject({ code: 'SESSION.NOT_ON_AGENDA' });
    s.decide('c1', [], 'approve');
    expect(violationOf(() => s.decide('c1', [], 'approve'))).toMatchObject({ code: 'SESSION.ALREADY_DECIDED' });
  });
});

describe('the allocation after approval', () => {
  const allocation = () => anApprovedAllocation();

  it('M10 transfers in tranches up to the approved share and refuses a cent more', () => {
    const a = allocation();
    const firstTransferStartsImplementation = (amount: string) => {
      const before = a.state.status;
      a.transfer('t1', 'ILO', usd(amount));
      return before === 'approved' && a.state.status === 'under-implementation';
    };
    expect(firstTransferStartsImplementation('60000.00')).toBe(true);
    expect(firstTransferStartsImplementation('40000.00')).toBe(false);
    expect(violationOf(() => a.transfer('t2', 'ILO', usd('0.01')))).toMatchObject({
      rules: ['M10'],
      code: 'TRANSFER.ABOVE_SHARE',
    });
  });

  it('M11 keeps expenditure within what was transferred, the latest figure of a year counting', () => {
    const a = allocation();
    a.transfer('t1', 'IOM', usd('30000.00'));
    a.reportExpenditure('IOM', 2027, usd('25000.00'));
    a.reportExpenditure('IOM', 2027, usd('30000.00'));
    expect(violationOf(() => a.reportExpenditure('IOM', 2028, usd('0.01')))).toMatchObject({ rules: ['M11'] });
  });

  it('M12 closes by refunding the unspent transfers and releasing what was never transferred', () => {
    const a = allocation();
    a.transfer('t1', 'ILO', usd('100000.00'));
    a.transfer('t2', 'IOM', usd('20000.00'));
    a.reportExpenditure('ILO', 2027, usd('90000.00'));
    a.reportExpenditure('IOM', 2027, usd('20000.00'));
    const { refundMinor, releaseMinor } = a.close();
    expect({ refundMinor, releaseMinor }).toEqual({ refundMinor: 10_000_00n, releaseMinor: 30_000_00n });
    expect(violationOf(() => a.transfer('t3', 'IOM', usd('1.00')))).toMatchObject({ code: 'ALLOCATION.CLOSED' });
  });

  it('RV6 asks for revisions at least a month before the end date, RV4 an extension ends later', () => {
    const a = allocation();
    a.assertRevisable('2028-10-30');
    a.extend('2029-05-31');
    expect(a.state.endDate).toBe('2029-05-31');
    expect(violationOf(() => a.assertRevisable('2029-05-01'))).toMatchObject({
      code: 'REVISION.TOO_LATE',
      rules: ['RV6'],
    });
    expect(violationOf(() => a.extend('2029-05-31'))).toMatchObject({ code: 'REVISION.END_DATE', rules: ['RV4'] });
  });

  it('F12 owes a monitoring framework in the first month, an interim report at 12 months, final reports and an ex-post evaluation', () => {
    expect(FUND_1035.obligations('2026-12-01', '2028-05-31')).toEqual([
      { kind: 'monitoring-framework', dueOn: '2027-01-01' },
      { kind: 'interim-narrative-report', dueOn: '2027-12-01' },
      { kind: 'final-narrative-report', dueOn: '2028-08-31' },
      { kind: 'final-financial-report', dueOn: '2028-08-31' },
      { kind: 'ex-post-evaluation', dueOn: '2029-05-31' },
    ]);
    expect(FUND_1035.obligations('2026-12-01', '2027-06-30').map((o) => o.kind)).not.toContain(
      'interim-narrative-report',
    );
  });

  it('M11 owes each year’s MPTF expenditure by 30 April of the next year', () => {
    const kinds = MIGRATION_MPTF.obligations('2026-12-01', '2027-11-30').filter((o) => o.kind.startsWith('annual'));
    expect(kinds).toEqual([
      { kind: 'annual-expenditure-2026', dueOn: '2027-04-30' },
      { kind: 'annual-expenditure-2027', dueOn: '2028-04-30' },
    ]);
  });
});
