import { applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Problem } from '../problems/problem';
import { Optional } from './optional';

/**
 * Ids are chosen by callers ('tatarstan', 'leipzig-halle') or generated (UUIDs). They become stream names and URL
 * segments, so they are restricted to URL-safe characters and may not start with '$' (EventStoreDB's system prefix).
 */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$/;
const ENTITY_ID_RULE = 'must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -, starting with a letter or digit';

export function IsEntityId(options: { optional?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const documented = { type: String, pattern: ENTITY_ID_PATTERN.source, description: options.description, example: options.example };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(documented)] : [ApiProperty(documented)]),
    IsString(),
    Matches(ENTITY_ID_PATTERN, { message: ({ property }) => `${property} ${ENTITY_ID_RULE}` }),
  );
}

/** Validates an id taken from the URL path; a malformed one is a 400 naming the parameter. */
export class EntityIdPipe implements PipeTransform<string, string> {
  constructor(private readonly parameter = 'id') {}

  transform(value: string): string {
    if (!ENTITY_ID_PATTERN.test(value)) throw Problem.badRequest(`path parameter ${this.parameter} ${ENTITY_ID_RULE}`, this.parameter);
    return value;
  }
}

