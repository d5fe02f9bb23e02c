import { UsageError } from '../cli-errors';

// How one command-line value becomes part of a request body. Compound values are written with `|` between their
// parts, in a fixed order, empty parts left out: `--participant "Network delegation||executive|logistics-network"`.

export type FieldKind = 'text' | 'integer' | 'texts' | 'participants' | 'place' | 'occasion' | 'source' | 'partner' | 'assignments';

export const PARTICIPANT_PARTS = ['name', 'role', 'level', 'organisationId', 'personId'] as const;
export const PLACE_PARTS = ['name', 'regionId'] as const;
export const OCCASION_PARTS = ['name', 'fairId'] as const;
export const SOURCE_PARTS = ['kind', 'title', 'publisher', 'publishedOn', 'url'] as const;

/** The body value of one option, or a UsageError naming the option. */
export function fieldValue(kind: FieldKind, value: unknown, option: string): unknown {
  switch (kind) {
    case 'text':
      return String(value);
    case 'integer':
      if (!/^\d+$/.test(String(value))) throw new UsageError(`${option}: give a whole number, not ${JSON.stringify(value)}`);
      return Number(value);
    case 'texts':
      return [value].flat().map(String);
    case 'participants':
      return [value].flat().map((text) => parts(String(text), PARTICIPANT_PARTS, option));
    case 'place':
      return parts(String(value), PLACE_PARTS, option);
    case 'occasion':
      return parts(String(value), OCCASION_PARTS, option);
    case 'source':
      return parts(String(value), SOURCE_PARTS, option);
    case 'partner':
      return partner(String(value), option);
    case 'assignments':
      return assignments([value].flat().map(String), option);
  }
}

/** `name|role|level` → `{ name, role, level }`: parts in order, empty ones left out, the first one required. */
export function parts(text: string, names: readonly string[], option: string): Record<string, string> {
  const values = text.split('|').map((part) => part.trim());
  const form = `"${names.join('|')}"`;
  if (values.length > names.length) throw new UsageError(`${option}: at most ${names.length} parts, ${form}; got ${values.length} in ${JSON.stringify(text)} (use --data for values with a |)`);
  if (values[0] === '') throw new UsageError(`${option}: the ${names[0]} comes first: ${form}`);
  const result: Record<string, string> = {};
  values.forEach((value, index) => {
    if (value !== '') result[names[index]] = value;
  });
  return result;
}

/** `region:tatarstan` or `organisation:german-russian-association`. */
function partner(text: string, option: string): { kind: string; id: string } {
  const match = /^(region|organisation):(.+)$/.exec(text.trim());
  if (!match) throw new UsageError(`${option}: give region:<id> or organisation:<id>, not ${JSON.stringify(text)}`);
  return { kind: match[1], id: match[2] };
}

/** `occurredOn=2017-10-12` (repeatable) → `{ occurredOn: '2017-10-12' }`. Values are text; use --data for others. */
function assignments(texts: readonly string[], option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const text of texts) {
    const separator = text.indexOf('=');
    if (separator <= 0) throw new UsageError(`${option}: give field=value, e.g. occurredOn=2017-10-12, not ${JSON.stringify(text)}`);
    result[text.slice(0, separator).trim()] = text.slice(separator + 1);
  }
  return result;
}

/** `--data '{"topics":["rail"]}'` or the content of `--file`: a JSON object, or a UsageError naming where it came from. */
export function jsonObject(text: string, origin: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${origin}: not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${origin}: must be a JSON object ({...}), the body of the request`);
  return value as Record<string, unknown>;
}
