import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '@app/domain';
import { Optional } from './optional';

interface TextOptions {
  optional?: boolean;
  description?: string;
  example?: string;
  /** Names and titles are short; summaries and descriptions long. */
  long?: boolean;
}

/** A required (or optional) non-blank string of bounded length. */
export function IsText(options: TextOptions = {}): PropertyDecorator {
  const maxLength = options.long ? MAX_TEXT_LENGTH : MAX_NAME_LENGTH;
  const documented = { type: String, maxLength, description: options.description, example: options.example };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(documented)] : [ApiProperty(documented)]),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
}

/** One of a fixed list of values, the list named in the error and in the OpenAPI document. */
export function IsOneOf(values: readonly string[], options: { optional?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const documented = { enum: [...values], description: options.description, example: options.example };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(documented)] : [ApiProperty(documented)]),
    IsIn(values, { message: ({ property }) => `${property} must be one of ${values.join(', ')}` }),
  );
}
