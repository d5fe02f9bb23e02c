/** What every command answers: the entity, its new version, the appended events, and where the last one sits. */
export interface CommandAnswer {
  id: string;
  version: number;
  eventIds: string[];
  position?: { commit: string; prepare: string };
  entryId?: string;
}

/**
 * `meeting recorded: cooperation logistics-network--tatarstan, entry kazan-minister-meeting, version 6, position 19523`
 * — the version to pass to --if-match next time, the position to pass to --min-position of a query.
 */
export function formatRecordAnswer(kind: { name: string; target: { name: string }; targetIsId: boolean }, answer: CommandAnswer, replayed: boolean): string {
  const subject = kind.targetIsId ? answer.id : `${kind.target.name} ${answer.id}`;
  const details = [subject, ...(answer.entryId ? [`entry ${answer.entryId}`] : []), `version ${answer.version}`, ...(answer.position ? [`position ${answer.position.commit}`] : [])];
  const retry = replayed ? '\n(answered from an earlier request with the same idempotency key: nothing new was recorded)' : '';
  return `${kind.name} recorded: ${details.join(', ')}${retry}\n`;
}
