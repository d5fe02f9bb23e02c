import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { Optional } from './optional';

type DtoClass = new () => object;

/** A nested object (or array of them, `minItems` to `maxItems`) validated by its own DTO class. */
export function IsNested(
  dto: () => DtoClass,
  options: { optional?: boolean; array?: boolean; minItems?: number; maxItems?: number; description?: string } = {},
): PropertyDecorator {
  // Written inline so the function is named `type`: that name is how @nestjs/swagger tells a lazy type from a class
  // (handed `dto` itself, it documented every nested object as a reference to a schema with an empty name).
  const documented = { type: () => dto(), isArray: options.array, minItems: options.minItems, maxItems: options.maxItems, description: options.description };
  const shape = options.array
    ? [IsArray(), ArrayMinSize(options.minItems ?? 0), ArrayMaxSize(options.maxItems ?? 100), ValidateNested({ each: true }), IsObject({ each: true })]
    : [IsObject(), ValidateNested()];
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(documented)] : [ApiProperty(documented)]),
    ...shape,
    Type(dto),
  );
}
