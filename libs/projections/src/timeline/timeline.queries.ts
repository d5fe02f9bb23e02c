import { precisionOf, parseHistoricalDate, type DatePrecision } from '@app/domain';
import type { ProjectionDb } from '../engine/projection';
import { referenceNamesIn } from '../engine/reference-names';
import { firstSortKeyOn } from '../history/date-key';
import type { EntryCorrection, EntryState, HistoryEntry, Provenance } from '../history/history-entry';
import { TIMELINE_ENTRIES, TIMELINE_REFS, TIMELINE_SCOPES } from './timeline.tables';
import { sortKeyLimitOf, whereVisible, type HistoryCut } from './visible-entries';

export interface TimelineFilter {
  /** Event types to keep: MeetingHeld, FairAttended... */
  types?: readonly string[];
  /** Entries dated from this date key on (the first day a date allows). */
  fromDateKey?: number;
  /** Entries dated up to this date key (inclusive; see endDateKeyOf). */
  toDateKey?: number;
  /** Keep entries that also appear on this region's timeline (the region or any region within it). */
  region?: string;
  /** Keep entries that also appear on this organisation's timeline. */
  organisation?: string;
  /** Participation levels (PARTICIPATION_LEVEL_BITS, or-ed): keep entries with a participant at any of them. */
  levels?: number;
  /** Retracted entries are shown, marked as such, unless this is false. */
  includeRetracted?: boolean;
}

export type TimelineOrder = 'asc' | 'desc';

