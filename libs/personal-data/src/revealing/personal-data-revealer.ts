import { revealPersonalFields, sealingPeopleIn } from '../fields/personal-fields';
import type { PersonalDataKeys, PersonKeyState } from '../keys/personal-data-key-store';

/** What the revealer needs of an event: its type and JSON payload (a projected event, a stored one). */
export interface EventWithData {
  type: string;
  data: Record<string, unknown>;
}

const PERSON_ERASED = 'PersonErased';
const DEFAULT_CACHE_SIZE = 10_000;

/**
 * Reveals the personal fields of events read from the log, a batch at a time: the keys a batch needs are read in one
 * query and kept (a bounded cache; a destroyed key stays known as such). A person's fields in events after their
 * `PersonErased` are shown as erased even while their key still exists (the API destroys it just after appending
 * the event), so a reader never shows what the log says was erased. Fields that do not authenticate fail the batch
 * (PersonalDataUnreadableError), as does sealed data whose key the store has never held (a lost or wrong key table):
 * showing those people as erased would quietly write that into the read models.
 */
export class PersonalDataRevealer {
  private readonly cache = new Map<string, PersonKeyState>();

  constructor(
    private readonly keys: Pick<PersonalDataKeys, 'keysOf'>,
    private readonly cacheSize = DEFAULT_CACHE_SIZE,
  ) {}

  async reveal<E extends EventWithData>(events: readonly E[]): Promise<E[]> {
    const batch = await this.keysFor(events);
    return events.map((event) => {
      const data = revealPersonalFields(event.data, (personId) => {
        const key = batch.get(personId);
        if (key === undefined) throw new Error(`no data key for person ${personId} in personal_data_keys: restore the key table, it is not the one these events were sealed with`);
        return key === 'erased' ? undefined : key;
      });
      if (event.type === PERSON_ERASED && typeof event.data.personId === 'string') {
        batch.set(event.data.personId, 'erased');
        this.remember(event.data.personId, 'erased');
      }
      return data === event.data ? event : { ...event, data };
    });
  }

  private async keysFor(events: readonly EventWithData[]): Promise<Map<string, PersonKeyState>> {
    const batch = new Map<string, PersonKeyState>();
    const missing: string[] = [];
    for (const event of events) {
      for (const personId of sealingPeopleIn(event.data)) {
        if (batch.has(personId)) continue;
        const cached = this.cache.get(personId);
        if (cached === undefined) missing.push(personId);
        else batch.set(personId, cached);
      }
    }
    if (missing.length > 0) {
      const found = await this.keys.keysOf(missing);
      for (const [personId, key] of found) {
        batch.set(personId, key);
        this.remember(personId, key);
      }
    }
    return batch;
  }

  private remember(personId: string, key: PersonKeyState): void {
    this.cache.delete(personId);
    this.cache.set(personId, key);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }
}
