import type { KontaktClient } from '@app/api-client';
import type { ReferenceNames, TimelineItem } from '@app/projections';
import type { Query } from './timeline-request';

/** A page of GET …/timeline as the API answers it. */
export interface TimelinePage {
  timeline: { kind: string; id?: string };
  asOf?: string;
  knownAt?: string;
  items: TimelineItem[];
  nextCursor: string | null;
  names: ReferenceNames;
}

/** Every page of a timeline, following `nextCursor`, as one page: all items and the names any page gave. */
export async function readWholeTimeline(client: KontaktClient, path: string, query: Query, onPage?: (items: number, pages: number) => void): Promise<TimelinePage> {
  const items: TimelineItem[] = [];
  const names: ReferenceNames = { region: {}, organisation: {}, person: {}, fair: {} };
  let cursor: string | undefined;
  let pages = 0;
  let first: TimelinePage | undefined;
  do {
    const page = (await client.get<TimelinePage>(path, { query: { ...query, cursor } })).body;
    first ??= page;
    pages += 1;
    items.push(...page.items);
    for (const kind of Object.keys(names) as (keyof ReferenceNames)[]) Object.assign(names[kind], page.names[kind]);
    onPage?.(items.length, pages);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { ...first, items, names, nextCursor: null };
}
