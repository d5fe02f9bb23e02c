// The page's only way to the API: same origin, bearer token on every call, problem documents turned into errors.

/** A refused or failed call, with the API's own message (it names the field at fault). */
export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * `token()` gives the bearer token of each call; `onUnauthorised(error)` is told of a 401 (the token was revoked or
 * has expired) before the error is thrown to the caller.
 */
export function createApi({ token, onUnauthorised }) {
  async function request(path, query, accept) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    let response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token()}`, accept } });
    } catch (error) {
      throw new ApiError(0, `The API did not answer (${error.message}). Is it still running?`);
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => undefined);
      const error = new ApiError(response.status, problem?.detail ?? `${response.status} ${response.statusText}`, problem);
      if (response.status === 401) onUnauthorised(error);
      throw error;
    }
    return response;
  }
  return {
    json: async (path, query) => (await request(path, query, 'application/json')).json(),
    text: async (path, query, accept) => (await request(path, query, accept)).text(),
  };
}
