import { Option } from 'commander';
import { fieldValue } from './fact-fields';
import { COOPERATION_FACT_OPTIONS, type FactKind, type FactOption } from './record-facts';

/** Parts of the body given whole: `--file fact.json`, then `--data '<json>'`. */
export interface BodyParts {
  file?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** Every field option of a fact kind, the shared ones of cooperation facts included. */
export function optionsOf(kind: FactKind): readonly FactOption[] {
  return kind.isCooperationFact ? [...COOPERATION_FACT_OPTIONS, ...kind.options] : kind.options;
}

/**
 * The request body of `kontakt record <kind>`: `--file`, overlaid by `--data`, overlaid by the field options (the
 * most specific wins, field by field at the top level), with the positional id of a new entity and `--reason`.
 * `values` are the options as commander parsed them.
 */
export function factBody(kind: FactKind, target: string | undefined, values: Record<string, unknown>, parts: BodyParts = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (kind.targetIsId && target !== undefined) fields.id = target;
  for (const option of optionsOf(kind)) {
    const parsed = new Option(option.flags);
    const value = values[parsed.attributeName()];
    if (value !== undefined) fields[option.field] = fieldValue(option.kind, value, parsed.long ?? option.flags);
  }
  if (values.reason !== undefined) fields.reason = values.reason;
  return { ...parts.file, ...parts.data, ...fields };
}
