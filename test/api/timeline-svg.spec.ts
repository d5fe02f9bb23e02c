import { findAll, readXml } from '../../apps/api/src/pictures/xml-reader.fixture';
import { expectProblem, useTestApi, type ApiResponse } from '../support/api.harness';
import { recordPressStory } from '../support/press-story';
import { readModelStores } from '../support/read-model-stores';

/** The entry keys a picture draws, in the order it draws them. */
const drawnKeys = (response: ApiResponse<string>) => findAll(readXml(response.body), (element) => element.attributes.class === 'entry').map((entry) => entry.attributes['data-entry-key']);

describe.each(readModelStores())('timelines as SVG pictures, read models on %s', (_store, scratchStore) => {
  const api = useTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '3000' }, scratchStore);
  let last = '0';

  beforeAll(async () => {
    last = await recordPressStory(api());
  }, 60_000);

  const get = (path: string) => api().get<string>(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);
  const jsonKeys = async (path: string) => (await get(path)).body as unknown as { items: { entryKey: string }[] };

  it("draws Tatarstan's timeline as an SVG image with the same entries, in the same order, as the JSON timeline", async () => {
    const response = await get('/regions/tatarstan/timeline.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const json = await jsonKeys('/regions/tatarstan/timeline');
    expect(drawnKeys(response)).toEqual(json.items.map((item) => item.entryKey));
    expect(readXml(response.body).children[0].text).toBe('Timeline: Republic of Tatarstan');
    expect(response.body).toContain('Meeting in Kazan with Minister of Transport of Tatarstan');
  });

  it('takes the JSON timeline’s filters and cuts: before October 2017 there was no Kazan meeting', async () => {
    const asOf = await get('/regions/tatarstan/timeline.svg?asOf=2017-06-30');
    expect(drawnKeys(asOf)).toEqual((await jsonKeys('/regions/tatarstan/timeline?asOf=2017-06-30')).items.map((item) => item.entryKey));
    expect(drawnKeys(asOf).some((key) => key.endsWith('kazan-minister-meeting'))).toBe(false);
    expect(asOf.body).toContain('as of 2017-06-30');
    expect(drawnKeys(await get('/regions/tatarstan/timeline.svg?types=MeetingHeld,DelegationVisited'))).toEqual([
      'cooperation/logistics-network--tatarstan/kazan-delegation',
      'cooperation/logistics-network--tatarstan/kazan-minister-meeting',
    ]);
    expect(drawnKeys(await get('/regions/russia/timeline.svg?from=2010&to=2010'))).toEqual([
      'cooperation/logistics-network--russia/opened',
      'cooperation/logistics-network--russia/transrussia-2010',
      'person/president-tatarstan/role/1',
    ]);
    expect(drawnKeys(await get('/regions/tatarstan/timeline.svg?knownAt=2017-11-01'))).toEqual([]);
  });

  it("draws a cooperation's timeline, titled by its two sides", async () => {
    const response = await get('/cooperations/logistics-network--tatarstan/timeline.svg');
    expect(response.status).toBe(200);
    expect(readXml(response.body).children[0].text).toBe('Timeline: Netzwerk Logistik Leipzig-Halle ↔ Republic of Tatarstan');
    expect(drawnKeys(response)).toEqual((await jsonKeys('/cooperations/logistics-network--tatarstan/timeline')).items.map((item) => item.entryKey));
  });

  it('draws a fact known only to the year over the whole year', async () => {
    const svg = readXml((await get('/regions/russia/timeline.svg?types=FairAttended')).body);
    const [fair] = findAll(svg, (element) => element.attributes.class === 'entry');
    expect(fair.attributes).toMatchObject({ 'data-occurred-on': '2010', 'data-precision': 'year' });
    const ticks = new Map(findAll(svg, (element) => element.attributes.class === 'year-tick').map((tick) => [tick.text, Number(tick.attributes.x)]));
    const bar = fair.children.find((child) => child.name === 'rect')!.attributes;
    expect(Number(bar.x)).toBeCloseTo(ticks.get('2010')!, 0);
    expect(Number(bar.x) + Number(bar.width)).toBeCloseTo(ticks.get('2011')!, 0);
  });

  it('answers 404 for an unknown region or cooperation and 400 for bad parameters, appending nothing', async () => {
    const appended = await api().eventsAppendedBy(async () => {
      expectProblem(await get('/regions/atlantis/timeline.svg'), 404, 'REGION_NOT_FOUND', 'id');
      expectProblem(await get('/cooperations/no-such-cooperation/timeline.svg'), 404, 'COOPERATION_NOT_FOUND', 'id');
      expectProblem(await get('/regions/$all/timeline.svg'), 400, 'INVALID_REQUEST', 'id');
      expectProblem(await get('/regions/tatarstan/timeline.svg?asOf=2017-02-30'), 400, 'INVALID_REQUEST', 'asOf');
      expectProblem(await get('/regions/tatarstan/timeline.svg?knownAt=yesterday'), 400, 'INVALID_REQUEST', 'knownAt');
      expectProblem(await get('/regions/tatarstan/timeline.svg?types=Rumour'), 400, 'INVALID_REQUEST', 'types');
      expectProblem(await get('/regions/tatarstan/timeline.svg?from=2018&to=2017'), 400, 'INVALID_REQUEST', 'from');
      // A picture is drawn whole: the paging parameters of the JSON timeline are unknown here.
      expectProblem(await get('/regions/tatarstan/timeline.svg?limit=5'), 400, 'INVALID_REQUEST', 'limit');
      expectProblem(await get('/regions/tatarstan/timeline.svg?format=csv'), 400, 'INVALID_REQUEST', 'format');
    });
    expect(appended).toBe(0);
  });

  it('is documented in the OpenAPI document as an image/svg+xml answer with the timeline filters', async () => {
    const document = (await api().get('/docs/openapi.json')).body;
    for (const path of ['/regions/{id}/timeline.svg', '/cooperations/{id}/timeline.svg']) {
      const operation = document.paths[path].get;
      expect(Object.keys(operation.responses['200'].content)).toEqual(['image/svg+xml']);
      expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['id', 'types', 'from', 'to', 'region', 'organisation', 'level', 'includeRetracted', 'asOf', 'knownAt', 'minPosition']));
      expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).not.toEqual(expect.arrayContaining(['limit']));
    }
  });
});
