/**
 * Log-in with an outside identity provider over OpenID Connect, as a relying party: discovery
 * (`/.well-known/openid-configuration`), the authorization request (code flow with PKCE S256, a
 * random `state` and `nonce`), the code exchange at the token endpoint (client_secret_basic), and
 * the ID token's checks: signature against the provider's JWKS (RS256/PS256/ES256 via
 * node:crypto), issuer, audience, authorized party, expiry, issue time and nonce; then the
 * UserInfo endpoint for e-mail and name when the ID token leaves them out (same subject required). Providers are
 * configured by issuer URL, client id and secret.
 */
import { createHash, createPublicKey, type JsonWebKey, randomBytes, verify } from 'node:crypto';

export interface OidcProviderConfig {
  /** Short name used in addresses: /account/oidc/{id}/start. */
  id: string;
  /** Shown on the button. */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
}

export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/** What the browser keeps (in an HttpOnly cookie) between the start and the callback. */
export interface PendingLogin {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

const CLOCK_SKEW_S = 60;
const b64url = (buffer: Buffer) => buffer.toString('base64url');

/** Checks a list of provider configs (from CABLEDESK_OIDC_PROVIDERS or a config file); throws why not. */
export function checkProviders(value: unknown): OidcProviderConfig[] {
  if (!Array.isArray(value)) throw new Error('must be a JSON array of providers');
  value.forEach((p: Partial<OidcProviderConfig> | null, i) => {
    const text = (v: unknown) => typeof v === 'string' && v !== '';
    if (
      typeof p !== 'object' ||
      p === null ||
      !text(p.id) ||
      !/^[a-z0-9-]{1,40}$/.test(p.id!) ||
      !text(p.issuer) ||
      !text(p.clientId) ||
      !text(p.clientSecret) ||
      (p.name !== undefined && typeof p.name !== 'string')
    ) {
      throw new Error(
        `provider ${i + 1}: each provider needs id (a-z, 0-9, -), issuer, clientId, clientSecret (strings), and may have a name`,
      );
    }
  });
  return (value as OidcProviderConfig[]).map((p) => ({ ...p, name: p.name ?? p.id }));
}

/** Reads `CABLEDESK_OIDC_PROVIDERS` (a JSON array of provider configs); empty when unset. */
export function providersFromEnv(env: NodeJS.ProcessEnv = process.env): OidcProviderConfig[] {
  const text = env['CABLEDESK_OIDC_PROVIDERS'];
  if (!text) return [];
  try {
    return checkProviders(JSON.parse(text));
  } catch (error) {
    throw new Error(`CABLEDESK_OIDC_PROVIDERS: ${error instanceof Error ? error.message : error}`);
  }
}

export class OidcClient {
  private discovery: Promise<Discovery> | null = null;
  private keys = new Map<string, JsonWebKey>();

  constructor(
    readonly config: OidcProviderConfig,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  private async json<T>(url: string, init?: RequestInit): Promise<T> {
    const res = await this.fetcher(url, { ...init, signal: AbortSignal.timeout(10_000), redirect: 'error' });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as T;
  }

  metadata(): Promise<Discovery> {
    this.discovery ??= this.json<Discovery>(
      `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    ).then((d) => {
      if (d.issuer !== this.config.issuer)
        throw new Error(`issuer mismatch: ${d.issuer} != ${this.config.issuer}`);
      return d;
    });
    this.discovery.catch(() => {
      this.discovery = null;
    });
    return this.discovery;
  }

  /** The provider's address to send the browser to, and what to remember until it comes back. */
  async start(redirectUri: string, next: string): Promise<{ url: string; pending: PendingLogin }> {
    const meta = await this.metadata();
    const pending: PendingLogin = {
      provider: this.config.id,
      state: b64url(randomBytes(32)),
      nonce: b64url(randomBytes(32)),
      verifier: b64url(randomBytes(32)),
      next,
    };
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: b64url(createHash('sha256').update(pending.verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), pending };
  }

  /** Exchanges the code and returns the verified ID token's claims. */
  async finish(code: string, redirectUri: string, pending: PendingLogin, now: Date): Promise<OidcClaims> {
    const meta = await this.metadata();
    const basic = Buffer.from(
      `${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`,
    ).toString('base64');
    const tokens = await this.json<{ id_token?: string; access_token?: string }>(meta.token_endpoint, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: pending.verifier,
      }).toString(),
    });
    if (!tokens.id_token) throw new Error('the token response has no id_token');
    const claims = await this.verifyIdToken(tokens.id_token, pending.nonce, now);
    // Providers often keep e-mail and name out of the ID token: ask the UserInfo endpoint.
    if ((!claims.email || !claims.name) && meta.userinfo_endpoint && tokens.access_token) {
      const info = await this.json<OidcClaims>(meta.userinfo_endpoint, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      });
      if (info.sub !== claims.sub) throw new Error('the UserInfo subject differs from the ID token');
      return {
        ...info,
        ...claims,
        email: claims.email ?? info.email,
        name: claims.name ?? info.name,
      } as OidcClaims;
    }
    return claims;
  }

  private async key(kid: string | undefined): Promise<JsonWebKey> {
    const pick = () => (kid ? this.keys.get(kid) : [...this.keys.values()][0]);
    let key = pick();
    if (!key) {
      const meta = await this.metadata();
      const set = await this.json<{ keys: (JsonWebKey & { kid?: string; use?: string })[] }>(meta.jwks_uri);
      this.keys = new Map(set.keys.filter((k) => k.use !== 'enc').map((k, i) => [k.kid ?? String(i), k]));
      key = pick();
    }
    if (!key) throw new Error('no signing key for the ID token');
    return key;
  }

  async verifyIdToken(token: string, nonce: string, now: Date): Promise<OidcClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('the ID token is not a JWS');
    const [h, p, s] = parts as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string; kid?: string };
    const jwk = await this.key(header.kid);
    const data = Buffer.from(`${h}.${p}`);
    const signature = Buffer.from(s, 'base64url');
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    let ok: boolean;
    if (header.alg === 'RS256') ok = verify('sha256', data, publicKey, signature);
    else if (header.alg === 'PS256') {
      ok = verify('sha256', data, { key: publicKey, padding: 6, saltLength: 32 }, signature);
    } else if (header.alg === 'ES256')
      ok = verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    else throw new Error(`unsupported ID token algorithm ${header.alg}`);
    if (!ok) throw new Error('the ID token signature is not valid');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as OidcClaims & {
      iss: string;
      aud: string | string[];
      azp?: string;
      exp: number;
      iat: number;
      nonce?: string;
    };
    const seconds = now.getTime() / 1000;
    const audiences = [claims.aud].flat();
    if (claims.iss !== this.config.issuer) throw new Error('the ID token comes from another issuer');
    if (!audiences.includes(this.config.clientId)) throw new Error('the ID token is for another client');
    if (audiences.length > 1 && claims.azp !== this.config.clientId)
      throw new Error('the ID token azp is wrong');
    if (!(claims.exp > seconds - CLOCK_SKEW_S)) throw new Error('the ID token has expired');
    if (!(claims.iat < seconds + CLOCK_SKEW_S)) throw new Error('the ID token is issued in the future');
    if (claims.nonce !== nonce) throw new Error('the ID token nonce does not match');
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('the ID token has no subject');
    return claims;
  }
}
