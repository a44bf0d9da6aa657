// @ts-check
/**
 * `npm run bench` (with `npm start` running): measures the slice end to end. Each virtual user drafts a concept
 * note, submits it, then polls the read model until the concept is visible. Prints one JSON line:
 * submissions per second, submit latency, and submit-to-visible latency (p50, p95, p99).
 * Options: --submissions 400 --concurrency 8 (env BENCH_SUBMISSIONS / BENCH_CONCURRENCY).
 */
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback));
};
const submissions = option('submissions', 400);
const concurrency = option('concurrency', 8);
const concepts = process.env.CONCEPTS_URL ?? 'http://127.0.0.1:3001';
const reporting = process.env.REPORTING_URL ?? 'http://127.0.0.1:3003';
const COUNTRIES = ['PHL', 'MEX', 'KEN', 'IDN', 'ECU', 'NGA', 'BGD', 'MAR'];

/** A valid, eligible Migration MPTF concept note of `country` (see README). @param {number} i @param {string} country */
function conceptNote(i, country) {
  const usd = (amount) => ({ amount, currency: 'USD' });
  return {
    title: `Benchmark concept ${i}`,
    scope: 'national',
    countries: [country],
    thematicArea: 4,
    gcmObjectives: [5, 6],
    budget: ['ILO', 'IOM'].map((organisation) => ({
      organisation,
      directCosts: usd('100000.00'),
      indirectSupportCosts: usd('7000.00'),
    })),
    requested: usd('214000.00'),
    markers: { gender: 2, humanRights: 2 },
    partners: {
      government: [
        { name: 'Ministry of Labour', type: 'line-ministry' },
        { name: 'Capital city', type: 'local-government' },
      ],
      society: [{ name: 'Migrant association', type: 'migrant-organisation' }],
    },
    durationMonths: 24,
    endorsement: { letterReference: `BENCH-${i}`, dated: '2026-11-01' },
    focalPoint: { name: 'Bench Mark', email: 'bench@example.org' },
  };
}

/** @param {string} country */
function token(country) {
  return execFileSync(process.execPath, [path.join(__dirname, 'token.js'), '--role', 'government', '--country', country])
    .toString()
    .trim();
}

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1));
}

async function main() {
  const tokens = Object.fromEntries(COUNTRIES.map((c) => [c, token(c)]));
  /** @type {number[]} */ const submitMs = [];
  /** @type {number[]} */ const visibleMs = [];
  let next = 0;
  let failures = 0;

  async function user() {
    while (next < submissions) {
      const i = next++;
      const country = COUNTRIES[i % COUNTRIES.length];
      const headers = { Authorization: `Bearer ${tokens[country]}`, 'Content-Type': 'application/json' };
      const draft = await fetch(`${concepts}/concept-notes`, {
        method: 'POST',
        headers,
        body: JSON.stringify(conceptNote(i, country)),
      });
      if (draft.status !== 201) {
        failures++;
        continue;
      }
      const { id } = /** @type {{ id: string }} */ (await draft.json());
      const t0 = performance.now();
      const submit = await fetch(`${concepts}/concepts/${id}/submit`, { method: 'POST', headers });
      const t1 = performance.now();
      if (submit.status !== 200) {
        failures++;
        continue;
      }
      submitMs.push(t1 - t0);
      for (;;) {
        const seen = await fetch(`${reporting}/pipeline/${id}`, { headers });
        if (seen.status === 200) break;
        if (performance.now() - t1 > 30_000) throw new Error(`concept ${id} never reached the read model`);
        await new Promise((r) => setTimeout(r, 10));
      }
      visibleMs.push(performance.now() - t1);
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, user));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      benchmark: 'concept-slice',
      at: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      submissions: submitMs.length,
      failures,
      concurrency,
      submissionsPerSecond: Number((submitMs.length / seconds).toFixed(1)),
      submitLatencyMs: { p50: percentile(submitMs, 50), p95: percentile(submitMs, 95), p99: percentile(submitMs, 99) },
      submitToVisibleMs: { p50: percentile(visibleMs, 50), p95: percentile(visibleMs, 95), p99: percentile(visibleMs, 99) },
    }),
  );
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
