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

/** A port nobody listens on now; the broker binds it a moment later. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a broker in a fresh data folder and resolves once it serves clients.
 * @param {{ port?: number, controllerPort?: number, dataDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ brokers: string, pid: number, dataDir: string, stop: () => Promise<void> }>}
 */
async function startBroker(options = {}) {
  ensureJars();
  const port = options.port ?? (await freePort());
  const controllerPort = options.controllerPort ?? (await freePort());
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
  child.once('exit', () => {
    exited = true;
  });

  const deadline = Date.now() + 90_000;
  while (!(await portOpen(port))) {
    if (exited || Date.now() > deadline) {
      const logFile = path.join(logsDir, 'broker.log');
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : '(no broker log)';
      child.kill('SIGKILL');
      throw new Error(`Kafka broker did not start on 127.0.0.1:${port}:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  options.log?.(`[kafka] broker ready on 127.0.0.1:${port} (pid ${pid}, data ${dataDir})`);

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killAt = Date.now() + 20_000;
    while (!exited && Date.now() < killAt) await new Promise((r) => setTimeout(r, 100));
    if (!exited) child.kill('SIGKILL');
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { brokers: `127.0.0.1:${port}`, pid, dataDir, stop };
}

module.exports = { startBroker, ensureJars, portOpen, freePort };

if (require.main === module) {
  const port = Number(process.env.KAFKA_PORT ?? 9092);
  startBroker({ port, controllerPort: port + 1, log: (l) => console.log(l) }).then(
    (broker) => {
      const shutdown = () => broker.stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
