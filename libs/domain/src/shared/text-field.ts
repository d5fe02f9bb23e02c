import { DomainError } from './domain-error';

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 4000;

/** A required piece of text: not blank and not longer than `maxLength`. */
export function requireText(value: unknown, field: string, maxLength = MAX_NAME_LENGTH): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('INVALID_FIELD', `${field} must be a non-empty string`, field);
  }
  if (value.length > maxLength) {
    throw new DomainError('INVALID_FIELD', `${field} must be at most ${maxLength} characters`, field);
  }
  return value;
}

export function optionalText(value: unknown, field: string, maxLength = MAX_NAME_LENGTH): void {
  if (value !== undefined) requireText(value, field, maxLength);
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError('INVALID_FIELD', `${field} must be one of ${allowed.join(', ')}`, field);
  }
  return value as T;
}
