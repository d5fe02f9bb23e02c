// docker/Dockerfile checked without a Docker engine: its stages, its user, what it copies and what it runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './compose-file';
import { copySources, dockerIgnores, execForm, readDockerfile, type BuildStage } from './dockerfile';

const packageJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const { stages } = readDockerfile();
const runtime = stages.at(-1)!;

function instructionsOf(stage: BuildStage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.text);
}

function versionParts(version: string): number[] {
  return version.split('.').map(Number);
}

describe('docker/Dockerfile', () => {
  it('builds in two stages: dependencies, then a runtime that copies them', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['deps', 'runtime']);
    expect(instructionsOf(runtime, 'COPY')).toContain('--from=deps /app/node_modules ./node_modules');
  });

  it('installs the production dependencies exactly as locked, with what building better-sqlite3 takes', () => {
    const [deps] = stages;
    const runs = instructionsOf(deps!, 'RUN').join('\n');

    expect(instructionsOf(deps!, 'COPY')).toEqual(['package.json package-lock.json ./']);
    expect(runs).toMatch(/\bnpm ci --omit=dev\b/);
    expect(runs).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
  });

  it('uses one pinned Node.js release that package.json allows, for both stages', () => {
    const images = new Set(stages.map((stage) => stage.image));
    expect(images.size).toBe(1);
    const [image] = [...images];
    const version = /^node:(\d+\.\d+\.\d+)-bookworm-slim$/.exec(image!)?.[1];
    expect(version).toBeDefined();

    const minimum = /^>=(\d+(?:\.\d+){0,2})$/.exec(packageJson.engines.node)?.[1];
    const [major, minor = 0] = versionParts(version!);
    const [minimumMajor, minimumMinor = 0] = versionParts(minimum!);
    expect(major! > minimumMajor! || (major === minimumMajor && minor >= minimumMinor)).toBe(true);
  });

  it('runs as the unprivileged node user', () => {
    const users = instructionsOf(runtime, 'USER');
    expect(users.at(-1)).toBe('node');
    expect(instructionsOf(stages[0]!, 'USER')).toEqual([]);
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = stages.flatMap((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'COPY' && !instruction.text.startsWith('--from')).flatMap(copySources));

    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/register-ts.js', 'libs', 'apps']));
    for (const source of sources) {
      expect({ source, exists: existsSync(join(REPOSITORY_ROOT, source)), ignored: dockerIgnores(source) }).toEqual({ source, exists: true, ignored: false });
    }
  });

  it('keeps dependencies, local state, secrets and tests out of the build context', () => {
    for (const path of ['node_modules', 'libs/domain/node_modules/x', '.git', 'data/admin-token', 'docker/.env', 'test/api/health.spec.ts', 'apps/api/src/config/app-config.spec.ts']) {
      expect({ path, ignored: dockerIgnores(path) }).toEqual({ path, ignored: true });
    }
    for (const path of ['apps/api/src/main.ts', 'libs/event-store/src/index.ts', 'docker/.env.example']) {
      expect({ path, ignored: dockerIgnores(path) }).toEqual({ path, ignored: false });
    }
  });

  it('starts the API the way npm start does, from files the image has', () => {
    const command = execForm(instructionsOf(runtime, 'CMD').at(-1)!);

    expect(command.join(' ')).toBe(packageJson.scripts.start);
    // `node -r ./scripts/register-ts.js apps/api/src/main.ts`: the preload and the entry file.
    for (const file of [command[2]!, command[3]!]) expect(existsSync(join(REPOSITORY_ROOT, file))).toBe(true);
  });

  it("checks the API's readiness (/health/ready), on the port the API listens on", () => {
    const [healthcheck] = instructionsOf(runtime, 'HEALTHCHECK');
    const command = execForm(healthcheck!.slice(healthcheck!.indexOf('CMD') + 'CMD'.length).trim());

    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain("'/health/ready'");
    expect(command.join(' ')).toContain('process.env.PORT');
    expect(instructionsOf(runtime, 'ENV').join(' ')).toMatch(/\bPORT=3000\b/);
    expect(instructionsOf(runtime, 'ENV').join(' ')).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it('resolves every @app/* import inside the folders it copies', () => {
    const tsconfig = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    const targets = Object.values(tsconfig.compilerOptions.paths).flat();

    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatch(/^libs\//);
  });
});