export interface TimelineQuery extends TimelineFilter {
  /** `all`, `cooperation:<id>`, `region:<id>`, `organisation:<id>`, `person:<id>`. */
  scope: string;
  cut?: HistoryCut;
  order?: TimelineOrder;
  /** An opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
}

/** One line of a timeline, as API consumers see it. */
export interface TimelineItem {
  entryKey: string;
  /** The id callers use to correct or retract the entry, for recorded facts. */
  entryId?: string;
  cooperationId?: string;
  type: string;
  occurredOn: string;
  precision: DatePrecision;
  state: EntryState;
  version: number;
  data: Record<string, unknown>;
  recorded: Provenance;
  corrections: EntryCorrection[];
  retraction?: { reason: string; provenance: Provenance };
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A cursor that was not issued by this API, or for the other order. */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
}

export function encodeCursor(order: TimelineOrder, sortKey: number): string {
  return Buffer.from(`${order}:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: TimelineOrder): number {
  const match = /^(asc|desc):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError('cursor is not one this API issued');
  if (match[1] !== order) throw new InvalidCursorError(`cursor belongs to a page in ${match[1]} order, not ${order}`);
  return Number(match[2]);
}

/** The last date key a date admits: "2017" → through 2017-12-31, "2017-03" → through 2017-03-31. */
export function endDateKeyOf(text: string): number {
  const date = parseHistoricalDate(text, 'to');
  if (date.month === undefined) return date.year * 10_000 + 9_999;
  if (date.day === undefined) return date.year * 10_000 + date.month * 100 + 99;
  return date.year * 10_000 + date.month * 100 + date.day;
}

interface PageRow {
  sort_key: number | string;
  entry: string;
}

/**
 * One page of a timeline, in timeline order (by date honouring its precision, then recording order), read from the
 * covering index on (scope, sort_key, type, levels) and the versions visible at the cut. Keyset pagination: a page
 * costs the same at the start and deep inside a history of millions of entries.
 */
export async function readTimeline(db: ProjectionDb, query: TimelineQuery): Promise<TimelinePage> {
  const order = query.order ?? 'asc';
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, order);
  const rows = await timelineRows(db, query, order, after, query.limit + 1);
  const items = rows.slice(0, query.limit).map((row) => toItem(JSON.parse(row.entry) as HistoryEntry));
  const last = rows[query.limit - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(order, Number(last.sort_key)) : null };
}

/** Every item of a timeline, fetched page by page as the consumer reads: exports stream, they do not buffer. */
export async function* streamTimeline(db: ProjectionDb, query: Omit<TimelineQuery, 'limit' | 'cursor'>, pageSize = 500): AsyncGenerator<TimelineItem> {
  const order = query.order ?? 'asc';
  let after: number | undefined;
  for (;;) {
    const rows = await timelineRows(db, query, order, after, pageSize);
    for (const row of rows) yield toItem(JSON.parse(row.entry) as HistoryEntry);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1].sort_key);
  }
}

async function timelineRows(db: ProjectionDb, query: Omit<TimelineQuery, 'limit' | 'cursor'>, order: TimelineOrder, after: number | undefined, limit: number): Promise<PageRow[]> {
  let select = db
    .selectFrom(`${TIMELINE_SCOPES} as s`)
    .innerJoin(`${TIMELINE_ENTRIES} as e`, (join) => join.onRef('e.entry_key', '=', 's.entry_key').onRef('e.version', '=', 's.version'))
    .select(['s.sort_key as sort_key', 'e.entry as entry'])
    .where('s.scope', '=', query.scope);
  const upper = Math.min(
    query.cut?.asOf === undefined ? Number.MAX_SAFE_INTEGER : sortKeyLimitOf(query.cut.asOf),
    query.toDateKey === undefined ? Number.MAX_SAFE_INTEGER : sortKeyLimitOf(query.toDateKey),
  );
  if (upper < Number.MAX_SAFE_INTEGER) select = select.where('s.sort_key', '<', upper);
  if (query.fromDateKey !== undefined) select = select.where('s.sort_key', '>=', firstSortKeyOn(query.fromDateKey));
  if (after !== undefined) select = select.where('s.sort_key', order === 'asc' ? '>' : '<', after);
  if (query.types && query.types.length > 0) select = select.where('s.type', 'in', [...query.types]);
  if (query.levels !== undefined) select = select.where((eb) => eb(eb('s.levels', '&', query.levels!), '!=', 0));
  if (query.includeRetracted === false) select = select.where('e.state', '!=', 'retracted');
  for (const [kind, id] of [
    ['region', query.region],
    ['organisation', query.organisation],
  ] as const) {
    if (id === undefined) continue;
    // The same entry version on the other timeline: found through the same covering index.
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom(`${TIMELINE_SCOPES} as o`)
          .select('o.entry_key')
          .where('o.scope', '=', `${kind}:${id}`)
          .whereRef('o.sort_key', '=', 's.sort_key')
          .whereRef('o.entry_key', '=', 's.entry_key')
          .whereRef('o.version', '=', 's.version'),
      ),
    );
  }
  select = whereVisible(select, query.cut ?? {});
  return (await select.orderBy('s.sort_key', order).limit(limit).execute()) as PageRow[];
}

export function toItem(entry: HistoryEntry): TimelineItem {
  const entryId = typeof entry.data.entryId === 'string' ? entry.data.entryId : undefined;
  return {
    entryKey: entry.key,
    ...(entryId === undefined ? {} : { entryId }),
    ...(entry.cooperationId === undefined ? {} : { cooperationId: entry.cooperationId }),
    type: entry.type,
    occurredOn: entry.occurredOn,
    precision: precisionOf(parseHistoricalDate(entry.occurredOn)),
    state: entry.state,
    version: entry.version,
    data: entry.data,
    recorded: entry.recorded,
    corrections: entry.corrections,
    ...(entry.retraction ? { retraction: entry.retraction } : {}),
  };
}

/** Whether a timeline has any entry at all (in any version): tells an empty timeline from an unknown id. */
export async function scopeExists(db: ProjectionDb, scope: string): Promise<boolean> {
  const row = await db.selectFrom(TIMELINE_SCOPES).select('scope').where('scope', '=', scope).limit(1).executeTakeFirst();
  return row !== undefined;
}

export type ReferenceNames = Record<NamedKind, Record<string, string>>;
type NamedKind = 'region' | 'organisation' | 'person' | 'fair';
const NAMED_KINDS: readonly NamedKind[] = ['region', 'organisation', 'person', 'fair'];

/** The kind a field's name says its id is of: `regionId`, `parentRegionId`; `otherOrganisationId` an organisation. */
const KIND_OF_FIELD: readonly [RegExp, NamedKind][] = [
  [/(^r|R)egionId$/, 'region'],
  [/(^o|O)rganisationId$/, 'organisation'],
  [/(^p|P)ersonId$/, 'person'],
  [/(^f|F)airId$/, 'fair'],
];

/**
 * Display names of what a page's items name, so a client needs no second round trip. Each id is looked up under the
 * kind its field names (a bare `id` under its sibling `kind`, as a cooperation's partner has it; under every kind
 * when there is none), so each read is a range of the (kind, id) primary key: a single `kind IN (…) AND id IN (…)`
 * was planned by PostgreSQL as a scan of every reference (28 ms p99 at 25,000 references).
 */
export async function namesFor(db: ProjectionDb, items: readonly TimelineItem[]): Promise<ReferenceNames> {
  const wanted = new Map<string, { kind: NamedKind; id: string }>();
  const want = (kind: NamedKind, id: string) => wanted.set(`${kind}:${id}`, { kind, id });
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string' && key !== undefined) {
      const kind = KIND_OF_FIELD.find(([pattern]) => pattern.test(key))?.[1];
      if (kind) want(kind, value);
    } else if (Array.isArray(value)) value.forEach((element) => visit(element, key));
    else if (typeof value === 'object' && value !== null) {
      const fields = value as Record<string, unknown>;
      if (typeof fields.id === 'string') {
        const sibling = fields.kind;
        const kinds = NAMED_KINDS.includes(sibling as NamedKind) ? [sibling as NamedKind] : NAMED_KINDS;
        for (const kind of kinds) want(kind, fields.id);
      }
      for (const [field, nested] of Object.entries(fields)) if (field !== 'id') visit(nested, field);
    }
  };
  for (const item of items) visit(item.data);
  const names: ReferenceNames = { region: {}, organisation: {}, person: {}, fair: {} };
  if (wanted.size === 0) return names;
  for (const [key, name] of await referenceNamesIn(db, TIMELINE_REFS, wanted.values())) {
    const separator = key.indexOf(':');
    names[key.slice(0, separator) as NamedKind][key.slice(separator + 1)] = name;
  }
  return names;
}

/** Whether a reference (region, organisation, person, fair, cooperation) is known to the timeline projection. */
export async function referenceExists(db: ProjectionDb, kind: string, id: string): Promise<boolean> {
  const row = await db.selectFrom(TIMELINE_REFS).select('id').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
