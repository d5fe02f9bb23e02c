import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

type Json = Record<string, unknown>;

const SOURCE = { kind: 'minutes', title: 'Minutes of the Kazan meeting', publisher: 'Netzwerk Logistik Leipzig-Halle', publishedOn: '2017-10-13', url: 'https://example.org/minutes' };
const MINISTER = { name: 'Minister of Transport of Tatarstan', organisationId: 'ministry', role: 'Minister of Transport', level: 'minister' };

/** A valid body for each fact endpoint, dated after the cooperation was opened (2017-03). */
const VALID: Record<string, Json> = {
  contacts: { occurredOn: '2017-03', occasion: { name: 'Intec and Z 2017', fairId: 'intec-z' }, participants: [{ personId: 'president', name: 'Rustam Minnikhanov', level: 'head-of-state' }], summary: 'First contact', source: SOURCE },
  meetings: { occurredOn: '2017-10', place: { name: 'Kazan', regionId: 'kazan' }, participants: [MINISTER], topics: ['logistics cooperation'], outcome: 'explore cooperation', source: SOURCE },
  'fair-attendances': { fairId: 'intec-z', edition: 'Intec 2019', occurredOn: '2019-03', role: 'exhibitor' },
  'cross-memberships': { organisationId: 'network', otherOrganisationId: 'ministry', since: '2018' },
  'delegation-visits': { direction: 'outbound', occurredOn: '2017-10', destination: { name: 'Kazan', regionId: 'kazan' }, participants: [{ name: 'Network delegation', organisationId: 'network', level: 'executive' }], purpose: 'Explore cooperation' },
  opportunities: { title: 'Rail-road terminal', occurredOn: '2018', description: 'A joint terminal in Kazan' },
};
const FACT_TYPES: Record<string, string> = {
  contacts: 'ContactEstablished',
  meetings: 'MeetingHeld',
  'fair-attendances': 'FairAttended',
  'cross-memberships': 'MembershipCrossLinked',
  'delegation-visits': 'DelegationVisited',
  opportunities: 'OpportunityIdentified',
};

