import { execFileSync } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { signDevelopmentToken } from '@fundline/auth';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { APP_NAMES, AppName, ChaosCluster, Target } from './chaos-cluster';
import { seeded, startTestSmtpServer, TestSmtpServer } from '@fundline/testing';
import { Webhook } from 'standardwebhooks';
import { Workload } from './workload';

/**
 * Fault injection with the apps as separate processes. `npm test` runs a bounded form (CHAOS_DURATION_MS, default
 * 75 s, a fault every ~8 s); `npm run test:resilience` runs ten minutes with a fault every ~20 s. CHAOS_SEED replays
 * a run: the seed decides the fault schedule, the targets, the downtimes and the workload's choices.
 */
const DURATION_MS = Number(process.env.CHAOS_DURATION_MS ?? 75_000);
const FAULT_EVERY_MS = Number(process.env.CHAOS_FAULT_EVERY_MS ?? 8_000);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 2_147_483_647);
const TARGETS: Target[] = [
  'kafka-outage',
  'notifications',
  'concepts',
  'concepts-relay',
  'funds',
  'kafka-freeze',
  'funds-relay',
  'reporting',
  'kafka',
  'postgres',
];
/** Faults where only the broker goes while every app stays up: the acceptance run's consumer died after one. */
const BROKER_ONLY: ReadonlySet<Target> = new Set(['kafka-outage', 'kafka-freeze']);
/** New work must flow end to end this soon after the broker is back. */
const FLOW_WITHIN_MS = 90_000;

const ROOT = path.resolve(__dirname, '../..');

