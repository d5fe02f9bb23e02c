/** One field at fault, by its path in the request body (`participants[0].level`) or a header's name. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document, as every error response of the API carries it (`application/problem+json`). */
export interface ProblemDetails {
  /** A stable URI per kind of problem, derived from `code`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable, machine-readable: `INVALID_REQUEST`, `CONCURRENCY_CONFLICT`, `COOPERATION_NOT_FOUND`... */
  code: string;
  /** The field at fault, where there is one. */
  field?: string;
  /** Every field at fault, for validation failures. */
  errors?: FieldError[];
  /** The request id, to find the request in the logs. */
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An error the API answers with a given status and problem document. Thrown by the HTTP edge and the handlers. */
export class Problem extends Error {
  override readonly name = 'Problem';

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly field?: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  static badRequest(detail: string, field?: string): Problem {
    return new Problem(400, 'INVALID_REQUEST', detail, field, field === undefined ? undefined : [{ field, message: detail }]);
  }

  static invalidBody(errors: FieldError[]): Problem {
    const [first] = errors;
    const detail = errors.length === 1 ? first.message : `${first.message} (and ${errors.length - 1} more)`;
    return new Problem(400, 'INVALID_REQUEST', detail, first.field, errors);
  }
}

export function problemTypeUri(code: string): string {
  return `urn:kontakt:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
