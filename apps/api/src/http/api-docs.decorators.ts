import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'participants[0].level' }) field!: string;
  @ApiProperty({ example: 'participants[0].level must be one of head-of-state, minister, executive, working' }) message!: string;
}

/** RFC 9457 problem document, as every error response carries it. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:kontakt:problem:invalid-request' }) type!: string;
  @ApiProperty({ example: 'Bad request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'participants[0].level must be one of head-of-state, minister, executive, working' }) detail!: string;
  @ApiProperty({ example: 'INVALID_REQUEST' }) code!: string;
  @ApiPropertyOptional({ example: 'participants[0].level' }) field?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'The request id', example: '5b0e8c52-6a0f-4d57-9a4e-3cb1b1f8d1f7' }) instance?: string;
}

const problem = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } });

/**
 * Headers every request may carry, and the answers of the access guard. Who acts is not a header: it is the subject
 * of the bearer token (see the bearer security scheme).
 */
export function ApiRequestHeaders(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Ties this request to a larger piece of work; echoed back and kept in event metadata' }),
    problem(401, 'No bearer token, or one that is malformed, unknown, expired or revoked (with WWW-Authenticate: Bearer)'),
    problem(403, "The token's role may not do this"),
    problem(429, 'Too many requests with this token in the last minute; Retry-After says when to try again'),
  );
}

/** The headers and error answers of a command endpoint. */
export function ApiCommand(options: { creates?: boolean } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiRequestHeaders(),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key appends nothing and returns the first answer' }),
    ...(options.creates
      ? []
      : [ApiHeader({ name: 'If-Match', required: false, description: 'The version (ETag) last read; 412 if the entity has moved on since' })]),
    problem(400, 'Malformed request: missing, unknown or wrong-typed fields, bad dates; the field is named'),
    ...(options.creates ? [] : [problem(404, 'No entity with this id')]),
    problem(409, 'The command conflicts with the current state, or a concurrent command changed the entity'),
    ...(options.creates ? [] : [problem(412, 'If-Match names a version other than the current one')]),
    problem(413, 'Request body too large'),
    problem(422, 'Well-formed, but refused by a rule of the domain or naming an entity that does not exist'),
  );
}

/** The error answers of a read-by-id endpoint. */
export function ApiRead(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDto), ApiRequestHeaders(), problem(400, 'Malformed id'), problem(404, 'No entity with this id'));
}
