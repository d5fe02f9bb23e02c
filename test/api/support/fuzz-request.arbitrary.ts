import fc from 'fast-check';
import type { ApiOperation, ApiParameter, Schema } from './api-operations';

export type FuzzedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

export interface FuzzedRequest {
  method: string;
  path: string;
  /** The name of a credential set (see the fuzz test): none, broken ones, or a real token per role. */
  credential: string;
  headers: Record<string, string>;
  body: FuzzedBody;
}

/** Ids that exist once the press story is recorded, so requests reach past "not found" into the handlers. */
const KNOWN_IDS = ['tatarstan', 'kazan', 'russia', 'logistics-network', 'logistics-network--tatarstan', 'president-tatarstan', 'tatarstan-transport-ministry', 'first-contact', 'timeline', 'status', 'graph', 'audit'];

/** Strings that have broken parsers, validators and databases before. */
const HOSTILE = [
  '',
  ' ',
  '0',
  '-1',
  '1e400',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '../../etc/passwd',
  '%00',
  '%',
  '%E0%A4%A',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '💥🇹🇹',
  'Ṫåţąŕşţąń',
  '<script>alert(1)</script>',
  "'; drop table timeline_entries; --",
  '${jndi:ldap://x}',
  '2017-02-30',
  '2017-13',
  '9999-12-31T23:59:59.999Z',
  '0000',
  '18446744073709551616',
  'kt_x_y',
  'a'.repeat(300),
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length)) },
);

/** Query values: hostile ones less often, so that most requests get past the HTTP layer's own limits (414, 431). */
const queryString = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) }, { weight: 1, arbitrary: hostileString });

/** Plausible values for the query parameters the read side takes, beside their documented examples. */
const PLAUSIBLE: Record<string, fc.Arbitrary<string>> = {
  asOf: fc.constantFrom('2017', '2017-06', '2017-06-30', '2010-01-01', '2030-01-01'),
  knownAt: fc.constantFrom('2017-11-01T00:00:00Z', new Date().toISOString(), '2000-01-01T00:00:00.000Z'),
  minPosition: fc.constantFrom('0', '1', '99999999999'),
  types: fc.constantFrom('MeetingHeld', 'MeetingHeld,DelegationVisited', 'CooperationOpened,ContactEstablished,FairAttended', 'Nonsense'),
  from: fc.constantFrom('2010', '2017-03', '2017-10-01'),
  to: fc.constantFrom('2017', '2017-12', '2018-01-01'),
  region: fc.constantFrom('tatarstan', 'kazan', 'russia'),
  organisation: fc.constantFrom('logistics-network', 'tatarstan-transport-ministry'),
  level: fc.constantFrom('minister', 'head-of-state', 'working'),
  includeRetracted: fc.constantFrom('true', 'false'),
  order: fc.constantFrom('asc', 'desc'),
  limit: fc.constantFrom('1', '10', '500', '0', '100000'),
  format: fc.constantFrom('json', 'csv', 'ndjson', 'graphml'),
  cursor: fc.constantFrom('eyJ4IjoxfQ', 'abc'),
};

function stringFor(schema: Schema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  const options: fc.Arbitrary<string>[] = [];
  if (typeof schema.example === 'string') options.push(fc.constant(schema.example));
  if (schema.pattern) options.push(fc.stringMatching(new RegExp(schema.pattern)));
  if (options.length === 0) options.push(fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) }));
  return fc.oneof(...options);
}

/** Ids recorded by the press story, for fields that refer to an entity: without them nearly every command is a 422. */
const REFERENCED_IDS = ['tatarstan', 'kazan', 'russia', 'moscow', 'germany', 'leipzig', 'leipzig-halle', 'mitteldeutschland', 'logistics-network', 'german-russian-association', 'tatarstan-transport-ministry', 'tatarstan-government', 'president-tatarstan', 'transrussia', 'intec-z', 'transrussia-2010', 'kazan-minister-meeting'];

/** A value shaped by the schema: what a well-meaning client would send. */
function validValue(schema: Schema | undefined, depth = 0, name = ''): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (/(^id|Id)$/.test(name)) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...REFERENCED_IDS) }, { weight: 1, arbitrary: stringFor(schema) });
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: 0, max: 1_000 });
    case 'number':
      return fc.double({ min: 0, max: 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    default: {
      if (!schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(([name, property]) =>
        (required.has(name) ? validValue(property, depth + 1, name) : fc.option(validValue(property, depth + 1, name), { nil: undefined })).map((value) => [name, value] as const),
      );
      return fc.tuple(...fields).map((entries) => Object.fromEntries(entries.filter(([, value]) => value !== undefined)));
    }
  }
}

/** Something of the wrong kind where a value of `schema` belongs. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.integer({ min: 101, max: 2_000 }).map((length) => Array.from({ length }, () => 'x')),
);

/** A valid value with one thing wrong somewhere: a field removed, retyped, added, or made huge. */
function mutatedValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.tuple(validValue(schema), fc.nat(), fc.constantFrom('remove', 'retype', 'add', 'huge'), wrongValue).map(([value, pick, how, wrong]) => {
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object') {
        if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) walk(child);
      }
    };
    walk(value);
    if (objects.length === 0) return wrong;
    const target = objects[pick % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length === 0 ? 'extra' : keys[pick % keys.length]!;
    if (how === 'remove') delete target[key];
    else if (how === 'retype') target[key] = wrong;
    else if (how === 'add') target[`unexpected_${pick % 7}`] = wrong;
    else target[key] = 'Ж'.repeat(5_000 + (pick % 100_000));
    return value;
  });
}