describe(`chaos: crashes of every part under a steady workload (seed ${SEED})`, () => {
  const cluster = new ChaosCluster();
  const random = seeded(SEED);
  const workload = new Workload(cluster, seeded(SEED + 1));
  const faults: string[] = [];
  const negativeBalances: string[] = [];
  /** Readiness sampled while the broker was gone: every app must have said 503 with kafka down. */
  const readinessDuringOutages: string[] = [];
  /** Readiness probes that got no answer within 5 s while the broker was gone (retried; reported, not failed). */
  const readinessTimeouts: string[] = [];
  /** What did not flow end to end after a broker-only fault. */
  const flowFailures: string[] = [];
  let db: Client;
  let failed = true;
  /** The notifier's mail goes to a real SMTP server, its webhooks to a receiver that fails one call in ten. */
  let smtp: TestSmtpServer;
  let receiver: Server;
  const deliveries: Array<{ webhookId: string; eventId: string; verified: boolean }> = [];
  let verifier: Webhook | undefined;
  const receiverRandom = seeded(SEED + 2);

  function receive(req: IncomingMessage, body: string): number {
    if (receiverRandom() < 0.1) return 500;
    let verified = false;
    try {
      verifier?.verify(body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
      verified = verifier !== undefined;
    } catch {
      verified = false;
    }
    const eventId = (JSON.parse(body) as { data: { eventId: string } }).data.eventId;
    deliveries.push({ webhookId: String(req.headers['webhook-id']), eventId, verified });
    return 204;
  }

  beforeAll(async () => {
    process.stderr.write(`chaos: CHAOS_SEED=${SEED} duration ${DURATION_MS} ms, a fault every ~${FAULT_EVERY_MS} ms\n`);
    if (process.env.FUNDLINE_SKIP_BUILD !== '1') {
      for (const app of ['concepts', 'funds', 'reporting', 'notifications']) {
        execFileSync(process.execPath, [path.join(ROOT, 'infra', 'build.js'), app], {
          cwd: ROOT,
          stdio: 'ignore',
        });
      }
    }
    smtp = await startTestSmtpServer();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => res.writeHead(receive(req, body)).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cluster.env.notifications = {
      SMTP_URL: smtp.url,
      STAFF_DIGEST: 'off',
      REMINDER_OFFSETS_DAYS: '1',
      NOTIFIER_SEND_EVERY_MS: '200',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
      WEBHOOK_RETRY_SCHEDULE: '0,1s,2s,4s,8s,15s,30s,60s,60s,60s',
    };
    await cluster.start();
    await cluster.ready();
    await workload.prepare();
    // Fund staff of every fund are told of every verdict, decision and transfer; an integrator takes every event.
    const admin = {
      Authorization: `Bearer ${signDevelopmentToken(cluster.jwtSecret, { sub: 'chaos-admin', role: 'fund-admin' })}`,
      'Content-Type': 'application/json',
    };
    const staff = await fetch(`${cluster.url('notifications')}/contacts`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        partyType: 'fund-staff',
        partyCode: '*',
        name: 'Chaos staff',
        email: 'staff@example.org',
      }),
    });
    if (staff.status !== 201) throw new Error(`no staff contact: ${staff.status} ${await staff.text()}`);
    const endpoint = await fetch(`${cluster.url('notifications')}/webhooks/endpoints`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/fundline`,
        eventTypes: ['*'],
      }),
    });
    if (endpoint.status !== 201) throw new Error(`no webhook endpoint: ${endpoint.status} ${await endpoint.text()}`);
    verifier = new Webhook(((await endpoint.json()) as { secret: string }).secret);
  }, 300_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await cluster.stop(failed);
    await smtp?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    if (failed) process.stderr.write(`chaos: logs kept in ${cluster.dir}\n`);
  });

  /** Balances are watched all along: G5 holds at every moment, not only at the end. */
  async function watchBalances(until: () => boolean): Promise<void> {
    const token = signDevelopmentToken(cluster.jwtSecret, {
      sub: 'watch',
      role: 'finance-officer',
    });
    while (!until()) {
      for (const fund of ['FUND_1035', 'MIGRATION_MPTF']) {
        try {
          const res = await fetch(`${cluster.url('funds')}/funds/${fund}/balances`, {
            headers: { Authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(2_000),
          });
          if (res.ok) {
            for (const p of (await res.json()) as Array<{ pocketCode: string; available: string }>) {
              if (p.available.startsWith('-')) negativeBalances.push(`${fund}/${p.pocketCode} ${p.available}`);
            }
          }
        } catch {
          // funds is down at this moment: the chaos driver's doing
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /**
   * While only the broker is gone, every app must say so (503, kafka down); once it is back, new work must flow
   * through every consumer — not only old work survive. Checked only when no other part is down at the moment.
   */
  async function afterBrokerOnlyFault(target: Target, fault: Promise<void>, downMs: number, down: Set<Target>) {
    const backAt = Date.now() + downMs;
    await new Promise((r) => setTimeout(r, Math.min(downMs / 3, 4_000)));
    // Probed as an orchestrator would, until each app has answered once while the broker is still gone; a probe that
    // times out is retried (and counted), one that says anything but 503 with kafka down is a violation.
    const unanswered = new Set<AppName>(APP_NAMES);
    while (unanswered.size > 0 && Date.now() + 6_000 < backAt && down.size === 1) {
      for (const { app, status, down: failing, ms } of await cluster.readiness([...unanswered])) {
        if (status === 0) {
          readinessTimeouts.push(`${target}: ${app} after ${ms} ms`);
          continue;
        }
        unanswered.delete(app);
        if (status !== 503 || !failing.includes('kafka')) {
          readinessDuringOutages.push(`${target}: ${app} answered ${status}, down: ${failing.join(', ') || 'none'}`);
        }
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    if (down.size === 1) {
      for (const app of unanswered) readinessDuringOutages.push(`${target}: ${app} never answered readiness`);
    }
    await fault;
    const failure = await workload.probe(FLOW_WITHIN_MS);
    if (failure) flowFailures.push(`after ${target}: ${failure}`);
  }

  it('G2 G5 keeps every guarantee through SIGKILLed apps, relays, broker and database restarts', async () => {
    const started = Date.now();
    workload.run(400);
    let done = false;
    const watching = watchBalances(() => done);
    const down = new Set<Target>();
    const recoveries: Array<Promise<void>> = [];
    while (Date.now() - started < DURATION_MS) {
      await new Promise((r) => setTimeout(r, FAULT_EVERY_MS * (0.5 + random())));
      if (Date.now() - started >= DURATION_MS) break;
      // Every target gets its turn first, then the seed picks among those up at the moment.
      // The three broker faults act on one broker: one at a time.
      const brokerDown = [...down].some((t) => t.startsWith('kafka'));
      const up = TARGETS.filter((t) => !down.has(t) && !(brokerDown && t.startsWith('kafka')));
      const next = faults.length < TARGETS.length ? TARGETS[faults.length] : up[Math.floor(random() * up.length)];
      if (!next || !up.includes(next)) continue;
      // A broker outage lasts long enough for sessions to expire and coordinators to move (36 s in the acceptance run).
      const downMs = BROKER_ONLY.has(next)
        ? Math.floor(Math.min(DURATION_MS / 3, 12_000 + random() * 25_000))
        : Math.floor(300 + random() * 3_000);
      faults.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${next} down ${downMs} ms`);
      down.add(next);
      const fault = cluster.kill(next, downMs);
      recoveries.push(
        (BROKER_ONLY.has(next) ? afterBrokerOnlyFault(next, fault, downMs, down) : fault).finally(() =>
          down.delete(next),
        ),
      );
    }
    await Promise.all(recoveries);
    await workload.stop();
    done = true;
    await watching;
    await cluster.ready();
    process.stderr.write(`chaos: ${faults.length} faults:\n  ${faults.join('\n  ')}\n`);

    db = new Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const q = async <T = Record<string, unknown>>(sql: string): Promise<T[]> => (await db.query(sql)).rows as T[];

    // Settle: every outbox row published and every published event applied by its consumers.
    const unsettled = async () => {
      const [row] = await q<{ n: number }>(`
        SELECT (SELECT count(*) FROM concepts.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM funds.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM funds.outbox o WHERE NOT EXISTS (SELECT 1 FROM reporting.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM concepts.outbox o WHERE NOT EXISTS (SELECT 1 FROM reporting.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM concepts.outbox o WHERE NOT EXISTS (SELECT 1 FROM funds.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM funds.outbox o WHERE NOT EXISTS (SELECT 1 FROM concepts.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM concepts.outbox o WHERE NOT EXISTS (SELECT 1 FROM notifications.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM funds.outbox o WHERE NOT EXISTS (SELECT 1 FROM notifications.processed_events p WHERE p.event_id = o.event_id))
             + (SELECT count(*) FROM notifications.notifications WHERE status <> 'sent')
             + (SELECT count(*) FROM notifications.webhook_deliveries WHERE status <> 'delivered')
             AS n`);
      return Number(row.n);
    };
    const settleBy = Date.now() + 180_000;
    while ((await unsettled()) > 0 && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 1_000));
    expect(await unsettled()).toBe(0);

    const seen = workload.seen;
    const summary = {
      seed: SEED,
      faults: faults.length,
      commands: seen.commands,
      retries: seen.retries,
      retriesAfterConnectionFailure: seen.retriesAfterConnectionFailure,
      replays: seen.replays,
      deposits: seen.deposits.size,
      submitted: seen.submitted.length,
      approvals: seen.allocations.size,
      refusedApprovals: seen.refusedApprovals,
      transfers: seen.transfers.length,
      expenditures: seen.expenditures.length,
      closures: seen.closures.length,
      supervisorRestarts: cluster.restarts,
      readinessTimeouts,
    };
    process.stderr.write(`chaos: ${JSON.stringify(summary)}\n`);

    // The faults happened, and clients had to retry through them.
    expect(faults.length).toBeGreaterThanOrEqual(Math.floor(DURATION_MS / FAULT_EVERY_MS / 2));
    expect(seen.retriesAfterConnectionFailure).toBeGreaterThan(0);
    expect(seen.abandoned).toEqual([]);
    expect(seen.replayMismatches).toEqual([]);
    expect(seen.allocations.size).toBeGreaterThan(0);

    // Broker-only faults: readiness said so while it lasted, and new work flowed through every service after it.
    expect(faults.filter((f) => / kafka-(outage|freeze) /.test(f)).length).toBeGreaterThanOrEqual(1);
    expect({ readinessDuringOutages, flowFailures }).toEqual({ readinessDuringOutages: [], flowFailures: [] });

    // G2: the ledger reconciles to the cent, recomputed from the journal.
    const token = signDevelopmentToken(cluster.jwtSecret, {
      sub: 'check',
      role: 'finance-officer',
    });
    const reconciliation = await (
      await fetch(`${cluster.url('funds')}/ledger/reconciliation`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    expect(reconciliation).toMatchObject({ ok: true });

    // G5 and F4.2: no balance below zero at any moment watched, no allocation above the Line 2 national ceiling.
    expect(negativeBalances).toEqual([]);
    expect(await q(`SELECT id FROM funds.allocations WHERE amount_minor > 20000000`)).toEqual([]);

    // Every accepted command exactly once on the write side…
    const ids = async (sql: string) => (await q<{ id: string }>(sql)).map((r) => r.id).sort();
    const chaosDonor = `(SELECT id FROM funds.donors WHERE name = 'Chaos Donor')`;
    expect(await ids(`SELECT id::text AS id FROM funds.deposits WHERE donor_id IN ${chaosDonor}`)).toEqual(
      [...seen.deposits.values()].sort(),
    );
    expect(await ids(`SELECT id::text AS id FROM funds.allocations`)).toEqual([...seen.allocations.keys()].sort());
    expect(await ids(`SELECT allocation_id::text AS id FROM funds.transfers`)).toEqual([...seen.transfers].sort());
    expect(await ids(`SELECT allocation_id::text AS id FROM funds.expenditures`)).toEqual(
      [...seen.expenditures].sort(),
    );
    expect(await ids(`SELECT id::text AS id FROM funds.allocations WHERE status = 'closed'`)).toEqual(
      [...seen.closures].sort(),
    );

    // …and exactly once in the read model, built only from Kafka events.
    expect(await ids(`SELECT deposit_id::text AS id FROM reporting.deposits WHERE donor_id IN ${chaosDonor}`)).toEqual(
      [...seen.deposits.values()].sort(),
    );
    expect(await ids(`SELECT allocation_id::text AS id FROM reporting.allocations`)).toEqual(
      [...seen.allocations.keys()].sort(),
    );
    expect(await ids(`SELECT allocation_id::text AS id FROM reporting.transfers`)).toEqual([...seen.transfers].sort());
    expect(await ids(`SELECT allocation_id::text AS id FROM reporting.expenditure_reports`)).toEqual(
      [...seen.expenditures].sort(),
    );
    expect(await ids(`SELECT allocation_id::text AS id FROM reporting.allocations WHERE status = 'closed'`)).toEqual(
      [...seen.closures].sort(),
    );
    const submitted = new Set(await ids(`SELECT concept_id::text AS id FROM reporting.pipeline_entries`));
    expect(seen.submitted.filter((id) => !submitted.has(id))).toEqual([]);

    // No ledger movement missing or duplicated in the read model: journal lines and projected movements are equal.
    const lines = await q(`
      SELECT count(*)::int AS n, coalesce(sum(amount_minor), 0)::text AS total FROM funds.journal_lines`);
    const movements = await q(`
      SELECT count(*)::int AS n, coalesce(sum(amount_minor), 0)::text AS total FROM reporting.ledger_movements`);
    expect(movements).toEqual(lines);
    expect(
      await q(`
        SELECT l.entry_id FROM funds.journal_lines l
        WHERE NOT EXISTS (SELECT 1 FROM reporting.ledger_movements m WHERE m.entry_id = l.entry_id AND m.amount_minor = l.amount_minor)`),
    ).toEqual([]);

    // The notifier: every verdict, decision and transfer told to the staff once, and every event delivered to the
    // integrator, signed; a mail or a call repeated after a crash keeps its id (at least once, ADR 0020).
    const [told] = await q<{ expected: number; recorded: number }>(`
      SELECT (SELECT count(*) FROM concepts.outbox WHERE type LIKE '%.screened.v1' OR type LIKE '%.expired.v1')
           + (SELECT count(*) FROM funds.outbox WHERE type IN ('allocation.approved.v2', 'allocation.deferred.v2',
                'allocation.rejected.v2', 'transfer.disbursed.v1', 'allocation.revised.v2')
                OR (type = 'allocation.revision-decided.v1' AND envelope->'payload'->>'decision' = 'refused')) AS expected,
             (SELECT count(*) FROM notifications.notifications) AS recorded`);
    expect(Number(told.recorded)).toBe(Number(told.expected));
    const sent = (await ids(`SELECT notification_id::text AS id FROM notifications.notifications`)).map(
      (id) => `<${id}@fundline>`,
    );
    const mailed = [...new Set(smtp.received.map((m) => m.messageId))].sort();
    expect(mailed).toEqual(sent);
    // An endpoint receives the events that happened from its registration on.
    const published = await ids(`
      SELECT event_id::text AS id FROM (SELECT event_id, envelope FROM concepts.outbox UNION ALL
                                        SELECT event_id, envelope FROM funds.outbox) o
      WHERE (o.envelope->>'occurredAt')::timestamptz >= (SELECT min(created_at) FROM notifications.webhook_endpoints)`);
    const delivered = [...new Set(deliveries.map((d) => d.eventId))].sort();
    expect(delivered).toEqual(published);
    expect(deliveries.filter((d) => !d.verified)).toEqual([]);
    const idsPerEvent = new Map<string, Set<string>>();
    for (const d of deliveries) idsPerEvent.set(d.eventId, (idsPerEvent.get(d.eventId) ?? new Set()).add(d.webhookId));
    expect([...idsPerEvent.entries()].filter(([, webhookIds]) => webhookIds.size > 1)).toEqual([]);
    process.stderr.write(
      `chaos: notifier ${sent.length} mails (${smtp.received.length - mailed.length} sent again after a crash), ` +
        `${published.length} events to the webhook (${deliveries.length - delivered.length} delivered again)\n`,
    );

    // The dead-letter topic holds nothing: no event was given up on because a part was down.
    const admin = new Kafka({
      clientId: 'chaos-check',
      brokers: [cluster.brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(`${cluster.namespace}.fundline.dead-letter.v1`);
    await admin.disconnect();
    expect(offsets.map((o) => o.high)).toEqual(offsets.map(() => '0'));
    failed = false;
  }, 3_600_000);
});
