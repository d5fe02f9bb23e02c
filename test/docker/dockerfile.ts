// docker/Dockerfile and the root .dockerignore read the way the builder reads them, for tests without a Docker engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR, REPOSITORY_ROOT } from './compose-file';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  text: string;
}

export interface BuildStage {
  /** The `FROM` image, build arguments declared before the first `FROM` substituted. */
  image: string;
  name?: string;
  instructions: Instruction[];
}

export function readDockerfile(): { globalArgs: Record<string, string>; stages: BuildStage[] } {
  const lines = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').split('\n');
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of lines) {
    // Parser directives (`# syntax=`) and comments are whole lines starting with #.
    if (pending === '' && (line.trim().startsWith('#') || line.trim() === '')) continue;
    if (line.trimEnd().endsWith('\\')) {
      pending += `${line.trimEnd().slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    const [keyword] = whole.split(/\s+/);
    instructions.push({ keyword: keyword!.toUpperCase(), text: whole.slice(keyword!.length).trim() });
  }

  const globalArgs: Record<string, string> = {};
  const stages: BuildStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.text.split(/\s+/);
      const resolved = image!.replace(/\$\{?([A-Z_]+)\}?/g, (_, arg: string) => globalArgs[arg] ?? '');
      stages.push({ image: resolved, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`docker/Dockerfile: ${instruction.keyword} before the first FROM`);
      const [arg, value = ''] = instruction.text.split('=');
      globalArgs[arg!] = value;
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** An exec-form (JSON array) argument, as CMD, ENTRYPOINT and HEALTHCHECK ... CMD take it. */
export function execForm(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec form: ${text}`);
  return parsed as string[];
}

/** The sources of a `COPY` (not `COPY --from`), relative to the build context. */
export function copySources(instruction: Instruction): string[] {
  const words = instruction.text.split(/\s+/).filter((word) => !word.startsWith('--'));
  return words.slice(0, -1);
}

/**
 * Whether the root .dockerignore keeps `path` (relative to the repository root) out of the build context: its
 * patterns as the builder matches them (Go's filepath.Match plus `**`, anchored at the root; a match on a folder
 * covers everything in it; a later `!pattern` lets a path back in).
 */
export function dockerIgnores(path: string): boolean {
  const patterns = readFileSync(join(REPOSITORY_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let ignored = false;
  for (const pattern of patterns) {
    const exception = pattern.startsWith('!');
    if (patternRegExp(exception ? pattern.slice(1) : pattern).test(path)) ignored = !exception;
  }
  return ignored;
}

function patternRegExp(pattern: string): RegExp {
  let source = '';
  const text = pattern.replace(/^\/+/, '');
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (text.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (text.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
