import { Actor } from '@fundline/contracts';
import { SystemClock } from '@fundline/domain';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { Dataset } from '../reference-data/reference-snapshot';
import {
  beneficiariesFrom,
  IncomeClassification,
  LINE_2_2024_08,
  LINE_2_2024_08_SOURCE,
  ListSource,
  WORLD_BANK_FY2025,
  WORLD_BANK_FY2026,
} from '../reference-data/seed/official-lists.seed';

/** Fundline's official lists start with the first one published for Fund 1035, the Line 2 list of August 2024. */
const OFFICIAL_FROM = '2024-08-01';

/**
 * The published lists replace the demonstration ones from their effective dates (issue 11, finding 9): the World Bank
 * classification in force (FY2025 from 2024-08-01, FY2026 from 2025-07-01) as the F1 beneficiary list, and IOM's
 * Line 2 list of August 2024 (F3). The demonstration versions stay as the history of the dates before. Each version
 * goes through the outbox like any recording, so the services that keep a copy receive it.
 */
export class OfficialReferenceLists1764900000000 implements MigrationInterface {
  name = 'OfficialReferenceLists1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const referenceData = new ReferenceDataService(new SystemClock());
    const actor: Actor = { userId: 'reference-data-seed', role: 'system' };
    const record = (dataset: Dataset, effectiveFrom: string, key: string, value: object | null) =>
      referenceData.record(q.manager, { dataset, key, effectiveFrom, value }, actor);
    const recordSource = (dataset: Dataset, effectiveFrom: string, source: ListSource) =>
      record('list-source', effectiveFrom, `${dataset}.${effectiveFrom}`, { dataset, effectiveFrom, ...source });

    const classifications: Array<[string, IncomeClassification]> = [
      [OFFICIAL_FROM, WORLD_BANK_FY2025],
      [WORLD_BANK_FY2026.inForceFrom, WORLD_BANK_FY2026],
    ];
    for (const [effectiveFrom, classification] of classifications) {
      const rows = beneficiariesFrom(classification);
      for (const [code, value] of rows) await record('fund1035-beneficiary', effectiveFrom, code, value);
      const classified = rows.filter(([, value]) => value !== null).length;
      await recordSource('fund1035-beneficiary', effectiveFrom, {
        source: `${classification.source}; EU membership: the European Union group (EUU) of the same file`,
        published: classified,
        loaded: classified,
        complete: true,
        note:
          `${classification.fiscalYear}, in force from ${classification.inForceFrom}; unclassified economies ` +
          `(${classification.groups.unclassified}) are on no World Bank list and are retired`,
      });
    }

    for (const { region, names } of LINE_2_2024_08) {
      for (const [name, code] of Object.entries(names)) {
        await record('fund1035-line2', OFFICIAL_FROM, code, { name, region });
      }
    }
    await recordSource('fund1035-line2', OFFICIAL_FROM, LINE_2_2024_08_SOURCE);
  }

  async down(q: QueryRunner): Promise<void> {
    // Published events cannot be taken back; the versions go, and consumers keep what they received.
    await q.query(
      `DELETE FROM "concepts"."reference_versions" WHERE recorded_by = 'reference-data-seed (system)'
       AND dataset IN ('fund1035-beneficiary', 'fund1035-line2', 'list-source') AND effective_from >= $1::date`,
      [OFFICIAL_FROM],
    );
  }
}
