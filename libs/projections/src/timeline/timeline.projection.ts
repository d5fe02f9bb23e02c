import type { ProjectedEvent } from '../events/projected-event';
import type { Projection, ProjectionDb, ProjectionDefinition, ReadModelKind } from '../engine/projection';
import { eraseFromJsonRows } from '../engine/erased-person-rows';
import { createReferenceTable, insertInChunks, loadReferences, saveReferences } from '../engine/reference-rows';
import type { HistoryEntry } from '../history/history-entry';
import { HistoryReducer } from '../history/history-reducer';
import { ReferenceData } from '../history/reference-data';
import { TIMELINE_ENTRIES, TIMELINE_REFS, TIMELINE_SCOPES, TIMELINE_TABLES, type TimelineEntryRow, type TimelineScopeRow } from './timeline.tables';

export const TIMELINE_PROJECTION = 'timeline';

/**
 * Timelines: every version of every entry, placed on each timeline it belongs to (global, cooperation, region with
 * the regions it lies in, organisation, person). Versions are never overwritten: a correction closes the version it
 * replaces (`known_to`) and adds the next, so any `knownAt` cut can be read back from the rows.
 */
export class TimelineProjection implements Projection {
  readonly name = TIMELINE_PROJECTION;
  readonly schemaVersion = 1;
  readonly tables = TIMELINE_TABLES;
  private readonly refs = new ReferenceData();
  private reducer = new HistoryReducer(this.refs);

  async createTables(db: ProjectionDb, indexSuffix: string, kind: ReadModelKind): Promise<void> {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await createReferenceTable(db, TIMELINE_REFS, indexSuffix);
    await db.schema
      .createTable(TIMELINE_ENTRIES)
      .addColumn('entry_key', 'text', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('sequence', bigint, (column) => column.notNull())
      .addColumn('sort_key', bigint, (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('cooperation_id', 'text')
      .addColumn('state', 'text', (column) => column.notNull())
      .addColumn('known_from', bigint, (column) => column.notNull())
      .addColumn('known_to', bigint)
      .addColumn('entry', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(`${TIMELINE_ENTRIES}_pk_${indexSuffix}`, ['entry_key', 'version'])
      .execute();
    await db.schema
      .createTable(TIMELINE_SCOPES)
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('sort_key', bigint, (column) => column.notNull())
      .addColumn('entry_key', 'text', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('levels', 'integer', (column) => column.notNull())
      .addColumn('known_from', bigint, (column) => column.notNull())
      .execute();
  }

  async createQueryIndexes(db: ProjectionDb, indexSuffix: string): Promise<void> {
    // Covering: a page of a timeline, with its filters on type, level and (for knownAt) when the version became known,
    // is read from this index alone; only rows that pass them are joined to their entry.
    await db.schema
      .createIndex(`timeline_scopes_by_scope_${indexSuffix}`)
      .on(TIMELINE_SCOPES)
      .columns(['scope', 'sort_key', 'type', 'levels', 'known_from', 'entry_key', 'version'])
      .execute();
    await db.schema.createIndex(`timeline_entries_by_known_${indexSuffix}`).on(TIMELINE_ENTRIES).columns(['known_to', 'sort_key']).execute();
  }

  async load(db: ProjectionDb): Promise<void> {
    const cursor = await loadReferences(db, TIMELINE_REFS, this.refs);
    this.reducer = new HistoryReducer(this.refs, cursor);
  }

  reset(): void {
    this.refs.clear();
    this.reducer = new HistoryReducer(this.refs);
  }

  async apply(events: readonly ProjectedEvent[], trx: ProjectionDb): Promise<void> {
    const current = new Map<string, HistoryEntry>();
    const pending = new Map<string, TimelineEntryRow>();
    const closed: { key: string; version: number; knownTo: number }[] = [];
    const scopeRows: TimelineScopeRow[] = [];
    const erased = new Set<string>();
    for (const event of events) {
      const erasedPerson = HistoryReducer.personErasedBy(event);
      if (erasedPerson !== undefined) erased.add(erasedPerson);
      const key = HistoryReducer.entryKeyChangedBy(event);
      const before = key === undefined ? undefined : (current.get(key) ?? (await currentVersion(trx, key)));
      const change = this.reducer.apply(event, before);
      if (!change) continue;
      const { entry, previous } = change;
      current.set(entry.key, entry);
      if (previous) {
        const pendingPrevious = pending.get(`${previous.key}\u0000${previous.version}`);
        if (pendingPrevious) pendingPrevious.known_to = entry.knownFromMs;
        else closed.push({ key: previous.key, version: previous.version, knownTo: entry.knownFromMs });
      }
      pending.set(`${entry.key}\u0000${entry.version}`, entryRow(entry));
      for (const scope of entry.scopes) {
        scopeRows.push({ scope, sort_key: entry.sortKey, entry_key: entry.key, version: entry.version, type: entry.type, levels: entry.levels, known_from: entry.knownFromMs });
      }
    }
    for (const close of closed) {
      await trx.updateTable(TIMELINE_ENTRIES).set({ known_to: close.knownTo }).where('entry_key', '=', close.key).where('version', '=', close.version).execute();
    }
    await insertInChunks(trx, TIMELINE_ENTRIES, [...pending.values()] as unknown as Record<string, unknown>[]);
    await insertInChunks(trx, TIMELINE_SCOPES, scopeRows as unknown as Record<string, unknown>[]);
    // After the batch's own rows are in: they may hold what the batch revealed before the erasure.
    for (const personId of erased) await eraseFromEntries(trx, personId);
    await saveReferences(trx, TIMELINE_REFS, this.refs.takeChanges(), this.reducer.cursor);
  }
}

/**
 * Shows the person as erased in every stored version of every entry that holds their record (a participant, in the
 * data or in a correction's before and after): `knownAt` and `asOf` cuts read these rows, so no cut shows the name.
 */
function eraseFromEntries(trx: ProjectionDb, personId: string): Promise<void> {
  return eraseFromJsonRows(trx, TIMELINE_ENTRIES, 'entry', ['entry_key', 'version'], personId, (entry, erase) => ({ ...entry, data: erase(entry.data), corrections: erase(entry.corrections) }));
}

async function currentVersion(db: ProjectionDb, key: string): Promise<HistoryEntry | undefined> {
  const row = (await db.selectFrom(TIMELINE_ENTRIES).select('entry').where('entry_key', '=', key).where('known_to', 'is', null).executeTakeFirst()) as { entry: string } | undefined;
  return row ? (JSON.parse(row.entry) as HistoryEntry) : undefined;
}

function entryRow(entry: HistoryEntry): TimelineEntryRow {
  return {
    entry_key: entry.key,
    version: entry.version,
    sequence: entry.sequence,
    sort_key: entry.sortKey,
    type: entry.type,
    cooperation_id: entry.cooperationId ?? null,
    state: entry.state,
    known_from: entry.knownFromMs,
    known_to: null,
    entry: JSON.stringify(entry),
  };
}

export const timelineProjection: ProjectionDefinition = {
  name: TIMELINE_PROJECTION,
  schemaVersion: 1,
  create: () => new TimelineProjection(),
};
