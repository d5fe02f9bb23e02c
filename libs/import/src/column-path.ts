import { isPlainObject } from './plain-object';

// Names that would reach an object's prototype instead of a field of its own.
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
// A list index in a column name (`participants.0.name`); bounded, because `participants.99999999.name` would
// otherwise make an array of a hundred million holes. No list of the API holds more than 100 items.
const INDEX = /^\d{1,3}$/;

/**
 * A CSV column's name as a path into the row's fields: `place.name` → ['place', 'name'], `participants.0.name` → the
 * name of the first participant. Refused (a message) when a segment is empty, unsafe or starts with an index.
 */
export function columnPath(name: string): string[] | { problem: string } {
  const path = name.split('.');
  if (path.some((segment) => segment === '')) return { problem: `column '${name}' has an empty name, or an empty part between dots` };
  const unsafe = path.find((segment) => UNSAFE_SEGMENTS.has(segment));
  if (unsafe !== undefined) return { problem: `column '${name}' may not name '${unsafe}'` };
  if (isIndex(path[0])) return { problem: `column '${name}' must start with a field name, not a list index` };
  const huge = path.find((segment) => /^\d+$/.test(segment) && !INDEX.test(segment));
  if (huge !== undefined) return { problem: `column '${name}' names list item ${huge}; items are numbered 0 to 999` };
  return path;
}

/** Sets `value` at `path` in `fields`, making the objects and lists on the way; a message when another cell got there first. */
export function setAtPath(fields: Record<string, unknown>, path: readonly string[], value: unknown): string | undefined {
  let node = fields;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const segment = path[depth];
    const wantsList = isIndex(path[depth + 1]);
    let child = node[segment];
    if (child === undefined) {
      child = wantsList ? [] : {};
      node[segment] = child;
    } else if (wantsList ? !Array.isArray(child) : !isPlainObject(child)) {
      return `column '${path.join('.')}' conflicts with column '${path.slice(0, depth + 1).join('.')}'`;
    }
    // Lists are indexed by the segment's text, as objects are: JSON.stringify writes them as lists all the same.
    node = child as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (node[last] !== undefined) return `column '${path.join('.')}' conflicts with another column that sets ${path.join('.')}`;
  node[last] = value;
  return undefined;
}

function isIndex(segment: string | undefined): boolean {
  return segment !== undefined && /^\d+$/.test(segment);
}
