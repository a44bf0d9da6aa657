import { webhookConfigFromEnv } from './webhook-config';
import { checkWebhookUrl, isInternalAddress } from './webhook-url';

describe('webhook configuration', () => {
  it("defaults to Standard Webhooks' schedule: 8 attempts over more than 24 hours, then parked", () => {
    const config = webhookConfigFromEnv({});
    expect(config.retryScheduleMs).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    const span = config.retryScheduleMs.reduce((a, b) => a + b, 0);
    expect(span).toBeGreaterThanOrEqual(24 * 3_600_000);
    // An endpoint is disabled only once it has failed for as long as one delivery is retried.
    expect(config.disableAfterMs).toBe(span);
    expect(config.disableAfterFailures).toBe(8);
    expect(config.timeoutMs).toBe(10_000);
    expect(config.allowPrivateNetworks).toBe(false);
  });

  it('reads a schedule in ms, s, m, h and d, and refuses what is not a duration', () => {
    const config = webhookConfigFromEnv({
      WEBHOOK_RETRY_SCHEDULE: '0, 200ms,1s,2m,1h,1d,50',
      WEBHOOK_DISABLE_AFTER: '3s',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
    });
    expect(config.retryScheduleMs).toEqual([0, 200, 1_000, 120_000, 3_600_000, 86_400_000, 50]);
    expect(config.disableAfterMs).toBe(3_000);
    expect(config.allowPrivateNetworks).toBe(true);
    expect(() => webhookConfigFromEnv({ WEBHOOK_RETRY_SCHEDULE: '0,5x' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => webhookConfigFromEnv({ WEBHOOK_RETRY_SCHEDULE: '0,-5s' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => webhookConfigFromEnv({ WEBHOOK_TIMEOUT_MS: '0' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});

describe('webhook URLs (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it.each([
    ['ftp://example.org/hook', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['not a url', /absolute URL/],
    ['https://user:secret@example.org/hook', /credentials/],
    ['http://127.0.0.1:8080/hook', /loopback, private or reserved/],
    ['http://[::1]/hook', /loopback, private or reserved/],
    ['http://169.254.169.254/latest/meta-data', /loopback, private or reserved/],
    ['http://localhost/hook', /loopback, private or reserved/],
  ])('refuses %s', async (url, why) => {
    await expect(checkWebhookUrl(url, false)).rejects.toMatchObject({
      code: 'WEBHOOK.URL',
      violations: [expect.objectContaining({ field: 'url', message: expect.stringMatching(why) })],
    });
  });

  it('accepts a public address, and a loopback one only where private networks are allowed (tests)', async () => {
    await expect(checkWebhookUrl('https://93.184.216.34/hook', false)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('https://user@127.0.0.1/hook', true)).rejects.toMatchObject({ code: 'WEBHOOK.URL' });
  });
});
