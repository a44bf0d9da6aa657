import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh, empty database for one test file, dropped afterwards. Its name always contains `test`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fundline_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (!name.includes('test')) throw new Error(`refusing to drop ${name}: not a test database`);
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A plain pg client on a test database, for assertions that read what services wrote. */
export async function connect(url: string): Promise<Client> {
  if (!new URL(url).pathname.includes('test')) throw new Error(`refusing to run tests against ${url}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
