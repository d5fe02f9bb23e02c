import { AggregateEventStore } from '@app/event-store';
import { PersonalDataKeyStore } from '@app/personal-data';
import { expectProblem, useTestApi } from '../support/api.harness';

/**
 * An erasure appends PersonErased, then destroys the key. A process that dies between the two leaves the event
 * stored and the key in place; asking for the erasure again must finish it (and say it was already recorded).
 */
describe('an erasure interrupted between its event and the destruction of the key', () => {
  const api = useTestApi();
  const personId = 'interrupted-erasure';

  it('is finished by asking again: 409 already erased, and the key is destroyed', async () => {
    expect((await api().post('/people', { id: personId, name: 'Henrietta Vollbrecht', email: 'h.vollbrecht@example.org' })).status).toBe(201);
    const keys = api().app.get(PersonalDataKeyStore);
    expect((await keys.keysOf([personId])).get(personId)).toBeInstanceOf(Buffer);

    // What the process wrote before it died: the event, through the one write path, and nothing more.
    const store = api().app.get(AggregateEventStore);
    const stream = `person-${personId}`;
    const loaded = await store.load(stream);
    const recordedBy = loaded.events[0]!.metadata;
    await store.append({
      streamName: stream,
      expectedRevision: loaded.revision,
      events: [{ type: 'PersonErased', data: { personId, reason: 'Art. 17 request, process killed before the key went' } }],
      metadata: { actor: recordedBy.actor, recordedAt: new Date().toISOString(), correlationId: 'interrupted', causationId: 'interrupted', requestId: 'interrupted' },
    });
    expect((await keys.keysOf([personId])).get(personId)).toBeInstanceOf(Buffer);

    const again = await api().post(`/people/${personId}/erasure`, { reason: 'Art. 17 request, asked again' });
    expectProblem(again, 409, 'PERSON_ALREADY_ERASED');
    expect((await keys.keysOf([personId])).get(personId)).toBe('erased');
    const person = await api().get(`/people/${personId}`);
    expect(JSON.stringify(person.body)).not.toContain('Vollbrecht');
  });
});
