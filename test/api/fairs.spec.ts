import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('Fairs API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    expect((await api().post('/regions', { id: 'moscow', name: 'Moscow', kind: 'city' })).status).toBe(201);
  });

  it('records a fair where it takes place, readable at its Location', async () => {
    const id = uniqueId('transrussia');
    const response = await api().post('/fairs', { id, name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/fairs/${id}`);
    expect((await api().get(`/fairs/${id}`)).body).toEqual({ id, name: 'TransRussia', regionId: 'moscow', recurrence: 'annual', version: 1 });
  });

  it.each([
    ['a missing region', { name: 'Intec', recurrence: 'biennial' }, 400, 'regionId'],
    ['an unknown recurrence', { name: 'Intec', regionId: 'moscow', recurrence: 'weekly' }, 400, 'recurrence'],
    ['an unknown region', { name: 'Intec', regionId: 'leipzig', recurrence: 'biennial' }, 422, 'regionId'],
    ['an unknown field', { name: 'Intec', regionId: 'moscow', recurrence: 'biennial', halls: 5 }, 400, 'halls'],
    ['a number as name', { name: 7, regionId: 'moscow', recurrence: 'biennial' }, 400, 'name'],
  ])('refuses %s, naming the field, appending nothing', async (_case, body, status, field) => {
    await expectRefused(api(), '/fairs', body, status, field);
  });

  it('refuses the same fair twice (409) and answers 404 for an unknown one', async () => {
    const id = uniqueId('z-fair');
    await api().post('/fairs', { id, name: 'Z', regionId: 'moscow', recurrence: 'biennial' });
    expectProblem(await api().post('/fairs', { id, name: 'Z', regionId: 'moscow', recurrence: 'biennial' }), 409, 'FAIR_ALREADY_EXISTS');
    expectProblem(await api().get('/fairs/never-recorded'), 404, 'FAIR_NOT_FOUND', 'id');
  });
});
