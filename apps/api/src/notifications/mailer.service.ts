/**
 * Sends e-mail through nodemailer to SMTP_URL. Without SMTP_URL nothing leaves the machine: each
 * mail is written to the log as JSON instead (development and demos).
 */
import { Injectable, Logger } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { AppConfig } from '../config/config';

export interface OutgoingMail {
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invitation, sent as a text/calendar alternative and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** Further files, e.g. the calendar invitations gathered in a digest. */
  attachments?: { filename: string; content: string; contentType: string }[];
}

@Injectable()
export class Mailer {
  private readonly logger = new Logger('Mail');
  private readonly transport: ReturnType<typeof createTransport>;
  readonly logOnly: boolean;

  constructor(private readonly config: AppConfig) {
    this.logOnly = !config.SMTP_URL;
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : createTransport({ jsonTransport: true });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.calendar
        ? { icalEvent: { method: mail.calendar.method, filename: mail.calendar.filename, content: mail.calendar.content } }
        : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    })) as { message?: unknown };
    if (this.logOnly) this.logger.log(typeof info.message === 'string' ? info.message : JSON.stringify(info.message));
  }

  /** The address the app sends from, as the organizer of calendar invitations. */
  get from(): { name: string; email: string } {
    const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(this.config.MAIL_FROM);
    return m ? { name: m[1] || 'Fellesplan', email: m[2] } : { name: 'Fellesplan', email: this.config.MAIL_FROM.trim() };
  }
}
