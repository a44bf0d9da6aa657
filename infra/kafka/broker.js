// @ts-check
/**
 * Runs a real single-node Apache Kafka broker (KRaft, no ZooKeeper) from Maven Central jars, so that Fundline's
 * `npm start` and `npm test` need no Docker. Used by infra/fundline.js, by the jest global setup, and as a CLI
 * (`npm run kafka`). See docs/adr/0003-kafka-3.9-from-maven-central.md.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { clearTimeout } = require('node:timers');
const { STATE_DIR } = require('../state-dir');

const KAFKA_DIR = __dirname;
const LIBS_DIR = path.join(KAFKA_DIR, 'libs');

/** Fetches the broker jars once; later calls find them in infra/kafka/libs (git-ignored). */
function ensureJars() {
  const marker = path.join(LIBS_DIR, '.complete');
  if (fs.existsSync(marker)) return;
  process.stderr.write('[kafka] fetching the Apache Kafka broker from Maven Central (first run only)...\n');
  execFileSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      path.join(KAFKA_DIR, 'pom.xml'),
      'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${LIBS_DIR}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  fs.writeFileSync(marker, new Date().toISOString());
}

/** @param {number} port */
function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** @param {number} port whether a server could bind the port now: nobody listens on it and no connection uses it */
function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Outgoing connections take their local port from the kernel's ephemeral range; a broker port picked inside it could
 * be taken by any client socket between picking and binding (a CI run failed so). Ports are picked below it.
 */
