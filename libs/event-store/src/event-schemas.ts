/** A domain event as stored: a stable type name and a JSON payload. */
export interface DomainEventShape {
  type: string;
  data: object;
}

/** Turns the payload of version `fromVersion` into version `fromVersion + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The schema version of each event type and the upcasters that bring older payloads up to it. Events are written
 * with their type's current version in the metadata; reading applies `vN → vN+1` upcasters in order, so stored
 * history never has to be rewritten when a payload changes shape.
 */
export class EventSchemas {
  private readonly versions = new Map<string, number>();
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();

  /** Declares that `type`'s payload is at `version` now, with one upcaster per older version. */
  register(type: string, version: number, upcasters: Record<number, Upcaster> = {}): this {
    for (let from = 1; from < version; from++) {
      if (!upcasters[from]) throw new Error(`Event type ${type} is at version ${version} but has no upcaster from version ${from}`);
    }
    this.versions.set(type, version);
    this.upcasters.set(type, new Map(Object.entries(upcasters).map(([from, upcast]) => [Number(from), upcast])));
    return this;
  }

  currentVersion(type: string): number {
    return this.versions.get(type) ?? 1;
  }

  /** The payload brought from `version` to the current version of `type`. */
  upcast(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> {
    const current = this.currentVersion(type);
    if (version > current) throw new Error(`Event type ${type} has version ${version}, newer than this code knows (${current})`);
    let upcast = data;
    for (let from = version; from < current; from++) upcast = this.upcasters.get(type)!.get(from)!(upcast);
    return upcast;
  }
}
