import { randomUUID } from 'node:crypto';
import { connect, eventually, tokenFor } from '@fundline/testing';
import { Client } from 'pg';
import { aDeposit } from '../support/money-requests';
import { LiveSystem } from '../support/live-system';

/**
 * Clients that time out and retry with the same Idempotency-Key, including while the service restarts. The chaos
 * suite does the same at random; this one makes the worst moments happen on purpose.
 */
describe('idempotency under retries', () => {
  let live: LiveSystem;
  let db: Client;
  let donorId: string;
  const headers = (key: string) => ({
    Authorization: `Bearer ${tokenFor('finance-officer')}`,
    'Content-Type': 'application/json',
    'Idempotency-Key': key,
  });
  const deposit = (key: string, body: object, timeoutMs = 5_000) =>
    fetch(`${live.url('funds')}/contributions/deposits`, {
      method: 'POST',
      headers: headers(key),
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  const postings = async (depositId?: string) =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM funds.deposits WHERE donor_id = $1) AS deposits,
                (SELECT count(*)::int FROM funds.journal_entries) AS entries,
                (SELECT count(*)::int FROM reporting.deposits WHERE deposit_id::text = $2) AS projected`,
        [donorId, depositId ?? ''],
      )
    ).rows[0] as { deposits: number; entries: number; projected: number };

  /** Holds the MPTF pool's ledger accounts, so a deposit to it waits inside its transaction. */
  async function holdPoolAccounts(): Promise<Client> {
    const blocker = await connect(live.system.db.url);
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM funds.ledger_accounts WHERE id LIKE 'MIGRATION_MPTF:UNEARMARKED:%' FOR UPDATE`);
    return blocker;
  }

  beforeAll(async () => {
    live = await LiveSystem.start();
    db = await connect(live.system.db.url);
    const res = await live.send(
      'funds',
      'POST',
      '/contributions/donors',
      { Authorization: `Bearer ${tokenFor('finance-officer')}`, 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'Retrying donor', type: 'member-state', country: 'DEU' }),
    );
    donorId = JSON.parse(res.text).id;
  });

  afterAll(async () => {
    await db?.end();
    await live?.stop();
  });

  it('G2 a client that timed out retries during and after the first attempt: 409 while it runs, then its answer; one posting', async () => {
    const key = randomUUID();
    const body = aDeposit(donorId, { amount: { amount: '777.00', currency: 'USD' } });
    const before = await postings();
    const blocker = await holdPoolAccounts();
    await expect(deposit(key, body, 300)).rejects.toThrow(/timeout|aborted/i);
    const during = await deposit(key, body);
    expect(during.status).toBe(409);
    expect(await during.json()).toMatchObject({ code: 'IDEMPOTENCY.IN_FLIGHT' });
    await blocker.query('COMMIT');
    await blocker.end();

    const answer = await eventually(async () => {
      const res = await deposit(key, body);
      return res.status === 201 ? res : undefined;
    });
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    const { id } = (await answer.json()) as { id: string };
    const again = await deposit(key, body);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    expect(await postings()).toMatchObject({ deposits: before.deposits + 1, entries: before.entries + 1 });
    await eventually(async () => ((await postings(id)).projected === 1 ? true : undefined), 20_000, 'the read model');
  });

  it('G2 a retry that reaches the restarted service after the first attempt died with it posts exactly once', async () => {
    const key = randomUUID();
    const body = aDeposit(donorId, { amount: { amount: '888.00', currency: 'USD' } });
    const before = await postings();
    const blocker = await holdPoolAccounts();
    const first = deposit(key, body).then(
      (res) => res.status,
      () => 'no answer',
    );
    await eventually(async () => {
      const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
      return rows.length ? true : undefined;
    });
    // The service goes down with the request inside its transaction: that connection dies with it.
    const stopping = live.stopService('funds');
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    await blocker.query('ROLLBACK');
    await blocker.end();
    await stopping;
    expect(await first).not.toBe(201);
    await expect(deposit(key, body)).rejects.toThrow(); // nobody listens while it is down
    expect(await postings()).toMatchObject({ deposits: before.deposits, entries: before.entries });

    await live.startService('funds');
    const retried = await deposit(key, body);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const replay = await deposit(key, body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await postings()).toMatchObject({ deposits: before.deposits + 1, entries: before.entries + 1 });
  });
});
