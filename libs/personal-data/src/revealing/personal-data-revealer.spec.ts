import { newPersonKey } from '../envelope/sealed-field';
import { ERASED_PERSON_NAME, sealPersonalFields } from '../fields/personal-fields';
import type { PersonKeyState } from '../keys/personal-data-key-store';
import { PersonalDataRevealer } from './personal-data-revealer';

class CountingKeys {
  readonly lookups: string[][] = [];
  constructor(readonly keys: Map<string, PersonKeyState>) {}
  async keysOf(personIds: Iterable<string>): Promise<Map<string, PersonKeyState>> {
    const ids = [...personIds];
    this.lookups.push(ids);
    return new Map(ids.filter((id) => this.keys.has(id)).map((id) => [id, this.keys.get(id)!]));
  }
}

describe('PersonalDataRevealer', () => {
  const anna = newPersonKey();
  const registered = (personId: string, name: string, key: Buffer) => ({ type: 'PersonRegistered', data: sealPersonalFields({ personId, name }, () => key) });

  it('reads the keys of a batch in one lookup and keeps them for the next', async () => {
    const keys = new CountingKeys(new Map([['anna', anna]]));
    const revealer = new PersonalDataRevealer(keys);
    const [first] = await revealer.reveal([registered('anna', 'Anna Schmidt', anna), { type: 'RegionRegistered', data: { regionId: 'kazan', name: 'Kazan' } }]);
    expect(first.data).toEqual({ personId: 'anna', name: 'Anna Schmidt' });
    await revealer.reveal([registered('anna', 'Anna Schmidt', anna)]);
    expect(keys.lookups).toEqual([['anna']]);
  });

  it('shows a person as erased after their PersonErased, even while the key still exists', async () => {
    const revealer = new PersonalDataRevealer(new CountingKeys(new Map([['anna', anna]])));
    const events = await revealer.reveal([registered('anna', 'Anna Schmidt', anna), { type: 'PersonErased', data: { personId: 'anna', reason: 'asked' } }, registered('anna', 'Anna Schmidt', anna)]);
    expect(events.map((event) => (event.data as Record<string, unknown>).name)).toEqual(['Anna Schmidt', undefined, ERASED_PERSON_NAME]);
  });

  it('shows a person whose key was destroyed as erased', async () => {
    const revealer = new PersonalDataRevealer(new CountingKeys(new Map([['anna', 'erased']])));
    const [event] = await revealer.reveal([registered('anna', 'Anna Schmidt', anna)]);
    expect(event.data).toEqual({ personId: 'anna', name: ERASED_PERSON_NAME, erased: true });
  });

  it('fails the batch when the key table never held the key', async () => {
    const revealer = new PersonalDataRevealer(new CountingKeys(new Map()));
    await expect(revealer.reveal([registered('anna', 'Anna Schmidt', anna)])).rejects.toThrow(/no data key for person anna/);
  });
});
