import { formatHistoricalDate, parseHistoricalDate } from '@app/domain';
import { ERASED_PERSON_NAME, erasePersonalFields } from '@app/personal-data';
import { recordedAtMs, type ProjectedEvent } from '../events/projected-event';
import { dateKeyOf, sortKeyOf } from './date-key';
import { associationsOf, scopesOf } from './entry-scopes';
import type { EntryCorrection, HistoryChange, HistoryEntry, Provenance } from './history-entry';
import type { CooperationReference, ReferenceData } from './reference-data';

/** What the reducer carries from one batch to the next; projections store it with their rows. */
export interface HistoryCursor {
  /**
   * The recording clock: the latest `recordedAt` seen so far in `$all` order. Clocks of writers can disagree a little;
   * taking the running maximum makes "known at T" a prefix of `$all` (every event up to the last one recorded by T),
   * so a `knownAt` answer is exactly a projection of the events we had by then.
   */
  clockMs: number;
  nextSequence: number;
}

export const EMPTY_CURSOR: HistoryCursor = { clockMs: 0, nextSequence: 0 };

const FACT_TYPES = new Set(['ContactEstablished', 'MeetingHeld', 'FairAttended', 'MembershipCrossLinked', 'DelegationVisited', 'OpportunityIdentified']);
const COOPERATION_STREAM = 'cooperation-';
const PERSON_STREAM = 'person-';

