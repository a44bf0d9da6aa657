import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';

export interface Mail {
  /** The notification's id: the Message-ID, so a mail sent again after a crash is recognisably the same mail. */
  id: string;
  to: string;
  language: string;
  kind: string;
  subject: string;
  text: string;
}

/** Mail over SMTP (SMTP_URL) through nodemailer; `?pool=true` in the URL keeps connections open under load. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {
    this.transport = createTransport(config.smtpUrl);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.id}@fundline>`,
      headers: { 'Content-Language': mail.language, 'X-Fundline-Kind': mail.kind },
    });
  }

  /** Whether the SMTP server accepts a connection and a greeting now (readiness). */
  async reachable(): Promise<boolean> {
    return this.transport.verify().then(
      () => true,
      () => false,
    );
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
