/** How tokens are verified. Exactly one key source is set; secrets come only from the environment. */
export interface AuthConfig {
  /** HS256 shared secret (development and tests). */
  secret?: string;
  /** PEM public key (RS256/ES256). */
  publicKey?: string;
  /** JWKS endpoint of an identity provider; keys are chosen by `kid`. */
  jwksUrl?: string;
  audience: string;
  issuer: string;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const config: AuthConfig = {
    secret: env.JWT_SECRET || undefined,
    publicKey: env.JWT_PUBLIC_KEY || undefined,
    jwksUrl: env.JWT_JWKS_URL || undefined,
    audience: env.JWT_AUDIENCE || 'fundline',
    issuer: env.JWT_ISSUER || 'fundline-dev',
  };
  const sources = [config.secret, config.publicKey, config.jwksUrl].filter(Boolean).length;
  if (sources !== 1) {
    throw new Error('set exactly one of JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL to verify bearer tokens');
  }
  return config;
}
