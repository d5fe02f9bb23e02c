import { DECORATORS } from '@nestjs/swagger';
import type { CellKind, CellKindOf } from '@app/import';
import type { ImportFact } from './import-facts';

interface DocumentedProperty {
  type?: unknown;
  isArray?: boolean;
}

const INDEX = /^\d+$/;

/**
 * How to read each CSV cell, from the DTO of the row's fact as the OpenAPI document describes it (so a field added to
 * a DTO is read right without a list kept here): numbers as numbers, lists of text split at `;` (or JSON), nested
 * objects and lists of them as JSON when one column holds them whole. Everything else, and any column the DTO does
 * not know (which validation then refuses by name), is text.
 */
export function cellKindsOf(facts: ReadonlyMap<string, ImportFact>): CellKindOf {
  return (fact, path) => {
    const definition = fact === undefined ? undefined : facts.get(fact);
    return definition === undefined ? 'text' : kindAt(definition.dto, path);
  };
}

function kindAt(dto: new () => object, path: readonly string[]): CellKind {
  const [name, ...rest] = path;
  const property = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, name) as DocumentedProperty | undefined;
  if (property === undefined) return 'text';
  const type = resolved(property.type);
  if (property.isArray) {
    if (rest.length === 0) return isDto(type) ? 'json' : 'list';
    // `participants.0` is one item; `participants.0.name` a field of it.
    const [index, ...within] = rest;
    if (!INDEX.test(index)) return 'text';
    if (within.length === 0) return isDto(type) ? 'json' : primitiveKind(type);
    return isDto(type) ? kindAt(type, within) : 'text';
  }
  if (isDto(type)) return rest.length === 0 ? 'json' : kindAt(type, rest);
  return rest.length === 0 ? primitiveKind(type) : 'text';
}

// @nestjs/swagger keeps a nested DTO as a lazy `() => Dto` (an arrow function: no prototype) or as the class itself.
function resolved(type: unknown): unknown {
  return typeof type === 'function' && type.prototype === undefined ? (type as () => unknown)() : type;
}

function isDto(type: unknown): type is new () => object {
  return typeof type === 'function' && type !== String && type !== Number && type !== Boolean && type !== Object;
}

function primitiveKind(type: unknown): CellKind {
  if (type === Number || type === 'number' || type === 'integer') return 'number';
  if (type === Boolean || type === 'boolean') return 'boolean';
  return 'text';
}
