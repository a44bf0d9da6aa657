/** The project's broker runner (infra/kafka/broker.js, plain JS for `npm start`), typed for tests that own a broker. */
export interface RunningBroker {
  brokers: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { startBroker, freePort } = require('../../infra/kafka/broker') as {
  startBroker(options: { port: number; controllerPort: number; dataDir: string }): Promise<RunningBroker>;
  freePort(): Promise<number>;
};
