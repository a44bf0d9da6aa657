import { createTransport, Transporter } from 'nodemailer';
import { startTestSmtpServer, TestSmtpServer } from './smtp-server';

/** The test SMTP server is what the notifier's tests believe: it must show what a real sender actually sent. */
describe('test SMTP server', () => {
  let smtp: TestSmtpServer;
  let transport: Transporter;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    transport = createTransport(smtp.url);
  });

  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
  });

  beforeEach(() => smtp.clear());

  const send = (subject: string, options: { to?: string | string[]; language?: string; id?: string } = {}) =>
    transport.sendMail({
      from: 'Fundline <no-reply@fundline.local>',
      to: options.to ?? 'awa.diop@example.sn',
      subject,
      text: `${subject}\n\nCorps du message`,
      messageId: `<${options.id ?? 'n-1'}@fundline>`,
      headers: { 'Content-Language': options.language ?? 'fr', 'X-Fundline-Kind': 'screening-ineligible' },
    });

  it('listens on a loopback port of its own', () => {
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    expect(smtp.port).toBeGreaterThan(0);
  });

  it.each([
    ['fr', 'Non éligible : « Gestion des frontières »'],
    ['es', 'Aprobada: «Gestión de fronteras en Perú» — año señalado'],
    ['en', 'Report due in 7 days: results monitoring framework'],
  ])('gives back a %s mail as sent, its UTF-8 subject, headers and envelope intact', async (language, subject) => {
    await send(subject, { language, id: `n-${language}` });

    const [mail] = await smtp.waitFor((all) => all.length === 1);
    expect(mail).toEqual({
      messageId: `<n-${language}@fundline>`,
      from: 'no-reply@fundline.local',
      to: ['awa.diop@example.sn'],
      subject,
      text: `${subject}\n\nCorps du message\n`,
      language,
      kind: 'screening-ineligible',
      receivedAt: expect.any(Date),
    });
  });

  it('lists every envelope recipient of one mail, and keeps mails in the order received', async () => {
    await send('premier', { to: ['a@example.org', 'b@example.org'] });
    await send('second');

    const all = await smtp.waitFor((received) => received.length === 2);
    expect(all.map((m) => [m.subject, m.to])).toEqual([
      ['premier', ['a@example.org', 'b@example.org']],
      ['second', ['awa.diop@example.sn']],
    ]);
  });

  it('waitFor rejects when the mail never comes, and clear() forgets what was received', async () => {
    await send('avant');
    await smtp.waitFor((all) => all.length === 1);
    smtp.clear();
    expect(smtp.received).toEqual([]);
    await expect(smtp.waitFor((all) => all.length > 0, 300)).rejects.toThrow(/timed out after 300 ms/);
  });

  it('refuse(true) is an outage: sending and verify() fail with 421 until refuse(false), then the mail arrives once', async () => {
    const pooled: Transporter = createTransport(`${smtp.url}?pool=true`);
    try {
      // A pooled connection opened before the outage must be cut too, not go on delivering.
      await pooled.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 'avant la panne', text: 'x' });
      smtp.refuse(true);
      await expect(send('pendant la panne')).rejects.toMatchObject({ responseCode: 421 });
      await expect(transport.verify()).rejects.toMatchObject({ responseCode: 421 });
      await expect(
        pooled.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 'pendant', text: 'x' }),
      ).rejects.toThrow();
      expect(smtp.received.map((m) => m.subject)).toEqual(['avant la panne']);

      smtp.refuse(false);
      await expect(transport.verify()).resolves.toBe(true);
      await send('après la panne');
      await pooled.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 'après', text: 'x' });
      const all = await smtp.waitFor((received) => received.length === 3);
      expect(all.map((m) => m.subject)).toEqual(['avant la panne', 'après la panne', 'après']);
    } finally {
      pooled.close();
    }
  });
});
