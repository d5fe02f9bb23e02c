import type { EngineLogger } from '@app/projections';
import type { LogLevel } from './projector-config';
import type { StderrWriter } from '@app/terminal';

export interface ProjectorLogger extends EngineLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
}

const SEVERITY: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/** One JSON object per line on stderr (stdout carries the commands' output), as the API and the event store log. */
export function jsonLineLogger(level: LogLevel, writer: StderrWriter, now: () => Date = () => new Date()): ProjectorLogger {
  const at = (lineLevel: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    if (SEVERITY[lineLevel] < SEVERITY[level]) return;
    writer.line(JSON.stringify({ level: lineLevel, time: now().toISOString(), service: 'kontakt-projector', msg: message, ...fields }, bigintAsText));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Positions in `$all` are bigints, which JSON.stringify refuses. */
function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
