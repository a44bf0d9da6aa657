import { Actor, Role } from '@fundline/contracts';
import jwt, { JwtHeader, JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
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
  private readonly jwks: JwksClient | undefined;

  constructor(private readonly config: AuthConfig) {
    this.jwks = config.jwksUrl ? new JwksClient({ jwksUri: config.jwksUrl, cache: true, rateLimit: true }) : undefined;
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

  private async key(header: JwtHeader): Promise<string> {
    if (this.config.secret) return this.config.secret;
    if (this.config.publicKey) return this.config.publicKey;
    const signingKey = await this.jwks!.getSigningKey(header.kid);
    return signingKey.getPublicKey();
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
