import { Inject, Injectable } from '@nestjs/common';
import { readCheckpoint } from '@app/read-model';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Problem } from '../problems/problem';
import { ProjectionsRuntime } from './projections-runtime';

const POLL_MS = 10;

/**
 * Read-your-writes: a command answers with the position its events reached in `$all`; a query given that position
 * (`?minPosition=` or `X-Min-Position`) waits until the projections it reads have applied it, for a bounded time,
 * then answers 503 with Retry-After. Checkpoints are read from the store, so this holds when the projections run in
 * another process too.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reach(minPosition: bigint | undefined, projections: readonly string[]): Promise<void> {
    if (minPosition === undefined) return;
    const deadline = Date.now() + this.config.projections.readYourWritesTimeoutMs;
    for (;;) {
      const behind = await this.behind(minPosition, projections);
      if (behind.length === 0) return;
      if (Date.now() >= deadline) {
        throw new Problem(
          503,
          'PROJECTION_BEHIND',
          `the ${behind.join(' and ')} projection has not yet reached position ${minPosition}; retry shortly`,
          'minPosition',
          undefined,
          { retryAfterSeconds: 1 },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async behind(minPosition: bigint, projections: readonly string[]): Promise<string[]> {
    const behind: string[] = [];
    for (const projection of projections) {
      const checkpoint = await readCheckpoint(this.runtime.reader.db, projection);
      if (!checkpoint || checkpoint.position.commit < minPosition) behind.push(projection);
    }
    return behind;
  }
}
