/** Who wrote a fact or its correction down, when, on what authority: what auditors trace. */
export interface Provenance {
  eventId: string;
  /** Commit position in `$all`, as decimal text. */
  position: string;
  recordedAt: string;
  actor?: { id: string; role: string };
  correlationId?: string;
  source?: Record<string, unknown>;
  reason?: string;
}

export interface EntryCorrection {
  /** Each corrected field with the value it had and the value it was corrected to. */
  changes: Record<string, { from: unknown; to: unknown }>;
  reason: string;
  provenance: Provenance;
}

export type EntryState = 'recorded' | 'corrected' | 'retracted';

/**
 * One entry of the history, in one version: a fact as it stood after the event that produced this version. Version 0
 * is the fact as first recorded; each correction or retraction adds a version and closes the previous one. Plain
 * JSON: stored as is by the timeline, and folded by status and graph.
 */
export interface HistoryEntry {
  /** `cooperation/<cooperationId>/<entryId>`, `cooperation/<id>/opened`, `cooperation/<id>/stage/<revision>`, `person/<id>/role/<eventId>`. */
  key: string;
  /** Recording order of the entry (its first version), unique, from 0. */
  sequence: number;
  version: number;
  /** The event type of the fact: MeetingHeld, FairAttended, CooperationOpened, CooperationStageChanged, RoleAssumed... */
  type: string;
  cooperationId?: string;
  /** As recorded, with its precision: "2010", "2017-03", "2017-10-12". */
  occurredOn: string;
  dateKey: number;
  sortKey: number;
  /** The fact's fields as they now stand, corrections applied. */
  data: Record<string, unknown>;
  state: EntryState;
  recorded: Provenance;
  corrections: EntryCorrection[];
  retraction?: { reason: string; provenance: Provenance };
  /** Recording clock (ms) from which this version is what we knew; see HistoryReducer. */
  knownFromMs: number;
  /** The event that produced this version: a redelivered event is recognised by it. */
  eventId: string;
  /** Every timeline this version appears on: `all`, `cooperation:<id>`, `region:<id>`, `organisation:<id>`, `person:<id>`. */
  scopes: string[];
  /** Bit set of the participation levels of its participants (PARTICIPATION_LEVEL_BITS). */
  levels: number;
}

/** What one event did to the history: a new version of an entry, and the version it replaced. */
export interface HistoryChange {
  entry: HistoryEntry;
  previous?: HistoryEntry;
}
