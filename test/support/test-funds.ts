import { DomainError, FundPolicies, FundPolicy, MIGRATION_MPTF } from '@fundline/domain';

/**
 * Funds that exist only in tests, to prove the fund policy seam (docs/adr/0016-fund-policies.md): nothing in
 * production names them; registering the policy is all it takes.
 */

/** A pooled fund shaped like the Migration MPTF (concept notes, pool and thematic windows, 1% fee). */
export const TEST_POOLED_FUND: FundPolicy = { ...MIGRATION_MPTF, code: 'TEST_POOLED_FUND', name: 'Test pooled fund' };

const WINDOW = 'UNEARMARKED';

/** A single-window pooled fund: concept notes and shares among organisations, one pool and no thematic windows. */
export const SINGLE_WINDOW_FUND: FundPolicy = {
  ...MIGRATION_MPTF,
  code: 'TEST_SINGLE_WINDOW_FUND',
  name: 'Test single-window pooled fund',
  pockets: [{ code: WINDOW, name: 'Single window', kind: 'pool', thematicArea: null, creditLine: null }],
  earmark(_candidate, terms) {
    if ((terms.pocketCode ?? WINDOW) !== WINDOW) {
      throw DomainError.invalid('ALLOCATION.EARMARK', [
        { field: 'pocketCode', rule: 'M9', message: `the fund has one window, ${WINDOW}` },
      ]);
    }
    return { pocketCode: WINDOW, creditLine: null };
  },
};

/**
 * Registers a test fund for the test file that calls it (before the services start: the funds service opens the
 * registered funds at boot), and removes it after the file's tests.
 */
export function registeredForThisFile(policy: FundPolicy): FundPolicy {
  beforeAll(() => FundPolicies.register(policy));
  afterAll(() => FundPolicies.unregister(policy.code));
  return policy;
}
