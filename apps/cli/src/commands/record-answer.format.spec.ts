import { formatRecordAnswer } from './record-answer.format';
import { FACT_KINDS } from './record-facts';

const kind = (name: string) => FACT_KINDS.find((candidate) => candidate.name === name)!;

describe('formatRecordAnswer', () => {
  it('names the cooperation, the entry, the new version and the position of a recorded fact', () => {
    const answer = { id: 'logistics-network--tatarstan', version: 6, eventIds: ['e'], position: { commit: '19523', prepare: '19523' }, entryId: 'kazan-minister-meeting' };
    expect(formatRecordAnswer(kind('meeting'), answer, false)).toBe('meeting recorded: cooperation logistics-network--tatarstan, entry kazan-minister-meeting, version 6, position 19523\n');
  });

  it('names a new entity by its id', () => {
    expect(formatRecordAnswer(kind('region'), { id: 'kazan', version: 1, eventIds: ['e'], position: { commit: '10', prepare: '10' } }, false)).toBe('region recorded: kazan, version 1, position 10\n');
  });

  it('says when the answer is a replay of an earlier request with the same idempotency key', () => {
    expect(formatRecordAnswer(kind('region'), { id: 'kazan', version: 1, eventIds: ['e'] }, true)).toBe(
      'region recorded: kazan, version 1\n(answered from an earlier request with the same idempotency key: nothing new was recorded)\n',
    );
  });
});
