import { Actor, IsRegisteredFund } from '@fundline/contracts';
import { FundPolicies } from '@fundline/domain';
import { Page, PageQuery } from '@fundline/http';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { Between, DataSource, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { ConceptHistoryRecord } from '../history/concept-history.entity';
import { ScreeningRecord, SubmissionRecord } from './submission.entity';
import { restore } from './submission.mapping';
import { canSee, notFound } from './submission.repository';
import { submissionView } from './submission.views';

export class SubmissionFilter extends PageQuery {
  @ApiPropertyOptional({ enum: FundPolicies.codes() })
  @IsOptional()
  @IsRegisteredFund()
  fund?: string;

  @ApiPropertyOptional({ example: 'in-pipeline' }) @IsOptional() @Matches(/^[a-z-]{1,40}$/) status?: string;

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  thematicArea?: number;

  @ApiPropertyOptional({ example: 'labour-migration' }) @IsOptional() @Matches(/^[a-z0-9-]{1,60}$/) focusArea?: string;

  @ApiPropertyOptional({ example: 'asia-pacific' }) @IsOptional() @Matches(/^[a-z-]{1,40}$/) region?: string;

  @ApiPropertyOptional({ example: 'PHL' }) @IsOptional() @Matches(/^[A-Z]{3}$/) country?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Submitted on or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Submitted before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Reads on the write side: a submitter's exact view of its submissions, verdicts and history. */
@Injectable()
export class SubmissionQueries {
  constructor(private readonly dataSource: DataSource) {}

  private async visible(actor: Actor, id: string): Promise<SubmissionRecord> {
    const record = await this.dataSource.manager.findOne(SubmissionRecord, { where: { id } });
    if (!record || !canSee(actor, record.submittingCountry)) throw notFound(id);
    return record;
  }

  async get(actor: Actor, id: string) {
    const record = await this.visible(actor, id);
    const latest = await this.dataSource.manager.findOne(ScreeningRecord, {
      where: { submissionId: id },
      // The clock does not order verdicts (a re-screen within the same instant, a clock stepped back): the version
      // and the order they were recorded in do.
      order: { version: 'DESC', sequence: 'DESC' },
    });
    return submissionView(
      restore(record),
      actor,
      latest ? { eligible: latest.eligible, referenceDate: latest.referenceDate, lines: latest.lines } : null,
    );
  }

  async list(actor: Actor, filter: SubmissionFilter): Promise<Page<ReturnType<typeof submissionView>>> {
    const submitted =
      filter.from && filter.to
        ? Between(new Date(filter.from), new Date(filter.to))
        : filter.from
          ? MoreThanOrEqual(new Date(filter.from))
          : filter.to
            ? LessThanOrEqual(new Date(filter.to))
            : undefined;
    const where: FindOptionsWhere<SubmissionRecord> = {
      ...(filter.fund ? { fund: filter.fund } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.thematicArea ? { thematicArea: filter.thematicArea } : {}),
      ...(filter.focusArea ? { focusArea: filter.focusArea } : {}),
      ...(filter.region ? { region: filter.region } : {}),
      ...(filter.country ? { submittingCountry: filter.country } : {}),
      ...(submitted ? { submittedAt: submitted } : {}),
      // A government's filter is forced to its own country, whatever it asked for.
      ...(actor.role === 'government' ? { submittingCountry: actor.country } : {}),
    };
    const [records, total] = await this.dataSource.manager.findAndCount(SubmissionRecord, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return {
      items: records.map((r) => submissionView(restore(r), actor)),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  async screenings(actor: Actor, id: string) {
    await this.visible(actor, id);
    const rows = await this.dataSource.manager.find(ScreeningRecord, {
      where: { submissionId: id },
      order: { version: 'ASC', sequence: 'ASC' },
    });
    return rows.map((r) => ({
      version: r.version,
      trigger: r.trigger,
      referenceDate: r.referenceDate,
      screenedAt: r.screenedAt.toISOString(),
      eligible: r.eligible,
      lines: r.lines,
      actor: { userId: r.actorUserId, role: r.actorRole },
    }));
  }

  async history(actor: Actor, id: string) {
    await this.visible(actor, id);
    const rows = await this.dataSource.manager.find(ConceptHistoryRecord, {
      where: { conceptId: id },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      actor: { userId: r.actorUserId, role: r.actorRole, country: r.actorCountry },
      reason: r.reason,
      correlationId: r.correlationId,
    }));
  }
}
