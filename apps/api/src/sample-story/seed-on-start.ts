import { readFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import { KontaktClient } from '@app/api-client';
import { seedSampleStory } from '@app/sample-story';
import type { AppConfig } from '../config/app-config';

/**
 * `npm start -- --seed` (or SEED_SAMPLE_STORY=on): once the API listens, it records the sample story through its own
 * HTTP API, as any client would, so the story passes through validation, access rules and idempotency like every
 * other request. It acts with the first admin token from `<DATA_DIR>/admin-token`. Safe on every start: a data
 * folder seeded before appends nothing. A failure is logged, not fatal: the API keeps serving what it has.
 */
export async function seedSampleStoryOnStart(url: string, config: AppConfig): Promise<void> {
  const logger = new Logger('SampleStory');
  try {
    const token = await readAdminToken(config.access.bootstrapTokenFile);
    const result = await seedSampleStory(new KontaktClient({ url, token }));
    logger.log({
      msg: `sample story seeded: ${result.facts} facts, ${result.recorded} recorded, ${result.alreadyPresent} already present`,
      ...result,
    });
  } catch (error) {
    logger.error({ msg: `sample story not seeded: ${error instanceof Error ? error.message : String(error)}` });
  }
}

async function readAdminToken(file: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(error)})`;
    throw new Error(
      `the first admin token file ${file} ${reason}; it is written on the first start of a data folder. Seed with a token of your own instead: npm run seed`,
    );
  }
  if (token === '') throw new Error(`the first admin token file ${file} is empty`);
  return token;
}
