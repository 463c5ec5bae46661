/**
 * ID token checks of the OpenID Connect client, with a key pair made here and a stub fetch for
 * discovery and JWKS: a good token passes; a wrong signature, issuer, audience, nonce, an expired
 * token and an unsupported algorithm are refused. (The whole flow against a real provider is in
 * src/web/routes/account-oidc.test.ts.)
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import { OidcClient } from './oidc.ts';

const ISSUER = 'https://idp.example';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' };

const stub: typeof fetch = async (input) => {
  const url = String(input);
  const body = url.endsWith('/.well-known/openid-configuration')
    ? {
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
      }
    : { keys: [jwk] };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};

const NOW = new Date('2026-11-27T12:00:00Z');
const seconds = NOW.getTime() / 1000;

function token(
  claims: Record<string, unknown>,
  options: { alg?: string; key?: typeof privateKey } = {},
): string {
  const header = Buffer.from(JSON.stringify({ alg: options.alg ?? 'RS256', kid: 'k1' })).toString(
    'base64url',
  );
  const payload = Buffer.from(
    JSON.stringify({
      iss: ISSUER,
      aud: 'client',
      sub: 'u1',
      exp: seconds + 300,
      iat: seconds,
      nonce: 'n1',
      ...claims,
    }),
  ).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), options.key ?? privateKey).toString(
    'base64url',
  );
  return `${header}.${payload}.${signature}`;
}

const client = new OidcClient(
  { id: 't', name: 'T', issuer: ISSUER, clientId: 'client', clientSecret: 's' },
  stub,
);

test('a good ID token passes and gives its claims', async () => {
  const claims = await client.verifyIdToken(token({ email: 'a@b.example' }), 'n1', NOW);
  assert.equal(claims.sub, 'u1');
  assert.equal(claims.email, 'a@b.example');
});

test('bad ID tokens are refused', async () => {
  const bad: [string, string][] = [
    [token({}, { key: other.privateKey }), 'signature'],
    [token({ iss: 'https://evil.example' }), 'issuer'],
    [token({ aud: 'someone-else' }), 'another client'],
    [token({ aud: ['client', 'x'] }), 'azp'],
    [token({ nonce: 'n2' }), 'nonce'],
    [token({ exp: seconds - 3600 }), 'expired'],
    [token({ iat: seconds + 3600 }), 'future'],
    [token({}, { alg: 'none' }), 'unsupported'],
    ['not.a-token', 'JWS'],
  ];
  for (const [t, why] of bad) {
    await assert.rejects(client.verifyIdToken(t, 'n1', NOW), new RegExp(why), why);
  }
});

test('the authorization request carries PKCE S256, state and nonce', async () => {
  const { url, pending } = await client.start('https://cables.example/account/oidc/t/callback', '/');
  const params = new URL(url).searchParams;
  assert.equal(params.get('response_type'), 'code');
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.equal(params.get('state'), pending.state);
  assert.equal(params.get('nonce'), pending.nonce);
  assert.notEqual(params.get('code_challenge'), pending.verifier);
  assert.match(params.get('scope')!, /\bopenid\b/);
});
