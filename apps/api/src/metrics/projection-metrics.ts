import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Registry } from 'prom-client';
import { observeProjectionEngine, type ProjectionEngineMetrics } from '@app/metrics';
import { ProjectionsRuntime } from '../read-models/projections-runtime';

/** The projection metrics of this process, when it runs the projections (PROJECTIONS=on); the projector's otherwise. */
@Injectable()
export class ProjectionMetrics implements OnModuleDestroy {
  private readonly observed?: ProjectionEngineMetrics;

  constructor(registry: Registry, runtime: ProjectionsRuntime) {
    if (runtime.engine) this.observed = observeProjectionEngine(runtime.engine, registry);
  }

  onModuleDestroy(): void {
    this.observed?.stop();
  }
}
