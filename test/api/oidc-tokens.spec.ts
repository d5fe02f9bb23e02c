import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { AggregateEventStore } from '@app/event-store';
import { expectProblem, TestApi } from '../support/api.harness';
import { readModelStores, type ScratchStore } from '../support/read-model-stores';

// A local identity provider: an RSA key pair, its JWKS and a discovery document, served on 127.0.0.1.
interface LocalIssuer {
  url: string;
  sign(claims: JWTPayload, options?: { key?: KeyLike; kid?: string; expiresIn?: string | number; issuer?: string; audience?: string; alg?: string }): Promise<string>;
  close(): Promise<void>;
}

async function startIssuer(): Promise<LocalIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let url = '';
  const server: Server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer: url, jwks_uri: `${url}/jwks` }
        : request.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'key-1' })
        .setIssuer(options.issuer ?? url)
        .setAudience(options.audience ?? 'kontakt-api')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(options.key ?? privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(readModelStores())('OIDC bearer tokens, verified against the issuer’s JWKS, read models on %s', (_store, scratchStore) => {
  let scratch: ScratchStore;
  let issuer: LocalIssuer;
  let api: TestApi;

  beforeAll(async () => {
    issuer = await startIssuer();
    scratch = await scratchStore();
    const store: Record<string, string> = scratch.target.kind === 'postgres' ? { READ_MODEL_URL: scratch.target.url } : {};
    // No OIDC_JWKS_URL: the keys are found through the issuer's discovery document.
    api = await TestApi.start({ OIDC_ISSUER: issuer.url, OIDC_AUDIENCE: 'kontakt-api', ...store });
  }, 30_000);

  afterAll(async () => {
    await api.stop();
    await issuer.close();
    await scratch.cleanUp();
  });

  it('accepts a valid token: the caller is its sub, in the role its roles claim gives', async () => {
    const token = await issuer.sign({ sub: 'oidc|anna', roles: ['editor'] });
    const response = await api.withToken(token).post('/regions', { name: 'Kazan', kind: 'city' });
    expect(response.status).toBe(201);
    const [stored] = (await api.app.get(AggregateEventStore).load(`region-${response.body.id}`)).events;
    expect(stored.metadata.actor).toEqual({ id: 'oidc|anna', role: 'editor' });
  });

  it('takes the highest known role among the claim’s values and ignores unknown ones', async () => {
    const caller = api.withToken(await issuer.sign({ sub: 'carla', roles: ['viewer', 'network-staff', 'auditor'] }));
    expect((await caller.get('/timeline')).status).toBe(200);
    expectProblem(await caller.post('/regions', { name: 'Kazan', kind: 'city' }), 403, 'FORBIDDEN');
  });

  it.each([
    ['from another issuer', () => issuer.sign({ sub: 'x', roles: ['admin'] }, { issuer: 'https://evil.example.org' }), /iss/],
    ['for another audience', () => issuer.sign({ sub: 'x', roles: ['admin'] }, { audience: 'another-api' }), /aud/],
    ['that has expired', () => issuer.sign({ sub: 'x', roles: ['admin'] }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }), /expired/],
    ['with a bad signature', async () => {
      const token = await issuer.sign({ sub: 'x', roles: ['admin'] });
      const [header, payload] = token.split('.');
      const forged = await issuer.sign({ sub: 'y', roles: ['admin'] });
      return `${header}.${payload}.${forged.split('.')[2]}`;
    }, /signature/],
    ['signed by a key the issuer does not publish (unknown kid)', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return issuer.sign({ sub: 'x', roles: ['admin'] }, { key: privateKey, kid: 'key-2' });
    }, /key/],
    ['signed with a shared secret (HS256)', () => issuer.sign({ sub: 'x', roles: ['admin'] }, { alg: 'HS256', key: new TextEncoder().encode('s'.repeat(32)) as unknown as KeyLike }), /algorithm|key/],
    ['without a sub', () => issuer.sign({ roles: ['admin'] }), /sub/],
  ])('refuses a token %s with 401', async (_case, token, detail) => {
    const response = await api.withToken(await token()).get('/timeline');
    expectProblem(response, 401, 'UNAUTHENTICATED', 'Authorization');
    expect(response.body.detail).toMatch(detail);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="kontakt", error="invalid_token"/);
  });

  it('answers a valid token without a known role with 403: who it is is proven, what they may do is not', async () => {
    const caller = api.withToken(await issuer.sign({ sub: 'no-role', groups: ['staff'] }));
    const refused = await caller.get('/timeline');
    expectProblem(refused, 403, 'FORBIDDEN');
    expect(refused.body.detail).toMatch(/names no role/);
    expect((await caller.get('/health')).status).toBe(200);
  });

  it('still accepts the API’s own tokens beside OIDC tokens', async () => {
    expect((await api.get('/tokens')).status).toBe(200);
  });

  describe('when the identity provider cannot be reached', () => {
    let unreachable: TestApi;

    beforeAll(async () => {
      unreachable = await TestApi.start({ OIDC_ISSUER: 'http://127.0.0.1:1', OIDC_AUDIENCE: 'kontakt-api' });
    }, 30_000);

    afterAll(async () => {
      await unreachable.stop();
    });

    it('answers 503 with Retry-After (the token is neither accepted nor refused), and API tokens keep working', async () => {
      const response = await unreachable.withToken(await issuer.sign({ sub: 'x', roles: ['viewer'] })).get('/timeline');
      expectProblem(response, 503, 'IDENTITY_PROVIDER_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toBe('1');
      expect((await unreachable.get('/timeline')).status).toBe(200);
    });
  });
});
