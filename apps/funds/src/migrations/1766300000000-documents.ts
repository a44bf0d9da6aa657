import { createDocumentTables, dropDocumentTables } from '@fundline/documents';
import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documents of allocations and their obligations (grant agreements, reports), and the submission's title in the
 * pipeline replica, which the grant agreement names. Replicas made before this have no title until the concepts topic
 * is replayed; their agreement names the concept by its id.
 */
export class Documents1766300000000 implements MigrationInterface {
  name = 'Documents1766300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await createDocumentTables(q, s);
    await q.query(`ALTER TABLE "${s}"."pipeline_replica" ADD COLUMN "title" text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."pipeline_replica" DROP COLUMN "title"`);
    await dropDocumentTables(q, s);
  }
}
