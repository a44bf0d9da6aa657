import { bearer, eventually } from '@fundline/testing';
import request from 'supertest';
import { FundlineSystem } from './fundline-system';

/**
 * Polls the reporting read model until `probe` answers something (neither undefined nor false), and answers it: the
 * read model follows the topics, so what a test just did shows there a moment later.
 */
export function untilReported<T>(
  probe: () => Promise<T | false | undefined>,
  what = 'the read model',
  withinMs = 30_000,
): Promise<T> {
  return eventually(
    async () => {
      const found = await probe();
      return found === false ? undefined : found;
    },
    withinMs,
    what,
  );
}

/** What of the fund status report a test waits on. */
interface FundStatus {
  sources: Record<string, string>;
  uses: Record<string, string>;
  contributionsByDonor: unknown[];
  byOrganisation: Array<Record<string, string>>;
  byThematicArea: unknown[];
}

/** The Migration MPTF's fund status report as `role` reads it, once `ready` finds in it what the test has done. */
export function fundStatusOnceReady(
  system: FundlineSystem,
  ready: (status: FundStatus) => boolean,
  role: Parameters<typeof bearer>[0] = 'finance-officer',
) {
  return untilReported(
    async () => {
      const res = await request(system.http('reporting')).get('/reports/fund-status/MIGRATION_MPTF').set(bearer(role));
      return res.status === 200 && ready(res.body) ? res.body : undefined;
    },
    'the fund status',
    20_000,
  );
}
