import { Webhook } from 'standardwebhooks';
import { newSecret, signature, signatureHeader } from './signature';

/** Our signing checked by the Standard Webhooks reference library, as an integrator would verify it. */
describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({
    type: 'concept-note.screened.v1',
    timestamp: '2026-11-22T10:00:00.000Z',
    data: { a: 1 },
  });
  const id = '0b0c7a52-55a4-4a46-9d0e-1c7f5a3f2b11';
  const now = () => Math.floor(Date.now() / 1000);

  it('makes whsec_ secrets of 32 random bytes, each different', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  it('is verified by the reference library, which returns the body', () => {
    const secret = newSecret();
    const timestamp = now();
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader([secret], id, timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs exactly what the reference library signs', () => {
    const secret = newSecret();
    const timestamp = now();
    expect(signature(secret, id, timestamp, body)).toBe(new Webhook(secret).sign(id, new Date(timestamp * 1000), body));
  });

  it('is refused when the body, the id or the timestamp was changed, or with another secret', () => {
    const secret = newSecret();
    const timestamp = now();
    const header = signatureHeader([secret], id, timestamp, body);
    const verify =
      (b: string, h: Record<string, string>, s = secret) =>
      () =>
        new Webhook(s).verify(b, h);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(verify(body.replace('"a":1', '"a":2'), headers)).toThrow('No matching signature found');
    expect(verify(body, { ...headers, 'webhook-id': `${id}x` })).toThrow('No matching signature found');
    expect(verify(body, { ...headers, 'webhook-timestamp': String(timestamp - 1) })).toThrow(
      'No matching signature found',
    );
    expect(verify(body, headers, newSecret())).toThrow('No matching signature found');
  });

  it('carries a signature per secret during a rotation: a receiver with either secret verifies it', () => {
    const [current, previous] = [newSecret(), newSecret()];
    const timestamp = now();
    const header = signatureHeader([current, previous], id, timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
  });
});
