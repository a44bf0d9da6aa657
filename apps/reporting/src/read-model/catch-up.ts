import { ProcessedEvent } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
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
