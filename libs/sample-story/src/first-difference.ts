/**
 * Where what an entity shows falls short of what the story would have recorded: undefined when `actual` holds at
 * least `expected` (every field of an object, with the same value; for a list, each expected item somewhere in it),
 * else the first field that differs, with both values.
 */
export function firstDifference(actual: unknown, expected: unknown, field = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differs(field, actual, expected);
    for (const item of expected) {
      if (actual.some((candidate) => firstDifference(candidate, item) === undefined)) continue;
      // An entry recorded differently is found by its id, so the message can name the field that differs.
      const entryId = isObject(item) ? item.entryId : undefined;
      const sameEntry = entryId === undefined ? undefined : actual.find((candidate) => isObject(candidate) && candidate.entryId === entryId);
      if (sameEntry !== undefined) return firstDifference(sameEntry, item, `${field || 'list'}[${String(entryId)}]`);
      return `${field || 'the list'} holds nothing like ${JSON.stringify(item)}`;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return differs(field, actual, expected);
    for (const [name, value] of Object.entries(expected)) {
      const difference = firstDifference(actual[name], value, field ? `${field}.${name}` : name);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : differs(field, actual, expected);
}

function differs(field: string, actual: unknown, expected: unknown): string {
  return `${field || 'it'} is ${actual === undefined ? 'not recorded' : JSON.stringify(actual)}, the story has ${JSON.stringify(expected)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
