import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { createTestDatabase, eventually, startTestSmtpServer, TestDatabase } from '@fundline/testing';
import { createTransport } from 'nodemailer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, portOpen } = require('../../infra/kafka/broker') as {
  freePort(): Promise<number>;
  portOpen(port: number): Promise<boolean>;
};

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICES = ['concepts', 'funds', 'reporting', 'notifications'] as const;

/** /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses: state, ppid, … */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A zombie has ended: it only waits for a parent (or init) to collect its exit status. */
const alive = (pid: number) => {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== 'Z';
};

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '(gone)';
  }
}

/** `root` and every process below it, with their command lines. */
function processTree(root: number): Map<number, string> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const ppid = Number(statFields(Number(entry))?.[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const tree = new Map<number, string>();
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.set(pid, commandLine(pid));
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

interface NpmStart {
  npm: ChildProcess;
  output: string;
  tree: Map<number, string>;
  ports: number[];
}

const running: NpmStart[] = [];
const stateDirs: string[] = [];

/**
 * `npm start` as a developer runs it, with npm's own pid in hand; resolves once it has said Fundline is running and
 * printed the URLs (the mail inbox's among them), which ends with how to stop it.
 */
async function npmStart(env: NodeJS.ProcessEnv, readyWithinMs: number): Promise<NpmStart> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundline-signals-state-'));
  stateDirs.push(stateDir);
  const ports = {
    CONCEPTS_PORT: await freePort(),
    FUNDS_PORT: await freePort(),
    REPORTING_PORT: await freePort(),
    NOTIFICATIONS_PORT: await freePort(),
  };
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    // Its own process group: what the test leaves behind is killed as one in afterAll.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      JWT_SECRET: randomBytes(32).toString('hex'),
      FUNDLINE_SKIP_BUILD: '1',
      FUNDLINE_STATE_DIR: stateDir,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...env,
    },
  });
  const started: NpmStart = { npm, output: '', tree: new Map(), ports: Object.values(ports) };
  running.push(started);
  for (const stream of [npm.stdout!, npm.stderr!]) {
    stream.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  }
  await eventually(
    async () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}):\n${started.output}`);
      return started.output.includes('[fundline] Press Ctrl-C to stop.') || undefined;
    },
    readyWithinMs,
    'npm start to say Fundline is running',
  );
  started.tree = processTree(npm.pid!);
  return started;
}

const FUNDLINE = /^(\S*\/)?node \S*infra\/fundline\.js$/;
const SERVICE_MAINS = SERVICES.map((service) => new RegExp(`dist/apps/${service}/main\\.js$`));

/** Exactly one process under npm for each command: fundline.js itself (not a shell around it), each service, … */
function expectOneEach(tree: Map<number, string>, commands: RegExp[]): void {
  for (const command of commands) {
    expect({ command, pids: [...tree].filter(([, line]) => command.test(line)).map(([pid]) => pid) }).toEqual({
      command,
      pids: [expect.any(Number)],
    });
  }
}

/** SIGINT to npm's pid alone, as `kill -INT` or a process manager sends it; every process it started must end. */
async function interruptAndExpectAllGone(started: NpmStart, extraPorts: number[], withinMs: number): Promise<void> {
  const { npm, tree } = started;
  process.kill(npm.pid!, 'SIGINT');
  const survivors = () => [...tree.keys()].filter(alive).map((pid) => `${pid} ${tree.get(pid)}`);
  const deadline = Date.now() + withinMs;
  while (survivors().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(survivors()).toEqual([]);
  for (const port of [...started.ports, ...extraPorts]) expect(await portOpen(port)).toBe(false);
}

/**
 * SIGINT to `npm start` (npm's pid) stops it all (issue 11, finding 8): npm forwards the signal to its script, which
 * must be `node infra/fundline.js` itself (`exec`), not a shell that waits for it and leaves Fundline running.
 */
describe('npm start stops on SIGINT to npm', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'infra', 'build.js')], { cwd: ROOT, stdio: 'pipe' });
    for (const service of SERVICES)
      expect(fs.existsSync(path.join(ROOT, 'dist', 'apps', service, 'main.js'))).toBe(true);
    database = await createTestDatabase();
  }, 300_000);

  afterAll(async () => {
    for (const { npm, tree } of running) {
      for (const pid of [...tree.keys()].filter(alive)) process.kill(pid, 'SIGKILL');
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group has ended
      }
    }
    await database?.drop();
    for (const dir of stateDirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("runs a mail catcher whose inbox shows a mail sent to it, and stops every process it started when npm's pid gets SIGINT", async () => {
    // The catcher's SMTP port is taken: it takes free ports rather than fail, and says which (issue 15).
    const holder = net.createServer();
    const takenSmtpPort = await freePort();
    await new Promise<void>((resolve) => holder.listen(takenSmtpPort, '127.0.0.1', resolve));
    let started: NpmStart;
    try {
      started = await npmStart(
        {
          DATABASE_URL: database.url,
          KAFKA_NAMESPACE: `signals-${randomBytes(4).toString('hex')}`,
          SMTP_URL: undefined,
          MAIL_CATCHER_SMTP_PORT: String(takenSmtpPort),
          MAIL_CATCHER_HTTP_PORT: String(await freePort()),
        },
        90_000,
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expectOneEach(started.tree, [FUNDLINE, ...SERVICE_MAINS]);
    expect(started.output).toMatch(new RegExp(`port ${takenSmtpPort} or \\d+ is in use: the mail catcher takes`));
    const [, inboxUrl, smtpUrl] =
      /\[fundline\] +mails +(http:\/\/127\.0\.0\.1:\d+) +caught, not delivered \(SMTP_URL=(smtp:\/\/127\.0\.0\.1:\d+)\)/.exec(
        started.output,
      ) ?? [];
    expect({ inboxUrl, smtpUrl }).toEqual({ inboxUrl: expect.any(String), smtpUrl: expect.any(String) });
    expect(smtpUrl).not.toBe(`smtp://127.0.0.1:${takenSmtpPort}`);

    const subject = `Essai « ${randomBytes(4).toString('hex')} »`;
    const transport = createTransport(smtpUrl);
    await transport.sendMail({ from: 'a@example.org', to: 'newcomer@example.org', subject, text: 'Bonjour' });
    transport.close();
    const inbox = await fetch(inboxUrl);
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain(subject);

    await interruptAndExpectAllGone(started, [Number(new URL(inboxUrl).port), Number(new URL(smtpUrl).port)], 20_000);
  }, 150_000);

  it("stops every process it started, its own Kafka broker too, when npm's pid gets SIGINT; SMTP_URL replaces the catcher", async () => {
    const smtp = await startTestSmtpServer();
    const catcherPorts = [await freePort(), await freePort()];
    try {
      // No KAFKA_BROKERS (spawn leaves out undefined variables): npm start runs the project's broker.
      const started = await npmStart(
        {
          DATABASE_URL: database.url,
          KAFKA_BROKERS: undefined,
          KAFKA_PORT: String(await freePort()),
          SMTP_URL: smtp.url,
          MAIL_CATCHER_SMTP_PORT: String(catcherPorts[0]),
          MAIL_CATCHER_HTTP_PORT: String(catcherPorts[1]),
        },
        150_000,
      );
      const kafkaPort = Number(/\[fundline\] Kafka: 127\.0\.0\.1:(\d+)/.exec(started.output)?.[1]);
      expectOneEach(started.tree, [FUNDLINE, ...SERVICE_MAINS, /\bkafka\.Kafka\b/]);
      expect(started.output).toContain(`[fundline]   mails         sent through SMTP_URL=${smtp.url}`);
      for (const port of catcherPorts) expect(await portOpen(port)).toBe(false);

      await interruptAndExpectAllGone(started, [kafkaPort], 40_000);
    } finally {
      await smtp.stop();
    }
  }, 240_000);
});
