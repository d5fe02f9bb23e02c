import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out. Unlike class-validator's IsOptional, only a missing field is skipped: JSON `null` is
 * validated like any other value (and so refused, naming the field), because no command or query gives null a
 * meaning, and a null let through reached the handlers as if it were a value (the fuzz test found
 * `"parentRegionId": null` answered 500).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
