import type { ProjectionDb } from '../engine/projection';
import { referenceNamesIn } from '../engine/reference-names';
import type { RegionReference } from '../history/reference-data';
import { STATUS_COOPERATIONS, STATUS_REFS, type StatusCooperationRow } from '../status/status.tables';

/** A region as lists show it: enough to draw the tree (Russia › Tatarstan › Kazan). */
export interface RegionListItem {
  id: string;
  name: string;
  kind: string;
  parentRegionId: string | null;
}

/** A cooperation as lists show it: its two sides, named, and where it stands now. */
export interface CooperationListItem {
  id: string;
  ourOrganisationId: string;
  ourOrganisationName: string | null;
  partner: { kind: 'region' | 'organisation'; id: string; name: string | null };
  openedOn: string;
  stage: string;
  stageSince: string;
}

// Both lists come from the status projection, so one read-your-writes wait covers them. References are few
// (thousands: every region and cooperation ever registered), so a list is read whole, ordered by id.

/** Every region the read model knows, by id. */
export async function listRegions(db: ProjectionDb): Promise<RegionListItem[]> {
  const rows = (await db.selectFrom(STATUS_REFS).select(['id', 'data']).where('kind', '=', 'region').orderBy('id').execute()) as { id: string; data: string }[];
  return rows.map((row) => {
    const region = JSON.parse(row.data) as RegionReference;
    return { id: row.id, name: region.name, kind: region.kind, parentRegionId: region.parentRegionId ?? null };
  });
}

/** Every cooperation the read model knows, by id, with the names of both sides and its current stage. */
export async function listCooperations(db: ProjectionDb): Promise<CooperationListItem[]> {
  const rows = (await db.selectFrom(STATUS_COOPERATIONS).selectAll().orderBy('cooperation_id').execute()) as StatusCooperationRow[];
  const names = await referenceNamesIn(db, STATUS_REFS, [
    ...rows.map((row) => ({ kind: 'organisation' as const, id: row.our_organisation_id })),
    ...rows.map((row) => ({ kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id })),
  ]);
  return rows.map((row) => ({
    id: row.cooperation_id,
    ourOrganisationId: row.our_organisation_id,
    ourOrganisationName: names.get(`organisation:${row.our_organisation_id}`) ?? null,
    partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id, name: names.get(`${row.partner_kind}:${row.partner_id}`) ?? null },
    openedOn: row.opened_on,
    stage: row.stage,
    stageSince: row.stage_since,
  }));
}
