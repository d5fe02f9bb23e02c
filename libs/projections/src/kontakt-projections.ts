import type { ProjectionDefinition } from './engine/projection';
import { timelineProjection } from './timeline/timeline.projection';
import { statusProjection } from './status/status.projection';
import { graphProjection } from './graph/graph.projection';
import { auditProjection } from './audit/audit.projection';

/** Every projection Kontakt runs, in the order they are applied within a batch. */
export const KONTAKT_PROJECTIONS: readonly ProjectionDefinition[] = [timelineProjection, statusProjection, graphProjection, auditProjection];

export function projectionNamed(name: string): ProjectionDefinition | undefined {
  return KONTAKT_PROJECTIONS.find((definition) => definition.name === name);
}
