import { kontaktEventSchemas } from '@app/event-store';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { ProjectionEngine, type ProjectionDb, type ProjectionDefinition } from '@app/projections';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-model';
import type { TestApi } from './api.harness';
import { PRESS_STORY_POSTS } from './press-story';
import type { ScratchStore } from './read-model-stores';

export interface ProjectedStory {
  /** The query connection to the store. */
  db(): ProjectionDb;
  engine(): ProjectionEngine;
  /** Posts through the API (expecting 201) and waits until every projection has applied what it appended. */
  record(path: string, body: unknown): Promise<void>;
}

/**
 * For one test file: a fresh store, a ProjectionEngine with `definitions` following the test API's event store (a
 * writer connection for it, a second one for queries, as the API has: SQLite serialises everything on one), personal
 * fields revealed with the API's keys, and the README's press story recorded through the API before the first test.
 */
export function useProjectedStory(api: () => TestApi, scratchStore: () => Promise<ScratchStore>, definitions: readonly ProjectionDefinition[]): ProjectedStory {
  let scratch: ScratchStore | undefined;
  let writer: ReadModelDatabase | undefined;
  let reader: ReadModelDatabase | undefined;
  let engine: ProjectionEngine | undefined;

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the projected story has not started');
    return value;
  };

  async function record(path: string, body: unknown): Promise<void> {
    const response = await api().post(path, body);
    expect({ path, status: response.status }).toEqual({ path, status: 201 });
    const commit = BigInt(response.body.position.commit);
    for (let waited = 0; (started(engine).appliedPosition()?.commit ?? -1n) < commit; waited += 10) {
      if (waited > 15_000) throw new Error(`projections did not reach ${commit}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  beforeAll(async () => {
    scratch = await scratchStore();
    writer = await openReadModelDatabase(scratch.target);
    reader = await openReadModelDatabase(scratch.target);
    // The API seals personal fields with keys in its own read-model database: reveal them from there.
    const revealer = new PersonalDataRevealer(api().app.get(PersonalDataKeyStore));
    engine = new ProjectionEngine({ client: api().client, store: writer, definitions, schemas: kontaktEventSchemas(), revealer, flushDelayMs: 1 });
    await engine.start();
    for (const { path, body } of PRESS_STORY_POSTS) await record(path, body);
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await reader?.close();
    await writer?.close();
    await scratch?.cleanUp();
  });

  return { db: () => started(reader).db as unknown as ProjectionDb, engine: () => started(engine), record };
}
