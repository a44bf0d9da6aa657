import { LogLevel } from '@nestjs/common';
import { AuthConfig, authConfigFromEnv } from '@fundline/auth';
import { RateLimit } from './abuse/rate-limit';

/** Everything a service process needs, read once from the environment (12-factor) or given by a test. */
export interface ServiceConfig {
  port: number;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Prefix of topics and consumer groups, to share one cluster between environments (KAFKA_NAMESPACE). */
  kafkaNamespace: string;
  auth: AuthConfig;
  /** Whether this process runs its outbox relay and its consumer; on by default. */
  relay: boolean;
  consume: boolean;
  bodyLimit: string;
  rateLimit: RateLimit;
  /** How long a decision waits for its replicas to catch up, and a reference-data write for its publication. */
  freshnessWaitMs: number;
  /** How long a consumer or the outbox may hold work without progress before readiness answers 503. */
  stuckAfterMs: number;
  logLevel: LogLevel;
}

export function serviceConfigFromEnv(env: NodeJS.ProcessEnv, defaultPort: number): ServiceConfig {
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (host:port[,host:port])');
  return {
    port: Number(env.PORT ?? defaultPort),
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fundline',
    kafkaBrokers: brokers,
    kafkaNamespace: env.KAFKA_NAMESPACE ?? '',
    auth: authConfigFromEnv(env),
    relay: env.OUTBOX_RELAY !== 'off',
    consume: env.EVENT_CONSUMER !== 'off',
    bodyLimit: env.HTTP_BODY_LIMIT ?? '256kb',
    rateLimit: rateLimitFromEnv(env),
    freshnessWaitMs: positiveMs(env.FRESHNESS_WAIT_MS, 5_000, 'FRESHNESS_WAIT_MS'),
    stuckAfterMs: positiveMs(env.READINESS_STUCK_AFTER_MS, 30_000, 'READINESS_STUCK_AFTER_MS'),
    logLevel: (env.LOG_LEVEL as LogLevel) ?? 'log',
  };
}

function rateLimitFromEnv(env: NodeJS.ProcessEnv): RateLimit {
  const perSecond = Number(env.RATE_LIMIT_PER_SECOND ?? 1000);
  const burst = Number(env.RATE_LIMIT_BURST ?? Math.max(1, perSecond * 2));
  if (!Number.isFinite(perSecond) || perSecond < 0 || !Number.isFinite(burst) || burst < 1) {
    throw new Error('RATE_LIMIT_PER_SECOND must be a number >= 0 and RATE_LIMIT_BURST a number >= 1');
  }
  return { perSecond, burst };
}

function positiveMs(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name} must be a whole number of milliseconds above 0`);
  return ms;
}
