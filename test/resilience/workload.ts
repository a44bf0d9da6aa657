import { randomUUID } from 'node:crypto';
import { signDevelopmentToken } from '@fundline/auth';
import { Role } from '@fundline/contracts';
import {
  approval,
  committeeSession,
  creditLineFunding,
  deposit,
  donor,
  projectProposal,
  support,
  transfer,
  usd,
} from '../../infra/workload/requests';
import { AppName, ChaosCluster } from './chaos-cluster';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** What the clients saw: the ground truth the final checks compare the system against. */
export class ClientRecord {
  readonly deposits = new Map<string, string>(); // idempotency key → deposit id
  readonly allocations = new Map<string, { key: string; amountMinor: bigint }>(); // allocation id → approval
  readonly transfers: string[] = []; // allocation ids, one per accepted transfer
  readonly expenditures: string[] = [];
  readonly closures: string[] = [];
  readonly submitted: string[] = [];
  refusedApprovals = 0;
  replays = 0;
  replayMismatches: string[] = [];
  retries = 0;
  retriesAfterConnectionFailure = 0;
  abandoned: string[] = [];
  commands = 0;
}

const LINE_2_COUNTRIES =
  'AGO BGD BEN BTN BOL KHM CMR COM COG CIV DJI EGY GHA GIN HTI HND IND KEN KIR KGZ LAO LSO MRT MNG MAR MMR NPL NIC NGA PAK PNG PHL SEN SLB LKA TZA TJK TLS TUN UZB VUT VNM ZMB ZWE'.split(
    ' ',
  );

/**
 * Clients of Fundline that behave as real ones do under failures: a request that times out, finds no server or gets
 * a 5xx is sent again, with the same Idempotency-Key, until a definitive answer or the deadline.
 */
