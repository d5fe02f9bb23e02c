import {
  CooperationCommand,
  Decider,
  FairCommand,
  OrganisationCommand,
  PersonCommand,
  RegionCommand,
  RecordedEntry,
  SourceCitation,
  compareHistoricalDates,
  cooperationDecider,
  fairDecider,
  foldEvents,
  organisationDecider,
  parseHistoricalDate,
  personDecider,
  regionDecider,
} from '@app/domain';

/** Decides each command on the state so far and evolves by its events, as a command handler would. */
function run<Command, Event, State>(decider: Decider<Command, Event, State>, commands: readonly Command[]): { events: Event[]; state: State } {
  const events: Event[] = [];
  for (const command of commands) events.push(...decider.decide(command, foldEvents(decider, events)));
  return { events, state: foldEvents(decider, events) };
}

const pressRelease: SourceCitation = {
  kind: 'press-release',
  title: 'Logistik-Netzwerk knüpft Kontakte nach Tatarstan',
  publisher: 'Netzwerk Logistik Leipzig-Halle e.V.',
  publishedOn: '2017-10',
};

describe('the press story: the logistics network Leipzig-Halle and Tatarstan', () => {
  it('holds the places: Russia › Tatarstan › Kazan and Germany › Mitteldeutschland › Leipzig-Halle', () => {
    const regions: [string, string, RegionCommand['data']['kind'], string?][] = [
      ['russia', 'Russian Federation', 'country'],
      ['tatarstan', 'Republic of Tatarstan', 'federal-subject', 'russia'],
      ['kazan', 'Kazan', 'city', 'tatarstan'],
      ['moscow', 'Moscow', 'city', 'russia'],
      ['germany', 'Germany', 'country'],
      ['mitteldeutschland', 'Mitteldeutschland', 'metropolitan-region', 'germany'],
      ['leipzig-halle', 'Leipzig-Halle', 'metropolitan-region', 'mitteldeutschland'],
      ['leipzig', 'Leipzig', 'city', 'leipzig-halle'],
    ];
    for (const [regionId, name, kind, parentRegionId] of regions) {
      const data = { regionId, name, kind, ...(parentRegionId && { parentRegionId }) };
      expect(run(regionDecider, [{ type: 'RegisterRegion', data }]).state).toEqual({ status: 'registered', ...data });
    }
  });

  it('holds the organisations, people with their roles, and fairs', () => {
    const organisations: OrganisationCommand[] = [
      { type: 'RegisterOrganisation', data: { organisationId: 'logistics-network', name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', regionId: 'leipzig-halle', memberCount: 130 } },
      { type: 'RegisterOrganisation', data: { organisationId: 'german-russian-association', name: 'Deutsch-Russische Auslandshandelskammer', kind: 'association' } },
      { type: 'RegisterOrganisation', data: { organisationId: 'tatarstan-transport-ministry', name: 'Ministry of Transport and Roads of Tatarstan', kind: 'ministry', regionId: 'tatarstan' } },
    ];
    for (const command of organisations) expect(run(organisationDecider, [command]).state.status).toBe('registered');

    const president: PersonCommand[] = [
      { type: 'RegisterPerson', data: { personId: 'president-tatarstan', name: 'Rustam Minnikhanov' } },
      { type: 'AssumeRole', data: { personId: 'president-tatarstan', organisationId: 'tatarstan-government', role: 'President', from: '2010-03', level: 'head-of-state' } },
    ];
    expect(run(personDecider, president).state).toMatchObject({ roles: [{ role: 'President', level: 'head-of-state' }] });

    const fairs: FairCommand[] = [
      { type: 'RegisterFair', data: { fairId: 'transrussia', name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' } },
      { type: 'RegisterFair', data: { fairId: 'intec-z', name: 'Intec and Z', regionId: 'leipzig', recurrence: 'biennial' } },
    ];
    for (const command of fairs) expect(run(fairDecider, [command]).state.status).toBe('registered');
  });

  it('holds the exhibitions at TransRussia since 2010, known only to the year', () => {
    const cooperationId = 'logistics-network--russia';
    const { state } = run(cooperationDecider, [
      { type: 'OpenCooperation', data: { cooperationId, ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'russia' }, openedOn: '2010' } },
      ...[2010, 2011, 2012].map((year): CooperationCommand => ({
        type: 'RecordFairAttendance',
        data: { cooperationId, entryId: `transrussia-${year}`, fairId: 'transrussia', edition: `TransRussia ${year}`, occurredOn: String(year), role: 'exhibitor', source: pressRelease },
      })),
    ]);
    expect(state.status === 'opened' && state.entries.size).toBe(3);
  });

  it('holds the cross-membership with the German-Russian business association in 2016', () => {
    const cooperationId = 'logistics-network--german-russian-association';
    const { state } = run(cooperationDecider, [
      {
        type: 'OpenCooperation',
        data: { cooperationId, ourOrganisationId: 'logistics-network', partner: { kind: 'organisation', id: 'german-russian-association' }, openedOn: '2016' },
      },
      {
        type: 'LinkMemberships',
        data: { cooperationId, entryId: 'cross-membership', organisationId: 'logistics-network', otherOrganisationId: 'german-russian-association', since: '2016', source: pressRelease },
      },
    ]);
    expect(state).toMatchObject({ stage: 'contact' });
  });

  it('holds first contact in March 2017 and the second exchange in Kazan in October 2017, ending in exploring', () => {
    const cooperationId = 'logistics-network--tatarstan';
    const { events, state } = run(cooperationDecider, [
      { type: 'OpenCooperation', data: { cooperationId, ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' } },
      {
        type: 'EstablishContact',
        data: {
          cooperationId,
          entryId: 'first-contact',
          occurredOn: '2017-03',
          place: { name: 'Leipziger Messe', regionId: 'leipzig' },
          occasion: { name: 'Intec and Z 2017, visit of the President of Tatarstan', fairId: 'intec-z' },
          participants: [
            { personId: 'president-tatarstan', name: 'Rustam Minnikhanov', role: 'President of the Republic of Tatarstan', level: 'head-of-state' },
            { name: 'Chair of the network', organisationId: 'logistics-network', role: 'Chair', level: 'executive' },
          ],
          summary: 'First contact between the network and Tatarstan during the President’s visit to the fairs',
          source: pressRelease,
        },
      },
      {
        type: 'RecordDelegationVisit',
        data: {
          cooperationId,
          entryId: 'kazan-delegation',
          direction: 'outbound',
          occurredOn: '2017-10',
          destination: { name: 'Kazan', regionId: 'kazan' },
          participants: [{ name: 'Network delegation', organisationId: 'logistics-network', level: 'executive' }],
          purpose: 'Second exchange, to explore cooperation',
          source: pressRelease,
        },
      },
      {
        type: 'RecordMeeting',
        data: {
          cooperationId,
          entryId: 'kazan-minister-meeting',
          occurredOn: '2017-10',
          place: { name: 'Kazan', regionId: 'kazan' },
          participants: [
            { name: 'Minister of Transport of Tatarstan', organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', level: 'minister' },
            { name: 'Network delegation', organisationId: 'logistics-network', level: 'executive' },
          ],
          topics: ['logistics cooperation'],
          source: pressRelease,
        },
      },
      { type: 'ChangeStage', data: { cooperationId, to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' } },
    ]);

    expect(events.map((event) => event.type)).toEqual([
      'CooperationOpened',
      'ContactEstablished',
      'DelegationVisited',
      'MeetingHeld',
      'CooperationStageChanged',
    ]);
    expect(state).toMatchObject({ stage: 'exploring', partner: { kind: 'region', id: 'tatarstan' } });
    const timeline = state.status === 'opened' ? [...state.entries.values()] : [];
    const occurredOn = (entry: RecordedEntry): string => ('occurredOn' in entry.fact.data ? entry.fact.data.occurredOn : entry.fact.data.since);
    expect(timeline.map(occurredOn).map((text) => parseHistoricalDate(text)).sort(compareHistoricalDates)).toEqual([
      { year: 2017, month: 3 },
      { year: 2017, month: 10 },
      { year: 2017, month: 10 },
    ]);
  });
});
