export * from './sample-story';
export * from './sample-story-refused.error';
export { SAMPLE_STORY_CORRELATION_ID, seedSampleStory, type SeedOptions, type SeedResult } from './seed-sample-story';
export { idempotencyKeyOf, type StoryStep } from './story-step';
export * from './sources';
