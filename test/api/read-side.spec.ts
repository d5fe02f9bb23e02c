import { expectProblem, useTestApi } from '../support/api.harness';
import { recordPressStory } from '../support/press-story';

describe('status, graph, cooperations at a cut and projections over HTTP', () => {
  const api = useTestApi();
  let last = '0';

  beforeAll(async () => {
    last = await recordPressStory(api());
  }, 60_000);

  it("answers Tatarstan's status: exploring since October 2017, first contact in March 2017, one minister-level meeting", async () => {
    const response = await api().get(`/regions/tatarstan/status?minPosition=${last}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      regionId: 'tatarstan',
      stage: 'exploring',
      stageSince: '2017-10',
      firstContact: { occurredOn: '2017-03' },
      lastInteraction: { occurredOn: '2017-10' },
      meetings: { total: 1, byLevel: { minister: 1 } },
      delegationVisits: { inbound: 0, outbound: 1 },
    });
  });

  it('answers the status as of mid-2017: still at first contact', async () => {
    const response = await api().get(`/regions/tatarstan/status?asOf=2017-06-30&minPosition=${last}`);
    expect(response.body).toMatchObject({ asOf: '2017-06-30', stage: 'contact', meetings: { total: 0 }, delegationVisits: { outbound: 0 } });
  });

  it("answers one cooperation's status now and at a cut, and the same as a replay of all of its history", async () => {
    const now = await api().get(`/cooperations/logistics-network--tatarstan/status?minPosition=${last}`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      cooperationId: 'logistics-network--tatarstan',
      stage: 'exploring',
      stageSince: '2017-10',
      firstContact: { occurredOn: '2017-03' },
      meetings: { total: 1, byLevel: { minister: 1 } },
      delegationVisits: { inbound: 0, outbound: 1 },
    });
    // The current status is read from the cooperation's own tally, a cut is replayed from the timeline: a cut that
    // leaves nothing out must give the same answer.
    const replayed = await api().get(`/cooperations/logistics-network--tatarstan/status?asOf=2099-12-31&minPosition=${last}`);
    expect(replayed.status).toBe(200);
    const { asOf, momentum: replayedMomentum, lastInteraction: replayedLast, ...replayedRest } = replayed.body;
    const { momentum, lastInteraction, ...nowRest } = now.body;
    expect(asOf).toBe('2099-12-31');
    expect(replayedRest).toEqual(nowRest);
    expect(replayedLast).toEqual(lastInteraction);
    expect([momentum.interactions, replayedMomentum.interactions]).toEqual([expect.any(Number), 0]);

    const before = await api().get(`/cooperations/logistics-network--tatarstan/status?asOf=2017-06-30&minPosition=${last}`);
    expect(before.body).toMatchObject({ asOf: '2017-06-30', stage: 'contact', meetings: { total: 0 }, delegationVisits: { outbound: 0 } });
  });

  it('refuses bad cooperation status parameters with 400, and unknown or not yet opened cooperations with 404', async () => {
    expectProblem(await api().get('/cooperations/logistics-network--tatarstan/status?asOf=2017'), 400, 'INVALID_REQUEST', 'asOf');
    expectProblem(await api().get('/cooperations/logistics-network--tatarstan/status?knownAt=yesterday'), 400, 'INVALID_REQUEST', 'knownAt');
    expectProblem(await api().get('/cooperations/no-such-cooperation/status'), 404, 'COOPERATION_NOT_FOUND', 'id');
    expectProblem(await api().get('/cooperations/logistics-network--tatarstan/status?asOf=2016-01-01'), 404, 'COOPERATION_NOT_FOUND', 'id');
    expectProblem(await api().get('/cooperations/%24all/status'), 400, 'INVALID_REQUEST', 'id');
  });

  it('answers a cooperation as it stood at a cut, with its entries then', async () => {
    const response = await api().get(`/cooperations/logistics-network--tatarstan?asOf=2017-06-30&minPosition=${last}`);
    expect(response.status).toBe(200);
    expect(response.body.entries.map((entry: { type: string }) => entry.type)).toEqual(['CooperationOpened', 'ContactEstablished']);
    expect((await api().get('/cooperations/logistics-network--tatarstan?asOf=2016-01-01')).status).toBe(404);
  });

  it('answers the relationship graph as JSON and as GraphML', async () => {
    const json = await api().get(`/graph?minPosition=${last}`);
    expect(json.status).toBe(200);
    expect(json.body.edges).toContainEqual(expect.objectContaining({ kind: 'membership', firstDate: '2016' }));
    const graphMl = await fetch(`${api().url}/graph?format=graphml`, { headers: { authorization: `Bearer ${api().adminToken}` } });
    expect(graphMl.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(await graphMl.text()).toMatch(/<graphml[\s\S]*<node [\s\S]*<edge /);
  });

  it('refuses bad status and graph parameters with 400, unknown regions with 404', async () => {
    expectProblem(await api().get('/regions/tatarstan/status?asOf=2017'), 400, 'INVALID_REQUEST', 'asOf');
    expectProblem(await api().get('/regions/tatarstan/status?when=now'), 400, 'INVALID_REQUEST', 'when');
    expectProblem(await api().get('/graph?format=dot'), 400, 'INVALID_REQUEST', 'format');
    expect((await api().get('/regions/atlantis/status')).status).toBe(404);
    expect((await api().get('/graph?region=atlantis')).status).toBe(404);
  });

  it('waits with the projection status until every projection has applied a given position', async () => {
    const recorded = await api().post('/regions', { id: 'read-side-wait-probe', name: 'Wait probe', kind: 'city' });
    expect(recorded.status).toBe(201);
    const position = BigInt(recorded.body.position.commit);
    const all = await api().get(`/projections?minPosition=${position}`);
    expect(all.status).toBe(200);
    for (const projection of all.body.projections) expect(BigInt(projection.checkpoint.commit)).toBeGreaterThanOrEqual(position);
    const one = await api().get('/projections/graph', { 'x-min-position': String(position) });
    expect(BigInt(one.body.checkpoint.commit)).toBeGreaterThanOrEqual(position);
    expectProblem(await api().get('/projections?minPosition=soon'), 400, 'INVALID_REQUEST');
    expectProblem(await api().get(`/projections/timeline?minPosition=${position * 1000n}`), 422, 'POSITION_BEYOND_LOG');
  });

  it('reports every projection, and rebuilds one for an admin only', async () => {
    const list = await api().get('/projections');
    expect(list.body.projections.map((projection: { name: string }) => projection.name)).toEqual(['timeline', 'status', 'graph', 'audit']);
    expect(list.body.projections[0]).toMatchObject({ checkpoint: { commit: expect.any(String) }, lag: { events: expect.any(Number) }, lastError: null });
    expectProblem(await api().as('editor').post('/projections/timeline/rebuild'), 403, 'FORBIDDEN');
    expectProblem(await api().as('auditor').post('/projections/timeline/rebuild'), 403, 'FORBIDDEN');
    expect((await api().as('admin').post('/projections/nothing/rebuild')).status).toBe(404);
    const started = await api().as('admin').post('/projections/timeline/rebuild');
    expect(started.status).toBe(202);
    for (let attempt = 0; attempt < 100; attempt++) {
      const status = (await api().get('/projections/timeline')).body;
      if (status.state !== 'rebuilding' && status.generation >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await api().get('/projections/timeline')).body).toMatchObject({ generation: 2, eventsApplied: expect.any(Number) });
    const timeline = await api().get('/regions/tatarstan/timeline');
    expect(timeline.body.items).toHaveLength(6);
  });

  it('documents the read side in the OpenAPI document: every query endpoint with its cut and filter parameters', async () => {
    const document = (await api().get('/docs/openapi.json')).body;
    for (const path of ['/timeline', '/regions/{id}/timeline', '/organisations/{id}/timeline', '/people/{id}/timeline', '/cooperations/{id}/timeline', '/regions/{id}/status', '/graph', '/projections', '/projections/{name}/rebuild']) {
      expect(document.paths[path]).toBeDefined();
    }
    const parameters = document.paths['/regions/{id}/timeline'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['asOf', 'knownAt', 'minPosition', 'types', 'from', 'to', 'region', 'organisation', 'level', 'cursor', 'limit', 'format']));
    expect(Object.keys(document.paths['/regions/{id}/timeline'].get.responses['200'].content)).toEqual(expect.arrayContaining(['application/json', 'text/csv', 'application/x-ndjson']));
    expect(document.paths['/cooperations/{id}'].get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['asOf', 'knownAt']));
  });
});
