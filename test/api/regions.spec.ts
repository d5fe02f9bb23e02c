import { expectProblem, uniqueId, useTestApi } from '../support/api.harness';

describe('Regions API', () => {
  const api = useTestApi();

  describe('POST /regions', () => {
    it('records a region within its parent and answers 201 with the version, event ids, ETag and Location', async () => {
      const russia = uniqueId('russia');
      await api().post('/regions', { id: russia, name: 'Russia', kind: 'country' });
      const tatarstan = uniqueId('tatarstan');

      const response = await api().post('/regions', { id: tatarstan, name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: russia });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: tatarstan,
        version: 1,
        eventIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
        position: { commit: expect.stringMatching(/^\d+$/), prepare: expect.stringMatching(/^\d+$/) },
      });
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/regions/${tatarstan}`);
    });

    it('generates an id when none is given', async () => {
      const response = await api().post('/regions', { name: 'Mitteldeutschland', kind: 'metropolitan-region' });
      expect(response.status).toBe(201);
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await api().get(`/regions/${response.body.id}`)).body.name).toBe('Mitteldeutschland');
    });

    it('refuses a second region with the same id (409) and appends nothing', async () => {
      const id = uniqueId('germany');
      await api().post('/regions', { id, name: 'Germany', kind: 'country' });
      let response = await api().post('/regions', { id, name: 'Deutschland', kind: 'country' });
      const appended = await api().eventsAppendedBy(async () => {
        response = await api().post('/regions', { id, name: 'Deutschland', kind: 'country' });
      });
      expectProblem(response, 409, 'REGION_ALREADY_EXISTS');
      expect(appended).toBe(0);
    });

    it('refuses a parent region that is not recorded (422 naming parentRegionId) and appends nothing', async () => {
      let response = await api().post('/regions', { name: 'Kazan', kind: 'city', parentRegionId: 'atlantis' });
      const appended = await api().eventsAppendedBy(async () => {
        response = await api().post('/regions', { name: 'Kazan', kind: 'city', parentRegionId: 'atlantis' });
      });
      expectProblem(response, 422, 'UNKNOWN_REFERENCE', 'parentRegionId');
      expect(appended).toBe(0);
    });

    it.each([
      ['parentRegionId', { name: 'Kazan', kind: 'city', parentRegionId: null }],
      ['id', { id: null, name: 'Kazan', kind: 'city' }],
      ['name', { name: null, kind: 'city' }],
    ])('refuses null for %s with 400 naming it, appending nothing (null is not "left out")', async (field, body) => {
      let response = await api().post('/regions', body);
      const appended = await api().eventsAppendedBy(async () => {
        response = await api().post('/regions', body);
      });
      expectProblem(response, 400, 'INVALID_REQUEST', field);
      expect(appended).toBe(0);
    });

    it.each([
      ['a missing name', { kind: 'city' }, 'name'],
      ['an unknown field', { name: 'Kazan', kind: 'city', population: 1_300_000 }, 'population'],
      ['a wrong-typed name', { name: 42, kind: 'city' }, 'name'],
      ['an unknown kind', { name: 'Kazan', kind: 'town' }, 'kind'],
      ['an id with a $', { id: '$all', name: 'Kazan', kind: 'city' }, 'id'],
      ['a region within itself', { id: 'loop', name: 'Loop', kind: 'city', parentRegionId: 'loop' }, 'parentRegionId'],
    ])('refuses %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      let response = await api().post('/regions', body);
      const appended = await api().eventsAppendedBy(async () => {
        response = await api().post('/regions', body);
      });
      expectProblem(response, field === 'parentRegionId' ? 422 : 400, field === 'parentRegionId' ? 'UNKNOWN_REFERENCE' : 'INVALID_REQUEST', field);
      expect(appended).toBe(0);
    });
  });

  describe('GET /regions/:id', () => {
    it('rebuilds the region from its stream, with its version as ETag', async () => {
      const id = uniqueId('saxony');
      await api().post('/regions', { id, name: 'Saxony', kind: 'state' });
      const response = await api().get(`/regions/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id, name: 'Saxony', kind: 'state', version: 1 });
      expect(response.headers.get('etag')).toBe('"1"');
    });

    it('answers 404 for an unknown id', async () => {
      expectProblem(await api().get('/regions/never-recorded'), 404, 'REGION_NOT_FOUND', 'id');
    });

    it('answers 400 for a malformed id', async () => {
      expectProblem(await api().get('/regions/%24all'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
