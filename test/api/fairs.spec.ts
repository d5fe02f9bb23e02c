import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('Fairs API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    expect((await api().post('/regions', { id: 'moscow', name: 'Moscow', kind: 'city' })).status).toBe(201);
  });

  describe('POST /fairs', () => {
    it('records a fair where it takes place and answers 201 with the version, ETag and Location', async () => {
      const id = uniqueId('transrussia');

      const response = await api().post('/fairs', { id, name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 1, eventIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)] });
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/fairs/${id}`);
    });

    it('generates an id when none is given', async () => {
      const response = await api().post('/fairs', { name: 'Intec', regionId: 'moscow', recurrence: 'biennial' });
      expect(response.status).toBe(201);
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await api().get(`/fairs/${response.body.id}`)).body.name).toBe('Intec');
    });

    it('refuses the same fair twice (409) and appends nothing', async () => {
      const id = uniqueId('z-fair');
      await api().post('/fairs', { id, name: 'Z', regionId: 'moscow', recurrence: 'biennial' });
      await expectRefused(api(), '/fairs', { id, name: 'Z', regionId: 'moscow', recurrence: 'biennial' }, 409, 'fairId', 'FAIR_ALREADY_EXISTS');
    });

    it('refuses a region that is not recorded (422 naming regionId) and appends nothing', async () => {
      await expectRefused(api(), '/fairs', { name: 'Intec', regionId: 'leipzig', recurrence: 'biennial' }, 422, 'regionId', 'UNKNOWN_REFERENCE');
    });

    it.each([
      ['a missing name', { regionId: 'moscow', recurrence: 'biennial' }, 'name'],
      ['a number as name', { name: 7, regionId: 'moscow', recurrence: 'biennial' }, 'name'],
      ['a missing region', { name: 'Intec', recurrence: 'biennial' }, 'regionId'],
      ['a malformed region id', { name: 'Intec', regionId: 'moscow/city', recurrence: 'biennial' }, 'regionId'],
      ['a missing recurrence', { name: 'Intec', regionId: 'moscow' }, 'recurrence'],
      ['an unknown recurrence', { name: 'Intec', regionId: 'moscow', recurrence: 'weekly' }, 'recurrence'],
      ['an unknown field', { name: 'Intec', regionId: 'moscow', recurrence: 'biennial', halls: 5 }, 'halls'],
      ['an id with a $', { id: '$fair', name: 'Intec', regionId: 'moscow', recurrence: 'biennial' }, 'id'],
    ])('refuses %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      await expectRefused(api(), '/fairs', body, 400, field, 'INVALID_REQUEST');
    });
  });

  describe('GET /fairs/:id', () => {
    it('rebuilds the fair from its stream, with its version as ETag', async () => {
      const id = uniqueId('transrussia');
      await api().post('/fairs', { id, name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' });
      const response = await api().get(`/fairs/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id, name: 'TransRussia', regionId: 'moscow', recurrence: 'annual', version: 1 });
      expect(response.headers.get('etag')).toBe('"1"');
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await api().get('/fairs/never-recorded'), 404, 'FAIR_NOT_FOUND', 'id');
      expectProblem(await api().get('/fairs/%24all'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