export class Workload {
  readonly seen = new ClientRecord();
  private readonly tokens = new Map<string, string>();
  private donorId = '';
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly cluster: ChaosCluster,
    private readonly random: () => number,
    private readonly timeoutMs = 3_000,
    private readonly deadlineMs = 180_000,
  ) {}

  private token(role: Role, country?: string): string {
    const k = `${role}:${country ?? ''}`;
    if (!this.tokens.has(k)) {
      this.tokens.set(
        k,
        signDevelopmentToken(this.cluster.jwtSecret, { sub: `chaos-${k}`, role, country }, { expiresInSeconds: 7200 }),
      );
    }
    return this.tokens.get(k)!;
  }

  /** Sends until a definitive answer: 2xx, or a 4xx that `again` does not ask to retry. */
  async call(
    app: AppName,
    method: string,
    path: string,
    as: { role: Role; country?: string },
    body?: object,
    options: { key?: string; again?: (a: Answer) => boolean } = {},
  ): Promise<Answer | undefined> {
    this.seen.commands++;
    const deadline = Date.now() + this.deadlineMs;
    let wait = 100;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.seen.retries++;
      let answer: Answer | undefined;
      try {
        const res = await fetch(this.cluster.url(app) + path, {
          method,
          headers: {
            Authorization: `Bearer ${this.token(as.role, as.country)}`,
            'Content-Type': 'application/json',
            ...(options.key ? { 'Idempotency-Key': options.key } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await res.text();
        answer = { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError') this.seen.retriesAfterConnectionFailure++;
      }
      const transient =
        !answer ||
        answer.status >= 500 ||
        answer.body.code === 'IDEMPOTENCY.IN_FLIGHT' ||
        answer.status === 429 ||
        (answer.status >= 400 && options.again?.(answer) === true);
      if (!transient) return answer;
      if (Date.now() > deadline) {
        this.seen.abandoned.push(`${method} ${path} (last: ${answer?.status ?? 'no answer'})`);
        return undefined;
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 2_000);
    }
  }

  /** A money-moving command; sometimes sent again later with the same key, as a client that lost the answer. */
  private async money(app: AppName, path: string, role: Role, body: object): Promise<Answer | undefined> {
    const key = randomUUID();
    const first = await this.call(app, 'POST', path, { role }, body, { key });
    if (first && this.random() < 0.3) {
      await new Promise((r) => setTimeout(r, this.random() * 3_000));
      const again = await this.call(app, 'POST', path, { role }, body, { key });
      this.seen.replays++;
      // The replay is the first answer itself (key order aside: PostgreSQL's jsonb keeps its own).
      if (again && (again.status !== first.status || canonical(again.body) !== canonical(first.body))) {
        this.seen.replayMismatches.push(`${path}: ${first.status} then ${again.status}`);
      }
    }
    return first;
  }

  async prepare(): Promise<void> {
    const donated = await this.call(
      'funds',
      'POST',
      '/contributions/donors',
      { role: 'finance-officer' },
      donor('Chaos Donor'),
    );
    if (donated?.status !== 201) throw new Error(`no donor: ${JSON.stringify(donated)}`);
    this.donorId = String(donated.body.id);
    const funding = await this.money(
      'funds',
      '/funds/FUND_1035/credit-line-funding',
      'finance-officer',
      creditLineFunding({
        year: 2026,
        line1: usd(1_400_000_00n),
        discretionary: usd(8_000_000_00n),
        miscellaneous: usd(2_000_000_00n),
      }),
    );
    if (funding?.status !== 201) throw new Error(`no credit-line funding: ${JSON.stringify(funding)}`);
  }

  private async deposit(): Promise<void> {
    const toLine2 = this.random() < 0.5;
    const body = deposit({
      donorId: this.donorId,
      fundCode: toLine2 ? 'FUND_1035' : 'MIGRATION_MPTF',
      pocketCode: toLine2 ? 'LINE_2' : 'UNEARMARKED',
      amount: usd(BigInt(50_000_00 + Math.floor(this.random() * 100_000) * 100)),
    });
    const key = randomUUID();
    const answer = await this.call('funds', 'POST', '/contributions/deposits', { role: 'finance-officer' }, body, {
      key,
    });
    if (answer?.status === 201) this.seen.deposits.set(key, String(answer.body.id ?? answer.body.depositId));
  }

  /**
   * A proposal of a Line 2 state from draft to a committee decision on `creditLine`; the allocation when approved.
   * Each step crosses a service boundary through Kafka (the session needs the funds replica of the submission).
   */
  private async decidedProject(
    creditLine: 1 | 2,
    amountMinor: bigint,
    country = LINE_2_COUNTRIES[Math.floor(this.random() * LINE_2_COUNTRIES.length)],
  ): Promise<{ id: string; country: string; allocationId?: string; refused?: Answer } | undefined> {
    const gov = { role: 'government' as Role, country };
    const draft = await this.call(
      'concepts',
      'POST',
      '/project-proposals',
      gov,
      projectProposal({
        title: 'Labour migration governance capacity',
        country,
        letterReference: `L-${country}`,
        focalPoint: { name: 'Focal Point', email: 'fp@example.gov' },
      }),
    );
    if (draft?.status !== 201) return undefined;
    const id = String(draft.body.id);
    const submitted = await this.call('concepts', 'POST', `/concepts/${id}/submit`, gov);
    if (submitted?.status !== 200) {
      // A submit whose answer was lost is refused when sent again: the submission tells whether it went through.
      const now = await this.call('concepts', 'GET', `/concepts/${id}`, gov);
      if (now?.body.status !== 'in-pipeline') return undefined;
    }
    this.seen.submitted.push(id);
    const notReplicatedYet = (a: Answer) => a.status === 404 || a.status === 409 || a.status === 422;
    const session = await this.call(
      'funds',
      'POST',
      '/committee-sessions',
      { role: 'fund-admin' },
      committeeSession('FUND_1035', [id]),
      { again: notReplicatedYet },
    );
    if (session?.status !== 201) return undefined;
    const sessionId = String(session.body.id);
    const position = await this.call(
      'funds',
      'POST',
      `/committee-sessions/${sessionId}/positions`,
      { role: 'steering-committee' },
      support(id),
    );
    if (position?.status !== 200) return undefined;
    const key = randomUUID();
    const decision = await this.call(
      'funds',
      'POST',
      `/committee-sessions/${sessionId}/decisions`,
      { role: 'steering-committee' },
      approval(id, 'chaos run', { amount: usd(amountMinor), creditLine }),
      { key },
    );
    if (decision?.status !== 201) {
      if (decision?.status === 422) this.seen.refusedApprovals++;
      return decision ? { id, country, refused: decision } : undefined;
    }
    const allocationId = String((decision.body.allocation as Record<string, unknown>).allocationId);
    this.seen.allocations.set(allocationId, { key, amountMinor });
    return { id, country, allocationId };
  }

  /**
   * New work end to end, after a fault: a proposal submitted in concepts reaches funds, is approved on Line 1 (kept
   * apart from the Line 2 race), and concepts and reporting both learn of it. Answers what did not flow, if anything.
   */
  async probe(withinMs: number): Promise<string | undefined> {
    const started = Date.now();
    const decided = await this.decidedProject(1, 60_000_00n, 'KEN');
    if (!decided?.allocationId) {
      return `no approval (${decided?.refused ? JSON.stringify(decided.refused.body) : 'a step never answered'})`;
    }
    const gov = { role: 'government' as Role, country: decided.country };
    const finance = { role: 'finance-officer' as Role };
    for (;;) {
      const concept = await this.call('concepts', 'GET', `/concepts/${decided.id}`, gov);
      const reported = await this.call('reporting', 'GET', `/pipeline/${decided.id}`, finance, undefined, {
        again: (a) => a.status === 404,
      });
      if (concept?.body.status === 'approved' && reported?.body.status === 'approved') return undefined;
      if (Date.now() - started > withinMs) {
        return `${decided.id}: concepts says ${String(concept?.body.status)}, reporting ${String(reported?.body.status)} after ${withinMs} ms`;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** One Fund 1035 project from draft to closure, racing the others for Line 2. */
  private async project(): Promise<void> {
    const amountMinor = BigInt(100_000_00 + Math.floor(this.random() * 1_000) * 100_00);
    const decided = await this.decidedProject(2, amountMinor);
    if (!decided?.allocationId) return;
    const { allocationId } = decided;
    const transferred = amountMinor / 2n;
    const sent = await this.money(
      'funds',
      `/allocations/${allocationId}/transfers`,
      'finance-officer',
      transfer('IOM', usd(transferred)),
    );
    if (sent?.status !== 200) return;
    this.seen.transfers.push(allocationId);
    const spent = await this.money('funds', `/allocations/${allocationId}/expenditures`, 'finance-officer', {
      organisation: 'IOM',
      year: 2027,
      amount: usd(transferred / 2n),
    });
    if (spent?.status !== 200) return;
    this.seen.expenditures.push(allocationId);
    const closed = await this.money('funds', `/allocations/${allocationId}/close`, 'finance-officer', {
      finalReportsReceivedOn: '2028-06-30',
    });
    if (closed?.status === 200) this.seen.closures.push(allocationId);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: Error) => void this.seen.abandoned.push(`crashed: ${error.message}`));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /** Starts a project every `everyMs` and a deposit every second until stopped. */
  run(everyMs: number): void {
    const tick = (what: () => Promise<void>, ms: number) => {
      const timer = setInterval(() => {
        if (this.stopped) return clearInterval(timer);
        if (this.inFlight.size < 40) this.track(what());
      }, ms);
    };
    tick(() => this.project(), everyMs);
    tick(() => this.deposit(), 1_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
