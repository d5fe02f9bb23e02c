// docker/docker-compose.yml checked without a Docker engine or the Compose plugin (`docker compose config` cannot run
// here): the keys Compose knows, then what the file promises — a secure three-node cluster, PostgreSQL, two API
// replicas and two workers started in order, secrets only from docker/.env, pinned images, ports on loopback — and
// that the apps' own configuration accepts what the file gives them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { loadProjectorConfig } from '../../apps/projector/src/projector-config';
import {
  DOCKER_DIR,
  environmentOf,
  interpolate,
  readComposeFile,
  readComposeText,
  readEnvExample,
  REPOSITORY_ROOT,
  variableReferences,
  type ComposeService,
  type Environment,
} from './compose-file';

const compose = readComposeFile();
const services = compose.services;
const NODES = ['node1', 'node2', 'node3'];
const APPS = ['api', 'projector'];
const packageJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** Values for docker/.env as a user would fill it in: every empty secret given 48 hex characters. */
function filledEnv(): Environment {
  return Object.fromEntries(Object.entries(readEnvExample()).map(([name, value], index) => [name, value === '' ? index.toString(16).padStart(2, '0').repeat(24) : value]));
}

function service(name: string): ComposeService {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** `source:target[:mode]` of a short-syntax volume. */
function mounts(of: ComposeService): { source: string; target: string; mode?: string }[] {
  return (of.volumes ?? []).map((volume) => {
    const [source, target, mode] = volume.split(':');
    return { source: source!, target: target!, ...(mode === undefined ? {} : { mode }) };
  });
}

// The Compose specification's keys (compose-spec, services and top level) this file may use; a typo such as
// `depends-on` or `healtcheck` would be ignored by nothing and caught here.
const TOP_LEVEL_KEYS = ['name', 'services', 'volumes', 'networks', 'secrets', 'configs'];
const SERVICE_KEYS = [
  'build', 'cap_drop', 'command', 'depends_on', 'deploy', 'entrypoint', 'environment', 'healthcheck', 'image', 'init', 'network_mode',
  'networks', 'ports', 'pull_policy', 'read_only', 'restart', 'security_opt', 'stop_grace_period', 'tmpfs', 'user', 'volumes',
];
const HEALTHCHECK_KEYS = ['test', 'interval', 'timeout', 'retries', 'start_period', 'disable'];
const DEPENDENCY_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];
const DURATION = /^\d+(?:ms|s|m|h)$/;

