import { Injectable } from '@nestjs/common';
import type { ProjectionState } from '@app/projections';
import { EventStoreHealth, type EventStoreHealthReport } from '../event-store/event-store-health';
import { ProjectionsRuntime, type ProjectionsStartup } from '../read-models/projections-runtime';
import { ShutdownState } from '../shutdown/shutdown-state';
import { checkReadModel, type ReadModelHealthReport } from './read-model-health';

export type ProjectionsReadiness =
  | { runHere: false }
  | { runHere: true; startup: ProjectionsStartup; states: Record<string, ProjectionState> }
  | { runHere: true; startup: ProjectionsStartup; error: string };

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  /** Why not, one line per failed check; empty when ready. */
  reasons: string[];
  shuttingDown: boolean;
  eventStore: EventStoreHealthReport;
  readModel: ReadModelHealthReport;
  projections: ProjectionsReadiness;
}

/**
 * Whether this instance should get traffic: not shutting down, the event store and the read-model store answer, and
 * the projections, where they run in this process, have started and none has failed. (Liveness asks none of this:
 * an outage of the event store must not get healthy processes restarted.)
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly shutdown: ShutdownState,
    private readonly eventStoreHealth: EventStoreHealth,
    private readonly runtime: ProjectionsRuntime,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [eventStore, readModel, projections] = await Promise.all([this.eventStoreHealth.check(), checkReadModel(this.runtime.reader), this.projections()]);
    const shuttingDown = this.shutdown.shuttingDown;
    const reasons = [
      ...(shuttingDown ? ['shutting down'] : []),
      ...(eventStore.reachable ? [] : [`the event store does not answer: ${eventStore.error}`]),
      ...(readModel.reachable ? [] : [`the read-model store does not answer: ${readModel.error}`]),
      ...projectionReasons(projections),
    ];
    return { status: reasons.length === 0 ? 'ready' : 'not-ready', reasons, shuttingDown, eventStore, readModel, projections };
  }

  private async projections(): Promise<ProjectionsReadiness> {
    const { engine } = this.runtime;
    if (!engine) return { runHere: false };
    const startup = this.runtime.startupState;
    try {
      const statuses = await engine.status();
      return { runHere: true, startup, states: Object.fromEntries(statuses.map((status) => [status.name, status.state])) };
    } catch (error) {
      return { runHere: true, startup, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

function projectionReasons(projections: ProjectionsReadiness): string[] {
  if (!projections.runHere) return [];
  const reasons: string[] = [];
  if (projections.startup === 'pending') reasons.push('the projections are still starting (first builds from $all)');
  if (projections.startup === 'failed') reasons.push('the projections failed to start; see the log');
  if ('error' in projections) reasons.push(`the projections' status cannot be read: ${projections.error}`);
  else {
    const failed = Object.entries(projections.states).filter(([, state]) => state === 'failed').map(([name]) => name);
    if (failed.length > 0) reasons.push(`projection ${failed.join(', ')} failed (retrying); see GET /projections`);
  }
  return reasons;
}
