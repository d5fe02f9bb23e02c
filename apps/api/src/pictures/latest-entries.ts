/**
 * The first `max` items of a newest-first stream, returned oldest first, and whether there were more. Stops reading
 * once it knows: a long timeline is never read whole to draw its latest part.
 */
export async function latestEntries<T>(newestFirst: AsyncIterable<T>, max: number): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  for await (const item of newestFirst) {
    if (items.length === max) return { items: items.reverse(), more: true };
    items.push(item);
  }
  return { items: items.reverse(), more: false };
}
