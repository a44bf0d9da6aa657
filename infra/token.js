// @ts-check
/**
 * `npm run token -- --role government --country PHL [--sub ana] [--hours 8]`: prints a development bearer token
 * signed with the secret `npm start` uses (JWT_SECRET, or the one kept in .fundline/jwt-secret).
 * Production tokens come from the identity provider (JWT_PUBLIC_KEY or JWT_JWKS_URL).
 */
const fs = require('node:fs');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const { STATE_DIR } = require('./state-dir');

const ROLES = ['government', 'steering-committee', 'finance-officer', 'fund-admin'];
const args = process.argv.slice(2);
/** @param {string} name */
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const role = option('role');
const country = option('country');
if (!role || !ROLES.includes(role)) {
  console.error(`usage: npm run token -- --role <${ROLES.join('|')}> [--country ISO3] [--sub user] [--hours 8]`);
  process.exit(2);
}
if (role === 'government' && !/^[A-Z]{3}$/.test(country ?? '')) {
  console.error('a government token needs --country with an ISO 3166 alpha-3 code, e.g. --country PHL');
  process.exit(2);
}
const secretFile = path.join(STATE_DIR, 'jwt-secret');
const secret = process.env.JWT_SECRET || (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : '');
if (!secret) {
  console.error('no signing secret: run `npm start` once (it creates .fundline/jwt-secret) or set JWT_SECRET');
  process.exit(2);
}
const token = jwt.sign({ role, ...(role === 'government' ? { country } : {}) }, secret, {
  subject: option('sub') ?? (role === 'government' ? `${role}-${country}` : role),
  audience: process.env.JWT_AUDIENCE || 'fundline',
  issuer: process.env.JWT_ISSUER || 'fundline-dev',
  expiresIn: Number(option('hours') ?? 8) * 3600,
  algorithm: 'HS256',
});
process.stdout.write(token + '\n');
