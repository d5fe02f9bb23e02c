import { DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@app/domain';
import { ConcurrencyConflictError, StreamGoneError } from '@app/event-store';
import { isMissingTableError } from '@app/read-model';
import { Problem, problemTypeUri, type ProblemDetails } from './problem';

/** The HTTP status of each domain rule; unlisted codes are 422 (well-formed, but the domain says no). */
const DOMAIN_STATUS: Partial<Record<DomainErrorCode, number>> = {
  INVALID_FIELD: 400,
  INVALID_DATE: 400,
  INVALID_SOURCE_CITATION: 400,
  REGION_ALREADY_EXISTS: 409,
  ORGANISATION_ALREADY_EXISTS: 409,
  PERSON_ALREADY_EXISTS: 409,
  FAIR_ALREADY_EXISTS: 409,
  COOPERATION_ALREADY_EXISTS: 409,
  ROLE_ALREADY_HELD: 409,
  DUPLICATE_ENTRY_ID: 409,
  ENTRY_ALREADY_RETRACTED: 409,
  COOPERATION_ENDED: 409,
  INVALID_STAGE_TRANSITION: 409,
  REGION_NOT_FOUND: 404,
  ORGANISATION_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  PERSON_ALREADY_ERASED: 409,
  PERSON_ERASED: 409,
  COOPERATION_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  TOKEN_ALREADY_EXISTS: 409,
  TOKEN_ALREADY_REVOKED: 409,
  ACCESS_ALREADY_GRANTED: 409,
};

// Errors raised by Fastify before a route handler runs (body parsing, limits), by their `code`.
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_REQUEST' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_REQUEST' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
};

export interface ProblemAnswer {
  problem: ProblemDetails;
  /** True for errors nobody anticipated (5xx): they are logged with their stack. */
  unexpected: boolean;
}

/** The one place where any error becomes the problem document the client sees. */
export function toProblemDetails(error: unknown, requestId: string): ProblemAnswer {
  const expected = (status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemAnswer => ({
    problem: document(status, code, detail, requestId, extra),
    unexpected: false,
  });

  if (error instanceof Problem) {
    return expected(error.status, error.code, error.message, { field: error.field, errors: error.errors, ...error.extensions });
  }
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code] ?? 422;
    const errors = error.field === undefined ? undefined : [{ field: error.field, message: error.message }];
    return expected(status, error.code, error.message, { field: error.field, errors });
  }
  if (error instanceof ConcurrencyConflictError) {
    return expected(409, error.code, `${error.message}: another command changed it concurrently; read it again and retry`);
  }
  if (error instanceof StreamGoneError) return expected(410, error.code, error.message);
  // The event store is down, unreachable or too slow: nothing was decided, the client may retry.
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof NotLeaderError) {
    return expected(503, 'EVENT_STORE_UNAVAILABLE', 'the event store cannot be reached just now; nothing was recorded, retry shortly', { retryAfterSeconds: 1 });
  }
  // A query before the projections' first build has created their tables (a fresh store): not built yet, not broken.
  if (isMissingTableError(error)) {
    return expected(503, 'READ_MODEL_NOT_BUILT', 'the read models are being built for the first time; retry shortly', { retryAfterSeconds: 1 });
  }
  if (error instanceof SyntaxError && 'statusCode' in error) return expected(400, 'INVALID_JSON', `request body is not valid JSON: ${error.message}`);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return { problem: document(status, 'INTERNAL_ERROR', 'the server failed', requestId), unexpected: true };
    return expected(status, httpCode(status), httpDetail(error));
  }
  const fastifyCode = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const known = fastifyCode === undefined ? undefined : FASTIFY_CODES[fastifyCode];
  if (known !== undefined) return expected(known.status, known.code, (error as Error).message);
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
  if (status >= 400 && status < 500) return expected(status, httpCode(status), (error as Error).message);
  return { problem: document(500, 'INTERNAL_ERROR', 'the server failed; the request id names it in the logs', requestId), unexpected: true };
}

function document(status: number, code: string, detail: string, requestId: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const problem: ProblemDetails = { type: problemTypeUri(code), title: titleOf(status), status, detail, code, instance: requestId };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) problem[key] = value;
  return problem;
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  if (typeof name !== 'string') return 'Error';
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}

function httpCode(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  return status === 400 ? 'INVALID_REQUEST' : (HttpStatus[status] ?? 'HTTP_ERROR');
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}
