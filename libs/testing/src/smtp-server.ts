import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { eventually } from './test-services';

/** One mail as the SMTP server received it, read back the way a mail client shows it. */
export interface ReceivedMail {
  /** The Message-ID header, angle brackets included: `<notificationId@fundline>`. */
  messageId: string;
  /** The From header's address: `no-reply@fundline.local` for `Fundline <no-reply@fundline.local>`. */
  from: string;
  /** The envelope's recipients (RCPT TO): who the mail was actually delivered to, Bcc included. */
  to: string[];
  subject: string;
  /** The plain-text body, decoded; the line break that ends an SMTP body included. */
  text: string;
  /** The Content-Language header (`en`, `fr`, `es`), '' when absent. */
  language: string;
  /** The X-Fundline-Kind header (`obligation-reminder`, …), '' when absent. */
  kind: string;
  receivedAt: Date;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL or nodemailer's createTransport. */
  url: string;
  port: number;
  /** Every mail received since the start or the last clear(), oldest first. */
  received: ReceivedMail[];
  /** Resolves with everything received once `predicate` holds for it; rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  /**
   * An SMTP outage while on: every new connection is greeted with 421 and closed, and open ones (a pooled client's)
   * are told 421 and closed, so a sender's verify() and sendMail() fail until it is turned off.
   */
  refuse(on: boolean): void;
  stop(): Promise<void>;
}

function header(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * A real SMTP server on a free loopback port (smtp-server), as the notifier meets one in production minus TLS: mail
 * is accepted without authentication, parsed by mailparser, and kept in memory for the test to read.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusing = false;

  const outage = () =>
    Object.assign(new Error('Service not available, closing transmission channel'), { responseCode: 421 });

  async function parse(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<ReceivedMail> {
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) throw Object.assign(new Error('Message too large'), { responseCode: 552 });
    return {
      messageId: parsed.messageId ?? '',
      from: parsed.from?.value[0]?.address ?? '',
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      language: header(parsed.headers.get('content-language')),
      kind: header(parsed.headers.get('x-fundline-kind')),
      receivedAt: new Date(),
    };
  }

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    // stop() must not wait the default 30 s for a pooled client that keeps its connection open.
    closeTimeout: 100,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onConnect: (_session, callback) => callback(refusing ? outage() : null),
    onData: (stream, session, callback) => {
      parse(stream, session).then(
        (mail) => {
          // Refused after DATA began: the sender sees the failure and must send again, as with a real outage.
          if (refusing) return callback(outage());
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor: (predicate, timeoutMs = 20_000) =>
      eventually(
        async () => (predicate(received) ? [...received] : undefined),
        timeoutMs,
        'mail on the test SMTP server',
      ),
    clear: () => {
      received.length = 0;
    },
    refuse: (on) => {
      refusing = on;
      if (!on) return;
      for (const connection of server.connections) {
        connection.send(421, 'Service not available, closing transmission channel');
        connection.close();
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
