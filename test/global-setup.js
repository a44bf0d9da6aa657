// @ts-check
const { Client } = require('pg');
const { startBroker } = require('../infra/kafka/broker');

/**
 * Starts what the tests need and the machine does not already provide: a real Kafka broker (unless KAFKA_BROKERS
 * points at one) and a check that PostgreSQL answers. Each test file then creates its own database.
 */
module.exports = async function globalSetup() {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl}: ${/** @type {Error} */ (error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!process.env.KAFKA_BROKERS) {
    const broker = await startBroker({ log: (line) => process.stderr.write(`\n${line}\n`) });
    process.env.KAFKA_BROKERS = broker.brokers;
    /** @type {any} */ (globalThis).__FUNDLINE_KAFKA__ = broker;
  }
};
