import { EventBus } from '@nestjs/cqrs';
import { AggregateEventStore } from '@app/event-store';
import { jsonEvent } from '@eventstore/db-client';
import { EventAppended } from '../../apps/api/src/commands/event-appended.event';
import { expectProblem, uniqueId, useTestApi } from '../support/api.harness';

// What every command endpoint shares, shown on regions and organisations: idempotent retries, optimistic
// concurrency, request limits, metadata for auditors, logs and events published only once durable.
describe('Command handling', () => {
  const api = useTestApi({ LOG_LEVEL: 'debug' });

  async function registerOrganisation(id = uniqueId('network')): Promise<string> {
    const response = await api().post('/organisations', { id, name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', memberCount: 130 });
    expect(response.status).toBe(201);
    return id;
  }

  describe('Idempotency-Key', () => {
    it('makes a retried command append nothing and answer as the first time', async () => {
      const key = uniqueId('key');
      const body = { name: 'Republic of Tatarstan', kind: 'federal-subject' };
      const first = await api().post('/regions', body, { 'Idempotency-Key': key });
      let retry = first;
      const appended = await api().eventsAppendedBy(async () => {
        retry = await api().post('/regions', body, { 'Idempotency-Key': key });
      });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(appended).toBe(0);
    });

    it('gives concurrent retries of one command one event and one answer', async () => {
      const key = uniqueId('key');
      const id = await registerOrganisation();
      let answers: Awaited<ReturnType<ReturnType<typeof api>['post']>>[] = [];
      const appended = await api().eventsAppendedBy(async () => {
        answers = await Promise.all(
          Array.from({ length: 8 }, () => api().post(`/organisations/${id}/renames`, { name: 'Logistik-Netzwerk Mitteldeutschland' }, { 'Idempotency-Key': key })),
        );
      });
      expect(appended).toBe(1);
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([201]));
      expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    });

    it('refuses a key reused for a different request (422) and appends nothing', async () => {
      const key = uniqueId('key');
      const id = await registerOrganisation();
      await api().post(`/organisations/${id}/renames`, { name: 'First name' }, { 'Idempotency-Key': key });
      let reused = await api().post(`/organisations/${id}/renames`, { name: 'Other name' }, { 'Idempotency-Key': key });
      const appended = await api().eventsAppendedBy(async () => {
        reused = await api().post(`/organisations/${id}/renames`, { name: 'Other name' }, { 'Idempotency-Key': key });
      });
      expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key');
      expect(appended).toBe(0);
    });

    it('recognises a retry after a restart of the repository cache (the key is in the stored metadata)', async () => {
      const key = uniqueId('key');
      const id = await registerOrganisation();
      const first = await api().post(`/organisations/${id}/renames`, { name: 'Renamed once' }, { 'Idempotency-Key': key });
      // A second API instance over the same store would have an empty cache: read the stream from scratch.
      const store = api().app.get(AggregateEventStore);
      const stored = await store.load(`organisation-${id}`);
      expect(stored.events.at(-1)?.metadata).toMatchObject({ idempotencyKey: key, requestFingerprint: expect.any(String) });
      expect(stored.events.at(-1)?.eventId).toBe(first.body.eventIds[0]);
    });
  });

  describe('If-Match', () => {
    it('runs the command when it names the current version, answering the next one in ETag', async () => {
      const id = await registerOrganisation();
      const response = await api().post(`/organisations/${id}/renames`, { name: 'New name' }, { 'If-Match': '"1"' });
      expect(response.status).toBe(201);
      expect(response.headers.get('etag')).toBe('"2"');
    });

    it('answers 412 when the entity has moved on since the version named, appending nothing', async () => {
      const id = await registerOrganisation();
      await api().post(`/organisations/${id}/renames`, { name: 'Renamed by someone else' });
      let stale = await api().post(`/organisations/${id}/renames`, { name: 'My rename' }, { 'If-Match': '"1"' });
      const appended = await api().eventsAppendedBy(async () => {
        stale = await api().post(`/organisations/${id}/renames`, { name: 'My rename' }, { 'If-Match': '"1"' });
      });
      expectProblem(stale, 412, 'PRECONDITION_FAILED', 'If-Match');
      expect(stale.body.currentVersion).toBe(2);
      expect(appended).toBe(0);
    });

    it('answers 409 when another writer appends between our read and our write', async () => {
      const id = await registerOrganisation();
      const store = api().app.get(AggregateEventStore);
      const append = store.append.bind(store);
      // The other writer: a direct append to the same stream, just before ours reaches the store.
      const spy = jest.spyOn(store, 'append').mockImplementationOnce(async (request) => {
        await api().client.appendToStream(`organisation-${id}`, jsonEvent({ type: 'OrganisationRenamed', data: { organisationId: id, name: 'Concurrent' }, metadata: { ...request.metadata, schemaVersion: 1 } }));
        return append(request);
      });
      try {
        const response = await api().post(`/organisations/${id}/renames`, { name: 'Mine' }, { 'If-Match': '"1"' });
        expectProblem(response, 409, 'CONCURRENCY_CONFLICT');
      } finally {
        spy.mockRestore();
      }
      expect((await api().get(`/organisations/${id}`)).body).toMatchObject({ name: 'Concurrent', version: 2 });
    });

    it('decides again on the newer state when no If-Match was given, so concurrent commands all land', async () => {
      const id = await registerOrganisation();
      const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => api().post(`/organisations/${id}/renames`, { name: `Name ${index}` })));
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201));
      expect((await api().get(`/organisations/${id}`)).body.version).toBe(7);
    });

    it('refuses a malformed If-Match with 400', async () => {
      const id = await registerOrganisation();
      expectProblem(await api().post(`/organisations/${id}/renames`, { name: 'x' }, { 'If-Match': 'version one' }), 400, 'INVALID_REQUEST', 'If-Match');
    });
  });

  describe('request limits and malformed requests', () => {
    it.each([
      ['an oversize body (413)', { rawBody: JSON.stringify({ name: 'x'.repeat(70_000), kind: 'city' }) }, 413, 'PAYLOAD_TOO_LARGE'],
      ['malformed JSON (400)', { rawBody: '{"name": "Kazan",' }, 400, undefined],
      ['a JSON array (400)', { rawBody: '[]' }, 400, 'INVALID_REQUEST'],
      ['a text body (415)', { rawBody: 'name=Kazan', headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['no body (400)', { headers: {} }, 400, 'INVALID_REQUEST'],
      ['a bearer token nobody issued (401)', { body: { name: 'Kazan', kind: 'city' }, headers: { authorization: `Bearer kt_${'0'.repeat(16)}_${'A'.repeat(43)}` } }, 401, 'UNAUTHENTICATED'],
      ['no bearer token at all (401)', { body: { name: 'Kazan', kind: 'city' }, headers: { authorization: '' } }, 401, 'UNAUTHENTICATED'],
      ['a malformed correlation id (400)', { body: { name: 'Kazan', kind: 'city' }, headers: { 'X-Correlation-Id': 'has spaces in it' } }, 400, 'INVALID_REQUEST'],
    ])('refuses %s as problem+json, appending nothing', async (_case, options, status, code) => {
      let response = await api().request('POST', '/regions', options);
      const appended = await api().eventsAppendedBy(async () => {
        response = await api().request('POST', '/regions', options);
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (code !== undefined) expect(response.body.code).toBe(code);
      expect(response.body.detail).toEqual(expect.any(String));
      expect(appended).toBe(0);
    });

    it('answers unknown routes with a 404 problem', async () => {
      expectProblem(await api().get('/nowhere'), 404, 'NOT_FOUND');
    });
  });

  describe('metadata for auditors', () => {
    it('stores actor, role, recordedAt, correlation, causation and request ids and the reason beside every event', async () => {
      const before = Date.now();
      const response = await api()
        .as('editor', 'anna.schmidt')
        .post('/regions', { name: 'Kazan', kind: 'city', reason: 'Delegation visit planned' }, { 'X-Correlation-Id': 'import-2017-10' });
      const requestId = response.headers.get('x-request-id');
      expect(response.headers.get('x-correlation-id')).toBe('import-2017-10');
      const [stored] = (await api().app.get(AggregateEventStore).load(`region-${response.body.id}`)).events;
      expect(stored.metadata).toEqual({
        actor: { id: 'anna.schmidt', role: 'editor' },
        recordedAt: expect.any(String),
        correlationId: 'import-2017-10',
        causationId: requestId,
        requestId,
        reason: 'Delegation visit planned',
        command: 'RegisterRegion',
        schemaVersion: 1,
        chain: { v: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/), streamPrev: null, lane: expect.stringMatching(/^[0-9a-f]{32}$/), lanePrev: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(Date.parse(stored.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(stored.event.data).not.toHaveProperty('reason');
    });
  });

  describe('logs', () => {
    it('writes JSON lines that carry the correlation id of the request, including the handler\'s own lines', async () => {
      await api().post('/regions', { name: 'Leipzig-Halle', kind: 'metropolitan-region' }, { 'X-Correlation-Id': 'trace-leipzig' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = api().logs().filter((line) => line.correlationId === 'trace-leipzig');
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['appended', 'request completed']));
      for (const line of lines) expect(line).toMatchObject({ requestId: expect.any(String), level: expect.any(String), time: expect.any(String) });
      expect(new Set(lines.map((line) => line.requestId)).size).toBe(1);
    });
  });

  describe('event bus', () => {
    it('publishes each event after it is durably appended, once for a retried command, and nothing for a refused one', async () => {
      const published: EventAppended[] = [];
      const subscription = api().app.get(EventBus).subscribe((event) => {
        if (event instanceof EventAppended) published.push(event);
      });
      try {
        const accepted = await api().post('/regions', { name: 'Moscow', kind: 'city' });
        await api().post('/regions', { name: 'Moscow', kind: 'village' });
        expect(published).toHaveLength(1);
        expect(published[0]).toMatchObject({ streamName: `region-${accepted.body.id}`, eventId: accepted.body.eventIds[0], type: 'RegionRegistered', revision: 0n });
        const stored = await api().allEvents();
        expect(stored.some((event) => event.event?.id === published[0].eventId)).toBe(true);

        const keyed = { 'Idempotency-Key': uniqueId('key') };
        const first = await api().post('/regions', { name: 'Samara', kind: 'city' }, keyed);
        await api().post('/regions', { name: 'Samara', kind: 'city' }, keyed);
        expect(published.map((event) => event.eventId)).toEqual([accepted.body.eventIds[0], first.body.eventIds[0]]);
      } finally {
        subscription.unsubscribe();
      }
    });
  });

  describe('OpenAPI', () => {
    it('documents every command endpoint with its request body at /docs/openapi.json, and serves the UI at /docs', async () => {
      const document = (await api().get('/docs/openapi.json')).body;
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/regions', '/regions/{id}', '/organisations', '/health']));
      expect(document.paths['/regions'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/RegisterRegionDto');
      expect(document.components.schemas.RegisterRegionDto.required).toEqual(expect.arrayContaining(['name', 'kind']));
      const ui = await api().request('GET', '/docs');
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toMatch(/text\/html/);
    });
  });
});
