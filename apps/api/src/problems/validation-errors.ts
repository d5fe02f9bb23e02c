import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { Problem, type FieldError } from './problem';

/**
 * The request-body validation every route shares: unknown fields are refused (not silently dropped), nothing is
 * coerced ("12" is not a number), and every failure is reported by its path (`participants[0].level`).
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One message per field: "name must be a string", not also "must not be empty" and "must be shorter than".
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problem.invalidBody(fieldErrors(errors)),
  });
}

export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const found: FieldError[] = [];
  for (const error of errors) {
    const path = pathOf(parent, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      found.push({ field: path === '' ? '(body)' : path, message: constraint === 'whitelistValidation' ? `${path} is not a known field` : rewrite(message, error.property, path) });
    }
    if (error.children?.length) found.push(...fieldErrors(error.children, path));
  }
  return found;
}

function pathOf(parent: string, property: string): string {
  if (property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

// class-validator starts messages with the bare property name; name the full path instead.
function rewrite(message: string, property: string, path: string): string {
  return message.startsWith(`${property} `) ? `${path}${message.slice(property.length)}` : message;
}

/** Every body we accept is a JSON object; an array, a string or nothing at all is refused as such. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw Problem.badRequest('the request body must be a JSON object (Content-Type: application/json)', '(body)');
    }
    return super.transform(value, metadata);
  }
}
