/**
 * The SMPP client: one transceiver session per api node, bound on first use and again after the
 * gateway drops it. submit_sm goes out at most SMS_RATE_PER_SECOND per node; deliver_sm (a reply
 * from a phone, or a delivery receipt) is handed to the inbound handler and answered with its
 * command status. Without SMS_SMPP_URL nothing leaves the machine: each SMS is written to the log
 * instead, as e-mail is without SMTP_URL.
 */
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import * as smpp from 'smpp';
import { AppConfig } from '../config/config';
import { maskPhone } from './phone';
import { defineSmppExtensions, IDEMPOTENCY_TLV, smppStatusName } from './smpp-defs';

const CONNECT_TIMEOUT_MS = 5_000;
const RESPONSE_TIMEOUT_MS = 10_000;
const ENQUIRE_LINK_MS = 30_000;

export interface OutgoingSms {
  /** E.164. */
  to: string;
  body: string;
  idempotencyKey: string;
}

export interface InboundSms {
  /** source_addr and its type of number, as the gateway sent them. */
  from: string;
  ton: number;
  text: string;
}

/** Answers an inbound message with an SMPP command status (0 = accepted). */
export type InboundHandler = (sms: InboundSms) => Promise<number>;

/** A refusal by the gateway or a lost connection: the outbox retries the send with backoff. */
export class SmsSendError extends Error {}

@Injectable()
export class SmppTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Sms');
  readonly logOnly: boolean;
  private session: smpp.Session | null = null;
  private binding: Promise<smpp.Session> | null = null;
  private readonly pending = new Set<(error: Error) => void>();
  private inbound: InboundHandler | null = null;
  private stopped = false;
  // Token bucket: SMS_RATE_PER_SECOND tokens a second, as many in a burst.
  private tokens: number;
  private refilledAt = Date.now();

  constructor(private readonly config: AppConfig) {
    this.logOnly = !config.SMS_SMPP_URL;
    this.tokens = config.SMS_RATE_PER_SECOND;
    defineSmppExtensions();
  }

  onInbound(handler: InboundHandler): void {
    this.inbound = handler;
  }

  /**
   * Starts the session at boot when a gateway is configured, so that replies can arrive before
   * the first send; a gateway that is down is tried again on the next send.
   */
  start(): void {
    if (this.logOnly) return;
    this.bind().catch((error: unknown) => this.logger.warn(`SMPP gateway not reachable yet: ${String(error)}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const session = this.session;
    this.session = null;
    if (session) await new Promise<void>((resolve) => session.destroy(() => resolve()));
  }

  /** Submits one SMS; resolves with the gateway's message id. Throws SmsSendError when it was not accepted. */
  async submit(sms: OutgoingSms): Promise<string> {
    if (this.logOnly) {
      this.logger.log(JSON.stringify({ sms: { to: sms.to, from: this.config.SMS_SENDER_ID, text: sms.body, key: sms.idempotencyKey } }));
      return `log:${sms.idempotencyKey}`;
    }
    await this.takeToken();
    const session = await this.bind();
    const alphanumeric = !/^\+?\d+$/.test(this.config.SMS_SENDER_ID);
    return new Promise<string>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => fail(new SmsSendError('the gateway did not answer submit_sm in time')), RESPONSE_TIMEOUT_MS);
      this.pending.add(fail);
      const written = session.submit_sm(
        {
          source_addr: this.config.SMS_SENDER_ID.replace(/^\+/, ''),
          source_addr_ton: alphanumeric ? 5 : 1,
          source_addr_npi: alphanumeric ? 0 : 1,
          destination_addr: sms.to.slice(1),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          short_message: sms.body,
          registered_delivery: 0,
          [IDEMPOTENCY_TLV]: sms.idempotencyKey,
        },
        (pdu) => {
          clearTimeout(timer);
          this.pending.delete(fail);
          if (pdu.command_status === 0) resolve(typeof pdu.message_id === 'string' ? pdu.message_id : '');
          else reject(new SmsSendError(`the gateway refused submit_sm: ${smppStatusName(pdu.command_status)}`));
        },
      );
      if (!written) fail(new SmsSendError('the SMPP connection is not writable'));
      else this.logger.debug(`submit_sm to ${maskPhone(sms.to)} (${sms.idempotencyKey})`);
    });
  }

  private async takeToken(): Promise<void> {
    const rate = this.config.SMS_RATE_PER_SECOND;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(rate, this.tokens + ((now - this.refilledAt) / 1000) * rate);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / rate) * 1000)));
    }
  }

  /** The bound session, binding (bind_transceiver) when there is none. */
  private bind(): Promise<smpp.Session> {
    if (this.session) return Promise.resolve(this.session);
    if (this.binding) return this.binding;
    if (this.stopped) return Promise.reject(new SmsSendError('shutting down'));
    const url = new URL(this.config.SMS_SMPP_URL!);
    this.binding = new Promise<smpp.Session>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, session?: smpp.Session) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.binding = null;
        if (error) reject(error);
        else resolve(session!);
      };
      const session = smpp.connect({
        host: url.hostname,
        port: Number(url.port || 2775),
        tls: url.protocol === 'ssmpp:',
        auto_enquire_link_period: ENQUIRE_LINK_MS,
      });
      const timer = setTimeout(() => {
        settle(new SmsSendError('could not connect to the SMPP gateway in time'));
        session.destroy();
      }, CONNECT_TIMEOUT_MS);
      session.on('error', (error: Error) => {
        this.logger.warn(`SMPP: ${error.message}`);
        settle(new SmsSendError(`SMPP connection failed: ${error.message}`));
      });
      session.on('close', () => {
        if (this.session === session) this.session = null;
        settle(new SmsSendError('the SMPP gateway closed the connection'));
        for (const fail of [...this.pending]) fail(new SmsSendError('the SMPP gateway closed the connection before answering'));
      });
      session.on('connect', () => {
        session.bind_transceiver(
          {
            system_id: decodeURIComponent(url.username),
            password: decodeURIComponent(url.password),
            system_type: '',
            interface_version: 0x34,
          },
          (pdu) => {
            if (pdu.command_status === 0) {
              this.session = session;
              settle(null, session);
            } else {
              settle(new SmsSendError(`the gateway refused bind_transceiver: ${smppStatusName(pdu.command_status)}`));
              session.destroy();
            }
          },
        );
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => void this.deliver(session, pdu));
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
    });
    return this.binding;
  }

  /** A deliver_sm: a delivery receipt is acknowledged; a reply is handled and answered with the handler's status. */
  private async deliver(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    let status = 0;
    const esmClass = Number(pdu.esm_class ?? 0);
    if ((esmClass & 0x3c) === 0 && this.inbound) {
      const short = pdu.short_message as { message?: unknown } | undefined;
      const payload = pdu.message_payload as { message?: unknown } | undefined;
      // A long reply comes in message_payload, with short_message empty.
      const raw = payload?.message ?? short?.message;
      const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
      try {
        status = await this.inbound({ from: String(pdu.source_addr ?? ''), ton: Number(pdu.source_addr_ton ?? 0), text });
      } catch (error) {
        this.logger.error(`handling an SMS reply failed: ${String(error)}`);
        status = smpp.errors.ESME_RX_T_APPN; // temporary: the gateway delivers it again later
      }
    }
    session.send(pdu.response({ command_status: status }));
  }
}
