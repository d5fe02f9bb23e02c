import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expectProblem, TestApi, uniqueId, useTestApi, type ApiResponse } from '../support/api.harness';
import { PRESS_STORY_POSTS, recordPressStory } from '../support/press-story';

const SAMPLES = join(__dirname, '..', '..', 'samples', 'import');
const sample = (name: string): string => readFileSync(join(SAMPLES, name), 'utf8');

const CSV = 'text/csv';
const NDJSON = 'application/x-ndjson';

/** Written out here rather than taken from the code under test: which fact each route of the press story records. */
const FACT_OF_ROUTE: [RegExp, string, string?][] = [
  [/^\/regions$/, 'RegionRegistered'],
  [/^\/organisations$/, 'OrganisationRegistered'],
  [/^\/people$/, 'PersonRegistered'],
  [/^\/people\/([^/]+)\/roles$/, 'RoleAssumed', 'personId'],
  [/^\/fairs$/, 'FairRegistered'],
  [/^\/cooperations$/, 'CooperationOpened'],
  [/^\/cooperations\/([^/]+)\/fair-attendances$/, 'FairAttended', 'cooperationId'],
  [/^\/cooperations\/([^/]+)\/cross-memberships$/, 'MembershipCrossLinked', 'cooperationId'],
  [/^\/cooperations\/([^/]+)\/contacts$/, 'ContactEstablished', 'cooperationId'],
  [/^\/cooperations\/([^/]+)\/delegation-visits$/, 'DelegationVisited', 'cooperationId'],
  [/^\/cooperations\/([^/]+)\/meetings$/, 'MeetingHeld', 'cooperationId'],
  [/^\/cooperations\/([^/]+)\/stage-changes$/, 'CooperationStageChanged', 'cooperationId'],
];

/** README's press story as import rows: each `post <path> '<body>'` line as `{ fact, <target>?, ...body }`. */
const PRESS_STORY_ROWS = PRESS_STORY_POSTS.map(({ path, body }) => {
  for (const [route, fact, target] of FACT_OF_ROUTE) {
    const match = route.exec(path);
    if (match) return { fact, ...(target === undefined ? {} : { [target]: match[1] }), ...(body as object) };
  }
  throw new Error(`no fact for POST ${path}`);
});

/** Every entity the press story records, by its read route. */
const PRESS_STORY_ENTITIES = PRESS_STORY_POSTS.filter(({ path }) => /^\/\w+$/.test(path)).map(({ path, body }) => `${path}/${(body as { id: string }).id}`);

const ndjson = (rows: readonly object[]): string => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

function importFile(testApi: TestApi, text: string, contentType: string, query = ''): Promise<ApiResponse> {
  return testApi.request('POST', `/imports${query}`, { rawBody: text, headers: { 'content-type': contentType } });
}

