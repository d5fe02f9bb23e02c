import { expectProblem, expectRefused, uniqueId, useTestApi } from '../support/api.harness';

describe('People API', () => {
  const api = useTestApi();

  beforeAll(async () => {
    expect((await api().post('/organisations', { id: 'tatarstan-government', name: 'Government of Tatarstan', kind: 'government' })).status).toBe(201);
    expect((await api().post('/organisations', { id: 'transport-ministry', name: 'Ministry of Transport of Tatarstan', kind: 'ministry' })).status).toBe(201);
  });


  async function registerPerson(name = 'Rustam Minnikhanov'): Promise<string> {
    const id = uniqueId('person');
    expect((await api().post('/people', { id, name })).status).toBe(201);
    return id;
  }

  it('records a person and the roles they take on and leave, with the precision of their dates', async () => {
    const id = await registerPerson();
    expect((await api().post(`/people/${id}/roles`, { organisationId: 'tatarstan-government', role: 'President', from: '2010-03', level: 'head-of-state' })).status).toBe(201);
    expect((await api().post(`/people/${id}/roles`, { organisationId: 'transport-ministry', role: 'Adviser', from: '2005', level: 'working' })).status).toBe(201);
    const ended = await api().post(`/people/${id}/role-endings`, { organisationId: 'transport-ministry', role: 'Adviser', until: '2009' });
    expect(ended.status).toBe(201);
    expect(ended.headers.get('etag')).toBe('"4"');
    expect((await api().get(`/people/${id}`)).body).toEqual({
      id,
      name: 'Rustam Minnikhanov',
      roles: [
        { organisationId: 'tatarstan-government', role: 'President', from: '2010-03', level: 'head-of-state' },
        { organisationId: 'transport-ministry', role: 'Adviser', from: '2005', until: '2009', level: 'working' },
      ],
      version: 4,
    });
  });

  it.each([
    ['a missing level', { organisationId: 'transport-ministry', role: 'Minister of Transport', from: '2017' }, 400, 'level'],
    ['an unknown level', { organisationId: 'transport-ministry', role: 'Minister of Transport', from: '2017', level: 'emperor' }, 400, 'level'],
    ['a month 13', { organisationId: 'transport-ministry', role: 'Minister of Transport', from: '2017-13', level: 'minister' }, 400, 'from'],
    ['30 February', { organisationId: 'transport-ministry', role: 'Minister of Transport', from: '2017-02-30', level: 'minister' }, 400, 'from'],
    ['a date in words', { organisationId: 'transport-ministry', role: 'Minister of Transport', from: 'last year', level: 'minister' }, 400, 'from'],
    ['an unknown organisation', { organisationId: 'nowhere', role: 'Minister of Transport', from: '2017', level: 'minister' }, 422, 'organisationId'],
    ['an unknown field', { organisationId: 'transport-ministry', role: 'Minister', from: '2017', level: 'minister', salary: 1 }, 400, 'salary'],
  ])('refuses a role with %s, naming the field, appending nothing', async (_case, body, status, field) => {
    const id = await registerPerson();
    await expectRefused(api(), `/people/${id}/roles`, body, status, field);
  });

  it('refuses a role already held (409), ending a role not held (422), and an end before the start (422)', async () => {
    const id = await registerPerson();
    const role = { organisationId: 'transport-ministry', role: 'Minister of Transport', from: '2017', level: 'minister' };
    await api().post(`/people/${id}/roles`, role);
    await expectRefused(api(), `/people/${id}/roles`, role, 409, 'role', 'ROLE_ALREADY_HELD');
    await expectRefused(api(), `/people/${id}/role-endings`, { organisationId: 'transport-ministry', role: 'Chair', until: '2020' }, 422, 'role', 'ROLE_NOT_FOUND');
    await expectRefused(api(), `/people/${id}/role-endings`, { organisationId: 'transport-ministry', role: 'Minister of Transport', until: '2016' }, 422, 'until', 'DATE_OUT_OF_ORDER');
  });

  it('refuses roles of an unknown person (404), a duplicate person (409) and a nameless one (400)', async () => {
    await expectRefused(api(), '/people/never-recorded/roles', { organisationId: 'transport-ministry', role: 'Minister', from: '2017', level: 'minister' }, 404, undefined, 'PERSON_NOT_FOUND');
    const id = await registerPerson();
    await expectRefused(api(), '/people', { id, name: 'Someone else' }, 409, 'personId', 'PERSON_ALREADY_EXISTS');
    await expectRefused(api(), '/people', { name: '   ' }, 400, 'name');
  });

  it('answers 404 for an unknown person', async () => {
    expectProblem(await api().get('/people/never-recorded'), 404, 'PERSON_NOT_FOUND', 'id');
  });
});
