import { parseHistoricalDate, precisionOf } from '@app/domain';
import type { ReferenceNames, TimelineItem } from '@app/projections';

let sequence = 0;

/** For the specs: a timeline item as the timeline queries give it, with only what a test is about set. */
export function timelineItem(type: string, occurredOn: string, data: Record<string, unknown> = {}, overrides: Partial<TimelineItem> = {}): TimelineItem {
  sequence += 1;
  return {
    entryKey: `cooperation/c/${type}-${sequence}`,
    type,
    occurredOn,
    precision: precisionOf(parseHistoricalDate(occurredOn)),
    state: 'recorded',
    version: 0,
    data,
    recorded: { eventId: `event-${sequence}`, position: String(sequence), recordedAt: '2026-11-30T10:00:00.000Z' },
    corrections: [],
    ...overrides,
  };
}

export const NO_NAMES: ReferenceNames = { region: {}, organisation: {}, person: {}, fair: {} };
