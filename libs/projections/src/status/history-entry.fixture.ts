import { dateKeyOfText, sortKeyOf } from '../history/date-key';
import type { HistoryEntry } from '../history/history-entry';

let nextSequence = 0;

/** A history entry for unit specs: a fact of cooperation `c1`, recorded next, with the date placed as the reducer would. */
export function historyEntry(fields: Partial<HistoryEntry> & { type: string }): HistoryEntry {
  const sequence = fields.sequence ?? nextSequence++;
  const occurredOn = fields.occurredOn ?? '2017-03';
  const dateKey = dateKeyOfText(occurredOn);
  const cooperationId = 'cooperationId' in fields ? fields.cooperationId : 'c1';
  return {
    key: `cooperation/${cooperationId}/entry-${sequence}`,
    version: 0,
    data: {},
    state: 'recorded',
    recorded: { eventId: `event-${sequence}`, position: String(sequence), recordedAt: '2024-01-01T00:00:00.000Z' },
    corrections: [],
    knownFromMs: 0,
    eventId: `event-${sequence}`,
    scopes: [],
    levels: 0,
    ...fields,
    ...(cooperationId === undefined ? {} : { cooperationId }),
    sequence,
    occurredOn,
    dateKey,
    sortKey: sortKeyOf(dateKey, sequence),
  };
}
