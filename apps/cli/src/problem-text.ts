import type { ApiProblemError } from '@app/api-client';
import type { CliConfig } from './cli-config';

/**
 * A refused request as the user reads it: status and code, then each field at fault with the API's message, so the
 * line to fix is named. `error: 400 INVALID_REQUEST` / `  participants[0].level: participants[0].level must be one of ...`
 */
export function formatProblem(problem: ApiProblemError, config?: Pick<CliConfig, 'tokenSource' | 'tokenFile'>): string {
  const lines = [`error: the API refused the request: ${problem.status}${problem.code ? ` ${problem.code}` : ''}`];
  const fields = problem.errors.filter((error) => error.message !== undefined);
  if (fields.length > 0) {
    for (const error of fields) lines.push(`  ${error.field ? `${error.field}: ` : ''}${error.message}`);
  } else {
    lines.push(`  ${problem.field ? `${problem.field}: ` : ''}${problem.detail}`);
  }
  const hint = config && problem.status === 401 ? tokenHint(config) : undefined;
  if (hint) lines.push(hint);
  return `${lines.join('\n')}\n`;
}

function tokenHint({ tokenSource, tokenFile }: Pick<CliConfig, 'tokenSource' | 'tokenFile'>): string {
  if (tokenSource === 'none') return `No token was given: pass --token or set KONTAKT_TOKEN (there is no ${tokenFile}).`;
  const from = typeof tokenSource === 'string' ? tokenSource : tokenSource.file;
  return `The token from ${from} was not accepted (unknown, expired or revoked, or issued by another API).`;
}
