import { jsonEvent, type EventData } from '@eventstore/db-client';

const ATTENDEES = Array.from({ length: 512 }, (_, index) => `member-${String(index).padStart(4, '0')}`);

/**
 * A cooperation-tracker-like event of about 190 bytes of JSON. Built fresh per call, as an application would, so the
 * client-side cost (event id, JSON serialisation) is part of what the client process spends.
 */
export function meetingHeld(sequence: number): EventData {
  return jsonEvent({
    type: 'MeetingHeld',
    data: {
      cooperationId: `coop-${String(sequence % 9973).padStart(5, '0')}`,
      occurredOn: new Date(Date.UTC(2024, 0, 1) + sequence * 60_000).toISOString(),
      attendees: [ATTENDEES[sequence % 512], ATTENDEES[(sequence * 7 + 3) % 512]],
      summary: 'Quarterly review of the joint purchasing agreement',
      sequence,
    },
  });
}

export function meetingsHeld(firstSequence: number, count: number): EventData[] {
  return Array.from({ length: count }, (_, index) => meetingHeld(firstSequence + index));
}

export function jsonBytesOf(event: EventData): number {
  return Buffer.byteLength(JSON.stringify(event.data));
}
