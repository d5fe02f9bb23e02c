import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('Organisations API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    expect((await api().post('/regions', { id: 'leipzig-halle', name: 'Leipzig-Halle', kind: 'metropolitan-region' })).status).toBe(201);
  });

  describe('POST /organisations', () => {
    it('records an organisation with its region and member count and answers 201 with the version, ETag and Location', async () => {
      const id = uniqueId('network');

      const response = await api().post('/organisations', { id, name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', regionId: 'leipzig-halle', memberCount: 130 });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id,
        version: 1,
        eventIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
        position: { commit: expect.stringMatching(/^\d+$/), prepare: expect.stringMatching(/^\d+$/) },
      });
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/organisations/${id}`);
    });

    it('generates an id when none is given', async () => {
      const response = await api().post('/organisations', { name: 'Ministry of Transport and Road Facilities', kind: 'ministry' });
      expect(response.status).toBe(201);
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('location')).toBe(`/organisations/${response.body.id}`);
      expect((await api().get(`/organisations/${response.body.id}`)).body.name).toBe('Ministry of Transport and Road Facilities');
    });

    it('accepts a network that has no members yet', async () => {
      const id = uniqueId('new-network');
      expect((await api().post('/organisations', { id, name: 'Young network', kind: 'network', memberCount: 0 })).status).toBe(201);
      expect((await api().get(`/organisations/${id}`)).body.memberCount).toBe(0);
    });

    it('keeps the reason in the event metadata, not in the organisation', async () => {
      const id = uniqueId('fair-organiser');
      await api().post('/organisations', { id, name: 'Leipziger Messe', kind: 'fair-organiser', reason: 'Organises Intec and Z' });
      const [recorded] = (await api().allEvents()).filter((event) => event.event?.streamId === `organisation-${id}`);
      expect(recorded.event?.data).not.toHaveProperty('reason');
      expect(recorded.event?.metadata).toMatchObject({ reason: 'Organises Intec and Z' });
      expect((await api().get(`/organisations/${id}`)).body).not.toHaveProperty('reason');
    });

    it('refuses a second organisation with the same id (409) and appends nothing', async () => {
      const id = uniqueId('company');
      await api().post('/organisations', { id, name: 'Spedition A', kind: 'member-company' });
      await expectRefused(api(), '/organisations', { id, name: 'Spedition B', kind: 'member-company' }, 409, 'organisationId', 'ORGANISATION_ALREADY_EXISTS');
    });

    it('refuses a region that is not recorded (422 naming regionId) and appends nothing', async () => {
      await expectRefused(api(), '/organisations', { name: 'Ministry', kind: 'ministry', regionId: 'atlantis' }, 422, 'regionId', 'UNKNOWN_REFERENCE');
    });

    it.each([
      ['a missing name', { kind: 'ministry' }, 'name'],
      ['a wrong-typed name', { name: 42, kind: 'ministry' }, 'name'],
      ['an empty name', { name: '', kind: 'ministry' }, 'name'],
      ['a name of 201 characters', { name: 'x'.repeat(201), kind: 'network' }, 'name'],
      ['a missing kind', { name: 'Ministry' }, 'kind'],
      ['an unknown kind', { name: 'Ministry', kind: 'club' }, 'kind'],
      ['an unknown field', { name: 'Ministry', kind: 'ministry', phone: '123' }, 'phone'],
      ['an id with a $', { id: '$all', name: 'Ministry', kind: 'ministry' }, 'id'],
      ['a wrong-typed regionId', { name: 'Ministry', kind: 'ministry', regionId: 7 }, 'regionId'],
      ['a negative member count', { name: 'Network', kind: 'network', memberCount: -1 }, 'memberCount'],
      ['a fractional member count', { name: 'Network', kind: 'network', memberCount: 12.5 }, 'memberCount'],
      ['a member count as text', { name: 'Network', kind: 'network', memberCount: '130' }, 'memberCount'],
      ['a member count above a million', { name: 'Network', kind: 'network', memberCount: 1_000_001 }, 'memberCount'],
    ])('refuses %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      await expectRefused(api(), '/organisations', body, 400, field, 'INVALID_REQUEST');
    });
  });

  describe('POST /organisations/:id/renames', () => {
    it('renames an organisation: 201 with the next version as ETag, and the read shows the new name', async () => {
      const id = uniqueId('association');
      await api().post('/organisations', { id, name: 'Deutsch-Russische Wirtschaftsvereinigung', kind: 'association', memberCount: 40 });

      const response = await api().post(`/organisations/${id}/renames`, { name: 'German-Russian business association' });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 2 });
      expect(response.headers.get('etag')).toBe('"2"');
      const read = await api().get(`/organisations/${id}`);
      expect(read.body).toEqual({ id, name: 'German-Russian business association', kind: 'association', memberCount: 40, version: 2 });
      expect(read.headers.get('etag')).toBe('"2"');
    });

    it.each([
      ['a missing name', {}, 'name'],
      ['a wrong-typed name', { name: ['New'] }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['an unknown field', { name: 'New', kind: 'network' }, 'kind'],
    ])('refuses %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      const id = uniqueId('ministry');
      await api().post('/organisations', { id, name: 'Ministry of Transport', kind: 'ministry' });
      await expectRefused(api(), `/organisations/${id}/renames`, body, 400, field, 'INVALID_REQUEST');
    });

    it('refuses a rename to the name it already has (400 naming name)', async () => {
      const id = uniqueId('ministry');
      await api().post('/organisations', { id, name: 'Ministry of Transport', kind: 'ministry' });
      await expectRefused(api(), `/organisations/${id}/renames`, { name: 'Ministry of Transport' }, 400, 'name', 'INVALID_FIELD');
    });

    it('refuses a rename of an unknown organisation (404) and of a malformed id (400)', async () => {
      await expectRefused(api(), '/organisations/never-recorded/renames', { name: 'New' }, 404, undefined, 'ORGANISATION_NOT_FOUND');
      await expectRefused(api(), '/organisations/%24all/renames', { name: 'New' }, 400, 'id', 'INVALID_REQUEST');
    });
  });

  describe('GET /organisations/:id', () => {
    it('leaves out the region and member count when none were given', async () => {
      const id = uniqueId('government');
      await api().post('/organisations', { id, name: 'Government of Tatarstan', kind: 'government' });
      expect((await api().get(`/organisations/${id}`)).body).toEqual({ id, name: 'Government of Tatarstan', kind: 'government', version: 1 });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await api().get('/organisations/never-recorded'), 404, 'ORGANISATION_NOT_FOUND', 'id');
      expectProblem(await api().get('/organisations/-leading-dash'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
