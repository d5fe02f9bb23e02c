import type { StoryStep } from './story-step';

/**
 * A fact of the sample story that could not be recorded: the API refused it, or it is already recorded differently.
 * The message names the fact (its place in the story, what it records and where it was sent) and why.
 */
export class SampleStoryRefusedError extends Error {
  readonly code = 'SAMPLE_STORY_REFUSED';
  override readonly name = 'SampleStoryRefusedError';

  constructor(
    readonly step: StoryStep,
    /** 1-based place of the fact in the story. */
    readonly position: number,
    readonly total: number,
    readonly why: string,
    options?: { cause?: unknown },
  ) {
    super(`sample story, fact ${position} of ${total} (${step.label}, POST ${step.path}): ${why}`, options);
  }
}
