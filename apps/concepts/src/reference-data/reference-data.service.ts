import { Actor, REFERENCE_DATA_RECORDED_V1, ReferenceDataRecordedV1 } from '@fundline/contracts';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { BudgetCategory, Clock, DomainError, sourcesInForce } from '@fundline/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { diffLists, readList } from './reference-import';
import { Dataset, ReferenceSnapshot } from './reference-snapshot';
import { RecordedSource } from './seed/official-lists.seed';
import { ReferenceVersionRecord } from './reference-version.entity';

type Row = { dataset: Dataset; key: string; value: Record<string, unknown> };

/** `mptf.travel` → list `mptf`, code `travel`; a key without a list prefix belongs to no list and is left out. */
function byList<T>(entries: ReadonlyMap<string, T>): Map<string, Map<string, T>> {
  const lists = new Map<string, Map<string, T>>();
  for (const [key, value] of entries) {
    const dot = key.indexOf('.');
    if (dot <= 0) continue;
    const list = key.slice(0, dot);
    if (!lists.has(list)) lists.set(list, new Map());
    lists.get(list)!.set(key.slice(dot + 1), value);
  }
  return lists;
}

@Injectable()
export class ReferenceDataService {
  constructor(private readonly clock: Clock) {}

  /** The latest version of every key whose effective date is on or before `date` (retired keys left out). */
  async rowsAsOf(manager: EntityManager, date: string, dataset?: Dataset): Promise<Row[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (dataset, key) dataset, key, value FROM ${this.table(manager)}
       WHERE effective_from <= $1::date AND ($2::text IS NULL OR dataset = $2)
       ORDER BY dataset, key, effective_from DESC`,
      [date, dataset ?? null],
    )) as Array<Row & { value: Record<string, unknown> | null }>;
    return rows.filter((r): r is Row => r.value !== null);
  }

  /** Snapshots by date, valid while the table's version stamp (last recording, row count) is unchanged. */
  private readonly cache = new Map<string, { stamp: string; snapshot: ReferenceSnapshot }>();

  /**
   * Read inside the command's transaction, so a check and the write it allows see the same reference data. The
   * snapshot is rebuilt only when a version was recorded since (by any replica): one small query instead of every row.
   */
  async snapshot(manager: EntityManager, date: string): Promise<ReferenceSnapshot> {
    const [{ stamp }] = (await manager.query(
      `SELECT coalesce(max(recorded_at)::text, '') || '/' || count(*) AS stamp FROM ${this.table(manager)}`,
    )) as Array<{ stamp: string }>;
    const cached = this.cache.get(date);
    if (cached?.stamp === stamp) return cached.snapshot;
    const snapshot = await this.build(manager, date);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(date, { stamp, snapshot });
    return snapshot;
  }

  private async build(manager: EntityManager, date: string): Promise<ReferenceSnapshot> {
    const rows = await this.rowsAsOf(manager, date);
    const of = <T>(dataset: Dataset) =>
      new Map(rows.filter((r) => r.dataset === dataset).map((r) => [r.key, r.value as T]));
    return {
      date,
      countries: of('country'),
      thematicAreas: new Map(
        [...of<{ gcmObjectives: number[] }>('thematic-area')].map(([k, v]) => [Number(k), new Set(v.gcmObjectives)]),
      ),
      organisations: of('un-organisation'),
      focusAreas: of('focus-area'),
      beneficiaries: of('fund1035-beneficiary'),
      article4: of('article4'),
      line2: of('fund1035-line2'),
      sources: sourcesInForce(of<RecordedSource>('list-source').values()),
      callRounds: [...of<{ opensOn: string; closesOn: string }>('call-round')].map(([code, v]) => ({ code, ...v })),
      budgetCategories: byList(of<BudgetCategory>('budget-category')),
      parameters: Object.fromEntries([...of<{ value: number }>('fund-parameter')].map(([k, v]) => [k, v.value])),
    };
  }

  async record(
    manager: EntityManager,
    entry: { dataset: Dataset; key: string; effectiveFrom: string; value: object | null },
    actor: Actor,
  ): Promise<void> {
    const table = this.table(manager);
    const inserted = (await manager.query(
      `INSERT INTO ${table} (dataset, key, effective_from, value, recorded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING key`,
      [entry.dataset, entry.key, entry.effectiveFrom, JSON.stringify(entry.value), `${actor.userId} (${actor.role})`],
    )) as unknown[];
    if (inserted.length === 0) {
      throw new DomainError(
        'REFERENCE_DATA.VERSION_EXISTS',
        `${entry.dataset}/${entry.key} already has a version effective ${entry.effectiveFrom}; versions are never ` +
          'changed: record the correction with a later effective date',
        'conflict',
        [],
        { dataset: entry.dataset, key: entry.key, effectiveFrom: entry.effectiveFrom },
      );
    }
    await appendToOutbox(manager, [
      envelopeFor<ReferenceDataRecordedV1>({
        type: REFERENCE_DATA_RECORDED_V1,
        aggregateId: `${entry.dataset}/${entry.key}`,
        actor,
        correlationId: `reference-data-${entry.dataset}-${entry.key}-${entry.effectiveFrom}`,
        occurredAt: this.clock.now(),
        payload: {
          dataset: entry.dataset,
          key: entry.key,
          effectiveFrom: entry.effectiveFrom,
          ...(entry.value ? { value: entry.value as Record<string, unknown> } : {}),
        },
      }),
    ]);
  }

  /**
   * Replaces a whole list from its published file, in force from `effectiveFrom`: keys added or changed get a new
   * version, keys absent from the file are retired, and the file's source is recorded beside them; each version is
   * published like a PUT. A dry run answers the same difference and writes nothing.
   */
  async importList(
    manager: EntityManager,
    request: { dataset: Dataset; csv: string; effectiveFrom: string; source: string; dryRun: boolean },
    actor: Actor,
  ) {
    const countries = await this.rowsAsOf(manager, request.effectiveFrom, 'country');
    const next = readList(request.dataset, request.csv, new Set(countries.map((c) => c.key)));
    const current = await this.rowsAsOf(manager, request.effectiveFrom, request.dataset);
    const diff = diffLists(new Map(current.map((r) => [r.key, r.value])), next);
    const answer = { dataset: request.dataset, effectiveFrom: request.effectiveFrom, dryRun: request.dryRun, ...diff };
    if (request.dryRun) return answer;
    const versions: Array<[string, object | null]> = [
      ...diff.added.map((a): [string, object] => [a.key, a.value]),
      ...diff.changed.map((c): [string, object] => [c.key, c.to]),
      ...diff.removed.map((r): [string, null] => [r.key, null]),
    ];
    for (const [key, value] of versions) {
      await this.record(manager, { dataset: request.dataset, key, effectiveFrom: request.effectiveFrom, value }, actor);
    }
    const source: RecordedSource = {
      dataset: request.dataset,
      effectiveFrom: request.effectiveFrom,
      source: request.source,
      published: next.size,
      loaded: next.size,
      complete: true,
      note: null,
    };
    await this.record(
      manager,
      {
        dataset: 'list-source',
        key: `${request.dataset}.${request.effectiveFrom}`,
        effectiveFrom: request.effectiveFrom,
        value: source,
      },
      actor,
    );
    return answer;
  }

  private table(manager: EntityManager): string {
    return manager.connection
      .getMetadata(ReferenceVersionRecord)
      .tablePath.split('.')
      .map((p) => `"${p}"`)
      .join('.');
  }
}
