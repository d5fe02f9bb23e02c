/** Aggregate stream names: `<category>-<id>` (`cooperation-<id>`, `organisation-<id>`), EventStoreDB's convention. */
export function streamName(category: string, id: string): string {
  if (!/^[a-z][a-z-]*[a-z]$/.test(category)) throw new Error(`Stream category must be lower-case words joined by '-': ${category}`);
  if (id.length === 0 || id.startsWith('$')) throw new Error(`Stream id must be non-empty and not start with '$': ${id}`);
  return `${category}-${id}`;
}
