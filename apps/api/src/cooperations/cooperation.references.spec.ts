import { cooperationReferences } from './cooperation.references';

describe('cooperationReferences', () => {
  it('names our organisation and the partner, by its kind, when a cooperation is opened', () => {
    expect(
      cooperationReferences({
        type: 'OpenCooperation',
        data: { cooperationId: 'c', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' },
      }),
    ).toEqual([
      { field: 'ourOrganisationId', kind: 'organisation', id: 'network' },
      { field: 'partner.id', kind: 'region', id: 'tatarstan' },
    ]);
  });

  it('names the place, the people and organisations of a meeting by their paths', () => {
    expect(
      cooperationReferences({
        type: 'RecordMeeting',
        data: {
          cooperationId: 'c',
          entryId: 'e',
          occurredOn: '2017-10',
          place: { name: 'Kazan', regionId: 'kazan' },
          participants: [
            { name: 'Minister', organisationId: 'ministry', level: 'minister' },
            { personId: 'chair', name: 'Chair', level: 'executive' },
          ],
          topics: ['logistics'],
        },
      }),
    ).toEqual([
      { field: 'place.regionId', kind: 'region', id: 'kazan' },
      { field: 'participants[0].organisationId', kind: 'organisation', id: 'ministry' },
      { field: 'participants[1].personId', kind: 'person', id: 'chair' },
    ]);
  });

  it('names the fair of a contact made at one, and of a fair attendance', () => {
    const contact = cooperationReferences({
      type: 'EstablishContact',
      data: { cooperationId: 'c', entryId: 'e', occurredOn: '2017-03', occasion: { name: 'Intec', fairId: 'intec-z' }, participants: [], summary: 's' },
    });
    expect(contact).toEqual([{ field: 'occasion.fairId', kind: 'fair', id: 'intec-z' }]);
    const attendance = cooperationReferences({
      type: 'RecordFairAttendance',
      data: { cooperationId: 'c', entryId: 'e', fairId: 'transrussia', edition: '2010', occurredOn: '2010', role: 'exhibitor' },
    });
    expect(attendance).toEqual([{ field: 'fairId', kind: 'fair', id: 'transrussia' }]);
  });

  it('names both organisations of a cross-membership and the destination of a visit', () => {
    expect(
      cooperationReferences({
        type: 'LinkMemberships',
        data: { cooperationId: 'c', entryId: 'e', organisationId: 'a', otherOrganisationId: 'b', since: '2016' },
      }).map((reference) => reference.field),
    ).toEqual(['organisationId', 'otherOrganisationId']);
    expect(
      cooperationReferences({
        type: 'RecordDelegationVisit',
        data: { cooperationId: 'c', entryId: 'e', direction: 'outbound', occurredOn: '2017-10', destination: { name: 'Kazan', regionId: 'kazan' }, participants: [], purpose: 'p' },
      }),
    ).toEqual([{ field: 'destination.regionId', kind: 'region', id: 'kazan' }]);
  });

  it('names the entities a correction introduces, under corrections.', () => {
    expect(
      cooperationReferences({
        type: 'CorrectFact',
        data: { cooperationId: 'c', entryId: 'e', corrections: { place: { name: 'Kazan Kremlin', regionId: 'kazan' } }, reason: 'r' },
      }),
    ).toEqual([{ field: 'corrections.place.regionId', kind: 'region', id: 'kazan' }]);
  });

  it('names nothing for stage changes and retractions', () => {
    expect(cooperationReferences({ type: 'ChangeStage', data: { cooperationId: 'c', to: 'exploring', occurredOn: '2017' } })).toEqual([]);
    expect(cooperationReferences({ type: 'RetractEntry', data: { cooperationId: 'c', entryId: 'e', reason: 'r' } })).toEqual([]);
  });
});
