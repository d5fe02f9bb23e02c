import { expectProblem, TestApi, uniqueId, type ApiResponse } from '../support/api.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

jest.setTimeout(60_000);

describe.each(readModelStores())('the audit trail over HTTP (%s)', (_name, makeStore) => {
  let store: ScratchStore;
  let api: TestApi;
  const cooperation = uniqueId('audit-coop');
  const stream = `cooperation-${cooperation}`;
  const correlation = uniqueId('audit-corr');
  let last = '0';

  beforeAll(async () => {
    store = await makeStore();
    api = await TestApi.start({ READ_YOUR_WRITES_TIMEOUT_MS: '5000', ...(store.target.kind === 'postgres' ? { READ_MODEL_URL: store.target.url } : {}) });
    const as = (actor: string) => ({ 'X-Actor': actor, 'X-Correlation-Id': correlation });
    const post = async (path: string, body: unknown, actor = 'anna.schmidt', headers: Record<string, string> = {}) => {
      const response = await api.as('editor', actor).post(path, body, { ...as(actor), ...headers });
      if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      last = response.body.position.commit;
    };
    const region = uniqueId('audit-region');
    const organisation = uniqueId('audit-org');
    await post('/regions', { id: region, name: 'Kazan', kind: 'city' });
    await post('/organisations', { id: organisation, name: 'Network', kind: 'network', regionId: region });
    await post('/cooperations', { id: cooperation, ourOrganisationId: organisation, partner: { kind: 'region', id: region }, openedOn: '2017-03' });
    await post(`/cooperations/${cooperation}/meetings`, {
      entryId: 'minister-meeting',
      occurredOn: '2017-10',
      place: { name: 'Kazan', regionId: region },
      participants: [{ name: 'Minister of Transport', level: 'minister' }],
      topics: ['logistics'],
      source: { kind: 'press-release', title: 'Delegation in Kazan', publishedOn: '2017-10' },
    });
    await post(`/cooperations/${cooperation}/corrections`, { entryId: 'minister-meeting', corrections: { occurredOn: '2017-10-12' }, reason: 'Minutes give the exact day' }, 'boris.weber');
  });

  afterAll(async () => {
    await api?.stop();
    await store?.cleanUp();
  });

  const auditor = () => api.as('auditor', 'ines.audit');
  const get = (path: string): Promise<ApiResponse> => auditor().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);

  it('shows each event with actor, role, times, command, request, reason, source and position in $all', async () => {
    const response = await get(`/audit?correlationId=${correlation}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { type: string }) => item.type)).toEqual(['RegionRegistered', 'OrganisationRegistered', 'CooperationOpened', 'MeetingHeld', 'FactCorrected']);
    const [meeting, correction] = response.body.items.slice(3);
    expect(meeting).toMatchObject({
      stream,
      revision: '1',
      actor: { id: 'anna.schmidt', role: 'editor' },
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      occurredOn: '2017-10',
      command: 'RecordMeeting',
      correlationId: correlation,
      requestId: expect.any(String),
      causationId: expect.any(String),
      source: expect.objectContaining({ title: 'Delegation in Kazan' }),
      position: { commit: expect.stringMatching(/^\d+$/), prepare: expect.stringMatching(/^\d+$/) },
      chain: { hash: expect.stringMatching(/^[0-9a-f]{64}$/), streamPrev: expect.stringMatching(/^[0-9a-f]{64}$/), lane: expect.stringMatching(/^[0-9a-f]{32}$/), lanePrev: expect.stringMatching(/^[0-9a-f]{64}$/), globalPrev: null },
    });
    expect(correction).toMatchObject({ actor: { id: 'boris.weber' }, command: 'CorrectFact', reason: 'Minutes give the exact day', chain: { streamPrev: meeting.chain.hash } });
    expect(BigInt(correction.position.commit)).toBeGreaterThan(BigInt(meeting.position.commit));
  });

  it('filters by actor, entity, type and recorded time', async () => {
    const types = (response: ApiResponse) => response.body.items.map((item: { type: string }) => item.type);
    expect(types(await get(`/audit?actor=boris.weber&correlationId=${correlation}`))).toEqual(['FactCorrected']);
    expect(types(await get(`/audit?entity=${stream}`))).toEqual(['CooperationOpened', 'MeetingHeld', 'FactCorrected']);
    expect(types(await get(`/audit?entity=${stream}&types=MeetingHeld,FactCorrected&order=desc`))).toEqual(['FactCorrected', 'MeetingHeld']);
    expect(types(await get(`/audit?correlationId=${correlation}&from=2000-01-01&to=2999-12-31`))).toHaveLength(5);
    expect(types(await get(`/audit?correlationId=${correlation}&to=2000-01-01T00:00:00Z`))).toEqual([]);
  });

  it('pages by cursor without gaps or repeats, in both orders', async () => {
    for (const order of ['asc', 'desc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse = await get(`/audit?correlationId=${correlation}&limit=2&order=${order}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item: { eventId: string }) => item.eventId));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      const all = (await get(`/audit?correlationId=${correlation}&order=${order}`)).body.items.map((item: { eventId: string }) => item.eventId);
      expect(seen).toEqual(all);
    }
  });

  it('exports the filtered trail as CSV and NDJSON', async () => {
    const csv = await get(`/audit?entity=${stream}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toMatch(/^commitPosition,preparePosition,eventId,stream,revision,type,actor,role,recordedAt,occurredOn,command/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('boris.weber');
    const ndjson = await get(`/audit?entity=${stream}&format=ndjson`);
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const items = (ndjson.body as string).trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason: string | null });
    expect(items.map((item) => item.type)).toEqual(['CooperationOpened', 'MeetingHeld', 'FactCorrected']);
  });

  it('refuses bad parameters with 400 naming the parameter, and changes nothing', async () => {
    const appended = await api.eventsAppendedBy(async () => {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['from=yesterday', 'from'],
        ['from=2026-02-30', 'from'],
        ['from=2026-02-01&to=2026-01-01', 'from'],
        ['cursor=bm90LW91cnM', 'cursor'],
        ['entity=$all', 'entity'],
        ['types=Meeting%20Held', 'types'],
        ['format=xml', 'format'],
        ['order=sideways', 'order'],
        ['minPosition=-1', 'minPosition'],
        ['colour=red', 'colour'],
      ]) {
        const response = await auditor().get(`/audit?${query}`);
        expectProblem(response, 400, 'INVALID_REQUEST', field);
      }
    });
    expect(appended).toBe(0);
  });

  it("gives one entity's history from the event store, each correction beside the value it replaced", async () => {
    const response = await auditor().get(`/audit/entities/${stream}`);
    expect(response.status).toBe(200);
    expect(response.body.events.map((event: { type: string }) => event.type)).toEqual(['CooperationOpened', 'MeetingHeld', 'FactCorrected']);
    expect(response.body.events[2]).toMatchObject({
      actorId: 'boris.weber',
      reason: 'Minutes give the exact day',
      corrects: { entryId: 'minister-meeting', recordedBy: response.body.events[1].eventId, changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } } },
    });
    expect(response.body.entries).toEqual([
      expect.objectContaining({
        entryId: 'minister-meeting',
        state: 'corrected',
        original: expect.objectContaining({ occurredOn: '2017-10' }),
        current: expect.objectContaining({ occurredOn: '2017-10-12' }),
        corrections: [expect.objectContaining({ actorId: 'boris.weber', changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } } })],
      }),
    ]);
  });

  it('answers 404 for an unknown entity and 400 for a malformed one', async () => {
    expectProblem(await auditor().get('/audit/entities/cooperation-never-recorded'), 404, 'STREAM_NOT_FOUND', 'stream');
    expectProblem(await auditor().get('/audit/entities/%24all'), 400, 'INVALID_REQUEST', 'stream');
  });

  it('verifies the chains, signs a checkpoint, and verifies incrementally from it', async () => {
    const full = await auditor().get('/audit/verify');
    expect(full.status).toBe(200);
    expect(full.body.report).toMatchObject({ intact: true, mode: 'full', brokenLinks: 0, firstBreak: null, unchained: 0 });
    expect(full.body.report.events).toBeGreaterThanOrEqual(5);
    const { token } = full.body.checkpoint;
    expect(token).toMatch(/^kontakt-audit:v2:\d+:\d+:\d+:[0-9a-f]{64}:[0-9a-f]{64}:[0-9a-f]{64}$/);

    await api.as('editor').post(`/cooperations/${cooperation}/stage-changes`, { to: 'exploring', occurredOn: '2017-10', reason: 'second exchange' });
    const incremental = await auditor().get(`/audit/verify?from=${encodeURIComponent(token)}`);
    expect(incremental.body.report).toMatchObject({ intact: true, mode: 'incremental', events: full.body.report.events + incremental.body.report.checked });
    expect(incremental.body.report.checked).toBeGreaterThanOrEqual(1);
    const against = await auditor().get(`/audit/verify?checkpoint=${encodeURIComponent(token)}`);
    expect(against.body.report).toMatchObject({ intact: true, mode: 'full' });
  });

  it('refuses a checkpoint token that was altered or is not one', async () => {
    const { token } = (await auditor().get('/audit/verify')).body.checkpoint;
    const altered = token.replace(/:(\d+):([0-9a-f]{64}):/, (_match: string, events: string, head: string) => `:${Number(events) + 1}:${head}:`);
    expectProblem(await auditor().get(`/audit/verify?from=${encodeURIComponent(altered)}`), 400, 'INVALID_REQUEST', 'from');
    expectProblem(await auditor().get('/audit/verify?checkpoint=nonsense'), 400, 'INVALID_REQUEST', 'checkpoint');
  });
});
