import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@fundline/auth';
import {
  ConsumerProgress,
  EventConsumer,
  KAFKA,
  kafkaReachable,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxRelay,
} from '@fundline/messaging';
import { Response } from 'express';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { currentCorrelationId } from '../logging/request-context';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problems/problem';

/** How long a consumer with work waiting may go without progress, or an outbox row unpublished, before 503. */
const DEFAULT_STUCK_AFTER_MS = 30_000;

export type Check = { status: 'up' | 'down'; [detail: string]: unknown };

/** A dependency a service adds to its readiness beside PostgreSQL, Kafka, its consumer and its outbox (SMTP…). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<Check>;
}

/** The service's own readiness checks, provided as an array under this token. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A probe must answer fast: a check that hangs (a pool with no free connection, a frozen broker) is down. */
const CHECK_TIMEOUT_MS = 3_000;

async function within(check: Promise<Check>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'down', reason: `no answer within ${CHECK_TIMEOUT_MS} ms` }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Optional() private readonly consumer?: EventConsumer,
    @Optional() private readonly progress?: ConsumerProgress,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() @Inject(MESSAGING_OPTIONS) private readonly options?: MessagingOptions,
    @Optional() @Inject(READINESS_CHECKS) private readonly own: readonly ReadinessCheck[] = [],
  ) {}

  private get stuckAfterMs(): number {
    return this.options?.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS;
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Kafka reachable, the event consumer running and not stuck, the outbox flowing',
    description:
      'Each check says up or down with its details (consumer state, restarts, lag, last error; outbox backlog). ' +
      'Any check down answers 503 as problem+json with the same `checks`.',
  })
  @ApiResponse({ status: 200, description: 'Ready: every check is up' })
  @ApiResponse({ status: 503, description: 'Not ready: `checks` names the failing ones' })
  async ready(@Res() res: Response): Promise<void> {
    const [postgres, kafka, consumer, outbox] = await Promise.all([
      within(this.postgres()),
      within(this.kafkaCheck()),
      this.consumer || this.progress ? within(this.consumerCheck()) : undefined,
      this.relay ? within(this.outboxCheck()) : undefined,
    ]);
    const own = await Promise.all(this.own.map(async (c) => [c.name, await within(c.check())] as const));
    const checks: Record<string, Check> = {
      postgres,
      kafka,
      ...(consumer ? { consumer } : {}),
      ...(outbox ? { outbox } : {}),
      ...Object.fromEntries(own),
    };
    const down = Object.entries(checks).filter(([, c]) => c.status === 'down');
    if (down.length === 0) {
      res.status(200).json({ status: 'ready', checks });
      return;
    }
    res
      .status(503)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: problemType('HEALTH.NOT_READY'),
          title: 'The service is not ready',
          status: 503,
          detail: `not ready: ${down.map(([name]) => name).join(', ')} down`,
          code: 'HEALTH.NOT_READY',
          instance: '/health/ready',
          correlationId: currentCorrelationId(),
          checks,
        }),
      );
  }

  private postgres(): Promise<Check> {
    return this.dataSource
      .query('SELECT 1')
      .then((): Check => ({ status: 'up' }))
      .catch((error: Error): Check => ({ status: 'down', error: error.message }));
  }

  private async kafkaCheck(): Promise<Check> {
    return (await kafkaReachable(this.kafka)) ? { status: 'up' } : { status: 'down', error: 'broker unreachable' };
  }

  /**
   * Down when the consumer is not running (crashed and being restarted), or has work waiting and made no progress
   * for `stuckAfterMs`. A replica that consumes nothing reports the group's lag without judging it.
   */
  private async consumerCheck(): Promise<Check> {
    const status = this.consumer?.status();
    const lag = await this.progress?.lag().catch(() => undefined);
    const details = {
      ...(status ?? { runsHere: false }),
      ...(lag ? { lag: Number(lag.lag) } : { lag: 'unknown' }),
    };
    if (!this.consumer) return { status: 'up', ...details };
    if (status?.state !== 'running') return { status: 'down', reason: `consumer ${status?.state}`, ...details };
    const idleMs = this.consumer.msSinceLastProgress();
    if (lag && lag.lag > 0n && (idleMs === undefined || idleMs > this.stuckAfterMs)) {
      return {
        status: 'down',
        reason: `stuck: ${lag.lag} event(s) waiting, no progress for ${idleMs ?? '?'} ms`,
        ...details,
      };
    }
    return { status: 'up', ...details };
  }

  private async outboxCheck(): Promise<Check> {
    const backlog = await this.relay!.backlog().catch(() => undefined);
    if (!backlog) return { status: 'down', reason: 'outbox unreadable' };
    if (backlog.pending > 0 && backlog.oldestAgeMs > this.stuckAfterMs) {
      return { status: 'down', reason: `oldest unpublished event waits for ${backlog.oldestAgeMs} ms`, ...backlog };
    }
    return { status: 'up', ...backlog };
  }
}
