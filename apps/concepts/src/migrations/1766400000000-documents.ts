import { createDocumentTables, dropDocumentTables } from '@fundline/documents';
import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** A concept's documents (issue 13), and which of them is the endorsement letter of which state (M2, F5). */
export class Documents1766400000000 implements MigrationInterface {
  name = 'Documents1766400000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await createDocumentTables(q, s);
    await q.query(`
      CREATE TABLE "${s}"."endorsement_letters" (
        "concept_id" uuid NOT NULL,
        "country" char(3) NOT NULL,
        "document_id" uuid NOT NULL,
        PRIMARY KEY ("concept_id", "country", "document_id")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."endorsement_letters"`);
    await dropDocumentTables(q, s);
  }
}
