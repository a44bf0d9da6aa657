import { Actor, Role } from '@fundline/contracts';
import { createPublicKey, createSecretKey, JsonWebKey, KeyObject } from 'node:crypto';
import jwt, { JwtHeader, JwtPayload } from 'jsonwebtoken';
import { AuthConfig } from './auth.config';

export const USER_ROLES: readonly Role[] = ['government', 'steering-committee', 'finance-officer', 'fund-admin'];

export class InvalidToken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidToken';
  }
}

/** Verifies a bearer token and turns its claims into the Actor recorded with every change (G3). */
export class TokenVerifier {
  private jwks: { keys: Map<string, KeyObject>; fetchedAt: number } | undefined;
  /**
   * The configured key, parsed once: given a string, jsonwebtoken parses it on every verification (first trying it as
   * a public key and failing, for a secret), which was the largest single CPU cost of a request under load.
   */
  private readonly configuredKey: KeyObject | undefined;

  constructor(private readonly config: AuthConfig) {
    this.configuredKey = config.secret
      ? createSecretKey(Buffer.from(config.secret))
      : config.publicKey
        ? createPublicKey(config.publicKey)
        : undefined;
  }

  async verify(token: string): Promise<Actor> {
    const claims = await new Promise<JwtPayload>((resolve, reject) => {
      jwt.verify(
        token,
        (header: JwtHeader, callback) => this.key(header).then((k) => callback(null, k), callback),
        {
          audience: this.config.audience,
          issuer: this.config.issuer,
          algorithms: this.config.secret ? ['HS256'] : ['RS256', 'ES256'],
        },
        (error, decoded) => (error ? reject(new InvalidToken(error.message)) : resolve(decoded as JwtPayload)),
      );
    });
    const role = claims.role as Role;
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidToken('token has no subject');
    if (!USER_ROLES.includes(role)) throw new InvalidToken('token has no valid role claim');
    const country = claims.country;
    if (role === 'government' && (typeof country !== 'string' || !/^[A-Z]{3}$/.test(country))) {
      throw new InvalidToken('a government token must carry its ISO 3166 alpha-3 country claim');
    }
    return { userId: claims.sub, role, country: role === 'government' ? (country as string) : undefined };
  }

  private async key(header: JwtHeader): Promise<KeyObject> {
    return this.configuredKey ?? this.jwksKey(header.kid);
  }

  /** Keys of the identity provider, cached for ten minutes and refetched once when an unknown `kid` appears. */
  private async jwksKey(kid: string | undefined): Promise<KeyObject> {
    const fresh = this.jwks && Date.now() - this.jwks.fetchedAt < 600_000;
    if (!fresh || (kid && !this.jwks!.keys.has(kid))) {
      const response = await fetch(this.config.jwksUrl!, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new InvalidToken(`JWKS endpoint answered ${response.status}`);
      const body = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
      const keys = new Map<string, KeyObject>();
      for (const jwk of body.keys ?? []) {
        if (jwk.use && jwk.use !== 'sig') continue;
        keys.set(jwk.kid ?? '', createPublicKey({ key: jwk, format: 'jwk' }));
      }
      this.jwks = { keys, fetchedAt: Date.now() };
    }
    const key =
      this.jwks!.keys.get(kid ?? '') ?? (this.jwks!.keys.size === 1 ? [...this.jwks!.keys.values()][0] : undefined);
    if (!key) throw new InvalidToken(`no signing key ${kid ?? '(no kid)'} in the JWKS`);
    return key;
  }
}

/** Signs a development token. Only for `npm run token` and tests: production tokens come from the identity provider. */
export function signDevelopmentToken(
  secret: string,
  claims: { sub: string; role: Role; country?: string },
  options: { audience?: string; issuer?: string; expiresInSeconds?: number } = {},
): string {
  return jwt.sign({ role: claims.role, ...(claims.country ? { country: claims.country } : {}) }, secret, {
    subject: claims.sub,
    audience: options.audience ?? 'fundline',
    issuer: options.issuer ?? 'fundline-dev',
    expiresIn: options.expiresInSeconds ?? 8 * 3600,
    algorithm: 'HS256',
  });
}
