import { Inject, Injectable } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import { headPosition } from '@app/projections';
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
    private readonly client: EventStoreDBClient,
  ) {}

  async reach(minPosition: bigint | undefined, projections: readonly string[]): Promise<void> {
    if (minPosition === undefined) return;
    const deadline = Date.now() + this.config.projections.readYourWritesTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      const behind = await this.behind(minPosition, projections);
      if (behind.length === 0) return;
      // Only when the projections are behind, once: a position past the end of $all was never answered by a command
      // (a command's position is where its events are), so waiting for it would only end in a 503.
      if (attempt === 0) await this.refuseBeyondLog(minPosition);
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

  private async refuseBeyondLog(minPosition: bigint): Promise<void> {
    const head = await headPosition(this.client);
    if (head === undefined || minPosition > head.commit) {
      throw new Problem(
        422,
        'POSITION_BEYOND_LOG',
        `minPosition ${minPosition} lies beyond the end of the event log (${head === undefined ? 'empty' : `last position ${head.commit}`}); use the position a command answered with`,
        'minPosition',
      );
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
