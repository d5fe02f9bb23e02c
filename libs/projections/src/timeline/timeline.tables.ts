/** The timeline projection's tables, by their live names. */
export const TIMELINE_REFS = 'timeline_refs';
/** One row per version of an entry: the entry as JSON, and when that version was what we knew (`known_from`/`known_to`, ms). */
export const TIMELINE_ENTRIES = 'timeline_entries';
/** One row per (timeline, entry version): what a timeline page is read from, in date order. */
export const TIMELINE_SCOPES = 'timeline_scopes';

export const TIMELINE_TABLES = [TIMELINE_REFS, TIMELINE_ENTRIES, TIMELINE_SCOPES] as const;

export interface TimelineEntryRow {
  entry_key: string;
  version: number;
  sequence: number;
  sort_key: number;
  type: string;
  cooperation_id: string | null;
  state: string;
  known_from: number;
  known_to: number | null;
  entry: string;
}

export interface TimelineScopeRow {
  scope: string;
  sort_key: number;
  entry_key: string;
  version: number;
  type: string;
  levels: number;
  /** The version's known_from, repeated here so a knownAt page skips later versions inside the index. */
  known_from: number;
}
