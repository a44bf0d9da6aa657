import { Injectable } from '@nestjs/common';
import { Actor } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';
import { EntityManager } from 'typeorm';
import { ConceptHistoryRecord } from '../history/concept-history.entity';
import { ConceptNote, ConceptNoteState, ConceptNoteStatus, GeographicScope } from './concept-note.aggregate';
import { ConceptNoteRecord } from './concept-note.entity';

/** Governments see only their own concepts; staff roles see all. */
export function canSee(actor: Actor, submittingCountry: string): boolean {
  return actor.role !== 'government' || actor.country === submittingCountry;
}

export function toState(record: ConceptNoteRecord): ConceptNoteState {
  return {
    id: record.id,
    submittingCountry: record.submittingCountry,
    ownerUserId: record.ownerUserId,
    status: record.status as ConceptNoteStatus,
    version: record.version,
    submittedAt: record.submittedAt,
    title: record.title,
    scope: record.scope as GeographicScope,
    countries: record.countries,
    thematicArea: record.thematicArea,
    gcmObjectives: record.gcmObjectives,
    participatingOrganisations: record.participatingOrganisations,
    requested: Money.ofMinor(BigInt(record.requestedMinor), record.currency),
  };
}

@Injectable()
export class ConceptNoteRepository {
  /**
   * Loads a concept the actor may see, locked for update. Another country's concept is reported as not found,
   * so its existence is not disclosed either.
   */
  async loadForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<ConceptNote> {
    const record = await manager.findOne(ConceptNoteRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!record || !canSee(actor, record.submittingCountry)) {
      throw new DomainError('CONCEPT_NOTE.NOT_FOUND', `concept note ${id} not found`, 'not-found');
    }
    return ConceptNote.restore(toState(record));
  }

  async save(manager: EntityManager, note: ConceptNote): Promise<void> {
    const s = note.snapshot;
    await manager.save(ConceptNoteRecord, {
      id: s.id,
      fund: 'MIGRATION_MPTF',
      status: s.status,
      version: s.version,
      submittingCountry: s.submittingCountry,
      ownerUserId: s.ownerUserId,
      title: s.title,
      scope: s.scope,
      countries: s.countries,
      thematicArea: s.thematicArea,
      gcmObjectives: s.gcmObjectives,
      participatingOrganisations: s.participatingOrganisations,
      requestedMinor: s.requested.amountMinor.toString(),
      currency: s.requested.currency,
      submittedAt: s.submittedAt,
    });
  }

  async recordHistory(
    manager: EntityManager,
    entry: {
      conceptId: string;
      at: Date;
      action: string;
      fromStatus: string | null;
      toStatus: string;
      actor: Actor;
      correlationId: string;
      reason?: string;
    },
  ): Promise<void> {
    await manager.insert(ConceptHistoryRecord, {
      conceptId: entry.conceptId,
      at: entry.at,
      action: entry.action,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      actorUserId: entry.actor.userId,
      actorRole: entry.actor.role,
      actorCountry: entry.actor.country ?? null,
      reason: entry.reason ?? null,
      correlationId: entry.correlationId,
    });
  }
}
