import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { KontaktClient } from '@app/api-client';
import type { StderrWriter } from '@app/terminal';
import { resolveCliConfig, type CliConfig, type GlobalOptions } from './cli-config';

/** Where results go: stdout (a file or pipe as often as a terminal). */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** The process as the commands see it; tests give their own streams and environment. */
export interface CliIo {
  out: OutputStream;
  err: StderrWriter;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Set by a command that finished its output but must still exit non-zero (a broken hash chain). */
  exitCode: number;
  /** `kontakt record meeting`: the command running, for the usage hint after an error. */
  commandPath?: string;
  /** How the running command reaches the API, once it has opened its session (for the hint after a 401). */
  config?: CliConfig;
}

/** A command about to talk to the API: its configuration and client. */
export interface CliSession {
  config: CliConfig;
  client: KontaktClient;
}

export function openSession(command: Command, io: CliIo): CliSession {
  const config = resolveCliConfig(command.optsWithGlobals<GlobalOptions>(), io.env, io.cwd, readTextIfPresent);
  io.config = config;
  const client = new KontaktClient({ url: config.url, ...(config.token === undefined ? {} : { token: config.token }), ...(config.correlationId === undefined ? {} : { correlationId: config.correlationId }) });
  return { config, client };
}

/** The terminal's width, for tables to fit it; none when stdout is a file or a pipe (lines are kept whole). */
export function terminalWidth(io: CliIo): { width?: number } {
  return io.out.isTTY && io.out.columns ? { width: io.out.columns } : {};
}

/** `kontakt record meeting` for the command that runs. */
export function commandPathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
