import { ApiProblemError, type KontaktClient } from '@app/api-client';
import type { RegionListItem } from './regions.format';

/** This API has no GET /regions (an older version): the caller names a region instead. */
export class NoRegionListError extends Error {
  override readonly name = 'NoRegionListError';
}

/** Every region the read model knows (GET /regions). */
export async function listRegions(client: KontaktClient, minPosition?: string): Promise<RegionListItem[]> {
  try {
    return (await client.get<{ items: RegionListItem[] }>('/regions', { query: { minPosition } })).body.items;
  } catch (error) {
    // A 404 on a route without an id can only mean the route is not there.
    if (error instanceof ApiProblemError && error.status === 404) throw new NoRegionListError(`the API at ${client.url} has no GET /regions to list its regions`);
    throw error;
  }
}
