import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersonalDataKeyStore } from '@app/personal-data';
import { ProjectionsRuntime } from '../../apps/api/src/read-models/projections-runtime';
import { expectProblem, expectRefused, TestApi, type ApiResponse } from '../support/api.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

/**
 * Crypto-shredding end to end, through the API with its embedded node and projections, on each read-model store: a
 * person's name and contact details are sealed in the events, shown while their key exists, and gone from every
 * answer and every read-model row once they are erased, live and after a rebuild, while the events stay byte for
 * byte as stored and the hash chains still verify.
 */

const NAME = 'Wilhelmina Quarrington-Zell';
const EMAIL = 'w.quarrington-zell@example.org';
const PHONE = '+49 341 5550 1234';
const OTHER = 'Bertram Okonkwo-Lind';

describe.each(readModelStores())('erasure of a person on %s', (_name, scratchStore) => {
  let scratch: ScratchStore;
  let api: TestApi;
  let last = '0';
  const personId = 'quarrington-zell';

  async function post(path: string, body: unknown): Promise<ApiResponse> {
    const response = await api.post(path, body);
    expect({ path, status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ path, status: 201, body: undefined });
    last = String(response.body.position.commit);
    return response;
  }

  const query = (path: string) => api.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);

  async function eventStoreFiles(): Promise<Buffer> {
    const dir = join(api.dataDir, 'event-store');
    const names = await readdir(dir, { recursive: true, withFileTypes: true });
    const files = names.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    return Buffer.concat(await Promise.all(files.map((file) => readFile(file))));
  }

  /** Every row of every table of the read-model store, as text. */
  async function readModelDump(): Promise<string> {
    const db = api.app.get(ProjectionsRuntime).reader.db;
    const tables = await db.introspection.getTables();
    const dump: string[] = [];
    for (const table of tables) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, whatever its shape
      const rows = await (db as any).selectFrom(table.name).selectAll().execute();
      dump.push(`${table.name}: ${JSON.stringify(rows)}`);
    }
    expect(dump.some((line) => line.startsWith('timeline_entries:'))).toBe(true);
    return dump.join('\n');
  }

  const storedEvents = async () => (await api.allEvents()).map(({ event }) => JSON.stringify({ id: event!.id, type: event!.type, data: event!.data, metadata: event!.metadata }));

  beforeAll(async () => {
    scratch = await scratchStore();
    api = await TestApi.start(scratch.target.kind === 'postgres' ? { READ_MODEL_URL: scratch.target.url } : {});
    await post('/regions', { id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject' });
    await post('/organisations', { id: 'network', name: 'Logistics network', kind: 'network' });
    await post('/people', { id: personId, name: NAME, email: EMAIL, phone: PHONE });
    await post('/people', { id: 'okonkwo-lind', name: OTHER });
    await post(`/people/${personId}/roles`, { organisationId: 'network', role: 'Chair', from: '2015', level: 'executive' });
    await post('/cooperations', { id: 'network--tatarstan', ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017' });
    const participants = [
      { personId, name: NAME, organisationId: 'network', level: 'executive' },
      { personId: 'okonkwo-lind', name: OTHER, level: 'minister' },
    ];
    await post('/cooperations/network--tatarstan/meetings', { entryId: 'kazan', occurredOn: '2017-10', place: { name: 'Kazan' }, participants, topics: ['logistics'] });
    // A correction that changes the participants: the name is then in the correction's before and after too.
    await post('/cooperations/network--tatarstan/corrections', {
      entryId: 'kazan',
      corrections: { participants: [{ ...participants[0], role: 'Chair of the network' }, participants[1]] },
      reason: 'Minutes give her role',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await scratch?.cleanUp();
  }, 60_000);

  it('never writes the name, email or phone to the event store’s files', async () => {
    const files = await eventStoreFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const secret of [NAME, EMAIL, PHONE, 'Quarrington', OTHER]) expect({ secret, found: files.includes(Buffer.from(secret, 'utf8')) }).toEqual({ secret, found: false });
  });

  it('shows the person, with contact details, while their key exists', async () => {
    const person = await api.get(`/people/${personId}`);
    expect(person.body).toMatchObject({ id: personId, name: NAME, email: EMAIL, phone: PHONE });
    expect(person.body.erased).toBeUndefined();
    const timeline = await query(`/people/${personId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.names.person[personId]).toBe(NAME);
    expect(JSON.stringify(timeline.body.items)).toContain(NAME);
    const status = await query('/regions/tatarstan/status');
    expect(status.body.people).toEqual(expect.arrayContaining([expect.objectContaining({ id: personId, name: NAME })]));
    const graph = await query('/graph');
    expect(graph.body.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: `person:${personId}`, label: NAME })]));
    const cooperation = await api.get('/cooperations/network--tatarstan');
    expect(cooperation.body.entries[0].participants[0]).toMatchObject({ personId, name: NAME });
  });

  it('refuses contact details that are not an email address or a telephone number, appending nothing', async () => {
    await expectRefused(api, '/people', { id: 'bad-email', name: 'X', email: 'not-an-address' }, 400, 'email');
    await expectRefused(api, '/people', { id: 'bad-phone', name: 'X', phone: 'call me' }, 400, 'phone');
    await expectRefused(api, '/people', { id: 'bad-phone', name: 'X', phone: 12345 }, 400, 'phone');
  });

  it('lets only an admin erase, with a reason, a person who exists', async () => {
    for (const role of ['viewer', 'editor', 'auditor'] as const) {
      // Issuing the role's token appends an event of its own: issue it first.
      await api.as(role).get(`/people/${personId}`);
      let response: ApiResponse | undefined;
      const appended = await api.eventsAppendedBy(async () => (response = await api.as(role).post(`/people/${personId}/erasure`, { reason: 'asked' })));
      expect({ role, status: response!.status, appended }).toEqual({ role, status: 403, appended: 0 });
    }
    await expectRefused(api, `/people/${personId}/erasure`, {}, 400, 'reason');
    await expectRefused(api, `/people/${personId}/erasure`, { reason: '   ' }, 400, 'reason');
    await expectRefused(api, `/people/${personId}/erasure`, { reason: 'asked', name: NAME }, 400);
    await expectRefused(api, '/people/nobody-here/erasure', { reason: 'asked' }, 404, 'personId', 'PERSON_NOT_FOUND');
    expect((await api.get(`/people/${personId}`)).body.name).toBe(NAME);
  });

  it('erases the person from every answer and every read-model row, live and after a rebuild, leaving the events as stored', async () => {
    const before = await storedEvents();
    const keyBefore = (await api.app.get(PersonalDataKeyStore).keysOf([personId])).get(personId);
    expect(Buffer.isBuffer(keyBefore)).toBe(true);
    const beforeErasure = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const erased = await post(`/people/${personId}/erasure`, { reason: 'Erasure request of 2026-03-02 (ticket 4711)' });
    expect(erased.body).toMatchObject({ id: personId, version: 3 });

    // The events: the same bytes, one PersonErased more; the chains over them still verify.
    const after = await storedEvents();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((event) => JSON.parse(event).type)).toContain('PersonErased');
    const verified = await api.as('auditor').get('/audit/verify');
    expect({ status: verified.status, intact: verified.body.report?.intact }).toEqual({ status: 200, intact: true });
    expect((await eventStoreFiles()).includes(Buffer.from(NAME, 'utf8'))).toBe(false);

    // The key is gone, and so are its bytes from the SQLite files.
    expect((await api.app.get(PersonalDataKeyStore).keysOf([personId])).get(personId)).toBe('erased');
    if (scratch.target.kind === 'sqlite') {
      for (const suffix of ['', '-wal']) {
        const file = await readFile(`${scratch.target.file}${suffix}`).catch(() => Buffer.alloc(0));
        expect({ suffix, found: file.includes(Buffer.from((keyBefore as Buffer).toString('base64'))) }).toEqual({ suffix, found: false });
      }
    }

    const expectErasedEverywhere = async () => {
      const person = await api.get(`/people/${personId}`);
      expect(person.body).toEqual({ id: personId, name: 'erased person', erased: true, roles: [expect.objectContaining({ role: 'Chair' })], version: 3 });
      const answers = [
        await query(`/people/${personId}/timeline`),
        await query(`/people/${personId}/timeline?knownAt=${beforeErasure}`),
        await query('/timeline?asOf=2017-12-31'),
        await query('/timeline?format=csv'),
        await query('/regions/tatarstan/status'),
        await query('/regions/tatarstan/status?knownAt=' + beforeErasure),
        await query('/graph'),
        await query('/graph?format=graphml'),
        await api.get('/cooperations/network--tatarstan'),
        await query('/cooperations/network--tatarstan?asOf=2017-12-31'),
        await api.as('auditor').get(`/audit?minPosition=${last}`),
        await api.as('auditor').get(`/audit/entities/person-${personId}`),
        await api.as('auditor').get('/audit/entities/cooperation-network--tatarstan'),
      ];
      for (const answer of answers) {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        expect({ status: answer.status, name: text.includes('Quarrington'), email: text.includes(EMAIL), phone: text.includes(PHONE) }).toEqual({ status: 200, name: false, email: false, phone: false });
      }
      const timeline = answers[0].body;
      expect(timeline.names.person).toEqual({ [personId]: 'erased person', 'okonkwo-lind': OTHER });
      expect(JSON.stringify(answers[0].body.items)).toContain(OTHER);
      expect(answers[4].body.people).toEqual(expect.arrayContaining([{ id: personId, name: 'erased person', mentions: 1 }, expect.objectContaining({ id: 'okonkwo-lind', name: OTHER })]));
      expect(answers[6].body.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: `person:${personId}`, label: 'erased person' })]));
      expect(answers[8].body.entries[0].participants[0]).toEqual({ personId, name: 'erased person', organisationId: 'network', level: 'executive', role: 'Chair of the network', erased: true });
      const dump = await readModelDump();
      for (const secret of ['Quarrington', EMAIL, PHONE]) expect({ secret, found: dump.includes(secret) }).toEqual({ secret, found: false });
      expect(dump).toContain(OTHER);
    };

    await expectErasedEverywhere();
    const engine = api.app.get(ProjectionsRuntime).engine!;
    for (const name of engine.names) await engine.rebuild(name);
    await expectErasedEverywhere();
  }, 60_000);

  it('refuses to erase twice, and refuses new records that link the erased person, appending nothing', async () => {
    await expectRefused(api, `/people/${personId}/erasure`, { reason: 'again' }, 409, 'personId', 'PERSON_ALREADY_ERASED');
    await expectRefused(api, `/people/${personId}/roles`, { organisationId: 'network', role: 'Member', from: '2020', level: 'executive' }, 409, 'personId', 'PERSON_ERASED');
    const meeting = { entryId: 'later', occurredOn: '2019', place: { name: 'Leipzig' }, participants: [{ personId, name: NAME, level: 'executive' }], topics: ['logistics'] };
    await expectRefused(api, '/cooperations/network--tatarstan/meetings', meeting, 422, 'participants[0].personId', 'ERASED_REFERENCE');
    const response = await api.post('/people', { id: personId, name: NAME });
    expectProblem(response, 409, 'PERSON_ALREADY_EXISTS');
  });
});
