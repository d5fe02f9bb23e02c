// docker/docker-compose.yml as Compose reads it, for tests that cannot run `docker compose config` (no engine, no
// Compose plugin here): YAML with merge keys (`<<: *anchor`, Compose's fragments), and variable interpolation.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
export const DOCKER_DIR = join(REPOSITORY_ROOT, 'docker');

export type Environment = Record<string, string>;

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  entrypoint?: string[];
  user?: string;
  environment?: Environment;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean; interval?: string; timeout?: string; retries?: number; start_period?: string };
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
  network_mode?: string;
  deploy?: { replicas?: number };
  restart?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function readComposeText(): string {
  return readFileSync(join(DOCKER_DIR, 'docker-compose.yml'), 'utf8');
}

export function readComposeFile(): ComposeFile {
  // Compose resolves YAML merge keys; YAML 1.2's core schema only does with `merge`.
  return parse(readComposeText(), { merge: true }) as ComposeFile;
}

/** docker/.env.example as Compose reads an env file: NAME=value lines, comments and blank lines ignored. */
export function readEnvExample(): Environment {
  const entries = readFileSync(join(DOCKER_DIR, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const equals = line.indexOf('=');
      if (equals < 1) throw new Error(`docker/.env.example: not a NAME=value line: ${line}`);
      return [line.slice(0, equals), line.slice(equals + 1)] as const;
    });
  return Object.fromEntries(entries);
}

export interface VariableReference {
  name: string;
  /** `-` / `:-` default, `?` / `:?` required, `+` / `:+` alternative; absent for a plain `${NAME}`. */
  operator?: string;
  argument?: string;
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Every variable the text refers to, `$$` (a literal dollar sign) excepted. */
export function variableReferences(text: string): VariableReference[] {
  const references: VariableReference[] = [];
  for (const match of text.replace(/\$\$/g, '').matchAll(REFERENCE)) {
    const name = match[1] ?? match[4]!;
    references.push({ name, ...(match[2] === undefined ? {} : { operator: match[2], argument: match[3] }) });
  }
  return references;
}

/** Compose's interpolation of one value: `${NAME}`, the `-`, `?` and `+` forms with and without `:`, and `$$`. */
export function interpolate(text: string, variables: Environment): string {
  const parts = text.split('$$');
  return parts
    .map((part) =>
      part.replace(REFERENCE, (_, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
        const name = (braced ?? bare)!;
        const value = variables[name];
        const unsetOrEmpty = value === undefined || value === '';
        const missing = operator?.startsWith(':') ? unsetOrEmpty : value === undefined;
        switch (operator?.replace(':', '')) {
          case '-':
            return missing ? argument! : value!;
          case '?':
            if (missing) throw new Error(`required variable ${name} is missing a value: ${argument}`);
            return value!;
          case '+':
            return missing ? '' : argument!;
          default:
            return value ?? '';
        }
      }),
    )
    .join('$');
}

/** A service's environment with every value interpolated. */
export function environmentOf(service: ComposeService, variables: Environment): Environment {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(String(value), variables)]));
}
