import { ApiProblemError, type KontaktClient } from '@app/api-client';
import { firstDifference } from './first-difference';
import { SAMPLE_STORY } from './sample-story';
import { SampleStoryRefusedError } from './sample-story-refused.error';
import { idempotencyKeyOf, type StoryStep } from './story-step';

export interface SeedOptions {
  /** Called after each fact, recorded or found: `done` of `total`, and what the fact is. */
  onProgress?(done: number, total: number, label: string): void;
}

export interface SeedResult {
  /** Facts in the story: `recorded + alreadyPresent`. */
  facts: number;
  /** Appended by this run. */
  recorded: number;
  /** Already there: recorded by an earlier run (answered from its Idempotency-Key) or, identically, by other means. */
  alreadyPresent: number;
  /**
   * The latest commit position in `$all` among the answers, for `?minPosition=` on the queries that follow; '0' when
   * no answer carried one (every fact was found by reading it back).
   */
  lastPosition: string;
}

/** What the API answers to a command (see CommandAcceptedDto). */
interface CommandAnswer {
  position?: { commit: string };
}

export const SAMPLE_STORY_CORRELATION_ID = 'kontakt-sample-story';

type StepOutcome = { kind: 'recorded' | 'already-present'; commit?: bigint };

/**
 * Records the sample story through the public HTTP API, fact by fact, in order; safe to repeat. Each request carries
 * a key of its own (`Idempotency-Key`), which the API keeps with the events it appends, so a later run — after any
 * number of restarts — is answered from the first and appends nothing. A fact the API refuses stops the run with a
 * SampleStoryRefusedError naming it; what was recorded before it stays recorded, and the next run carries on.
 */
export async function seedSampleStory(client: KontaktClient, options: SeedOptions = {}): Promise<SeedResult> {
  return seedStory(client, SAMPLE_STORY, options);
}

export async function seedStory(client: KontaktClient, story: readonly StoryStep[], options: SeedOptions = {}): Promise<SeedResult> {
  const result: SeedResult = { facts: story.length, recorded: 0, alreadyPresent: 0, lastPosition: '0' };
  let last = 0n;
  for (const [index, step] of story.entries()) {
    const outcome = await recordStep(client, step, index + 1, story.length);
    if (outcome.kind === 'recorded') result.recorded += 1;
    else result.alreadyPresent += 1;
    if (outcome.commit !== undefined && outcome.commit > last) last = outcome.commit;
    options.onProgress?.(index + 1, story.length, step.label);
  }
  return { ...result, lastPosition: String(last) };
}

async function recordStep(client: KontaktClient, step: StoryStep, position: number, total: number): Promise<StepOutcome> {
  try {
    // One correlation id for the whole story, so the audit trail shows its events together (a client's own wins).
    const headers = { 'idempotency-key': idempotencyKeyOf(step), 'x-correlation-id': SAMPLE_STORY_CORRELATION_ID };
    const answer = await client.post<CommandAnswer>(step.path, step.body, { headers });
    const commit = answer.body?.position?.commit;
    return {
      kind: answer.headers.get('idempotent-replayed') === 'true' ? 'already-present' : 'recorded',
      ...(commit === undefined ? {} : { commit: BigInt(commit) }),
    };
  } catch (error) {
    if (!(error instanceof ApiProblemError)) throw error;
    if (error.status === 409 && error.code !== undefined && step.recognise.conflictCodes.includes(error.code)) {
      return recognised(client, step, position, total);
    }
    throw new SampleStoryRefusedError(step, position, total, `refused: ${error.message}`, { cause: error });
  }
}

/** Recorded before without this story's key: present if a read shows it as the story has it. */
async function recognised(client: KontaktClient, step: StoryStep, position: number, total: number): Promise<StepOutcome> {
  const { path, holds } = step.recognise.readBack;
  let shown: unknown;
  try {
    shown = (await client.get(path)).body;
  } catch (error) {
    if (!(error instanceof ApiProblemError)) throw error;
    throw new SampleStoryRefusedError(step, position, total, `already recorded, but GET ${path} answered ${error.message}`, { cause: error });
  }
  const difference = firstDifference(shown, holds);
  if (difference !== undefined) throw new SampleStoryRefusedError(step, position, total, `already recorded differently (GET ${path}): ${difference}`);
  return { kind: 'already-present' };
}
