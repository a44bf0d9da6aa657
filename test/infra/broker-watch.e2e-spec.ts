import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '@fundline/testing';
import { Kafka, logLevel } from 'kafkajs';

interface Supervised {
  brokers: string;
  pid(): number;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { superviseBroker, freePort, portOpen } = require('../../infra/kafka/broker') as {
  superviseBroker(options: {
    port: number;
    controllerPort: number;
    dataDir: string;
    log: (line: string) => void;
  }): Promise<Supervised>;
  freePort(): Promise<number>;
  portOpen(port: number): Promise<boolean>;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The broker `npm start` runs is watched (issue 11, finding 8): its death is logged at once and it comes back on the
 * same port and data, so the services' KAFKA_BROKERS stays right and no event is lost.
 */
describe('the broker that npm start runs is watched', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundline-watch-kafka-'));
  const lines: string[] = [];
  let broker: Supervised;
  let port: number;

  afterAll(async () => {
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs a broker killed with SIGKILL and restarts it on the same port and data; stop() ends it for good', async () => {
    port = await freePort();
    broker = await superviseBroker({ port, controllerPort: port + 1, dataDir, log: (l) => lines.push(l) });
    const kafka = new Kafka({ clientId: 'broker-watch', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept-across-restarts', numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const first = broker.pid();

    process.kill(first, 'SIGKILL');
    const died = await eventually(async () => lines.find((l) => l.includes(`(pid ${first}) died on SIGKILL`)), 10_000);
    expect(died).toBeDefined();
    expect(lines.some((l) => /restarting it on the same data .* in 1 s/.test(l))).toBe(true);

    const second = await eventually(async () => {
      const pid = broker.pid();
      return pid !== first && (await portOpen(port)) ? pid : undefined;
    }, 120_000);
    await admin.connect();
    expect(await admin.listTopics()).toContain('kept-across-restarts');
    await admin.disconnect();

    await broker.stop();
    expect(alive(second)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(lines.filter((l) => l.includes('died'))).toHaveLength(1);
    expect(await portOpen(port)).toBe(false);
  }, 240_000);
});
