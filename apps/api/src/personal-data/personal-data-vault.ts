import { peopleToSeal, revealPersonalFields, sealingPeopleIn, sealPersonalFields, type PersonalDataKeys, type PersonKeyState } from '@app/personal-data';
import type { DomainEventShape } from '@app/event-store';
import { Problem } from '../problems/problem';
import type { PersonalDataCodec } from '../commands/aggregate-repository';

/**
 * The write side's use of the personal-data keys: seals the personal fields of events just before they are appended
 * (keys made for new people), reveals them in events read back, and destroys a key when its person is erased. The
 * domain never sees a sealed field: it decides on plaintext, and the repositories seal and reveal around it.
 */
export class PersonalDataVault implements PersonalDataCodec {
  private readonly erasureListeners: (() => void)[] = [];

  constructor(private readonly keys: PersonalDataKeys) {}

  /**
   * The events with every person's record sealed. A record of an erased person (a participant linked by `personId`
   * to someone erased) is refused, 422 naming the field: no new key is ever made for an erased person.
   */
  async seal<E extends DomainEventShape>(events: E[]): Promise<E[]> {
    const named = new Map<string, string>();
    for (const event of events) for (const [personId, field] of peopleToSeal(event.data)) if (!named.has(personId)) named.set(personId, field);
    if (named.size === 0) return events;
    const keys = await this.keys.keysForSealing(named.keys());
    for (const [personId, field] of named) {
      if (keys.get(personId) === 'erased') {
        throw new Problem(422, 'ERASED_REFERENCE', `${field} names person '${personId}', who was erased; record the participant without a personId`, field);
      }
    }
    return events.map((event) => ({ ...event, data: sealPersonalFields(event.data, (personId) => keys.get(personId) as Buffer) }));
  }

  /** The events with sealed fields opened, or shown as erased where the person's key is gone. */
  async reveal<E extends { data: unknown }>(events: E[]): Promise<E[]> {
    const people = new Set<string>();
    for (const event of events) for (const personId of sealingPeopleIn(event.data)) people.add(personId);
    if (people.size === 0) return events;
    const keys = await this.keys.keysOf(people);
    return events.map((event) => {
      const data = revealPersonalFields(event.data, (personId) => keyOrErased(keys.get(personId), personId));
      return data === event.data ? event : { ...event, data };
    });
  }

  /** Destroys the person's key; whatever this process holds revealed in memory is forgotten with it. */
  async destroyKey(personId: string): Promise<void> {
    await this.keys.destroy(personId);
    for (const listener of this.erasureListeners) listener();
  }

  onErasure(listener: () => void): void {
    this.erasureListeners.push(listener);
  }
}

function keyOrErased(key: PersonKeyState | undefined, personId: string): Buffer | undefined {
  if (key === undefined) throw new Error(`no data key for person ${personId} in personal_data_keys: the key table is not the one these events were sealed with`);
  return key === 'erased' ? undefined : key;
}
