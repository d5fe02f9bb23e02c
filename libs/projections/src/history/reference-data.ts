/**
 * What projections must know about the entities that facts name, to place a fact: the region a region lies in, the
 * region of an organisation or a fair, the two sides of a cooperation, and names for display. Learnt from the
 * registration events, which always precede the facts that name them in `$all` (the write side refuses unknown
 * references).
 */
export type ReferenceKind = 'region' | 'organisation' | 'person' | 'fair' | 'cooperation';

export interface RegionReference {
  name: string;
  kind: string;
  parentRegionId?: string;
}

export interface OrganisationReference {
  name: string;
  kind: string;
  regionId?: string;
}

export interface PersonReference {
  /** ERASED_PERSON_NAME once the person was erased. */
  name: string;
  erased?: true;
}

export interface FairReference {
  name: string;
  regionId: string;
}

export interface CooperationReference {
  ourOrganisationId: string;
  partner: { kind: 'region' | 'organisation'; id: string };
  openedOn: string;
}

export interface ReferenceShapes {
  region: RegionReference;
  organisation: OrganisationReference;
  person: PersonReference;
  fair: FairReference;
  cooperation: CooperationReference;
}

/** A reference that changed while applying a batch, to be written with the batch. */
export interface ReferenceChange {
  kind: ReferenceKind;
  id: string;
  data: object;
}

/** How many ancestors a region chain may have; a guard against a cycle in stored data. */
const MAX_REGION_DEPTH = 64;

/**
 * The references in memory (they are few: thousands, not millions), with the changes made since the last flush.
 * Values are replaced, never mutated, so a reader never sees half an update.
 */
export class ReferenceData {
  private readonly maps: { [K in ReferenceKind]: Map<string, ReferenceShapes[K]> } = {
    region: new Map(),
    organisation: new Map(),
    person: new Map(),
    fair: new Map(),
    cooperation: new Map(),
  };
  private pending: ReferenceChange[] = [];
  private readonly erasedPeople = new Set<string>();

  get<K extends ReferenceKind>(kind: K, id: string | undefined): ReferenceShapes[K] | undefined {
    return id === undefined ? undefined : (this.maps[kind] as Map<string, ReferenceShapes[K]>).get(id);
  }

  set<K extends ReferenceKind>(kind: K, id: string, data: ReferenceShapes[K]): void {
    (this.maps[kind] as Map<string, ReferenceShapes[K]>).set(id, data);
    this.pending.push({ kind, id, data });
    this.noteErasure(kind, id, data);
  }

  /** Loads a stored reference without marking it as changed. */
  load(kind: ReferenceKind, id: string, data: object): void {
    (this.maps[kind] as Map<string, object>).set(id, data);
    this.noteErasure(kind, id, data);
  }

  /** True when the person was erased (PersonErased): their records in entries are shown as erased. */
  isErased(personId: string): boolean {
    return this.erasedPeople.has(personId);
  }

  /** Whether any person was erased: most histories have none, and entries then need no look at their people. */
  get anyoneErased(): boolean {
    return this.erasedPeople.size > 0;
  }

  private noteErasure(kind: ReferenceKind, id: string, data: object): void {
    if (kind === 'person' && (data as PersonReference).erased === true) this.erasedPeople.add(id);
  }

  /** The changes since the last call, latest value per reference. */
  takeChanges(): ReferenceChange[] {
    const latest = new Map<string, ReferenceChange>();
    for (const change of this.pending) latest.set(`${change.kind}\u0000${change.id}`, change);
    this.pending = [];
    return [...latest.values()];
  }

  /** The region and every region it lies in, innermost first: kazan → tatarstan → russia. */
  regionWithAncestors(regionId: string | undefined): string[] {
    const chain: string[] = [];
    let current = regionId;
    while (current !== undefined && !chain.includes(current) && chain.length < MAX_REGION_DEPTH) {
      chain.push(current);
      current = this.maps.region.get(current)?.parentRegionId;
    }
    return chain;
  }

  /** True when `regionId` is `ancestorId` or lies within it. */
  isWithin(regionId: string | undefined, ancestorId: string): boolean {
    return this.regionWithAncestors(regionId).includes(ancestorId);
  }

  /** The region a cooperation's partner stands for: the partner region, or the partner organisation's region. */
  partnerRegionOf(cooperation: CooperationReference): string | undefined {
    return cooperation.partner.kind === 'region' ? cooperation.partner.id : this.maps.organisation.get(cooperation.partner.id)?.regionId;
  }

  nameOf(kind: ReferenceKind, id: string): string | undefined {
    return (this.maps[kind].get(id) as { name?: string } | undefined)?.name;
  }

  clear(): void {
    for (const map of Object.values(this.maps)) map.clear();
    this.pending = [];
    this.erasedPeople.clear();
  }
}
