import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { InvalidToken, signDevelopmentToken, TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-of-sufficient-length-0123456789';
const verifier = new TokenVerifier({ secret, audience: 'fundline', issuer: 'fundline-dev' });

describe('TokenVerifier', () => {
  it('turns a government token into an actor scoped to its country', async () => {
    const token = signDevelopmentToken(secret, { sub: 'ana', role: 'government', country: 'PHL' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'ana', role: 'government', country: 'PHL' });
  });

  it('drops a country claim from a staff token, so staff are never scoped by accident', async () => {
    const token = signDevelopmentToken(secret, { sub: 'fo', role: 'finance-officer', country: 'PHL' });
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'fo',
      role: 'finance-officer',
      country: undefined,
    });
  });

  it.each([
    [
      'a bad signature',
      signDevelopmentToken('another-secret-of-sufficient-length-00000', { sub: 'x', role: 'fund-admin' }),
    ],
    [
      'an expired token',
      jwt.sign({ role: 'fund-admin' }, secret, {
        subject: 'x',
        audience: 'fundline',
        issuer: 'fundline-dev',
        expiresIn: -10,
      }),
    ],
    ['a wrong audience', signDevelopmentToken(secret, { sub: 'x', role: 'fund-admin' }, { audience: 'other' })],
    ['a wrong issuer', signDevelopmentToken(secret, { sub: 'x', role: 'fund-admin' }, { issuer: 'evil' })],
    ['no role', jwt.sign({}, secret, { subject: 'x', audience: 'fundline', issuer: 'fundline-dev' })],
    [
      'an unknown role',
      jwt.sign({ role: 'root' }, secret, { subject: 'x', audience: 'fundline', issuer: 'fundline-dev' }),
    ],
    [
      'the system role',
      jwt.sign({ role: 'system' }, secret, { subject: 'x', audience: 'fundline', issuer: 'fundline-dev' }),
    ],
    ['no subject', jwt.sign({ role: 'fund-admin' }, secret, { audience: 'fundline', issuer: 'fundline-dev' })],
    ['a government without a country', signDevelopmentToken(secret, { sub: 'x', role: 'government' })],
    [
      'the none algorithm',
      jwt.sign({ role: 'fund-admin' }, '', {
        algorithm: 'none',
        subject: 'x',
        audience: 'fundline',
        issuer: 'fundline-dev',
      }),
    ],
  ])('refuses %s', async (_, token) => {
    await expect(verifier.verify(token)).rejects.toThrow(InvalidToken);
  });

  it('verifies RS256 tokens with a configured public key and refuses HS256 ones signed with that key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = new TokenVerifier({ publicKey: pem, audience: 'fundline', issuer: 'idp' });
    const good = jwt.sign({ role: 'fund-admin' }, privateKey, {
      algorithm: 'RS256',
      subject: 'a',
      audience: 'fundline',
      issuer: 'idp',
    });
    await expect(rsa.verify(good)).resolves.toMatchObject({ role: 'fund-admin' });
    const confused = jwt.sign({ role: 'fund-admin' }, pem, {
      algorithm: 'HS256',
      subject: 'a',
      audience: 'fundline',
      issuer: 'idp',
    });
    await expect(rsa.verify(confused)).rejects.toThrow(InvalidToken);
  });
});
