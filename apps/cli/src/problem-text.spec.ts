import { ApiProblemError } from '@app/api-client';
import { formatProblem } from './problem-text';

describe('formatProblem', () => {
  it('gives status and code, then every field at fault with its message', () => {
    const problem = ApiProblemError.fromAnswer(400, {
      status: 400,
      code: 'INVALID_REQUEST',
      detail: 'participants[0].level must be one of head-of-state, minister, executive, working',
      field: 'participants[0].level',
      errors: [
        { field: 'participants[0].level', message: 'participants[0].level must be one of head-of-state, minister, executive, working' },
        { field: 'topics', message: 'topics must be an array' },
      ],
    });
    expect(formatProblem(problem)).toBe(
      [
        'error: the API refused the request: 400 INVALID_REQUEST',
        '  participants[0].level: participants[0].level must be one of head-of-state, minister, executive, working',
        '  topics: topics must be an array',
        '',
      ].join('\n'),
    );
  });

  it('falls back to the field and detail when the problem lists no errors', () => {
    const problem = ApiProblemError.fromAnswer(409, { status: 409, code: 'PROJECTIONS_RUN_ELSEWHERE', detail: 'this API does not run the projections' });
    expect(formatProblem(problem)).toBe('error: the API refused the request: 409 PROJECTIONS_RUN_ELSEWHERE\n  this API does not run the projections\n');
  });

  it('says which token was refused on 401, or that there was none', () => {
    const problem = ApiProblemError.fromAnswer(401, { status: 401, code: 'UNAUTHENTICATED', detail: 'a valid bearer token is required' });
    expect(formatProblem(problem, { tokenSource: 'none', tokenFile: '/repo/data/admin-token' })).toContain('No token was given: pass --token or set KONTAKT_TOKEN (there is no /repo/data/admin-token).');
    expect(formatProblem(problem, { tokenSource: { file: '/repo/data/admin-token' }, tokenFile: '/repo/data/admin-token' })).toContain('The token from /repo/data/admin-token was not accepted');
  });
});
