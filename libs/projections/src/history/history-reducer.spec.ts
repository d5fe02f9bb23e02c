import type { ProjectedEvent } from '../events/projected-event';
import { HistoryReducer } from './history-reducer';
import { ReferenceData } from './reference-data';

let position = 0n;
function event(streamId: string, type: string, data: Record<string, unknown>, recordedAt = '2026-11-01T10:00:00.000Z', revision = 0n): ProjectedEvent {
  position += 100n;
  return {
    eventId: `event-${position}`,
    streamId,
    revision,
    position: { commit: position, prepare: position },
    type,
    data,
    metadata: { actor: { id: 'anna', role: 'editor' }, recordedAt, correlationId: 'c', causationId: 'c', requestId: 'r', schemaVersion: 1 },
    createdMs: Date.parse(recordedAt),
  };
}

function story(): { reducer: HistoryReducer; refs: ReferenceData } {
  const refs = new ReferenceData();
  const reducer = new HistoryReducer(refs);
  for (const e of [
    event('region-russia', 'RegionRegistered', { regionId: 'russia', name: 'Russia', kind: 'country' }),
    event('region-tatarstan', 'RegionRegistered', { regionId: 'tatarstan', name: 'Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' }),
    event('region-kazan', 'RegionRegistered', { regionId: 'kazan', name: 'Kazan', kind: 'city', parentRegionId: 'tatarstan' }),
    event('organisation-network', 'OrganisationRegistered', { organisationId: 'network', name: 'Network', kind: 'network' }),
    event('organisation-ministry', 'OrganisationRegistered', { organisationId: 'ministry', name: 'Ministry', kind: 'ministry', regionId: 'tatarstan' }),
  ]) {
    expect(reducer.apply(e)).toBeUndefined();
  }
  return { reducer, refs };
}

