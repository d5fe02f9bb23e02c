import type { ProjectionDb } from '../engine/projection';
import { referenceNamesIn } from '../engine/reference-names';
import type { CooperationReference, ReferenceKind, ReferenceShapes } from '../history/reference-data';
import { TIMELINE_REFS } from './timeline.tables';

/** What the timeline projection knows of one region, organisation, person, fair or cooperation; undefined if nothing. */
export async function timelineReference<K extends ReferenceKind>(db: ProjectionDb, kind: K, id: string): Promise<ReferenceShapes[K] | undefined> {
  const row = (await db.selectFrom(TIMELINE_REFS).select('data').where('kind', '=', kind).where('id', '=', id).executeTakeFirst()) as { data: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.data) as ReferenceShapes[K]);
}

/** The display names of a cooperation's two sides, from the timeline projection (the id where a name is unknown). */
export async function cooperationSideNames(db: ProjectionDb, cooperation: CooperationReference): Promise<{ ours: string; partner: string }> {
  const names = await referenceNamesIn(db, TIMELINE_REFS, [
    { kind: 'organisation', id: cooperation.ourOrganisationId },
    { kind: cooperation.partner.kind, id: cooperation.partner.id },
  ]);
  return {
    ours: names.get(`organisation:${cooperation.ourOrganisationId}`) ?? cooperation.ourOrganisationId,
    partner: names.get(`${cooperation.partner.kind}:${cooperation.partner.id}`) ?? cooperation.partner.id,
  };
}
