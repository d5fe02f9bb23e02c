import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kontaktEventSchemas } from '@app/event-store';
import { ProjectionEngine, timelineProjection } from '@app/projections';
import { openReadModelDatabase, readModelTargetFrom } from '@app/read-model';
import { useTestApi } from '../support/api.harness';

const STORY = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const POSTS = [...STORY.matchAll(/^post (\S+) '(.*)'$/gm)].map(([, path, body]) => ({ path, body: JSON.parse(body) as unknown }));

describe('smoke', () => {
  const api = useTestApi();
  it('projects', async () => {
    for (const { path, body } of POSTS) expect((await api().post(path, body)).status).toBe(201);
    const dir = await mkdtemp(join(tmpdir(), 'smoke-'));
    const store = await openReadModelDatabase(readModelTargetFrom(undefined, dir));
    const engine = new ProjectionEngine({ client: api().client, store, definitions: [timelineProjection], schemas: kontaktEventSchemas(), logger: console });
    await engine.start();
    const rows = await store.db.selectFrom('timeline_scopes' as never).selectAll().where('scope' as never, '=', 'region:tatarstan' as never).orderBy('sort_key' as never).execute();
    console.log(rows);
    const r = await api().post('/cooperations/logistics-network--tatarstan/corrections', { entryId: 'kazan-minister-meeting', corrections: { occurredOn: '2017-10-12' }, reason: 'Minutes' });
    expect(r.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    console.log(await engine.status());
    console.log(await store.db.selectFrom('timeline_entries' as never).select(['entry_key', 'version', 'known_from', 'known_to', 'sort_key'] as never).execute());
    await engine.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
