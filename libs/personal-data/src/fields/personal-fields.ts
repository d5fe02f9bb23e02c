import { isSealedField, openField, sealField } from '../envelope/sealed-field';

/**
 * The personal fields of a person's record, wherever one appears in an event: any JSON object with a string
 * `personId` is about that person (PersonRegistered's data, a participant linked to a registered person), and its
 * `name`, `email` and `phone` are that person's personal data. Free text elsewhere (a summary that mentions someone,
 * a participant named without a `personId`) is not recognised as personal data.
 */
export const PERSONAL_FIELDS = ['name', 'email', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** What an erased person's `name` shows, everywhere: stable, so clients and tests can recognise it. */
export const ERASED_PERSON_NAME = 'erased person';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function personIdOf(value: JsonObject): string | undefined {
  return typeof value.personId === 'string' ? value.personId : undefined;
}

function hasPersonalField(value: JsonObject): boolean {
  return PERSONAL_FIELDS.some((field) => value[field] !== undefined);
}

/**
 * Rebuilds `value` bottom-up with `visit` applied to every object (after its members), sharing whatever did not
 * change: events without personal data come back as the same objects, at the cost of one walk.
 */
function mapObjects(value: unknown, visit: (object: JsonObject, path: string) => JsonObject, path = ''): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const mapped = value.map((item, index) => {
      const next = mapObjects(item, visit, `${path}[${index}]`);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? mapped : value;
  }
  if (!isObject(value)) return value;
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const member = value[key];
    const next = mapObjects(member, visit, path === '' ? key : `${path}.${key}`);
    if (next !== member) (copy ??= { ...value })[key] = next;
  }
  return visit(copy ?? value, path);
}

function forEachObject(value: unknown, visit: (object: JsonObject) => void): void {
  if (Array.isArray(value)) for (const item of value) forEachObject(item, visit);
  else if (isObject(value)) {
    for (const key of Object.keys(value)) forEachObject(value[key], visit);
    visit(value);
  }
}

/** The people whose personal fields `sealPersonalFields` would seal in `value`, with where each is named first. */
export function peopleToSeal(value: unknown): Map<string, string> {
  const people = new Map<string, string>();
  mapObjects(value, (object, path) => {
    const personId = personIdOf(object);
    if (personId !== undefined && !people.has(personId) && PERSONAL_FIELDS.some((field) => typeof object[field] === 'string')) {
      people.set(personId, path === '' ? 'personId' : `${path}.personId`);
    }
    return object;
  });
  return people;
}

/** The people whose keys `revealPersonalFields` needs for `value`. */
export function sealingPeopleIn(value: unknown): Set<string> {
  const people = new Set<string>();
  forEachObject(value, (object) => {
    for (const field of PERSONAL_FIELDS) {
      const sealed = object[field];
      if (isSealedField(sealed)) people.add(sealed.key);
    }
  });
  return people;
}

/** `value` with every plaintext personal field sealed under the key of the person its object names. */
export function sealPersonalFields<T>(value: T, keyOf: (personId: string) => Buffer): T {
  return mapObjects(value, (object) => {
    const personId = personIdOf(object);
    if (personId === undefined) return object;
    let sealed: JsonObject | undefined;
    for (const field of PERSONAL_FIELDS) {
      const plaintext = object[field];
      if (typeof plaintext === 'string') (sealed ??= { ...object })[field] = sealField(plaintext, personId, field, keyOf(personId));
    }
    return sealed ?? object;
  }) as T;
}

/**
 * `value` with every sealed field opened with its person's key; where `keyOf` has none (the key was destroyed: the
 * person was erased), the object is shown as erased (`eraseRecord`). Plaintext fields (events written before fields
 * were sealed) are left as they are.
 */
export function revealPersonalFields<T>(value: T, keyOf: (personId: string) => Buffer | undefined): T {
  return mapObjects(value, (object) => {
    let revealed: JsonObject | undefined;
    let erased = false;
    for (const field of PERSONAL_FIELDS) {
      const sealed = object[field];
      if (!isSealedField(sealed)) continue;
      const key = keyOf(sealed.key);
      if (key === undefined) erased = true;
      else (revealed ??= { ...object })[field] = openField(sealed, field, key);
    }
    return erased ? eraseRecord(object) : (revealed ?? object);
  }) as T;
}

/**
 * `value` with the records of erased people (`isErased(personId)`) shown as erased. For data that was revealed
 * before the person was erased: read models that hold it rewrite it with this.
 */
export function erasePersonalFields<T>(value: T, isErased: (personId: string) => boolean): T {
  return mapObjects(value, (object) => {
    const personId = personIdOf(object);
    return personId !== undefined && hasPersonalField(object) && isErased(personId) ? eraseRecord(object) : object;
  }) as T;
}

/**
 * A person's record as an erased person's: `name` (when it has one) becomes ERASED_PERSON_NAME, the other personal
 * fields go, and `erased: true` says so. The same whether made from sealed or from revealed fields, and the same
 * when applied again, so read models built in any order and any batches hold the same bytes.
 */
export function eraseRecord(object: JsonObject): JsonObject {
  const erased: JsonObject = { ...object };
  for (const field of PERSONAL_FIELDS) {
    if (field === 'name') {
      if (erased.name !== undefined) erased.name = ERASED_PERSON_NAME;
    } else delete erased[field];
  }
  erased.erased = true;
  return erased;
}