function streamIdOf(event: ProjectedEvent, prefix: string): string | undefined {
  return event.streamId.startsWith(prefix) ? event.streamId.slice(prefix.length) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns `$all`, event by event, into the versioned history of entries that timelines, status and graph are made of.
 * Pure apart from the reference data and cursor it owns: the same events in the same order give the same entries,
 * which is what lets a projection be rebuilt, and a `knownAt` cut be compared with a fresh projection of a prefix.
 */
export class HistoryReducer {
  constructor(
    readonly refs: ReferenceData,
    public cursor: HistoryCursor = { ...EMPTY_CURSOR },
  ) {}

  /** The entry whose current version `apply` needs for this event (corrections and retractions), if any. */
  static entryKeyChangedBy(event: ProjectedEvent): string | undefined {
    if (event.type !== 'FactCorrected' && event.type !== 'EntryRetracted') return undefined;
    const cooperationId = streamIdOf(event, COOPERATION_STREAM);
    const entryId = str(event.data.entryId);
    return cooperationId === undefined || entryId === undefined ? undefined : factKey(cooperationId, entryId);
  }

  /** The person an event erases (PersonErased), if any: read models rewrite what they hold of that person. */
  static personErasedBy(event: ProjectedEvent): string | undefined {
    return event.type === 'PersonErased' ? str(event.data.personId) : undefined;
  }

  /**
   * Applies one event. Registrations update the references and return undefined; facts return the entry version
   * they create. `current` must be the current version of `entryKeyChangedBy(event)` when there is one.
   */
  apply(event: ProjectedEvent, current?: HistoryEntry): HistoryChange | undefined {
    this.cursor = { ...this.cursor, clockMs: Math.max(this.cursor.clockMs, recordedAtMs(event)) };
    const data = event.data;
    switch (event.type) {
      case 'RegionRegistered':
        this.refs.set('region', String(data.regionId), { name: String(data.name), kind: String(data.kind), parentRegionId: str(data.parentRegionId) });
        return undefined;
      case 'OrganisationRegistered':
        this.refs.set('organisation', String(data.organisationId), { name: String(data.name), kind: String(data.kind), regionId: str(data.regionId) });
        return undefined;
      case 'OrganisationRenamed': {
        const known = this.refs.get('organisation', String(data.organisationId));
        if (known) this.refs.set('organisation', String(data.organisationId), { ...known, name: String(data.name) });
        return undefined;
      }
      case 'PersonRegistered':
        this.refs.set('person', String(data.personId), data.erased === true ? { name: ERASED_PERSON_NAME, erased: true } : { name: String(data.name) });
        return undefined;
      case 'PersonErased':
        // From here on entries show the person as erased (see placed); what was projected before, each read model
        // rewrites (HistoryReducer.personErasedBy).
        this.refs.set('person', String(data.personId), { name: ERASED_PERSON_NAME, erased: true });
        return undefined;
      case 'FairRegistered':
        this.refs.set('fair', String(data.fairId), { name: String(data.name), regionId: String(data.regionId) });
        return undefined;
      case 'CooperationOpened':
        return this.cooperationOpened(event);
      case 'CooperationStageChanged':
        return this.stageChanged(event);
      case 'RoleAssumed':
      case 'RoleEnded':
        return this.roleChanged(event);
      case 'FactCorrected':
        return current ? this.corrected(event, current) : undefined;
      case 'EntryRetracted':
        return current ? this.retracted(event, current) : undefined;
      default:
        return FACT_TYPES.has(event.type) ? this.factRecorded(event) : undefined;
    }
  }

  private cooperationOpened(event: ProjectedEvent): HistoryChange {
    const data = event.data;
    const cooperationId = String(data.cooperationId);
    const partner = data.partner as CooperationReference['partner'];
    this.refs.set('cooperation', cooperationId, { ourOrganisationId: String(data.ourOrganisationId), partner: { kind: partner.kind, id: partner.id }, openedOn: String(data.openedOn) });
    return { entry: this.newEntry(event, `cooperation/${cooperationId}/opened`, cooperationId, String(data.openedOn)) };
  }

  private stageChanged(event: ProjectedEvent): HistoryChange | undefined {
    const cooperationId = streamIdOf(event, COOPERATION_STREAM);
    if (cooperationId === undefined) return undefined;
    return { entry: this.newEntry(event, `cooperation/${cooperationId}/stage/${event.revision}`, cooperationId, String(event.data.occurredOn)) };
  }

  private roleChanged(event: ProjectedEvent): HistoryChange | undefined {
    const personId = streamIdOf(event, PERSON_STREAM) ?? str(event.data.personId);
    if (personId === undefined) return undefined;
    const date = event.type === 'RoleAssumed' ? event.data.from : event.data.until;
    const kind = event.type === 'RoleAssumed' ? 'role' : 'role-ended';
    return { entry: this.newEntry(event, `person/${personId}/${kind}/${event.revision}`, undefined, String(date)) };
  }

  private factRecorded(event: ProjectedEvent): HistoryChange | undefined {
    const cooperationId = streamIdOf(event, COOPERATION_STREAM);
    const entryId = str(event.data.entryId);
    if (cooperationId === undefined || entryId === undefined) return undefined;
    const occurredOn = event.type === 'MembershipCrossLinked' ? event.data.since : event.data.occurredOn;
    return { entry: this.newEntry(event, factKey(cooperationId, entryId), cooperationId, String(occurredOn)) };
  }

  private corrected(event: ProjectedEvent, current: HistoryEntry): HistoryChange | undefined {
    if (current.eventId === event.eventId || current.state === 'retracted') return undefined;
    const corrections = (event.data.corrections ?? {}) as Record<string, unknown>;
    const changes: EntryCorrection['changes'] = {};
    for (const [field, to] of Object.entries(corrections)) changes[field] = { from: current.data[field] ?? null, to };
    const data = { ...current.data, ...corrections };
    const occurredOn = String(current.type === 'MembershipCrossLinked' ? data.since : data.occurredOn);
    const correction: EntryCorrection = { changes, reason: String(event.data.reason ?? ''), provenance: provenanceOf(event) };
    const next = this.placed({
      ...current,
      version: current.version + 1,
      data,
      occurredOn: normalisedDate(occurredOn),
      state: 'corrected',
      corrections: [...current.corrections, correction],
      knownFromMs: this.cursor.clockMs,
      eventId: event.eventId,
    });
    return { entry: next, previous: current };
  }

  private retracted(event: ProjectedEvent, current: HistoryEntry): HistoryChange | undefined {
    if (current.eventId === event.eventId || current.state === 'retracted') return undefined;
    const next: HistoryEntry = {
      ...current,
      version: current.version + 1,
      state: 'retracted',
      retraction: { reason: String(event.data.reason ?? ''), provenance: provenanceOf(event) },
      knownFromMs: this.cursor.clockMs,
      eventId: event.eventId,
    };
    return { entry: next, previous: current };
  }

  private newEntry(event: ProjectedEvent, key: string, cooperationId: string | undefined, occurredOn: string): HistoryEntry {
    const sequence = this.cursor.nextSequence;
    this.cursor = { ...this.cursor, nextSequence: sequence + 1 };
    return this.placed({
      key,
      sequence,
      version: 0,
      type: event.type,
      ...(cooperationId === undefined ? {} : { cooperationId }),
      occurredOn: normalisedDate(occurredOn),
      dateKey: 0,
      sortKey: 0,
      data: event.data,
      state: 'recorded',
      recorded: provenanceOf(event),
      corrections: [],
      knownFromMs: this.cursor.clockMs,
      eventId: event.eventId,
      scopes: [],
      levels: 0,
    });
  }

  /**
   * Date order and the timelines it appears on, from the entry's data as it now stands; the records of erased people
   * in it shown as erased (an event may still carry a name revealed before the erasure, or in plaintext from before
   * fields were sealed).
   */
  private placed(entry: HistoryEntry): HistoryEntry {
    const dateKey = dateKeyOf(parseHistoricalDate(entry.occurredOn, 'occurredOn'));
    const cooperation = this.refs.get('cooperation', entry.cooperationId);
    const associations = associationsOf(entry.type, entry.data, cooperation, this.refs);
    const placed = { ...entry, dateKey, sortKey: sortKeyOf(dateKey, entry.sequence), scopes: scopesOf(associations, entry.cooperationId, this.refs), levels: associations.levels };
    if (!this.refs.anyoneErased) return placed;
    const isErased = (personId: string) => this.refs.isErased(personId);
    return { ...placed, data: erasePersonalFields(placed.data, isErased), corrections: erasePersonalFields(placed.corrections, isErased) };
  }
}

export function factKey(cooperationId: string, entryId: string): string {
  return `cooperation/${cooperationId}/${entryId}`;
}

function normalisedDate(text: string): string {
  return formatHistoricalDate(parseHistoricalDate(text, 'occurredOn'));
}

function provenanceOf(event: ProjectedEvent): Provenance {
  const metadata = event.metadata;
  return {
    eventId: event.eventId,
    position: event.position.commit.toString(),
    recordedAt: new Date(recordedAtMs(event)).toISOString(),
    ...(metadata
      ? {
          actor: { id: metadata.actor.id, role: metadata.actor.role },
          correlationId: metadata.correlationId,
          ...(metadata.source ? { source: { ...metadata.source } } : {}),
          ...(metadata.reason ? { reason: metadata.reason } : {}),
        }
      : {}),
  };
}