describe('Cooperations API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    const setup: [string, Json][] = [
      ['/regions', { id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject' }],
      ['/regions', { id: 'kazan', name: 'Kazan', kind: 'city', parentRegionId: 'tatarstan' }],
      ['/regions', { id: 'leipzig', name: 'Leipzig', kind: 'city' }],
      ['/organisations', { id: 'network', name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', memberCount: 130 }],
      ['/organisations', { id: 'ministry', name: 'Ministry of Transport of Tatarstan', kind: 'ministry', regionId: 'tatarstan' }],
      ['/people', { id: 'president', name: 'Rustam Minnikhanov' }],
      ['/fairs', { id: 'intec-z', name: 'Intec and Z', regionId: 'leipzig', recurrence: 'biennial' }],
      ['/regions', { id: 'russia', name: 'Russian Federation', kind: 'country' }],
      ['/regions', { id: 'moscow', name: 'Moscow', kind: 'city', parentRegionId: 'russia' }],
      ['/organisations', { id: 'association', name: 'German-Russian business association', kind: 'association' }],
      ['/fairs', { id: 'transrussia', name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' }],
    ];
    for (const [path, body] of setup) expect((await api().post(path, body)).status).toBe(201);
  });

  async function openCooperation(overrides: Json = {}): Promise<string> {
    const id = uniqueId('cooperation');
    const response = await api().post('/cooperations', { id, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', ...overrides });
    expect(response.status).toBe(201);
    return id;
  }

  /** The events of one cooperation's stream, oldest first. */
  async function eventsOf(id: string): Promise<{ type: string; data: Json }[]> {
    return (await api().allEvents())
      .filter((resolved) => resolved.event?.streamId === `cooperation-${id}`)
      .map((resolved) => ({ type: resolved.event!.type, data: resolved.event!.data as Json }));
  }

  describe('POST /cooperations', () => {
    it('opens a cooperation in stage contact, readable at its Location', async () => {
      const response = await api().post('/cooperations', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id: expect.any(String), version: 1, eventIds: [expect.any(String)] });
      expect(response.body).not.toHaveProperty('entryId');
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/cooperations/${response.body.id}`);
      const cooperation = await api().get(response.headers.get('location')!);
      expect(cooperation.headers.get('etag')).toBe('"1"');
      expect(cooperation.body).toEqual({
        id: response.body.id,
        ourOrganisationId: 'network',
        partner: { kind: 'region', id: 'tatarstan' },
        openedOn: '2017-03',
        stage: 'contact',
        entries: [],
        version: 1,
      });
    });

    it('opens one with an organisation as partner', async () => {
      const id = await openCooperation({ partner: { kind: 'organisation', id: 'ministry' } });
      expect((await api().get(`/cooperations/${id}`)).body.partner).toEqual({ kind: 'organisation', id: 'ministry' });
    });

    it.each([
      ['a missing openedOn', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' } }, 400, 'openedOn'],
      ['a missing partner', { ourOrganisationId: 'network', openedOn: '2017' }, 400, 'partner'],
      ['an openedOn that is a number', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: 2017 }, 400, 'openedOn'],
      ['a malformed id', { id: 'no spaces', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' }, 400, 'id'],
      ['an unknown field', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017', budget: 1 }, 400, 'budget'],
      ['an unknown field in partner', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan', name: 'x' }, openedOn: '2017' }, 400, 'partner.name'],
      ['a partner of unknown kind', { ourOrganisationId: 'network', partner: { kind: 'person', id: 'president' }, openedOn: '2017' }, 400, 'partner.kind'],
      ['a partner that is a string', { ourOrganisationId: 'network', partner: 'tatarstan', openedOn: '2017' }, 400, 'partner'],
      ['a date in words', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: 'March 2017' }, 400, 'openedOn'],
      ['a month 13', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-13' }, 400, 'openedOn'],
      ['30 February', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-02-30' }, 400, 'openedOn'],
      ['an unknown organisation of ours', { ourOrganisationId: 'nobody', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' }, 422, 'ourOrganisationId'],
      ['an unknown partner region', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'atlantis' }, openedOn: '2017' }, 422, 'partner.id'],
      ['a partner organisation that is a region', { ourOrganisationId: 'network', partner: { kind: 'organisation', id: 'tatarstan' }, openedOn: '2017' }, 422, 'partner.id'],
    ])('refuses %s, naming the field, appending nothing', async (_case, body, status, field) => {
      await expectRefused(api(), '/cooperations', body, status, field);
    });

    it('refuses to open the same cooperation twice (409)', async () => {
      const id = await openCooperation();
      await expectRefused(api(), '/cooperations', { id, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' }, 409, undefined, 'COOPERATION_ALREADY_EXISTS');
    });
  });

  describe.each(Object.keys(VALID))('POST /cooperations/:id/%s', (endpoint) => {
    it('records the fact as an entry, answering its entryId, the next version and ETag', async () => {
      const id = await openCooperation();
      const response = await api().post(`/cooperations/${id}/${endpoint}`, VALID[endpoint]);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 2, eventIds: [expect.any(String)], entryId: expect.any(String) });
      expect(response.headers.get('etag')).toBe('"2"');
      const cooperation = (await api().get(`/cooperations/${id}`)).body;
      expect(cooperation.entries).toEqual([{ entryId: response.body.entryId, type: FACT_TYPES[endpoint], retracted: false, ...VALID[endpoint], ...(endpoint === 'opportunities' ? { opportunityId: expect.any(String) } : {}) }]);
    });

    it('keeps an entryId the caller chose', async () => {
      const id = await openCooperation();
      const response = await api().post(`/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], entryId: 'chosen-entry' });
      expect(response.body.entryId).toBe('chosen-entry');
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], entryId: 'chosen-entry' }, 409, undefined, 'DUPLICATE_ENTRY_ID');
    });

    it('answers 404 for a cooperation never opened, appending nothing', async () => {
      await expectRefused(api(), `/cooperations/never-opened/${endpoint}`, VALID[endpoint], 404, undefined, 'COOPERATION_NOT_FOUND');
    });

    it('refuses an unknown field, a missing field and a wrong-typed field with 400 naming it', async () => {
      const id = await openCooperation();
      const [firstField] = Object.keys(VALID[endpoint]);
      const { [firstField]: _dropped, ...missing } = VALID[endpoint];
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], secret: true }, 400, 'secret');
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, missing, 400, firstField);
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], [firstField]: 12 }, 400, firstField);
    });

    it('refuses a fact dated before the cooperation was opened (422 DATE_OUT_OF_ORDER)', async () => {
      const id = await openCooperation();
      const dateField = 'since' in VALID[endpoint] ? 'since' : 'occurredOn';
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], [dateField]: '2016' }, 422, dateField, 'DATE_OUT_OF_ORDER');
    });

    it('refuses bad dates with 400 naming the field', async () => {
      const id = await openCooperation();
      const dateField = 'since' in VALID[endpoint] ? 'since' : 'occurredOn';
      for (const date of ['2017-13', '2017-02-30', 'March 2017', '17-10']) {
        await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], [dateField]: date }, 400, dateField);
      }
    });

    it('refuses a fact on an ended cooperation (409 COOPERATION_ENDED)', async () => {
      const id = await openCooperation();
      expect((await api().post(`/cooperations/${id}/stage-changes`, { to: 'ended', occurredOn: '2020' })).status).toBe(201);
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, VALID[endpoint], 409, undefined, 'COOPERATION_ENDED');
    });
  });

  describe.each(['contacts', 'meetings', 'delegation-visits'])('participants of %s', (endpoint) => {
    it(`refuses more than 100 and fewer than 1, naming participants`, async () => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], participants: Array(101).fill(MINISTER) }, 400, 'participants');
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], participants: [] }, 400, 'participants');
    });
  });

  describe('references in facts', () => {
    it.each([
      ['meetings', { ...VALID.meetings, place: { name: 'Kazan', regionId: 'atlantis' } }, 'place.regionId'],
      ['meetings', { ...VALID.meetings, participants: [MINISTER, { personId: 'ghost', name: 'Ghost', level: 'working' }] }, 'participants[1].personId'],
      ['meetings', { ...VALID.meetings, participants: [{ ...MINISTER, organisationId: 'ghost-ministry' }] }, 'participants[0].organisationId'],
      ['contacts', { ...VALID.contacts, occasion: { name: 'A fair', fairId: 'no-such-fair' } }, 'occasion.fairId'],
      ['fair-attendances', { ...VALID['fair-attendances'], fairId: 'no-such-fair' }, 'fairId'],
      ['cross-memberships', { ...VALID['cross-memberships'], otherOrganisationId: 'nobody' }, 'otherOrganisationId'],
      ['delegation-visits', { ...VALID['delegation-visits'], destination: { name: 'Nowhere', regionId: 'nowhere' } }, 'destination.regionId'],
    ])('refuses a %s body naming an unknown entity (422 at %j)', async (endpoint, body, field) => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, body, 422, field as string, 'UNKNOWN_REFERENCE');
    });
  });

  describe('nested validation', () => {
    it.each([
      [{ ...VALID.meetings, participants: [{ ...MINISTER, level: 'emperor' }] }, 'participants[0].level'],
      [{ ...VALID.meetings, participants: [{ ...MINISTER, shoeSize: 44 }] }, 'participants[0].shoeSize'],
      [{ ...VALID.meetings, participants: Array(101).fill(MINISTER) }, 'participants'],
      [{ ...VALID.meetings, topics: ['logistics', ''] }, 'topics'],
      [{ ...VALID.meetings, topics: 'logistics' }, 'topics'],
      [{ ...VALID.meetings, place: { regionId: 'kazan' } }, 'place.name'],
      [{ ...VALID.meetings, source: { ...SOURCE, kind: 'rumour' } }, 'source.kind'],
      [{ ...VALID.meetings, source: { ...SOURCE, url: 'ftp://example.org/x' } }, 'source.url'],
      [{ ...VALID.meetings, source: { ...SOURCE, publishedOn: '2017-10-32' } }, 'source.publishedOn'],
      [{ ...VALID.meetings, outcome: 'x'.repeat(5001) }, 'outcome'],
    ])('refuses a meeting with a bad nested field (%#), naming %p', async (body, field) => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/meetings`, body, 400, field);
    });
  });

  describe('POST /cooperations/:id/stage-changes', () => {
    it('moves contact → exploring → active, as allowed', async () => {
      const id = await openCooperation();
      const response = await api().post(`/cooperations/${id}/stage-changes`, { to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 2, eventIds: [expect.any(String)] });
      expect(response.headers.get('etag')).toBe('"2"');
      // The reason of a stage change is part of the fact itself, not only metadata.
      expect((await eventsOf(id)).at(-1)).toEqual({ type: 'CooperationStageChanged', data: { from: 'contact', to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' } });
      expect((await api().post(`/cooperations/${id}/stage-changes`, { to: 'active', occurredOn: '2018' })).status).toBe(201);
      expect((await api().get(`/cooperations/${id}`)).body).toMatchObject({ stage: 'active', stageChangedOn: '2018', version: 3 });
    });

    it('refuses a transition the stages do not allow (409), appending nothing', async () => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/stage-changes`, { to: 'formal-partnership', occurredOn: '2018' }, 409, undefined, 'INVALID_STAGE_TRANSITION');
    });

    it('refuses an unknown stage (400) and a cooperation never opened (404)', async () => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/stage-changes`, { to: 'married', occurredOn: '2018' }, 400, 'to');
      await expectRefused(api(), '/cooperations/never-opened/stage-changes', { to: 'exploring', occurredOn: '2018' }, 404, undefined, 'COOPERATION_NOT_FOUND');
    });

    it.each([
      ['a missing to', { occurredOn: '2018' }, 'to'],
      ['a missing occurredOn', { to: 'exploring' }, 'occurredOn'],
      ['an unknown field', { to: 'exploring', occurredOn: '2018', from: 'contact' }, 'from'],
      ['an occurredOn that is a number', { to: 'exploring', occurredOn: 2018 }, 'occurredOn'],
      ['a month 13', { to: 'exploring', occurredOn: '2017-13' }, 'occurredOn'],
      ['30 February', { to: 'exploring', occurredOn: '2017-02-30' }, 'occurredOn'],
      ['a date in words', { to: 'exploring', occurredOn: 'March 2017' }, 'occurredOn'],
      ['an empty reason', { to: 'exploring', occurredOn: '2018', reason: '' }, 'reason'],
    ])('refuses %s with 400 naming it', async (_case, body, field) => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/stage-changes`, body, 400, field);
    });

    it('refuses a change dated before the cooperation was opened (422 DATE_OUT_OF_ORDER)', async () => {
      const id = await openCooperation();
      await expectRefused(api(), `/cooperations/${id}/stage-changes`, { to: 'exploring', occurredOn: '2016-12' }, 422, 'occurredOn', 'DATE_OUT_OF_ORDER');
    });
  });

  describe('POST /cooperations/:id/corrections and /retractions', () => {
    async function withMeeting(): Promise<{ id: string; entryId: string }> {
      const id = await openCooperation();
      const response = await api().post(`/cooperations/${id}/meetings`, VALID.meetings);
      return { id, entryId: response.body.entryId };
    }

    it('corrects fields of an entry; the original stays in the stream', async () => {
      const { id, entryId } = await withMeeting();
      const response = await api().post(`/cooperations/${id}/corrections`, { entryId, corrections: { occurredOn: '2017-10-12', topics: ['rail freight'] }, reason: 'Minutes give the day' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 3, entryId, eventIds: [expect.any(String)] });
      expect(response.headers.get('etag')).toBe('"3"');
      const entry = (await api().get(`/cooperations/${id}`)).body.entries[0];
      expect(entry).toMatchObject({ entryId, occurredOn: '2017-10-12', topics: ['rail freight'], retracted: false });
      expect((await eventsOf(id)).map((event) => event.type)).toEqual(['CooperationOpened', 'MeetingHeld', 'FactCorrected']);
    });

    it.each([
      ['a field the entry type does not have', { corrections: { fairId: 'intec-z' }, reason: 'r' }, 422, 'corrections.fairId', 'INVALID_CORRECTION'],
      ['no field at all', { corrections: {}, reason: 'r' }, 400, 'corrections', 'INVALID_REQUEST'],
      ['corrections that are not an object', { corrections: 'occurredOn=2017-10-12', reason: 'r' }, 400, 'corrections', 'INVALID_REQUEST'],
      ['a value the entry already has', { corrections: { occurredOn: '2017-10' }, reason: 'r' }, 422, 'corrections', 'INVALID_CORRECTION'],
      ['null for an optional text', { corrections: { outcome: null }, reason: 'r' }, 400, 'corrections.outcome', 'INVALID_FIELD'],
      ['null for a required place', { corrections: { place: null }, reason: 'r' }, 400, 'corrections.place', 'INVALID_FIELD'],
      ['an empty topic', { corrections: { topics: [''] }, reason: 'r' }, 400, 'corrections.topics', undefined],
      ['too many participants', { corrections: { participants: Array(101).fill(MINISTER) }, reason: 'r' }, 400, 'corrections.participants', undefined],
      ['an unknown person', { corrections: { participants: [{ personId: 'ghost', name: 'Ghost', level: 'working' }] }, reason: 'r' }, 422, 'corrections.participants[0].personId', 'UNKNOWN_REFERENCE'],
      ['an unknown field beside the corrections', { corrections: { occurredOn: '2017-10-12' }, reason: 'r', secret: 1 }, 400, 'secret', undefined],
      ['a date before the cooperation was opened', { corrections: { occurredOn: '2016' }, reason: 'r' }, 422, 'corrections.occurredOn', 'DATE_OUT_OF_ORDER'],
      ['a month 14', { corrections: { occurredOn: '2017-14' }, reason: 'r' }, 400, 'corrections.occurredOn', undefined],
      ['30 February', { corrections: { occurredOn: '2017-02-30' }, reason: 'r' }, 400, 'corrections.occurredOn', 'INVALID_DATE'],
      ['a field no fact has', { corrections: { colour: 'red' }, reason: 'r' }, 400, 'corrections.colour', undefined],
      ['an unknown region', { corrections: { place: { name: 'Kazan', regionId: 'atlantis' } }, reason: 'r' }, 422, 'corrections.place.regionId', 'UNKNOWN_REFERENCE'],
      ['no reason', { corrections: { occurredOn: '2017-10-12' } }, 400, 'reason', undefined],
    ])('refuses a correction with %s (%p at %p), appending nothing', async (_case, body, status, field, code) => {
      const { id, entryId } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId, ...body }, status, field, code);
    });

    it('answers 404 for a correction of an unknown entry, or on a cooperation never opened', async () => {
      const { id } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId: 'no-such-entry', corrections: { occurredOn: '2018' }, reason: 'r' }, 404, 'entryId', 'ENTRY_NOT_FOUND');
      await expectRefused(api(), '/cooperations/never-opened/corrections', { entryId: 'e', corrections: { occurredOn: '2018' }, reason: 'r' }, 404, undefined, 'COOPERATION_NOT_FOUND');
    });

    it('refuses a correction without the entry it corrects (400)', async () => {
      const { id } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/corrections`, { corrections: { occurredOn: '2018' }, reason: 'r' }, 400, 'entryId');
    });

    it('still corrects an entry after the cooperation ended', async () => {
      const { id, entryId } = await withMeeting();
      expect((await api().post(`/cooperations/${id}/stage-changes`, { to: 'ended', occurredOn: '2020' })).status).toBe(201);
      expect((await api().post(`/cooperations/${id}/corrections`, { entryId, corrections: { outcome: 'No agreement' }, reason: 'Minutes' })).status).toBe(201);
    });

    it.each([
      [{ entryId: 'some-entry' }, 'reason'],
      [{ reason: 'cancelled' }, 'entryId'],
      [{ entryId: 'some-entry', reason: 42 }, 'reason'],
      [{ entryId: 7, reason: 'cancelled' }, 'entryId'],
      [{ entryId: 'some-entry', reason: 'cancelled', corrections: {} }, 'corrections'],
    ])('refuses a retraction %j with 400 naming %p', async (body, field) => {
      const { id } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/retractions`, body, 400, field);
    });

    it('answers 404 for a retraction of an unknown entry, or on a cooperation never opened', async () => {
      const { id } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/retractions`, { entryId: 'no-such-entry', reason: 'r' }, 404, 'entryId', 'ENTRY_NOT_FOUND');
      await expectRefused(api(), '/cooperations/never-opened/retractions', { entryId: 'e', reason: 'r' }, 404, undefined, 'COOPERATION_NOT_FOUND');
    });

    it('retracts an entry once; it stays in the read model, marked; a second retraction is refused (409)', async () => {
      const { id, entryId } = await withMeeting();
      const response = await api().post(`/cooperations/${id}/retractions`, { entryId, reason: 'The meeting was cancelled' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 3, entryId });
      expect(response.headers.get('etag')).toBe('"3"');
      expect((await eventsOf(id)).at(-1)).toEqual({ type: 'EntryRetracted', data: { entryId, reason: 'The meeting was cancelled' } });
      expect((await api().get(`/cooperations/${id}`)).body.entries).toEqual([expect.objectContaining({ entryId, retracted: true })]);
      await expectRefused(api(), `/cooperations/${id}/retractions`, { entryId, reason: 'again' }, 409, undefined, 'ENTRY_ALREADY_RETRACTED');
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId, corrections: { occurredOn: '2018' }, reason: 'r' }, 409, undefined, 'ENTRY_ALREADY_RETRACTED');
    });
  });

  describe('metadata', () => {
    it('copies the source a fact cites into the metadata beside it, for auditors', async () => {
      const id = await openCooperation();
      await api().as('editor', 'anna').post(`/cooperations/${id}/meetings`, { ...VALID.meetings, reason: 'From the minutes' });
      const event = (await api().allEvents()).filter((resolved) => resolved.event?.streamId === `cooperation-${id}`).at(-1)!.event!;
      expect(event.metadata).toMatchObject({ actor: { id: 'anna', role: 'editor' }, source: SOURCE, reason: 'From the minutes' });
      expect(event.data).not.toHaveProperty('reason');
    });
  });

  // The network's press release: TransRussia exhibitions since 2010, a cross-membership with the German-Russian
  // business association since 2016, first contact with Tatarstan's President at Intec and Z in March 2017, and a
  // delegation to Kazan in October 2017 that met the Minister of Transport; the cooperation moved on to exploring.
  describe('the press story, recorded and read back', () => {
    const russia = uniqueId('network--russia');
    const association = uniqueId('network--association');
    const tatarstan = uniqueId('network--tatarstan');
    const PRESS_RELEASE = { kind: 'press-release', title: 'Logistik-Netzwerk knüpft Kontakte nach Tatarstan', publishedOn: '2017-10' };

    it('records each fact with 201', async () => {
      const story: [string, Json][] = [
        ['/cooperations', { id: russia, ourOrganisationId: 'network', partner: { kind: 'region', id: 'russia' }, openedOn: '2010' }],
        [`/cooperations/${russia}/fair-attendances`, { entryId: 'transrussia-2010', fairId: 'transrussia', edition: 'TransRussia 2010', occurredOn: '2010', role: 'exhibitor', source: PRESS_RELEASE }],
        ['/cooperations', { id: association, ourOrganisationId: 'network', partner: { kind: 'organisation', id: 'association' }, openedOn: '2016' }],
        [`/cooperations/${association}/cross-memberships`, { entryId: 'cross-membership', organisationId: 'network', otherOrganisationId: 'association', since: '2016' }],
        ['/cooperations', { id: tatarstan, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' }],
        [`/cooperations/${tatarstan}/contacts`, { entryId: 'first-contact', occurredOn: '2017-03', place: { name: 'Leipziger Messe', regionId: 'leipzig' }, occasion: { name: 'Intec and Z 2017', fairId: 'intec-z' }, participants: [{ personId: 'president', name: 'Rustam Minnikhanov', role: 'President of the Republic of Tatarstan', level: 'head-of-state' }], summary: 'First contact during the President’s visit to the fairs', source: PRESS_RELEASE }],
        [`/cooperations/${tatarstan}/delegation-visits`, { entryId: 'kazan-delegation', direction: 'outbound', occurredOn: '2017-10', destination: { name: 'Kazan', regionId: 'kazan' }, participants: [{ name: 'Network delegation', organisationId: 'network', level: 'executive' }], purpose: 'Second exchange, to explore cooperation' }],
        [`/cooperations/${tatarstan}/meetings`, { entryId: 'kazan-minister-meeting', occurredOn: '2017-10', place: { name: 'Kazan', regionId: 'kazan' }, participants: [MINISTER], topics: ['logistics cooperation'], outcome: 'Both sides agreed to explore cooperation' }],
        [`/cooperations/${tatarstan}/stage-changes`, { to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' }],
      ];
      for (const [path, body] of story) {
        const response = await api().post(path, body);
        expect({ path, status: response.status }).toEqual({ path, status: 201 });
      }
    });

    it('reads back the TransRussia exhibition known only to its year, and the 2016 cross-membership', async () => {
      expect((await api().get(`/cooperations/${russia}`)).body.entries).toEqual([
        { entryId: 'transrussia-2010', type: 'FairAttended', retracted: false, fairId: 'transrussia', edition: 'TransRussia 2010', occurredOn: '2010', role: 'exhibitor', source: PRESS_RELEASE },
      ]);
      expect((await api().get(`/cooperations/${association}`)).body).toMatchObject({
        partner: { kind: 'organisation', id: 'association' },
        entries: [{ entryId: 'cross-membership', type: 'MembershipCrossLinked', organisationId: 'network', otherOrganisationId: 'association', since: '2016' }],
      });
    });

    it('reads back Tatarstan: the President in March 2017, the Minister in Kazan in October 2017, now exploring', async () => {
      const response = await api().get(`/cooperations/${tatarstan}`);
      expect(response.headers.get('etag')).toBe('"5"');
      expect(response.body).toMatchObject({ openedOn: '2017-03', stage: 'exploring', stageChangedOn: '2017-10', version: 5 });
      const entries = response.body.entries as Json[];
      expect(entries.map(({ entryId, type, occurredOn }) => [entryId, type, occurredOn])).toEqual([
        ['first-contact', 'ContactEstablished', '2017-03'],
        ['kazan-delegation', 'DelegationVisited', '2017-10'],
        ['kazan-minister-meeting', 'MeetingHeld', '2017-10'],
      ]);
      expect(entries[0]).toMatchObject({ occasion: { fairId: 'intec-z' }, participants: [{ personId: 'president', level: 'head-of-state' }] });
      expect(entries[2]).toMatchObject({ place: { regionId: 'kazan' }, participants: [{ role: 'Minister of Transport', level: 'minister' }] });
    });
  });

  describe('GET /cooperations/:id', () => {
    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await api().get('/cooperations/never-opened'), 404, 'COOPERATION_NOT_FOUND', 'id');
      expectProblem(await api().get('/cooperations/bad%20id'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