describe('docker/docker-compose.yml', () => {
  it('uses only keys Compose knows, with values of the right form', () => {
    for (const key of Object.keys(compose)) expect(TOP_LEVEL_KEYS.includes(key) || key.startsWith('x-')).toBe(true);
    for (const [name, definition] of Object.entries(services)) {
      for (const key of Object.keys(definition)) expect({ service: name, key, known: SERVICE_KEYS.includes(key) }).toEqual({ service: name, key, known: true });
      for (const key of Object.keys(definition.healthcheck ?? {})) expect(HEALTHCHECK_KEYS).toContain(key);
      for (const duration of [definition.healthcheck?.interval, definition.healthcheck?.timeout, definition.healthcheck?.start_period, definition.stop_grace_period]) {
        if (duration !== undefined) expect(duration).toMatch(DURATION);
      }
      if (definition.restart !== undefined) expect(RESTART_POLICIES).toContain(definition.restart);
      for (const [dependency, { condition }] of Object.entries(definition.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
        expect(DEPENDENCY_CONDITIONS).toContain(condition);
      }
      expect(definition.image ?? definition.build).toBeDefined();
    }
  });

  it('pins every image it pulls to a release, never latest', () => {
    const pulled = Object.values(services).filter((definition) => definition.build === undefined);
    expect(pulled.length).toBeGreaterThan(0);
    for (const { image } of pulled) {
      const tag = /:([^:/]+)$/.exec(image!)?.[1];
      expect({ image, tag }).toEqual({ image, tag: expect.stringMatching(/^\d+\.\d+(?:\.\d+)?(?:-[a-z0-9]+)?$/) });
    }
  });

  describe('the KurrentDB cluster', () => {
    it('has three nodes, each in a cluster of three, gossiping with the other two by name', () => {
      for (const node of NODES) {
        const env = service(node).environment!;
        const others = NODES.filter((other) => other !== node);

        expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
        expect(env.KURRENTDB_DISCOVER_VIA_DNS).toBe('false');
        expect(env.KURRENTDB_GOSSIP_SEED!.split(',').sort()).toEqual(others.map((other) => `${other}:2113`));
        for (const advertised of ['KURRENTDB_NODE_HOST_ADVERTISE_AS', 'KURRENTDB_REPLICATION_HOST_ADVERTISE_AS', 'KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS']) {
          expect(env[advertised]).toBe(node);
        }
      }
    });

    it('is secure: every node has its own certificate and trusts the generated CA, and nothing turns TLS or authentication off', () => {
      for (const node of NODES) {
        const definition = service(node);
        const env = definition.environment!;

        expect(env.KURRENTDB_CERTIFICATE_FILE).toBe(`/etc/kurrentdb/certs/${node}/node.crt`);
        expect(env.KURRENTDB_CERTIFICATE_PRIVATE_KEY_FILE).toBe(`/etc/kurrentdb/certs/${node}/node.key`);
        expect(env.KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH).toBe('/etc/kurrentdb/certs/ca');
        expect(mounts(definition)).toContainEqual({ source: 'kurrentdb-certs', target: '/etc/kurrentdb/certs', mode: 'ro' });
        expect(definition.depends_on?.certs).toEqual({ condition: 'service_completed_successfully' });
        for (const name of Object.keys(env)) expect(name).not.toMatch(/INSECURE|DISABLE_TLS|ALLOW_ANONYMOUS/);
        expect(definition.command).toBeUndefined();
        expect(definition.entrypoint).toBeUndefined();
        expect(JSON.stringify(definition)).not.toMatch(/insecure|--dev\b|disable[-_]tls/i);
      }
    });

    it('is reached by clients through one alias that all three nodes carry and every certificate names', () => {
      const script = readFileSync(join(DOCKER_DIR, 'generate-certificates.sh'), 'utf8');
      const alias = /^cluster_alias=(\S+)$/m.exec(script)?.[1];
      const scriptNodes = /^nodes="([^"]+)"$/m.exec(script)?.[1]?.split(' ');

      expect(scriptNodes).toEqual(NODES);
      expect(script).toContain('-dns-names "$node,$cluster_alias,localhost"');
      for (const node of NODES) expect(service(node).networks?.default?.aliases).toEqual([alias]);
      for (const app of APPS) {
        const { hosts, dnsDiscover } = parseConnectionString(environmentOf(service(app), filledEnv()).EVENTSTORE_CONNECTION_STRING!);
        expect({ dnsDiscover, hosts }).toEqual({ dnsDiscover: true, hosts: [{ address: alias, port: 2113 }] });
      }
    });

    it('checks each node through TLS with the cluster CA, keeping its data and logs in volumes of its own', () => {
      const dataVolumes = new Set<string>();
      for (const node of NODES) {
        const definition = service(node);
        const test = definition.healthcheck!.test!;

        expect(test.slice(0, 2)).toEqual(['CMD', 'curl']);
        expect(test).toEqual(expect.arrayContaining(['--fail', '--cacert', '/etc/kurrentdb/certs/ca/ca.crt', 'https://localhost:2113/health/live']));
        expect(test).not.toContain('--insecure');
        const data = mounts(definition).find((mount) => mount.target === '/var/lib/kurrentdb')!;
        expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining([data.source, mounts(definition).find((mount) => mount.target === '/var/log/kurrentdb')!.source]));
        dataVolumes.add(data.source);
      }
      expect(dataVolumes.size).toBe(NODES.length);
    });
  });

  describe('the certificates', () => {
    it('come from a one-shot service of the vendor tool, without network, that the nodes wait for', () => {
      const certs = service('certs');

      expect(certs.image).toMatch(/^ghcr\.io\/eventstore\/es-gencert-cli:\d+\.\d+\.\d+$/);
      expect(certs.network_mode).toBe('none');
      expect(certs.restart).toBe('no');
      expect(certs.ports).toBeUndefined();
      expect(certs.entrypoint).toEqual(['/bin/sh', '/generate-certificates.sh']);
      expect(mounts(certs)).toEqual([
        { source: './generate-certificates.sh', target: '/generate-certificates.sh', mode: 'ro' },
        { source: 'kurrentdb-certs', target: '/certs' },
        { source: 'kurrentdb-client-ca', target: '/client-ca' },
      ]);
    });

    it('are made by a script the shell can read, which hands the clients the CA certificate only', () => {
      const script = join(DOCKER_DIR, 'generate-certificates.sh');
      // A syntax check by the shell itself; the script's commands need es-gencert-cli, which only the image has.
      execFileSync('sh', ['-n', script]);
      const text = readFileSync(script, 'utf8');

      expect(text).toMatch(/^set -eu$/m);
      expect(text).toContain('mv -f /client-ca/.ca.crt.new /client-ca/ca.crt');
      expect(text).not.toMatch(/\/client-ca\/\S*\.key/);
    });
  });

  it('runs PostgreSQL 17 with a health check over TCP, a volume, and durability left as PostgreSQL ships it', () => {
    const postgres = service('postgres');

    expect(postgres.image).toMatch(/^postgres:17\.\d+-bookworm$/);
    expect(postgres.healthcheck?.test?.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    expect(postgres.healthcheck?.test).toContain('--host=127.0.0.1');
    expect(mounts(postgres)).toEqual([{ source: 'postgres-data', target: '/var/lib/postgresql/data' }]);
    expect(postgres.ports).toBeUndefined();
    expect(JSON.stringify(postgres)).not.toMatch(/synchronous_commit|fsync|full_page_writes/);
  });

  describe('the apps', () => {
    it('run from one image, built from docker/Dockerfile and tagged with the package version', () => {
      for (const app of APPS) {
        const definition = service(app);
        expect(definition.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
        expect(existsSync(join(DOCKER_DIR, definition.build!.context, definition.build!.dockerfile!))).toBe(true);
        expect(definition.image).toBe(`kontakt:${packageJson.version}`);
        expect(definition.pull_policy).toBe('build');
      }
    });

    it('are two API replicas that leave the projections to two workers', () => {
      const api = service('api');
      const projector = service('projector');

      expect(api.deploy?.replicas).toBeGreaterThanOrEqual(2);
      expect(projector.deploy?.replicas).toBeGreaterThanOrEqual(2);
      expect(api.environment?.PROJECTIONS).toBe('off');
      expect(api.command).toBeUndefined();
      // The worker's command is `npm run projections -- run` without npm in between, from files the image has.
      expect(projector.command!.join(' ')).toBe(`${packageJson.scripts.projections} run`);
      for (const file of [projector.command![2]!, projector.command![3]!]) expect(existsSync(join(REPOSITORY_ROOT, file))).toBe(true);
    });

    it('start once the certificates exist and the cluster and PostgreSQL are healthy', () => {
      for (const app of APPS) {
        expect(service(app).depends_on).toEqual({
          certs: { condition: 'service_completed_successfully' },
          node1: { condition: 'service_healthy' },
          node2: { condition: 'service_healthy' },
          node3: { condition: 'service_healthy' },
          postgres: { condition: 'service_healthy' },
        });
      }
      // Waiting for `service_healthy` needs a health check to wait for.
      for (const dependency of [...NODES, 'postgres']) expect(service(dependency).healthcheck?.test).toBeDefined();
    });

    it("keep the image's /health check for the API, and say why a worker has none", () => {
      expect(service('api').healthcheck).toBeUndefined();
      expect(service('projector').healthcheck).toEqual({ disable: true });
    });

    it('get the CA certificate, read-only, where their connection string looks for it', () => {
      for (const app of APPS) {
        const { tlsCAFile, tls } = parseConnectionString(environmentOf(service(app), filledEnv()).EVENTSTORE_CONNECTION_STRING!);
        const mount = mounts(service(app)).find((candidate) => candidate.source === 'kurrentdb-client-ca');

        expect(tls).toBe(true);
        expect(mount?.mode).toBe('ro');
        // generate-certificates.sh writes /client-ca/ca.crt into that volume.
        expect(tlsCAFile).toBe(`${mount!.target}/ca.crt`);
      }
    });

    it('run read-only, without capabilities, as the image user, with the API state in a shared volume', () => {
      for (const app of APPS) {
        const definition = service(app);
        expect(definition).toMatchObject({ read_only: true, tmpfs: ['/tmp'], cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'], init: true });
        expect(definition.user).toBeUndefined();
      }
      expect(mounts(service('api'))).toContainEqual({ source: 'api-data', target: service('api').environment!.DATA_DIR! });
    });

    it('are given configuration the API and the projector accept as it is', () => {
      const variables = filledEnv();
      const apiEnv = environmentOf(service('api'), variables);
      const projectorEnv = environmentOf(service('projector'), variables);

      const apiConfig = loadAppConfig(apiEnv, '/app');
      expect(apiConfig.eventStore.connectionString).toBe(apiEnv.EVENTSTORE_CONNECTION_STRING);
      expect(apiConfig.readModel.url).toBe(apiEnv.READ_MODEL_URL);
      expect(apiConfig.projections.run).toBe(false);
      expect(apiConfig.http).toMatchObject({ host: '0.0.0.0', port: 3000 });
      expect(apiConfig.audit.hmacKey).toBe(variables.AUDIT_HMAC_KEY);

      const projectorConfig = loadProjectorConfig(projectorEnv, '/app');
      expect(projectorConfig.eventStore.connectionString).toBe(projectorEnv.EVENTSTORE_CONNECTION_STRING);
      expect(projectorConfig.readModel).toEqual({ kind: 'postgres', url: projectorEnv.READ_MODEL_URL });

      // The credentials the apps connect with are the ones the cluster and PostgreSQL were given.
      expect(parseConnectionString(apiEnv.EVENTSTORE_CONNECTION_STRING!).defaultCredentials).toEqual({ username: 'admin', password: variables.KURRENTDB_ADMIN_PASSWORD });
      expect(new URL(apiEnv.READ_MODEL_URL!)).toMatchObject({ hostname: 'postgres', port: '5432', username: 'kontakt', password: variables.POSTGRES_PASSWORD });
      expect(environmentOf(service('postgres'), variables).POSTGRES_PASSWORD).toBe(variables.POSTGRES_PASSWORD);
      expect(environmentOf(service('node1'), variables).KURRENTDB_DEFAULT_ADMIN_PASSWORD).toBe(variables.KURRENTDB_ADMIN_PASSWORD);
    });
  });

  describe('ports and secrets', () => {
    it('publishes ports on loopback only, and only for the API replicas and the nodes’ Admin UI', () => {
      const published = Object.entries(services).filter(([, definition]) => definition.ports !== undefined);

      expect(published.map(([name]) => name).sort()).toEqual(['api', ...NODES]);
      for (const [, definition] of published) for (const port of definition.ports!) expect(port).toMatch(/^127\.0\.0\.1:\d+(?:-\d+)?:\d+$/);
      // One host port per API replica.
      const [, from, to] = /^127\.0\.0\.1:(\d+)-(\d+):3000$/.exec(service('api').ports![0]!)!;
      expect(Number(to) - Number(from) + 1).toBe(service('api').deploy!.replicas);
    });

    it('takes every variable from docker/.env.example, where every secret is left empty to be filled in', () => {
      const example = readEnvExample();
      const references = variableReferences(readComposeText());

      expect(references.length).toBeGreaterThan(0);
      for (const { name, operator } of references) {
        expect({ name, inEnvExample: name in example }).toEqual({ name, inEnvExample: true });
        if (operator === ':?') expect({ name, value: example[name] }).toEqual({ name, value: '' });
      }
      // Every secret is required: Compose stops with the message instead of starting with an empty password.
      for (const secret of ['KURRENTDB_ADMIN_PASSWORD', 'KURRENTDB_OPS_PASSWORD', 'POSTGRES_PASSWORD', 'AUDIT_HMAC_KEY']) {
        expect(references.filter((reference) => reference.name === secret).map((reference) => reference.operator)).toEqual(expect.arrayContaining([':?']));
        expect(references.filter((reference) => reference.name === secret).every((reference) => reference.operator === ':?')).toBe(true);
      }
      expect(() => interpolate(service('postgres').environment!.POSTGRES_PASSWORD!, example)).toThrow(/required variable POSTGRES_PASSWORD is missing a value/);
    });

    it('writes no password in the file: every credential comes from a variable', () => {
      for (const [name, definition] of Object.entries(services)) {
        for (const [key, value] of Object.entries(definition.environment ?? {})) {
          if (/PASSWORD|SECRET|HMAC_KEY/.test(key)) expect({ service: name, key, value }).toEqual({ service: name, key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]*\}$/) });
        }
      }
      const urls = APPS.flatMap((app) => [service(app).environment!.EVENTSTORE_CONNECTION_STRING!, service(app).environment!.READ_MODEL_URL!]);
      for (const url of urls) expect(url).toMatch(/^[a-z+]+:\/\/[a-z]+:\$\{[A-Z_]+:\?[^}]*\}@/);
      expect(readComposeText()).not.toMatch(/changeit/);
    });
  });
});
