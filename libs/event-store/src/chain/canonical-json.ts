/**
 * JSON with every object's keys in sorted order (UTF-16 code-unit order, as `Array.prototype.sort` does), otherwise
 * exactly `JSON.stringify`: undefined properties dropped, undefined array items as null. The same value serialises
 * to the same text whatever order its keys were written in, and whether it was built in memory or parsed back from
 * the event store, which is what a hash over it needs.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}
