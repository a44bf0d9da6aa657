import { Actor } from '@fundline/contracts';
import { DocumentStore, StoredDocument } from '@fundline/documents';
import { DomainError } from '@fundline/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Who may read the documents of an allocation and of its obligations: fund staff, and the government that submitted
 * the allocation's concept; anyone else is answered as if the document did not exist. Every download of a document
 * that is not public is recorded (who, in which role, when).
 */
@Injectable()
export class AllocationDocuments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
  ) {}

  async list(actor: Actor, allocationId: string): Promise<StoredDocument[]> {
    await this.checkAllocation(actor, allocationId);
    const manager = this.dataSource.manager;
    const obligations: { id: string }[] = await manager.query(
      `SELECT id FROM "funds"."obligations" WHERE allocation_id = $1`,
      [allocationId],
    );
    const [own, reports] = await Promise.all([
      this.store.list(manager, { type: 'allocation', id: allocationId }),
      this.store.list(manager, { type: 'obligation', id: obligations.map((o) => o.id) }),
    ]);
    return [...own, ...reports];
  }

  /** The document, once the reader's access is checked. */
  async readable(actor: Actor, documentId: string): Promise<StoredDocument> {
    const document = await this.store.get(this.dataSource.manager, documentId).catch(() => undefined);
    const allocationId = document ? await this.allocationOf(document) : undefined;
    if (!document || !allocationId || !(await this.mayRead(actor, allocationId))) {
      throw new DomainError('DOCUMENT.NOT_FOUND', `No document ${documentId}`, 'not-found', [], { id: documentId });
    }
    return document;
  }

  private async checkAllocation(actor: Actor, allocationId: string): Promise<void> {
    if (!(await this.mayRead(actor, allocationId))) {
      throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${allocationId}`, 'not-found', [], {
        id: allocationId,
      });
    }
  }

  private async allocationOf(document: StoredDocument): Promise<string | undefined> {
    if (document.ownerType === 'allocation') return document.ownerId;
    if (document.ownerType !== 'obligation') return undefined;
    const rows: { allocation_id: string }[] = await this.dataSource.query(
      `SELECT allocation_id FROM "funds"."obligations" WHERE id = $1`,
      [document.ownerId],
    );
    return rows[0]?.allocation_id;
  }

  private async mayRead(actor: Actor, allocationId: string): Promise<boolean> {
    const rows: { submitting_country: string }[] = await this.dataSource.query(
      `SELECT r.submitting_country FROM "funds"."allocations" a
       JOIN "funds"."pipeline_replica" r ON r.concept_id = a.concept_id WHERE a.id = $1`,
      [allocationId],
    );
    if (rows.length === 0) return false;
    return actor.role !== 'government' || rows[0].submitting_country === actor.country;
  }
}
