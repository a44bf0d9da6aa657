import { Actor } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { Page } from '@fundline/http';
import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { ConceptHistoryRecord } from '../history/concept-history.entity';
import { ConceptNoteView } from './concept-note.dto';
import { ConceptNoteRecord } from './concept-note.entity';
import { canSee, toState } from './concept-note.repository';

/** Reads on the write side: a submitter's own view of its concepts, with their exact current status. */
@Injectable()
export class ConceptNoteQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(actor: Actor, id: string): Promise<ConceptNoteView> {
    const record = await this.dataSource.manager.findOne(ConceptNoteRecord, { where: { id } });
    if (!record || !canSee(actor, record.submittingCountry)) {
      throw new DomainError('CONCEPT_NOTE.NOT_FOUND', `concept note ${id} not found`, 'not-found');
    }
    return ConceptNoteView.of(toState(record));
  }

  async list(actor: Actor, limit: number, offset: number): Promise<Page<ConceptNoteView>> {
    const where: FindOptionsWhere<ConceptNoteRecord> =
      actor.role === 'government' ? { submittingCountry: actor.country } : {};
    const [records, total] = await this.dataSource.manager.findAndCount(ConceptNoteRecord, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: records.map((r) => ConceptNoteView.of(toState(r))), total, limit, offset };
  }

  async history(actor: Actor, id: string) {
    await this.get(actor, id);
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
