import { expectProblem, useTestApi, type ApiResponse } from '../support/api.harness';
import { recordPressStory } from '../support/press-story';

describe('timelines over HTTP', () => {
  const api = useTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '3000' });
  let last = '0';

  beforeAll(async () => {
    last = await recordPressStory(api());
  }, 60_000);

  const get = (path: string, headers?: Record<string, string>): Promise<ApiResponse> => api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, headers);
  const keys = (response: ApiResponse) => response.body.items.map((item: { entryKey: string }) => item.entryKey.split('/').slice(-1)[0]);

  it("shows Tatarstan's history in date order, Kazan's facts included, stage change last", async () => {
    const response = await get('/regions/tatarstan/timeline');
    expect(response.status).toBe(200);
    expect(keys(response)).toEqual(['1', 'opened', 'first-contact', 'kazan-delegation', 'kazan-minister-meeting', '4']);
    expect(response.body.items[2]).toMatchObject({ type: 'ContactEstablished', occurredOn: '2017-03', precision: 'month', state: 'recorded' });
    // Recorded with the harness's default credential, the first admin token (subject `admin`).
    expect(response.body.items[2].recorded).toMatchObject({ actor: { id: 'admin' }, position: expect.any(String) });
    expect(response.body.names.region).toMatchObject({ kazan: 'Kazan', leipzig: 'Leipzig' });
  });

  it('shows a fact known only to the year as "2010", before everything dated within 2010', async () => {
    const response = await get('/regions/russia/timeline?types=FairAttended');
    expect(response.body.items).toEqual([expect.objectContaining({ entryId: 'transrussia-2010', occurredOn: '2010', precision: 'year' })]);
  });

  it('filters by type, date range, level, region and organisation', async () => {
    expect(keys(await get('/timeline?types=MeetingHeld,DelegationVisited'))).toEqual(['kazan-delegation', 'kazan-minister-meeting']);
    expect(keys(await get('/cooperations/logistics-network--tatarstan/timeline?from=2017-10&to=2017'))).toEqual(['kazan-delegation', 'kazan-minister-meeting', '4']);
    expect(keys(await get('/timeline?level=minister'))).toEqual(['kazan-minister-meeting']);
    expect(keys(await get('/organisations/logistics-network/timeline?region=kazan&types=MeetingHeld'))).toEqual(['kazan-minister-meeting']);
    expect(keys(await get('/regions/tatarstan/timeline?organisation=tatarstan-transport-ministry'))).toEqual(['kazan-minister-meeting']);
    expect(keys(await get('/people/president-tatarstan/timeline'))).toEqual(['1', 'first-contact']);
  });

  it('pages with cursors, in both orders, without gaps or repeats', async () => {
    const all = keys(await get('/timeline?limit=500'));
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await get(`/timeline?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      pages.push(...keys(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all);
    expect(keys(await get('/timeline?limit=500&order=desc'))).toEqual([...all].reverse());
  });

  it('answers as of a date: before October 2017 there was no Kazan meeting', async () => {
    const response = await get('/regions/tatarstan/timeline?asOf=2017-06-30');
    expect(keys(response)).toEqual(['1', 'opened', 'first-contact']);
    expect(response.body.asOf).toBe('2017-06-30');
  });

  it('shows a correction as such, and knownAt before it shows the entry as it was', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const corrected = await api().post('/cooperations/logistics-network--tatarstan/corrections', {
      entryId: 'kazan-minister-meeting',
      corrections: { occurredOn: '2017-10-12' },
      reason: 'Minutes give the exact day',
    });
    expect(corrected.status).toBe(201);
    const position = corrected.body.position.commit;
    const now = await api().get(`/timeline?types=MeetingHeld&minPosition=${position}`);
    expect(now.body.items[0]).toMatchObject({ occurredOn: '2017-10-12', state: 'corrected', version: 1 });
    expect(now.body.items[0].corrections[0]).toMatchObject({ changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } }, reason: 'Minutes give the exact day' });
    const then = await api().get(`/timeline?types=MeetingHeld&knownAt=${encodeURIComponent(before)}`);
    expect(then.body.items[0]).toMatchObject({ occurredOn: '2017-10', state: 'recorded', version: 0, corrections: [] });
  });

  it('keeps a retracted entry, marked as retracted, unless asked to leave it out', async () => {
    const retracted = await api().post('/cooperations/logistics-network--tatarstan/retractions', { entryId: 'kazan-delegation', reason: 'Duplicate of the meeting' });
    expect(retracted.status).toBe(201);
    const position = retracted.body.position.commit;
    const shown = await api().get(`/cooperations/logistics-network--tatarstan/timeline?types=DelegationVisited&minPosition=${position}`);
    expect(shown.body.items[0]).toMatchObject({ state: 'retracted', retraction: { reason: 'Duplicate of the meeting' } });
    const hidden = await api().get(`/cooperations/logistics-network--tatarstan/timeline?types=DelegationVisited&includeRetracted=false`);
    expect(hidden.body.items).toEqual([]);
  });

  it('exports a timeline as CSV and NDJSON, streamed', async () => {
    const csv = await fetch(`${api().url}/regions/tatarstan/timeline?format=csv&minPosition=${last}`, { headers: { authorization: `Bearer ${api().adminToken}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^entryKey,entryId,cooperationId,type,occurredOn/);
    expect(lines).toHaveLength(7);
    expect(lines[3]).toContain('first-contact');
    const ndjson = await fetch(`${api().url}/regions/tatarstan/timeline?format=ndjson`, { headers: { authorization: `Bearer ${api().adminToken}` } });
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const items = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(items.map((item) => item.type)).toContain('MeetingHeld');
  });

  it.each([
    ['/regions/tatarstan/timeline?asOf=2017-13-01', 'asOf'],
    ['/regions/tatarstan/timeline?asOf=yesterday', 'asOf'],
    ['/regions/tatarstan/timeline?knownAt=soon', 'knownAt'],
    ['/regions/tatarstan/timeline?types=Meeting', 'types'],
    ['/regions/tatarstan/timeline?level=king', 'level'],
    ['/regions/tatarstan/timeline?limit=0', 'limit'],
    ['/regions/tatarstan/timeline?limit=501', 'limit'],
    ['/regions/tatarstan/timeline?cursor=bm9wZQ', 'cursor'],
    ['/regions/tatarstan/timeline?order=sideways', 'order'],
    ['/regions/tatarstan/timeline?from=2018&to=2017', 'from'],
    ['/regions/tatarstan/timeline?to=2017-02-30', 'to'],
    ['/regions/tatarstan/timeline?format=xml', 'format'],
    ['/regions/tatarstan/timeline?colour=red', 'colour'],
    ['/regions/tatarstan/timeline?minPosition=-1', 'minPosition'],
    ['/regions/$all/timeline', 'id'],
  ])('refuses %s with 400 naming %s', async (path, field) => {
    expectProblem(await api().get(path), 400, 'INVALID_REQUEST', field);
  });

  it('answers 404 for a region, organisation, person or cooperation it does not know', async () => {
    for (const path of ['/regions/atlantis/timeline', '/organisations/nobody/timeline', '/people/nobody/timeline', '/cooperations/none/timeline']) {
      expect((await api().get(path)).status).toBe(404);
    }
  });

  it('answers 404 naming the id before it looks at the cursor, and for an export of an unknown timeline', async () => {
    expectProblem(await api().get('/regions/atlantis/timeline?cursor=not-a-cursor'), 404, 'REGION_NOT_FOUND', 'id');
    expectProblem(await api().get('/regions/tatarstan/timeline?cursor=not-a-cursor'), 400, 'INVALID_REQUEST', 'cursor');
    expectProblem(await api().get('/people/nobody/timeline?format=csv'), 404, 'PERSON_NOT_FOUND', 'id');
  });

  it('refuses a position beyond the end of the event log with 422, without waiting', async () => {
    const response = await api().get(`/timeline?minPosition=${BigInt(last) * 1000n}`);
    expectProblem(response, 422, 'POSITION_BEYOND_LOG', 'minPosition');
  });
});

describe('read-your-writes when the projections do not keep up', () => {
  // No projections in this API: a position its commands reached is never applied, as when the worker is down.
  const api = useTestApi({ PROJECTIONS: 'off', READ_YOUR_WRITES_TIMEOUT_MS: '500' });

  it('waits for a position the projections have not reached, then answers 503 with Retry-After', async () => {
    const recorded = await api().post('/regions', { id: 'russia', name: 'Russia', kind: 'country' });
    expect(recorded.status).toBe(201);
    const started = Date.now();
    const response = await api().get(`/timeline?minPosition=${recorded.body.position.commit}`);
    expectProblem(response, 503, 'PROJECTION_BEHIND', 'minPosition');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
