/** One field-level error of an RFC 9457 problem answer. */
export interface ApiFieldError {
  field?: string;
  code?: string;
  message?: string;
}

/** A refused request: the API's problem details (status, stable code, the field at fault) as an error. */
export class ApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly field: string | undefined,
    readonly detail: string,
    readonly errors: readonly ApiFieldError[],
    readonly body: unknown,
  ) {
    super(`${status}${code ? ` ${code}` : ''}${field ? ` (${field})` : ''}: ${detail}`);
    this.name = 'ApiProblemError';
  }

  static fromAnswer(status: number, body: unknown): ApiProblemError {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof problem[key] === 'string' ? (problem[key] as string) : undefined);
    const errors = Array.isArray(problem.errors) ? (problem.errors as ApiFieldError[]) : [];
    const detail = text('detail') ?? text('title') ?? (typeof body === 'string' && body ? body : `HTTP ${status}`);
    return new ApiProblemError(status, text('code'), text('field'), detail, errors, body);
  }
}
