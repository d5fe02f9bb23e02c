import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('Organisations API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    expect((await api().post('/regions', { id: 'leipzig-halle', name: 'Leipzig-Halle', kind: 'metropolitan-region' })).status).toBe(201);
  });


  it('records an organisation with its region and member count, readable at its Location', async () => {
    const id = uniqueId('network');
    const response = await api().post('/organisations', { id, name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', regionId: 'leipzig-halle', memberCount: 130 });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/organisations/${id}`);
    const read = await api().get(`/organisations/${id}`);
    expect(read.body).toEqual({ id, name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', regionId: 'leipzig-halle', memberCount: 130, version: 1 });
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('renames an organisation; the read shows the new name and the next version', async () => {
    const id = uniqueId('association');
    await api().post('/organisations', { id, name: 'Deutsch-Russische Wirtschaftsvereinigung', kind: 'association' });
    const response = await api().post(`/organisations/${id}/renames`, { name: 'German-Russian business association' });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"2"');
    expect((await api().get(`/organisations/${id}`)).body).toMatchObject({ name: 'German-Russian business association', version: 2 });
  });

  it.each([
    ['a missing kind', { name: 'Ministry' }, 400, 'kind'],
    ['an unknown kind', { name: 'Ministry', kind: 'club' }, 400, 'kind'],
    ['an unknown field', { name: 'Ministry', kind: 'ministry', phone: '123' }, 400, 'phone'],
    ['a negative member count', { name: 'Network', kind: 'network', memberCount: -1 }, 400, 'memberCount'],
    ['a fractional member count', { name: 'Network', kind: 'network', memberCount: 12.5 }, 400, 'memberCount'],
    ['a member count as text', { name: 'Network', kind: 'network', memberCount: '130' }, 400, 'memberCount'],
    ['a name of 201 characters', { name: 'x'.repeat(201), kind: 'network' }, 400, 'name'],
    ['an unknown region', { name: 'Ministry', kind: 'ministry', regionId: 'atlantis' }, 422, 'regionId'],
  ])('refuses %s, naming the field, appending nothing', async (_case, body, status, field) => {
    await expectRefused(api(), '/organisations', body, status, field);
  });

  it('refuses a second organisation with the same id (409)', async () => {
    const id = uniqueId('company');
    await api().post('/organisations', { id, name: 'Spedition A', kind: 'member-company' });
    await expectRefused(api(), '/organisations', { id, name: 'Spedition B', kind: 'member-company' }, 409, 'organisationId', 'ORGANISATION_ALREADY_EXISTS');
  });

  it('refuses a rename of an unknown organisation (404), a rename to the same name (400) and an empty name (400)', async () => {
    await expectRefused(api(), '/organisations/never-recorded/renames', { name: 'New' }, 404, undefined, 'ORGANISATION_NOT_FOUND');
    const id = uniqueId('ministry');
    await api().post('/organisations', { id, name: 'Ministry of Transport', kind: 'ministry' });
    await expectRefused(api(), `/organisations/${id}/renames`, { name: 'Ministry of Transport' }, 400, 'name');
    await expectRefused(api(), `/organisations/${id}/renames`, { name: '' }, 400, 'name');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expectProblem(await api().get('/organisations/never-recorded'), 404, 'ORGANISATION_NOT_FOUND', 'id');
    expectProblem(await api().get('/organisations/-leading-dash'), 400, 'INVALID_REQUEST', 'id');
  });
});
