import type { ProjectionDb } from '../engine/projection';
import { referenceNamesIn } from '../engine/reference-names';
import type { ReferenceKind } from '../history/reference-data';
import type { NameLookup } from './region-status';
import { STATUS_REFS } from './status.tables';

/** Only the references whose names a status shows, read by key; `known` tells a reference the projection holds. */
export async function namesOf(db: ProjectionDb, wanted: readonly { kind: ReferenceKind; id: string }[]): Promise<NameLookup & { known(kind: ReferenceKind, id: string): boolean }> {
  const names = await referenceNamesIn(db, STATUS_REFS, wanted);
  return { nameOf: (kind, id) => names.get(`${kind}:${id}`), known: (kind, id) => names.has(`${kind}:${id}`) };
}
