import net from 'node:net';
import { createTransport, Transporter } from 'nodemailer';

interface MailCatcher {
  smtpUrl: string;
  inboxUrl: string;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startMailCatcher } = require('../../infra/mail-catcher') as {
  startMailCatcher(options: { smtpPort: number; httpPort: number; log?: (line: string) => void }): Promise<MailCatcher>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { portOpen } = require('../../infra/kafka/broker') as { portOpen(port: number): Promise<boolean> };

interface CaughtMail {
  id: number;
  receivedAt: string;
  messageId: string;
  to: string[];
  subject: string;
  language: string;
  kind: string;
  text: string;
}

const portOf = (url: string) => Number(new URL(url).port);

/**
 * The development mail catcher `npm start` runs (issue 15): a newcomer sees in a browser every mail the notifier sent,
 * and a mail's content, written by whoever filled a form, is shown and never run.
 */
describe('the development mail catcher', () => {
  let catcher: MailCatcher;
  let transport: Transporter;
  const logged: string[] = [];

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, log: (line) => logged.push(line) });
    transport = createTransport(`${catcher.smtpUrl}?pool=true`);
  });

  afterAll(async () => {
    transport?.close();
    await catcher?.stop();
  });

  const send = (subject: string, text: string, to = 'awa.diop@example.sn', id = subject) =>
    transport.sendMail({
      from: 'Fundline <no-reply@fundline.local>',
      to,
      subject,
      text,
      messageId: `<${encodeURIComponent(id)}@fundline>`,
      headers: { 'Content-Language': 'fr', 'X-Fundline-Kind': 'screening-ineligible' },
    });
  const messages = async () => (await (await fetch(`${catcher.inboxUrl}/api/messages`)).json()) as CaughtMail[];

  it('listens on loopback only', () => {
    expect(catcher.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(catcher.inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists a mail sent to its SMTP port in the web inbox and /api/messages, newest first, each readable', async () => {
    await send('Premier', 'Bonjour');
    await send(
      'Non éligible : « Gestion des frontières »',
      'Les règles suivantes ne sont pas remplies :\n- F7',
      'x@y.org',
    );

    const listed = await messages();
    expect(listed.slice(0, 2)).toEqual([
      expect.objectContaining({
        subject: 'Non éligible : « Gestion des frontières »',
        to: ['x@y.org'],
        language: 'fr',
        kind: 'screening-ineligible',
        messageId: expect.stringMatching(/@fundline>$/),
        text: expect.stringContaining('- F7'),
      }),
      expect.objectContaining({ subject: 'Premier', to: ['awa.diop@example.sn'] }),
    ]);
    expect(Date.parse(listed[0].receivedAt)).toBeGreaterThanOrEqual(Date.parse(listed[1].receivedAt));

    const inbox = await fetch(catcher.inboxUrl);
    expect(inbox.status).toBe(200);
    expect(inbox.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await inbox.text();
    const newest = html.indexOf('Non éligible : « Gestion des frontières »');
    expect(newest).toBeGreaterThan(0);
    expect(html.indexOf('>Premier<')).toBeGreaterThan(newest);
    expect(html).toContain('<td>x@y.org</td>');
    expect(html).toContain(`href="/messages/${listed[0].id}"`);

    const page = await (await fetch(`${catcher.inboxUrl}/messages/${listed[0].id}`)).text();
    expect(page).toContain('Les règles suivantes ne sont pas remplies :\n- F7');
    const one = (await (await fetch(`${catcher.inboxUrl}/api/messages/${listed[0].id}`)).json()) as CaughtMail;
    expect(one).toEqual(listed[0]);
    expect(logged).toContain('[mails] to x@y.org: Non éligible : « Gestion des frontières »');
  });

  it('shows markup in a subject or a body as text, and forbids scripts on its pages', async () => {
    await send('<script>alert("subject")</script>', '<img src=x onerror="alert(1)"> & </pre><b>');
    const [mail] = await messages();

    for (const url of [catcher.inboxUrl, `${catcher.inboxUrl}/messages/${mail.id}`]) {
      const res = await fetch(url);
      const html = await res.text();
      expect(html).not.toMatch(/<script|<img|<b>|<\/pre><b>/);
      expect(html).toContain('&#60;script&#62;alert(&#34;subject&#34;)&#60;/script&#62;');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
    const page = await (await fetch(`${catcher.inboxUrl}/messages/${mail.id}`)).text();
    expect(page).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#60;/pre&#62;&#60;b&#62;');
  });

  it('answers 404 for a mail it does not hold and 405 to anything but reading', async () => {
    expect((await fetch(`${catcher.inboxUrl}/messages/999999`)).status).toBe(404);
    expect((await fetch(`${catcher.inboxUrl}/api/messages/999999`)).status).toBe(404);
    expect((await fetch(`${catcher.inboxUrl}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${catcher.inboxUrl}/api/messages`, { method: 'DELETE' })).status).toBe(405);
  });

  it('keeps the newest 500 mails only', async () => {
    await Promise.all(Array.from({ length: 505 }, (_, i) => send(`bulk ${i}`, 'x', 'bulk@example.org', `bulk-${i}`)));
    const listed = await messages();
    expect(listed).toHaveLength(500);
    const bulk = listed.filter((m) => m.subject.startsWith('bulk '));
    expect(bulk).toHaveLength(500);
    // Sent concurrently over a pool: which five went first is not fixed, but the oldest mails are the ones dropped.
    expect(listed.some((m) => m.subject === 'Premier')).toBe(false);
    expect(Math.min(...listed.map((m) => m.id))).toBe(Math.max(...listed.map((m) => m.id)) - 499);
  }, 60_000);

  it('refuses to start on a port in use, saying which, and leaves nothing listening', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    const spare = net.createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const smtpPort = (spare.address() as net.AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    try {
      await expect(startMailCatcher({ smtpPort, httpPort: taken })).rejects.toMatchObject({
        portTaken: true,
        message: expect.stringContaining(`web inbox port ${taken}`),
      });
      expect(await portOpen(smtpPort)).toBe(false);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('stop() closes both ports, an open pooled SMTP connection too', async () => {
    const own = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const pooled = createTransport(`${own.smtpUrl}?pool=true`);
    await pooled.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 's', text: 't' });
    await fetch(own.inboxUrl);
    const started = Date.now();
    await own.stop();
    pooled.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await portOpen(portOf(own.smtpUrl))).toBe(false);
    expect(await portOpen(portOf(own.inboxUrl))).toBe(false);
  });
});
