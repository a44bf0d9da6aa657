import { ProcessedEvent } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { Response } from 'express';
import { DataSource } from 'typeorm';

export class CatchUpQuery {
  @ApiPropertyOptional({
    description:
      'A Fundline-Event-Position a write returned: the read waits (at most a few seconds) until it is applied',
  })
  @IsOptional()
  @IsUUID()
  after?: string;
}

/** A report about one day (default: today on the service's clock). */
export class OnDayQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2026-11-22', description: 'The day the report is about (default today)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  on?: string;
}

/** Read-your-writes: waits, bounded, until the read model has applied a given event, and says whether it has. */
@Injectable()
export class CatchUp {
  static readonly MAX_WAIT_MS = Number(process.env.READ_MODEL_MAX_WAIT_MS ?? 5_000);

  constructor(private readonly dataSource: DataSource) {}

  async waitFor(eventId: string | undefined, res: Response): Promise<void> {
    if (!eventId) return;
    const deadline = Date.now() + CatchUp.MAX_WAIT_MS;
    for (;;) {
      if (await this.dataSource.manager.existsBy(ProcessedEvent, { eventId })) {
        res.setHeader('Fundline-Caught-Up', 'true');
        return;
      }
      if (Date.now() > deadline) {
        res.setHeader('Fundline-Caught-Up', 'false');
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
