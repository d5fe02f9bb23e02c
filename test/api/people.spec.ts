import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('People API', () => {
  const api = useTestApi();
  const ministerOfTransport = { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', from: '2017', level: 'minister' };

  beforeAll(async () => {
    expect((await api().post('/organisations', { id: 'tatarstan-government', name: 'Government of Tatarstan', kind: 'government' })).status).toBe(201);
    expect(
      (await api().post('/organisations', { id: 'tatarstan-transport-ministry', name: 'Ministry of Transport and Road Facilities of Tatarstan', kind: 'ministry' })).status,
    ).toBe(201);
  });

  async function registerPerson(name = 'Rustam Minnikhanov'): Promise<string> {
    const id = uniqueId('person');
    expect((await api().post('/people', { id, name })).status).toBe(201);
    return id;
  }

  describe('POST /people', () => {
    it('records a person and answers 201 with the version, ETag and Location', async () => {
      const id = uniqueId('minister');

      const response = await api().post('/people', { id, name: 'Farid Hamidullin' });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 1, eventIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)] });
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/people/${id}`);
    });

    it('generates an id when none is given', async () => {
      const response = await api().post('/people', { name: 'Leonid Safin' });
      expect(response.status).toBe(201);
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await api().get(`/people/${response.body.id}`)).body).toMatchObject({ name: 'Leonid Safin', roles: [] });
    });

    it('refuses a second person with the same id (409) and appends nothing', async () => {
      const id = await registerPerson();
      await expectRefused(api(), '/people', { id, name: 'Someone else' }, 409, 'personId', 'PERSON_ALREADY_EXISTS');
    });

    it.each([
      ['a missing name', {}, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a wrong-typed name', { name: { first: 'Rustam' } }, 'name'],
      ['an unknown field', { name: 'Rustam Minnikhanov', born: '1957' }, 'born'],
      ['an id with a $', { id: '$ce-person', name: 'Rustam Minnikhanov' }, 'id'],
    ])('refuses %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      await expectRefused(api(), '/people', body, 400, field);
    });
  });

  describe('POST /people/:id/roles', () => {
    it('records the Minister of Transport of Tatarstan from 2017: 201 with the next version, and the read lists the role', async () => {
      const id = await registerPerson('Farid Hamidullin');

      const response = await api().post(`/people/${id}/roles`, ministerOfTransport);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, version: 2 });
      expect(response.headers.get('etag')).toBe('"2"');
      expect(response.headers.get('location')).toBeNull();
      expect((await api().get(`/people/${id}`)).body).toEqual({ id, name: 'Farid Hamidullin', roles: [ministerOfTransport], version: 2 });
    });

    it('refuses a role already held (409 naming role) and appends nothing', async () => {
      const id = await registerPerson();
      await api().post(`/people/${id}/roles`, ministerOfTransport);
      await expectRefused(api(), `/people/${id}/roles`, ministerOfTransport, 409, 'role', 'ROLE_ALREADY_HELD');
    });

    it('refuses a role in an organisation that is not recorded (422 naming organisationId) and appends nothing', async () => {
      const id = await registerPerson();
      await expectRefused(api(), `/people/${id}/roles`, { ...ministerOfTransport, organisationId: 'nowhere' }, 422, 'organisationId', 'UNKNOWN_REFERENCE');
    });

    it.each([
      ['a missing organisation', { role: 'Minister of Transport', from: '2017', level: 'minister' }, 400, 'organisationId'],
      ['a missing role', { organisationId: 'tatarstan-transport-ministry', from: '2017', level: 'minister' }, 400, 'role'],
      ['a wrong-typed role', { ...ministerOfTransport, role: 42 }, 400, 'role'],
      ['a missing start', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', level: 'minister' }, 400, 'from'],
      ['a month 13', { ...ministerOfTransport, from: '2017-13' }, 400, 'from'],
      ['30 February', { ...ministerOfTransport, from: '2017-02-30' }, 400, 'from'],
      ['a date in words', { ...ministerOfTransport, from: 'last year' }, 400, 'from'],
      ['a date as a number', { ...ministerOfTransport, from: 2017 }, 400, 'from'],
      ['a missing level', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', from: '2017' }, 400, 'level'],
      ['an unknown level', { ...ministerOfTransport, level: 'emperor' }, 400, 'level'],
      ['an unknown field', { ...ministerOfTransport, salary: 1 }, 400, 'salary'],
      ['the person id in the body', { ...ministerOfTransport, personId: 'someone-else' }, 400, 'personId'],
    ])('refuses a role with %s, naming the field, appending nothing', async (_case, body, status, field) => {
      const id = await registerPerson();
      await expectRefused(api(), `/people/${id}/roles`, body, status, field);
    });

    it('refuses a role of an unknown person (404) and of a malformed id (400)', async () => {
      await expectRefused(api(), '/people/never-recorded/roles', ministerOfTransport, 404, undefined, 'PERSON_NOT_FOUND');
      await expectRefused(api(), '/people/%24all/roles', ministerOfTransport, 400, 'id', 'INVALID_REQUEST');
    });
  });

  describe('POST /people/:id/role-endings', () => {
    it('ends a role: the read keeps it with its end date, beside roles still held', async () => {
      const id = await registerPerson();
      const president = { organisationId: 'tatarstan-government', role: 'President', from: '2010-03', level: 'head-of-state' };
      expect((await api().post(`/people/${id}/roles`, president)).status).toBe(201);
      expect((await api().post(`/people/${id}/roles`, { ...ministerOfTransport, role: 'Adviser', from: '2005', level: 'working' })).status).toBe(201);

      const ended = await api().post(`/people/${id}/role-endings`, { organisationId: 'tatarstan-transport-ministry', role: 'Adviser', until: '2009' });

      expect(ended.status).toBe(201);
      expect(ended.headers.get('etag')).toBe('"4"');
      expect((await api().get(`/people/${id}`)).body).toEqual({
        id,
        name: 'Rustam Minnikhanov',
        roles: [president, { organisationId: 'tatarstan-transport-ministry', role: 'Adviser', from: '2005', until: '2009', level: 'working' }],
        version: 4,
      });
    });

    it('refuses to end a role the person does not hold (422 ROLE_NOT_FOUND naming role) and appends nothing', async () => {
      const id = await registerPerson();
      await api().post(`/people/${id}/roles`, ministerOfTransport);
      await expectRefused(api(), `/people/${id}/role-endings`, { organisationId: 'tatarstan-transport-ministry', role: 'Chair', until: '2020' }, 422, 'role', 'ROLE_NOT_FOUND');
      await expectRefused(api(), `/people/${id}/role-endings`, { organisationId: 'nowhere', role: 'Minister of Transport', until: '2020' }, 422, 'role', 'ROLE_NOT_FOUND');
    });

    it('refuses to end a role twice (422 ROLE_NOT_FOUND)', async () => {
      const id = await registerPerson();
      await api().post(`/people/${id}/roles`, ministerOfTransport);
      const ending = { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2021' };
      expect((await api().post(`/people/${id}/role-endings`, ending)).status).toBe(201);
      await expectRefused(api(), `/people/${id}/role-endings`, ending, 422, 'role', 'ROLE_NOT_FOUND');
    });

    it('refuses an end before the role began (422 naming until)', async () => {
      const id = await registerPerson();
      await api().post(`/people/${id}/roles`, ministerOfTransport);
      await expectRefused(api(), `/people/${id}/role-endings`, { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2016' }, 422, 'until', 'DATE_OUT_OF_ORDER');
    });

    it.each([
      ['a missing end date', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport' }, 'until'],
      ['a month 13', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2021-13' }, 'until'],
      ['30 February', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2021-02-30' }, 'until'],
      ['a date in words', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: 'last year' }, 'until'],
      ['a missing role', { organisationId: 'tatarstan-transport-ministry', until: '2021' }, 'role'],
      ['a wrong-typed organisation', { organisationId: 7, role: 'Minister of Transport', until: '2021' }, 'organisationId'],
      ['an unknown field', { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2021', level: 'minister' }, 'level'],
    ])('refuses an ending with %s with 400 naming the field, appending nothing', async (_case, body, field) => {
      const id = await registerPerson();
      await api().post(`/people/${id}/roles`, ministerOfTransport);
      await expectRefused(api(), `/people/${id}/role-endings`, body, 400, field);
    });

    it('refuses an ending for an unknown person (404) and for a malformed id (400)', async () => {
      const ending = { organisationId: 'tatarstan-transport-ministry', role: 'Minister of Transport', until: '2021' };
      await expectRefused(api(), '/people/never-recorded/role-endings', ending, 404, undefined, 'PERSON_NOT_FOUND');
      await expectRefused(api(), '/people/a%20b/role-endings', ending, 400, 'id', 'INVALID_REQUEST');
    });
  });

  describe('GET /people/:id', () => {
    it('sends the version as ETag', async () => {
      const id = await registerPerson();
      const response = await api().get(`/people/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id, name: 'Rustam Minnikhanov', roles: [], version: 1 });
      expect(response.headers.get('etag')).toBe('"1"');
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await api().get('/people/never-recorded'), 404, 'PERSON_NOT_FOUND', 'id');
      expectProblem(await api().get('/people/%24all'), 400, 'INVALID_REQUEST', 'id');
    });
  });
});