describe('POST /imports', () => {
  const api = useTestApi();

  describe('the sample files', () => {
    it('hold the press story of the README, row for row, as NDJSON', () => {
      expect(sample('press-story.ndjson').trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(PRESS_STORY_ROWS);
    });
  });

  describe('on an empty store', () => {
    it('dry-runs the press story: every row could be imported, nothing is appended', async () => {
      let response: ApiResponse | undefined;
      const appended = await api().eventsAppendedBy(async () => {
        response = await importFile(api(), sample('press-story.csv'), CSV, '?dryRun=true');
      });
      expect({ status: response!.status, body: response!.body }).toEqual({ status: 200, body: { dryRun: true, rows: 25, wouldImport: 25, alreadyImported: 0 } });
      expect(appended).toBe(0);
    });

    it('lists every bad row of a file with its line, fact, field and code, and appends nothing, dry run or not', async () => {
      for (const query of ['?dryRun=true', '']) {
        let response: ApiResponse | undefined;
        const appended = await api().eventsAppendedBy(async () => {
          response = await importFile(api(), sample('press-story-with-errors.csv'), CSV, query);
        });
        expectProblem(response!, 422, 'IMPORT_REJECTED');
        expect(appended).toBe(0);
        expect(response!.body).toMatchObject({ rows: 14, rejectedRows: 9 });
        expect(response!.body.errors.map(({ line, fact, field, code }: Record<string, unknown>) => [line, fact, field, code])).toEqual([
          [3, 'RegionRegistered', 'kind', 'INVALID_REQUEST'],
          // Row 4 lies within the region row 3 would have recorded, had it been good.
          [4, 'RegionRegistered', 'parentRegionId', 'UNKNOWN_REFERENCE'],
          [7, 'OrganisationRegistered', 'regionId', 'UNKNOWN_REFERENCE'],
          [9, 'MeetingHeld', 'occurredOn', 'DATE_OUT_OF_ORDER'],
          // Its summary spans lines 10 and 11: the row is numbered by its first line.
          [10, 'ContactEstablished', 'participants[0].level', 'INVALID_REQUEST'],
          [12, 'MeetingHeld', 'participants', 'MALFORMED_CELL'],
          [13, 'CooperationStageChanged', 'to', 'INVALID_STAGE_TRANSITION'],
          [14, 'FairVisited', 'fact', 'UNKNOWN_FACT'],
          [15, 'DelegationVisited', 'cooperationId', 'COOPERATION_NOT_FOUND'],
        ]);
        expect(response!.body.errors[0].message).toBe('kind must be one of country, federal-subject, state, metropolitan-region, city, other');
        expect(response!.body.detail).toMatch(/^9 of 14 rows cannot be imported, so nothing was: line 3: kind must be one of/);
      }
    });
  });

  describe('the press story, imported', () => {
    let imported: ApiResponse;

    beforeAll(async () => {
      imported = await importFile(api(), sample('press-story.csv'), CSV);
    }, 60_000);

    it('appends every row in file order and answers with the position of the last append', async () => {
      expect(imported.status).toBe(201);
      expect(imported.body).toEqual({ dryRun: false, rows: 25, imported: 25, alreadyImported: 0, lastPosition: expect.stringMatching(/^\d+$/) });
      const events = (await api().allEvents()).filter((resolved) => !resolved.event!.streamId.startsWith('access-'));
      expect(events.map((resolved) => resolved.event!.type)).toEqual(
        PRESS_STORY_ROWS.map((row) => row.fact),
      );
      expect(String(events[events.length - 1].event!.position?.commit ?? events[events.length - 1].commitPosition)).toBe(imported.body.lastPosition);
    });

    it("shows the rows on Tatarstan's timeline", async () => {
      const timeline = await api().get(`/regions/tatarstan/timeline?minPosition=${imported.body.lastPosition}`);
      expect(timeline.status).toBe(200);
      // As test/api/timelines.spec.ts finds it after posting the story.
      expect(timeline.body.items.map((item: { entryKey: string }) => item.entryKey.split('/').slice(-1)[0])).toEqual(['1', 'opened', 'first-contact', 'kazan-delegation', 'kazan-minister-meeting', '4']);
    });

    it('appends nothing when the same file is imported again, and reports every row as already imported', async () => {
      let again: ApiResponse | undefined;
      const appended = await api().eventsAppendedBy(async () => {
        again = await importFile(api(), sample('press-story.csv'), CSV);
      });
      expect(again!.body).toEqual({ dryRun: false, rows: 25, imported: 0, alreadyImported: 25, lastPosition: null });
      expect(appended).toBe(0);
      expect((await importFile(api(), sample('press-story.csv'), CSV, '?dryRun=true')).body).toEqual({ dryRun: true, rows: 25, wouldImport: 0, alreadyImported: 25 });
    });

    it('recognises the rows by their content, not their place: the NDJSON of the same story, reordered within its streams, appends nothing', async () => {
      // The four organisations (rows 9 to 12) in reverse order: each needs only its region, recorded before them.
      const rows = sample('press-story.ndjson').trim().split('\n');
      const reordered = [...rows.slice(0, 8), ...rows.slice(8, 12).reverse(), ...rows.slice(12)];
      let again: ApiResponse | undefined;
      const appended = await api().eventsAppendedBy(async () => {
        again = await importFile(api(), `\n${reordered.join('\r\n')}\r\n\r\n`, NDJSON);
      });
      expect(again!.body).toMatchObject({ rows: 25, imported: 0, alreadyImported: 25 });
      expect(appended).toBe(0);
    });

    it('refuses a row that says something else about an entity already recorded', async () => {
      const response = await importFile(api(), ndjson([{ fact: 'RegionRegistered', id: 'kazan', name: 'Kasan', kind: 'city' }]), NDJSON);
      expectProblem(response, 422, 'IMPORT_REJECTED');
      expect(response.body.errors).toEqual([{ line: 1, fact: 'RegionRegistered', field: 'id', code: 'REGION_ALREADY_EXISTS', message: 'region kazan is already registered' }]);
    });
  });

  it('decides each row on what the rows before it recorded: a region of row 1 holds the fair of row 3, its generated id stays the same on re-import', async () => {
    const [city, network, cooperation] = [uniqueId('city'), uniqueId('network'), uniqueId('cooperation')];
    const file = ndjson([
      { fact: 'RegionRegistered', id: city, name: 'Samara', kind: 'city' },
      { fact: 'OrganisationRegistered', id: network, name: 'Samara logistics network', kind: 'network', regionId: city },
      { fact: 'FairRegistered', name: 'Samara Transport Week', regionId: city, recurrence: 'annual' },
      { fact: 'CooperationOpened', id: cooperation, ourOrganisationId: network, partner: { kind: 'region', id: city }, openedOn: '2019' },
      { fact: 'MeetingHeld', cooperationId: cooperation, occurredOn: '2019-05', place: { name: 'Samara', regionId: city }, participants: [{ name: 'Board', organisationId: network, level: 'executive' }], topics: ['rail'] },
    ]);
    const dryRun = await importFile(api(), file, NDJSON, '?dryRun=true');
    expect(dryRun.body).toEqual({ dryRun: true, rows: 5, wouldImport: 5, alreadyImported: 0 });
    const first = await importFile(api(), file, NDJSON, '?dryRun=false');
    expect(first.body).toMatchObject({ imported: 5, alreadyImported: 0 });
    const again = await importFile(api(), file, NDJSON);
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 5 });
    const cooperationNow = await api().get(`/cooperations/${cooperation}`);
    expect(cooperationNow.body.entries).toEqual([expect.objectContaining({ type: 'MeetingHeld', occurredOn: '2019-05', topics: ['rail'] })]);
    const fairs = (await api().allEvents()).filter((resolved) => resolved.event!.type === 'FairRegistered' && (resolved.event!.data as { regionId: string }).regionId === city);
    expect(fairs).toHaveLength(1);
  });

  it('refuses a row naming an entity that only a later row records, at that row', async () => {
    const [parent, child] = [uniqueId('parent'), uniqueId('child')];
    const response = await importFile(api(), ndjson([
      { fact: 'RegionRegistered', id: child, name: 'Child', kind: 'city', parentRegionId: parent },
      { fact: 'RegionRegistered', id: parent, name: 'Parent', kind: 'country' },
    ]), NDJSON, '?dryRun=true');
    expectProblem(response, 422, 'IMPORT_REJECTED');
    expect(response.body.errors).toEqual([
      { line: 1, fact: 'RegionRegistered', field: 'parentRegionId', code: 'UNKNOWN_REFERENCE', message: `parentRegionId names region '${parent}', which is not recorded (nor by an earlier row of this file)` },
    ]);
  });

  it('reports every line of an NDJSON file that is not a JSON object, with the other rows checked too', async () => {
    const response = await importFile(api(), `{"fact":"RegionRegistered","name":"A","kind":"city"}\n{"fact":\n\n[1]\n{"fact":"RegionRegistered","name":"","kind":"city"}\n`, NDJSON, '?dryRun=true');
    expectProblem(response, 422, 'IMPORT_REJECTED');
    expect(response.body.errors.map(({ line, field, code }: Record<string, unknown>) => [line, field, code])).toEqual([
      [2, undefined, 'MALFORMED_ROW'],
      [4, undefined, 'MALFORMED_ROW'],
      [5, 'name', 'INVALID_REQUEST'],
    ]);
  });

  it('takes the rows as a JSON array too, numbering them from 1', async () => {
    const good = await api().post('/imports?dryRun=true', [{ fact: 'RegionRegistered', id: uniqueId('r'), name: 'R', kind: 'city' }]);
    expect(good.body).toEqual({ dryRun: true, rows: 1, wouldImport: 1, alreadyImported: 0 });
    const bad = await api().post('/imports?dryRun=true', [{ fact: 'RegionRegistered', name: 'R', kind: 'city' }, 'nope', { fact: 'MeetingHeld', occurredOn: '2019' }]);
    expect(bad.body.errors.map(({ line, field, code }: Record<string, unknown>) => [line, field, code])).toEqual([
      [2, undefined, 'MALFORMED_ROW'],
      [3, 'cooperationId', 'INVALID_REQUEST'],
    ]);
    expectProblem(await api().post('/imports', { fact: 'RegionRegistered' }), 400, 'INVALID_REQUEST', '(body)');
  });

  it('keeps metadata as a command does: the token as actor, the correlation id, the reason of the row', async () => {
    const id = uniqueId('region');
    const response = await api().as('editor', 'import-editor').request('POST', '/imports', {
      rawBody: ndjson([{ fact: 'RegionRegistered', id, name: 'Ulyanovsk', kind: 'city', reason: 'From the 2019 member survey' }]),
      headers: { 'content-type': NDJSON, 'x-correlation-id': 'survey-import' },
    });
    expect(response.status).toBe(201);
    const [event] = (await api().allEvents()).filter((resolved) => resolved.event!.streamId === `region-${id}`);
    expect(event.event!.metadata).toMatchObject({
      actor: { id: 'import-editor', role: 'editor' },
      correlationId: 'survey-import',
      reason: 'From the 2019 member survey',
      command: 'RegisterRegion',
      idempotencyKey: expect.stringMatching(/^import-/),
    });
    expectProblem(await api().as('viewer').request('POST', '/imports', { rawBody: ndjson([{ fact: 'RegionRegistered', name: 'X', kind: 'city' }]), headers: { 'content-type': NDJSON } }), 403, 'FORBIDDEN');
  });

  it('answers 415 to a body in another format or charset, and to CSV sent to a route that takes JSON', async () => {
    expectProblem(await importFile(api(), 'fact\nRegionRegistered\n', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await importFile(api(), 'fact\nRegionRegistered\n', 'text/csv; charset=iso-8859-1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api().request('POST', '/imports'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await api().request('POST', '/regions', { rawBody: 'fact,name\nRegionRegistered,Kazan\n', headers: { 'content-type': CSV } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await importFile(api(), 'fact,name,kind\nRegionRegistered,Kazan,city\n', 'text/csv; charset=utf-8', '?dryRun=true')).status).toBe(200);
  });

  it('answers 413 to a file over 4 MiB and to one of more than 2,000 rows', async () => {
    expectProblem(await importFile(api(), `fact,name\n${'x'.repeat(4 * 1024 * 1024)}\n`, CSV, '?dryRun=true'), 413, 'IMPORT_TOO_LARGE');
    const rows = Array.from({ length: 2_001 }, (_, index) => ({ fact: 'RegionRegistered', name: `R${index}`, kind: 'city' }));
    const response = await importFile(api(), ndjson(rows), NDJSON, '?dryRun=true');
    expectProblem(response, 413, 'IMPORT_TOO_LARGE');
    expect(response.body.detail).toMatch(/^the file holds 2001 rows; one import takes at most 2000/);
  });

  it('refuses a file without rows, a bad dryRun, and the Idempotency-Key and If-Match headers, naming each', async () => {
    expectProblem(await importFile(api(), 'fact,name,kind\n', CSV), 422, 'IMPORT_REJECTED');
    expectProblem(await importFile(api(), '{"fact":"RegionRegistered"}\n', NDJSON, '?dryRun=yes'), 400, 'INVALID_REQUEST', 'dryRun');
    expectProblem(await api().request('POST', '/imports', { rawBody: '{}\n', headers: { 'content-type': NDJSON, 'idempotency-key': 'k1' } }), 400, 'INVALID_REQUEST', 'Idempotency-Key');
    expectProblem(await api().request('POST', '/imports', { rawBody: '{}\n', headers: { 'content-type': NDJSON, 'if-match': '"1"' } }), 400, 'INVALID_REQUEST', 'If-Match');
  });

  it('is documented in the OpenAPI document with its three body types', async () => {
    const document = (await api().get('/docs/openapi.json')).body;
    const operation = document.paths['/imports'].post;
    expect(Object.keys(operation.requestBody.content).sort()).toEqual(['application/json', 'application/x-ndjson', 'text/csv']);
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dryRun', in: 'query' })]));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '413', '415', '422']));
  });
});

describe('an import, compared with the routes it stands for', () => {
  const imported = useTestApi();
  const posted = useTestApi();

  it('records the press story exactly as posting it line by line does: every entity reads back the same', async () => {
    const response = await importFile(imported(), ndjson(PRESS_STORY_ROWS), NDJSON);
    expect(response.body).toMatchObject({ imported: PRESS_STORY_ROWS.length });
    await recordPressStory(posted());
    for (const path of PRESS_STORY_ENTITIES) {
      const [fromImport, fromPosts] = await Promise.all([imported().get(path), posted().get(path)]);
      expect({ path, status: fromImport.status, body: fromImport.body }).toEqual({ path, status: 200, body: fromPosts.body });
    }
  }, 60_000);
});

describe('an import, run again after a restart', () => {
  it('is recognised from the streams alone: nothing is appended', async () => {
    const first = await TestApi.start();
    expect((await importFile(first, sample('press-story.ndjson'), NDJSON)).body).toMatchObject({ imported: 25 });
    await first.stop({ keepData: true });
    const second = await TestApi.start({}, { dataDir: first.dataDir });
    try {
      let again: ApiResponse | undefined;
      const appended = await second.eventsAppendedBy(async () => {
        again = await importFile(second, sample('press-story.csv'), CSV);
      });
      expect(again!.body).toEqual({ dryRun: false, rows: 25, imported: 0, alreadyImported: 25, lastPosition: null });
      expect(appended).toBe(0);
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('a dry run, against the real run that follows it', () => {
  const api = useTestApi();
  // One set of rows for every run, so later runs meet what earlier ones recorded: rows already imported, and conflicts.
  const [north, south, east] = ['north', 'south', 'east'].map((name) => uniqueId(name));
  const goodRow = fc.constantFrom(
    { id: north, name: 'North', kind: 'country' },
    { id: south, name: 'South', kind: 'city', parentRegionId: north },
    { id: east, name: 'East', kind: 'city', parentRegionId: south },
    // No id: one is derived from the row's content, the same each time.
    { name: `West of ${north}`, kind: 'city', parentRegionId: north },
  );
  const badRow = fc.constantFrom(
    { id: north, name: 'North, renamed', kind: 'country' },
    { id: uniqueId('loop'), name: 'Loop', kind: 'city', parentRegionId: 'itself' },
  );
  const regionRow = fc.oneof({ weight: 9, arbitrary: goodRow }, { weight: 1, arbitrary: badRow }).map((row) => (row.parentRegionId === 'itself' ? { ...row, parentRegionId: row.id } : row));

  it('promises what the run does: as many rows imported and already imported, or the same errors and nothing appended', async () => {
    const outcomes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.array(regionRow, { minLength: 1, maxLength: 6 }), async (regions) => {
        const file = ndjson(regions.map((region) => ({ fact: 'RegionRegistered', ...region })));
        const dryRun = await importFile(api(), file, NDJSON, '?dryRun=true');
        outcomes.add(dryRun.status);
        let run: ApiResponse | undefined;
        const appended = await api().eventsAppendedBy(async () => {
          run = await importFile(api(), file, NDJSON);
        });
        if (dryRun.status === 200) {
          expect({ status: run!.status, imported: run!.body.imported, alreadyImported: run!.body.alreadyImported, appended }).toEqual({
            status: 201,
            imported: dryRun.body.wouldImport,
            alreadyImported: dryRun.body.alreadyImported,
            appended: dryRun.body.wouldImport,
          });
        } else {
          expect(dryRun.status).toBe(422);
          expect({ status: run!.status, errors: run!.body.errors, appended }).toEqual({ status: 422, errors: dryRun.body.errors, appended: 0 });
        }
      }),
      { numRuns: 25 },
    );
    // Both sides of the promise were put to the test.
    expect([...outcomes].sort()).toEqual([200, 422]);
  }, 120_000);
});