function ephemeralFloor() {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

/** Ports this process handed out: a caller asking for several before binding any gets distinct ones. */
const handedOut = new Set();

/**
 * A port, and the one after it (a broker's controller), that can be bound now and were not handed out before; the
 * caller binds them a moment later.
 */
async function freePort() {
  const top = ephemeralFloor() - 2;
  const bottom = Math.max(10_000, top - 12_000);
  for (let attempt = 0; top > bottom && attempt < 100; attempt++) {
    const port = bottom + crypto.randomInt(top - bottom);
    if (handedOut.has(port) || handedOut.has(port + 1) || handedOut.has(port - 1)) continue;
    if ((await canListen(port)) && (await canListen(port + 1))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free pair of ports between ${bottom} and ${top + 1}`);
}

/** @param {unknown} error whether a broker failed to start because one of its ports was taken meanwhile */
function portTaken(error) {
  return typeof error === 'object' && error !== null && 'portTaken' in error && error.portTaken === true;
}

/**
 * @typedef {{ brokers: string, pid: number, dataDir: string, stop: () => Promise<void> }} Broker
 * @typedef {(code: number | null, signal: NodeJS.Signals | null) => void} OnExit
 */

/**
 * Starts a broker and resolves once it serves clients: in a fresh temporary data folder, or in `dataDir`, which is
 * kept and formatted only the first time. `onExit` hears of the broker ending other than through `stop()`.
 * @param {{ port?: number, controllerPort?: number, dataDir?: string, log?: (line: string) => void, onExit?: OnExit }} [options]
 * @returns {Promise<Broker>}
 */
async function startBroker(options = {}) {
  if (options.port !== undefined) return startBrokerOn(options.port, options.controllerPort ?? options.port + 1, options);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startBrokerOn(port, port + 1, options);
    } catch (error) {
      if (!portTaken(error) || attempt === 3) throw error;
    }
  }
}

/**
 * @param {number} port
 * @param {number} controllerPort
 * @param {{ dataDir?: string, log?: (line: string) => void, onExit?: OnExit }} options
 * @returns {Promise<Broker>}
 */
async function startBrokerOn(port, controllerPort, options) {
  ensureJars();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fundline-kafka-'));
  const logsDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logsDir, { recursive: true });
  const properties = path.join(dataDir, 'server.properties');
  fs.writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${path.join(dataDir, 'data')}`,
      'num.partitions=3',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  const log4j = path.join(dataDir, 'log4j.properties');
  fs.writeFileSync(
    log4j,
    [
      'log4j.rootLogger=WARN, file',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${path.join(logsDir, 'broker.log')}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.server.KafkaServer=INFO',
      'log4j.logger.kafka.server.BrokerServer=INFO',
      '',
    ].join('\n'),
  );
  const classpath = `${LIBS_DIR}/*`;
  const jvm = [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4j}`,
    `-Dkafka.logs.dir=${logsDir}`,
  ];
  // A kept data folder (npm start) is formatted once; its cluster id is then fixed.
  const formatted = fs.existsSync(path.join(dataDir, 'data', 'meta.properties'));
  const clusterId = crypto.randomBytes(16).toString('base64url').slice(0, 22);
  if (!formatted) execFileSync('java', [...jvm, '-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties, '-g'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const out = fs.openSync(path.join(logsDir, 'stdout.log'), 'a');
  const child = spawn('java', [...jvm, '-cp', classpath, 'kafka.Kafka', properties], {
    stdio: ['ignore', out, out],
    detached: false,
  });
  const pid = child.pid ?? -1;
  let exited = false;
  let stopping = false;
  let ready = false;
  child.once('exit', (code, signal) => {
    exited = true;
    if (ready && !stopping) options.onExit?.(code, signal);
  });

  const deadline = Date.now() + 90_000;
  while (!(await portOpen(port))) {
    if (exited || Date.now() > deadline) {
      const logFile = path.join(logsDir, 'broker.log');
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '(no broker log)';
      child.kill('SIGKILL');
      throw Object.assign(new Error(`Kafka broker did not start on 127.0.0.1:${port}:\n${log.slice(-4000)}`), {
        portTaken: /Address already in use|failed to bind/i.test(log),
      });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  ready = true;
  options.log?.(`[kafka] broker ready on 127.0.0.1:${port} (pid ${pid}, data ${dataDir})`);

  const stop = async () => {
    stopping = true;
    if (exited) return;
    child.kill('SIGTERM');
    const killAt = Date.now() + 20_000;
    while (!exited && Date.now() < killAt) await new Promise((r) => setTimeout(r, 100));
    if (!exited) child.kill('SIGKILL');
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { brokers: `127.0.0.1:${port}`, pid, dataDir, stop };
}

/** Restarts of a dying broker wait 1 s, 2 s, 4 s … at most this long; a broker that served a minute resets them. */
const MAX_RESTART_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/**
 * Starts a broker and keeps it running: its death is logged at once, with its exit code or signal, and it is started
 * again on the same ports and data, with backoff while restarts fail. `restartWhile` is asked before each restart: its
 * owner may be shutting down, and a terminal's Ctrl-C reaches the broker too.
 * @param {{ port: number, controllerPort: number, dataDir: string, log: (line: string) => void, onStart?: (broker: Broker) => void, restartWhile?: () => boolean }} options
 * @returns {Promise<{ brokers: string, pid: () => number, stop: () => Promise<void> }>}
 */
async function superviseBroker(options) {
  const { log } = options;
  let stopped = false;
  let failures = 0;
  let startedAt = 0;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<Broker | undefined>} */
  let starting;
  /** @type {Broker | undefined} */
  let broker;

  /** @type {OnExit} */
  const onExit = (code, signal) => {
    if (stopped || options.restartWhile?.() === false) return;
    log(`[kafka] broker (pid ${broker?.pid}) died ${signal ? `on ${signal}` : `with exit code ${code}`}`);
    if (Date.now() - startedAt >= STABLE_AFTER_MS) failures = 0;
    restartLater();
  };
  const launch = async () => {
    const started = await startBroker({ ...options, onExit });
    broker = started;
    startedAt = Date.now();
    options.onStart?.(started);
    return started;
  };
  const restartLater = () => {
    const delay = Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** failures++);
    log(`[kafka] restarting it on the same data (${options.dataDir}) in ${delay / 1000} s (attempt ${failures})`);
    timer = setTimeout(() => {
      if (stopped || options.restartWhile?.() === false) return;
      starting = launch().catch((/** @type {Error} */ error) => {
        if (!stopped) {
          log(`[kafka] restart failed: ${error.message}`);
          restartLater();
        }
        return undefined;
      });
    }, delay);
  };

  starting = launch();
  const first = await starting;
  return {
    brokers: first?.brokers ?? '',
    pid: () => broker?.pid ?? -1,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      // A restart under way finishes first, so that the broker it starts is stopped too.
      await starting;
      await broker?.stop();
    },
  };
}

const PROJECT_DATA_DIR = path.join(STATE_DIR, 'kafka');
/** Who runs the project's broker, so that `npm start` and `npm run kafka` find each other's. */
const STATE_FILE = path.join(PROJECT_DATA_DIR, 'broker.json');

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @typedef {{ supervisor: number, startedBy: string, brokers: string, pid: number }} ProjectBrokerState */

/** @returns {ProjectBrokerState | undefined} */
function projectBrokerState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @returns {ProjectBrokerState | undefined} the project's broker if a process is supervising it now */
function runningProjectBroker() {
  const state = projectBrokerState();
  return state && alive(state.supervisor) ? state : undefined;
}

/**
 * A supervisor killed outright (SIGKILL) leaves its broker running, holding the data folder: a new one could not
 * start. It is ended, once /proc confirms the process is a broker on that folder and not a reused pid.
 * @param {(line: string) => void} log
 */
async function endOrphanedBroker(log) {
  const state = projectBrokerState();
  if (!state || alive(state.supervisor) || !alive(state.pid)) return;
  let commandLine = '';
  try {
    commandLine = fs.readFileSync(`/proc/${state.pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!commandLine.includes(PROJECT_DATA_DIR)) return;
  log(`[kafka] stopping the broker (pid ${state.pid}) that an earlier ${state.startedBy} left running`);
  process.kill(state.pid, 'SIGTERM');
  const killAt = Date.now() + 20_000;
  while (alive(state.pid) && Date.now() < killAt) await new Promise((r) => setTimeout(r, 100));
  if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
}

/**
 * Runs and supervises the project's own broker: data in .fundline/kafka, kept between runs; port KAFKA_PORT or 9092
 * and the next one for its controller, or free ports when something else holds those.
 * @param {{ startedBy: string, log: (line: string) => void, restartWhile?: () => boolean }} options
 */
async function startProjectBroker({ startedBy, log, restartWhile }) {
  await endOrphanedBroker(log);
  const wanted = Number(process.env.KAFKA_PORT ?? 9092);
  const free = (await canListen(wanted)) && (await canListen(wanted + 1));
  let port = free ? wanted : await freePort();
  if (!free) log(`[kafka] port ${wanted} or ${wanted + 1} is in use: the broker takes ${port} and ${port + 1}`);
  fs.mkdirSync(PROJECT_DATA_DIR, { recursive: true });
  /** @type {(started: Broker) => void} */
  const onStart = (started) => {
    /** @type {ProjectBrokerState} */
    const state = { supervisor: process.pid, startedBy, brokers: started.brokers, pid: started.pid };
    fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
  };
  let broker;
  for (let attempt = 1; !broker; attempt++) {
    try {
      broker = await superviseBroker({ port, controllerPort: port + 1, dataDir: PROJECT_DATA_DIR, log, restartWhile, onStart });
    } catch (error) {
      if (!portTaken(error) || attempt === 3) throw error;
      port = await freePort();
      log(`[kafka] a port was taken while the broker started: it takes ${port} and ${port + 1}`);
    }
  }
  return {
    brokers: broker.brokers,
    stop: async () => {
      await broker.stop();
      if (runningProjectBroker()?.supervisor === process.pid) fs.rmSync(STATE_FILE, { force: true });
    },
  };
}

module.exports = {
  startBroker,
  superviseBroker,
  startProjectBroker,
  runningProjectBroker,
  ensureJars,
  portOpen,
  freePort,
};

/**
 * `npm run kafka`: the project's broker, the one `npm start` uses, for running the services some other way (from
 * an IDE, `node dist/apps/funds/main.js`). `npm run kafka -- --temporary` starts a throwaway one in a temporary
 * folder on KAFKA_PORT (or 9092), deleted when it stops.
 */
async function cli() {
  const log = (/** @type {string} */ line) => console.log(line);
  /** @type {{ brokers: string, stop: () => Promise<void> }} */
  let broker;
  if (process.argv.includes('--temporary')) {
    const port = Number(process.env.KAFKA_PORT ?? 9092);
    broker = await startBroker({ port, controllerPort: port + 1, log });
  } else {
    const running = runningProjectBroker();
    if (running) {
      log(`[kafka] the project's broker already runs on ${running.brokers}, started by ${running.startedBy} (pid ${running.supervisor}); nothing to do`);
      return;
    }
    broker = await startProjectBroker({ startedBy: 'npm run kafka', log });
  }
  log(`[kafka] KAFKA_BROKERS=${broker.brokers}   (Ctrl-C stops the broker)`);
  const shutdown = () =>
    broker.stop().then(() => {
      log('[kafka] broker stopped');
      process.exit(0);
    });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  cli().catch((/** @type {Error} */ error) => {
    console.error(error.message);
    process.exit(1);
  });
}
