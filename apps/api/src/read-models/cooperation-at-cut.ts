import { Inject, Injectable } from '@nestjs/common';
import { projectionAnswering, readCooperationStatus, TIMELINE_PROJECTION, todayDateKey, toItem, visibleEntries, type HistoryCut } from '@app/projections';
import { CLOCK, type Clock } from './clock';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';

/**
 * A cooperation as it stood at a cut through history: its stage and status then, and its entries in the versions
 * visible at the cut. Replayed from the timeline's history rows.
 */
@Injectable()
export class CooperationAtCut {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(cooperationId: string, cut: HistoryCut, minPosition: bigint | undefined): Promise<Record<string, unknown> | undefined> {
    // Its entries come from the timeline, its status from the projection that answers the cut (status for `asOf` alone).
    await this.readYourWrites.reach(minPosition, [...new Set([TIMELINE_PROJECTION, projectionAnswering(cut)])]);
    const db = this.runtime.reader.db;
    const status = await readCooperationStatus(db, cooperationId, { cut, dayKey: cut.asOf ?? todayDateKey(this.clock.now()) });
    if (!status) return undefined;
    const entries = await visibleEntries(db, `cooperation:${cooperationId}`, cut);
    return { id: cooperationId, ...status, entries: entries.map(toItem) };
  }
}