describe('HistoryReducer', () => {
  it('places a fact on the timelines of its cooperation, the regions it lies in, its organisations and people', () => {
    const { reducer } = story();
    reducer.apply(event('cooperation-c1', 'CooperationOpened', { cooperationId: 'c1', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' }));
    const change = reducer.apply(
      event('cooperation-c1', 'MeetingHeld', {
        entryId: 'm1',
        occurredOn: '2017-10',
        place: { name: 'Kazan', regionId: 'kazan' },
        participants: [{ name: 'Minister', organisationId: 'ministry', personId: 'p1', level: 'minister' }],
        topics: ['logistics'],
      }),
    )!;
    expect(change.entry).toMatchObject({ key: 'cooperation/c1/m1', version: 0, sequence: 1, dateKey: 20171000, state: 'recorded', levels: 2 });
    expect(change.entry.scopes.sort()).toEqual(['all', 'cooperation:c1', 'organisation:ministry', 'organisation:network', 'person:p1', 'region:kazan', 'region:russia', 'region:tatarstan'].sort());
  });

  it('makes a correction the next version, naming what changed from what, and moving the entry in date order', () => {
    const { reducer } = story();
    reducer.apply(event('cooperation-c1', 'CooperationOpened', { cooperationId: 'c1', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' }));
    const recorded = reducer.apply(event('cooperation-c1', 'ContactEstablished', { entryId: 'x', occurredOn: '2017-03', participants: [], summary: 'first' }))!.entry;
    const correction = event('cooperation-c1', 'FactCorrected', { entryId: 'x', corrections: { occurredOn: '2017-02-14' }, reason: 'minutes' }, '2026-11-02T10:00:00.000Z');
    expect(HistoryReducer.entryKeyChangedBy(correction)).toBe('cooperation/c1/x');
    const corrected = reducer.apply(correction, recorded)!;
    expect(corrected.previous).toBe(recorded);
    expect(corrected.entry).toMatchObject({ version: 1, state: 'corrected', occurredOn: '2017-02-14', dateKey: 20170214, sequence: recorded.sequence });
    expect(corrected.entry.corrections[0]).toMatchObject({ changes: { occurredOn: { from: '2017-03', to: '2017-02-14' } }, reason: 'minutes' });
    expect(corrected.entry.knownFromMs).toBe(Date.parse('2026-11-02T10:00:00.000Z'));
    // The same event delivered again changes nothing.
    expect(reducer.apply(correction, corrected.entry)).toBeUndefined();
  });

  it('keeps a retracted entry, marked, and refuses to change it further', () => {
    const { reducer } = story();
    reducer.apply(event('cooperation-c1', 'CooperationOpened', { cooperationId: 'c1', ourOrganisationId: 'network', partner: { kind: 'organisation', id: 'ministry' }, openedOn: '2017' }));
    const recorded = reducer.apply(event('cooperation-c1', 'OpportunityIdentified', { entryId: 'o', opportunityId: 'o', title: 'Hub', occurredOn: '2018' }))!.entry;
    expect(recorded.scopes).toContain('region:tatarstan');
    const retracted = reducer.apply(event('cooperation-c1', 'EntryRetracted', { entryId: 'o', reason: 'never happened' }), recorded)!.entry;
    expect(retracted).toMatchObject({ state: 'retracted', version: 1, retraction: { reason: 'never happened' } });
    expect(reducer.apply(event('cooperation-c1', 'FactCorrected', { entryId: 'o', corrections: { title: 'x' }, reason: 'r' }), retracted)).toBeUndefined();
  });

  it('runs the recording clock forward only, so a writer with a slow clock cannot make history known earlier', () => {
    const { reducer } = story();
    reducer.apply(event('cooperation-c1', 'CooperationOpened', { cooperationId: 'c1', ourOrganisationId: 'network', partner: { kind: 'region', id: 'kazan' }, openedOn: '2017' }, '2026-11-05T00:00:00.000Z'));
    const late = reducer.apply(event('cooperation-c1', 'ContactEstablished', { entryId: 'y', occurredOn: '2017', participants: [], summary: 's' }, '2026-11-04T00:00:00.000Z'))!.entry;
    expect(late.knownFromMs).toBe(Date.parse('2026-11-05T00:00:00.000Z'));
  });

  it('puts roles on the person and organisation timelines, dated from their start', () => {
    const { reducer } = story();
    const change = reducer.apply(event('person-p1', 'RoleAssumed', { personId: 'p1', organisationId: 'ministry', role: 'Minister', from: '2015-06', level: 'minister' }, undefined, 3n))!;
    expect(change.entry).toMatchObject({ key: 'person/p1/role/3', occurredOn: '2015-06', levels: 2 });
    expect(change.entry.scopes).toEqual(expect.arrayContaining(['person:p1', 'organisation:ministry', 'region:tatarstan', 'region:russia']));
  });
});

describe('HistoryReducer and erased people', () => {
  it('names an erased person "erased person" and shows their records in later entries as erased, keeping everyone else', () => {
    const { reducer, refs } = story();
    reducer.apply(event('person-anna', 'PersonRegistered', { personId: 'anna', name: 'Anna Schmidt' }));
    reducer.apply(event('cooperation-c1', 'CooperationOpened', { cooperationId: 'c1', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' }));
    expect(HistoryReducer.personErasedBy(event('person-anna', 'PersonErased', { personId: 'anna', reason: 'asked' }))).toBe('anna');
    expect(reducer.apply(event('person-anna', 'PersonErased', { personId: 'anna', reason: 'asked' }))).toBeUndefined();
    expect(refs.get('person', 'anna')).toEqual({ name: 'erased person', erased: true });
    // Still in plaintext in the event (written before fields were sealed, or revealed just before the key went).
    const change = reducer.apply(
      event('cooperation-c1', 'MeetingHeld', {
        entryId: 'm1',
        occurredOn: '2017-10',
        place: { name: 'Kazan' },
        participants: [
          { personId: 'anna', name: 'Anna Schmidt', email: 'anna@example.org', level: 'executive' },
          { name: 'Minister', organisationId: 'ministry', level: 'minister' },
        ],
        topics: ['logistics'],
      }),
    );
    expect(change!.entry.data.participants).toEqual([
      { personId: 'anna', name: 'erased person', level: 'executive', erased: true },
      { name: 'Minister', organisationId: 'ministry', level: 'minister' },
    ]);
    expect(change!.entry.scopes).toContain('person:anna');
  });
});