function bodyFor(operation: ApiOperation): fc.Arbitrary<FuzzedBody> {
  const json = (value: fc.Arbitrary<unknown>) => value.map((v): FuzzedBody => ({ kind: 'json', value: v }));
  const raw = fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}').map((text): FuzzedBody => ({ kind: 'raw', contentType: 'application/json', text })),
    fc.string({ maxLength: 50 }).map((text): FuzzedBody => ({ kind: 'raw', contentType: 'text/plain', text })),
    fc.string({ maxLength: 50 }).map((text): FuzzedBody => ({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: `a=${encodeURIComponent(text)}` })),
    fc.integer({ min: 1, max: 3 }).map((megabytes): FuzzedBody => ({ kind: 'raw', contentType: 'application/json', text: JSON.stringify({ reason: 'x'.repeat(megabytes * 1024 * 1024) }) })),
  );
  // fetch sends no body with GET.
  if (operation.method === 'GET') return fc.constant<FuzzedBody>({ kind: 'none' });
  if (!operation.body) return fc.oneof({ weight: 8, arbitrary: fc.constant<FuzzedBody>({ kind: 'none' }) }, { weight: 1, arbitrary: json(fc.jsonValue()) }, { weight: 1, arbitrary: raw });
  return fc.oneof(
    { weight: 5, arbitrary: json(validValue(operation.body)) },
    { weight: 4, arbitrary: json(mutatedValue(operation.body)) },
    { weight: 1, arbitrary: json(fc.jsonValue()) },
    { weight: 1, arbitrary: fc.constant<FuzzedBody>({ kind: 'none' }) },
    { weight: 1, arbitrary: raw },
  );
}

function parameterValue(parameter: ApiParameter): fc.Arbitrary<string> {
  if (parameter.in === 'path') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KNOWN_IDS) }, { weight: 2, arbitrary: hostileString });
  const plausible = PLAUSIBLE[parameter.name];
  return fc.oneof(...(plausible ? [{ weight: 4, arbitrary: plausible }] : []), { weight: 2, arbitrary: stringFor(parameter.schema) }, { weight: 1, arbitrary: queryString });
}

function requestFor(operation: ApiOperation, credentials: readonly string[]): fc.Arbitrary<FuzzedRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const query = fc.tuple(
    ...queryParameters.map((parameter) => fc.option(parameterValue(parameter), { nil: undefined, freq: 2 }).map((value) => [parameter.name, value] as const)),
    fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), queryString), { nil: undefined, freq: 6 }),
  );
  // Headers of their own on one request in four, so most requests test the body and the parameters.
  const headers = fc.option(
    fc.record(
      {
        'x-correlation-id': fc.oneof(fc.uuid(), queryString),
        'idempotency-key': fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: queryString }),
        'if-match': fc.oneof(fc.constantFrom('"0"', '"1"', '0', '*'), queryString),
        'x-min-position': fc.oneof(fc.constantFrom('0', '1'), queryString),
      },
      { requiredKeys: [] },
    ),
    { nil: {}, freq: 3 },
  );
  return fc
    .record({
      pathValues: fc.tuple(...pathParameters.map(parameterValue)),
      query,
      headers,
      // Mostly real credentials, so most requests reach validation and the handlers behind the guard.
      credential: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...credentials) }, { weight: 3, arbitrary: fc.constantFrom(...credentials.filter((name) => ['editor', 'admin'].includes(name))) }),
      body: bodyFor(operation),
    })
    .map(({ pathValues, query: [...pairs], headers: chosen, credential, body }) => {
      let path = operation.path;
      pathParameters.forEach((parameter, index) => {
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(wellFormed(pathValues[index]!)));
      });
      const search = new URLSearchParams();
      for (const pair of pairs) {
        if (pair === undefined) continue;
        const [name, value] = pair;
        if (value !== undefined) search.append(wellFormed(name), wellFormed(value as string));
      }
      const text = search.toString();
      // Header values must be latin-1 without line breaks to be sent at all; fetch refuses anything else.
      const sendable = Object.fromEntries(Object.entries(chosen).filter(([, value]) => /^[\x20-\x7e]*$/.test(value as string) && (value as string).length < 8_000)) as Record<string, string>;
      return { method: operation.method, path: text === '' ? path : `${path}?${text}`, credential, headers: sendable, body };
    });
}

/** A lone surrogate cannot be put in a URL at all (encodeURIComponent throws): it travels as U+FFFD, as a browser sends it. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** One request to one of `operations`, picked evenly, with any of the named credentials. */
export function fuzzRequest(operations: readonly ApiOperation[], credentials: readonly string[]): fc.Arbitrary<FuzzedRequest> {
  return fc.oneof(...operations.map((operation) => requestFor(operation, credentials)));
}

/** What a well-meaning client would send for `schema` (exported for looking into the generator's output). */
export const validValueFor = (schema: Schema): fc.Arbitrary<unknown> => validValue(schema);
