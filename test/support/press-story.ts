import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApi } from './api.harness';

/** The `post <path> '<json>'` lines of README.md's curl walk-through, in order: the documented press story. */
export const PRESS_STORY_POSTS: { path: string; body: unknown }[] = [
  ...readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').matchAll(/^post (\S+) '(.*)'$/gm),
].map(([, path, body]) => ({ path, body: JSON.parse(body) as unknown }));

/** Records the press story through the API; returns the commit position of its last event (for `minPosition`). */
export async function recordPressStory(api: TestApi): Promise<string> {
  let last = '0';
  for (const { path, body } of PRESS_STORY_POSTS) {
    const response = await api.post(path, body);
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    last = response.body.position.commit;
  }
  return last;
}
