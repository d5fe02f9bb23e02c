import { join, resolve } from 'node:path';
import { UsageError } from './cli-errors';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** Where the token came from: said in the hint when the API answers 401. */
export type TokenSource = '--token' | 'KONTAKT_TOKEN' | { file: string } | 'none';

/** How the CLI reaches the API, resolved once from the global options and the environment. */
export interface CliConfig {
  url: string;
  token?: string;
  tokenSource: TokenSource;
  /** The admin-token file looked for when no token was given (named in the hint on 401). */
  tokenFile: string;
  correlationId?: string;
}

export interface GlobalOptions {
  url?: string;
  token?: string;
  correlationId?: string;
}

/**
 * `--url`, else KONTAKT_URL, else the API's default address; `--token`, else KONTAKT_TOKEN, else the admin token the
 * API wrote to `<DATA_DIR or ./data>/admin-token` on its first start, when that file is readable. The file is the
 * default so that `npm start` and `npx kontakt ...` in one checkout work together without copying a secret around.
 */
export function resolveCliConfig(options: GlobalOptions, env: NodeJS.ProcessEnv, cwd: string, readTextFile: (path: string) => string | undefined): CliConfig {
  const urlSource = options.url !== undefined ? '--url' : 'KONTAKT_URL';
  const url = (options.url ?? nonEmpty(env.KONTAKT_URL) ?? DEFAULT_API_URL).trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${urlSource}: not a URL: ${url} (e.g. ${DEFAULT_API_URL})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`${urlSource}: must be an http:// or https:// URL, not ${url}`);

  const tokenFile = join(resolve(cwd, nonEmpty(env.DATA_DIR) ?? 'data'), 'admin-token');
  const correlationId = options.correlationId === undefined ? {} : { correlationId: options.correlationId };
  if (options.token !== undefined) {
    if (options.token.trim() === '') throw new UsageError('--token: is empty');
    return { url, token: options.token.trim(), tokenSource: '--token', tokenFile, ...correlationId };
  }
  const fromEnv = nonEmpty(env.KONTAKT_TOKEN);
  if (fromEnv !== undefined) return { url, token: fromEnv, tokenSource: 'KONTAKT_TOKEN', tokenFile, ...correlationId };
  const fromFile = nonEmpty(readTextFile(tokenFile));
  if (fromFile !== undefined) return { url, token: fromFile, tokenSource: { file: tokenFile }, tokenFile, ...correlationId };
  return { url, tokenSource: 'none', tokenFile, ...correlationId };
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
