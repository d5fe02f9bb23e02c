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
    ];
    for (const [path, body] of setup) expect((await api().post(path, body)).status).toBe(201);
  });

  async function openCooperation(overrides: Json = {}): Promise<string> {
    const id = uniqueId('cooperation');
    const response = await api().post('/cooperations', { id, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', ...overrides });
    expect(response.status).toBe(201);
    return id;
  }


  describe('POST /cooperations', () => {
    it('opens a cooperation in stage contact, readable at its Location', async () => {
      const response = await api().post('/cooperations', { ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/cooperations/${response.body.id}`);
      const cooperation = await api().get(response.headers.get('location')!);
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
      for (const date of ['2017-13', '2017-02-30', 'last year', '17-10']) {
        await expectRefused(api(), `/cooperations/${id}/${endpoint}`, { ...VALID[endpoint], [dateField]: date }, 400, dateField);
      }
    });

    it('refuses a fact on an ended cooperation (409 COOPERATION_ENDED)', async () => {
      const id = await openCooperation();
      expect((await api().post(`/cooperations/${id}/stage-changes`, { to: 'ended', occurredOn: '2020' })).status).toBe(201);
      await expectRefused(api(), `/cooperations/${id}/${endpoint}`, VALID[endpoint], 409, undefined, 'COOPERATION_ENDED');
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
      expect((await api().post(`/cooperations/${id}/stage-changes`, { to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' })).status).toBe(201);
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
      await expectRefused(api(), '/cooperations/never-opened/stage-changes', { to: 'exploring', occurredOn: '2018' }, 404);
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
      const entry = (await api().get(`/cooperations/${id}`)).body.entries[0];
      expect(entry).toMatchObject({ entryId, occurredOn: '2017-10-12', topics: ['rail freight'], retracted: false });
      const types = (await api().allEvents()).filter((event) => event.event?.streamId === `cooperation-${id}`).map((event) => event.event?.type);
      expect(types).toEqual(['CooperationOpened', 'MeetingHeld', 'FactCorrected']);
    });

    it.each([
      [{ corrections: { fairId: 'intec-z' }, reason: 'r' }, 422, 'corrections.fairId', 'INVALID_CORRECTION'],
      [{ corrections: {}, reason: 'r' }, 422, 'corrections', 'INVALID_CORRECTION'],
      [{ corrections: { occurredOn: '2016' }, reason: 'r' }, 422, 'corrections.occurredOn', 'DATE_OUT_OF_ORDER'],
      [{ corrections: { occurredOn: '2017-14' }, reason: 'r' }, 400, 'corrections.occurredOn', undefined],
      [{ corrections: { colour: 'red' }, reason: 'r' }, 400, 'corrections.colour', undefined],
      [{ corrections: { place: { name: 'Kazan', regionId: 'atlantis' } }, reason: 'r' }, 422, 'corrections.place.regionId', 'UNKNOWN_REFERENCE'],
      [{ corrections: { occurredOn: '2017-10-12' } }, 400, 'reason', undefined],
    ])('refuses a bad correction (%#) with %p naming %p, appending nothing', async (body, status, field, code) => {
      const { id, entryId } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId, ...body }, status, field, code);
    });

    it('answers 404 for a correction of an unknown entry', async () => {
      const { id } = await withMeeting();
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId: 'no-such-entry', corrections: { occurredOn: '2018' }, reason: 'r' }, 404, undefined, 'ENTRY_NOT_FOUND');
    });

    it('retracts an entry once; it stays in the read model, marked; a second retraction is refused (409)', async () => {
      const { id, entryId } = await withMeeting();
      expect((await api().post(`/cooperations/${id}/retractions`, { entryId, reason: 'The meeting was cancelled' })).status).toBe(201);
      expect((await api().get(`/cooperations/${id}`)).body.entries).toEqual([expect.objectContaining({ entryId, retracted: true })]);
      await expectRefused(api(), `/cooperations/${id}/retractions`, { entryId, reason: 'again' }, 409, undefined, 'ENTRY_ALREADY_RETRACTED');
      await expectRefused(api(), `/cooperations/${id}/corrections`, { entryId, corrections: { occurredOn: '2018' }, reason: 'r' }, 409, undefined, 'ENTRY_ALREADY_RETRACTED');
    });
  });

  describe('metadata', () => {
    it('copies the source a fact cites into the metadata beside it, for auditors', async () => {
      const id = await openCooperation();
      await api().post(`/cooperations/${id}/meetings`, { ...VALID.meetings, reason: 'From the minutes' }, { 'X-Actor': 'anna' });
      const event = (await api().allEvents()).filter((resolved) => resolved.event?.streamId === `cooperation-${id}`).at(-1)!.event!;
      expect(event.metadata).toMatchObject({ actor: { id: 'anna', role: 'editor' }, source: SOURCE, reason: 'From the minutes' });
      expect(event.data).not.toHaveProperty('reason');
    });
  });

  describe('GET /cooperations/:id', () => {
    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await api().get('/cooperations/never-opened'), 404, 'COOPERATION_NOT_FOUND', 'id');
      expectProblem(await api().get('/cooperations/bad%20id'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
