import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { Page, PageQuery } from '@fundline/http';
import { tableOf } from '@fundline/persistence';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { NOTICE_KINDS } from '../notices/notices';

const STATUSES = ['pending', 'sent', 'digested', 'parked', 'skipped'] as const;

class NotificationLogQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ enum: NOTICE_KINDS }) @IsOptional() @IsIn(NOTICE_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
}

interface LogRow {
  notification_id: string;
  contact_id: string;
  kind: string;
  language: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  total: string;
}

/** What was decided and sent, to whom (by contact id, no address), for operators and auditors (G3). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationLogController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('fund-admin')
  @ApiOperation({ summary: 'The notification log, newest first: kind, language, status, attempts, last error' })
  async list(@Query() query: NotificationLogQuery): Promise<Page<object>> {
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT notification_id, contact_id, kind, language, subject, status, attempts, last_error, created_at, sent_at,
              count(*) OVER () AS total
       FROM ${tableOf(this.dataSource, 'notifications')}
       WHERE ($1::uuid IS NULL OR contact_id = $1) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR status = $3)
       ORDER BY created_at DESC, notification_id LIMIT $4 OFFSET $5`,
      [query.contactId ?? null, query.kind ?? null, query.status ?? null, query.limit, query.offset],
    );
    return {
      items: rows.map((r) => ({
        notificationId: r.notification_id,
        contactId: r.contact_id,
        kind: r.kind,
        language: r.language,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
      total: Number(rows[0]?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }
}
