/**
 * A real SMPP 3.4 gateway (SMSC) for tests, made with the `smpp` package's server: it accepts
 * bind_transceiver with one system id and password, records every submit_sm it accepts, sends
 * deliver_sm (a reply from a phone) to a bound session, and misbehaves on request: refuse binds,
 * answer submit_sm with an error status, drop the connection on submit_sm, or be down altogether.
 */
import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';

/** The idempotency key TLV the api sends (apps/api/src/sms/smpp-defs.ts). */
const IDEMPOTENCY_TLV = 'fellesplan_message_id';
let defined = false;

export interface ReceivedSms {
  to: string;
  from: string;
  text: string;
  /** The api's idempotency key for the message (TLV 0x1F01). */
  key: string | null;
  at: Date;
}

export interface TestSmpp {
  port: number;
  /** SMS_SMPP_URL for the api. */
  url: string;
  /** Every submit_sm accepted, in order (a message submitted twice is here twice). */
  messages: ReceivedSms[];
  /** submit_sm seen, accepted or not. */
  submitAttempts: number;
  binds: { accepted: number; refused: number };
  /** Refuse bind_transceiver (ESME_RBINDFAIL). */
  refuseBinds: boolean;
  /** Answer submit_sm with this status (0: accept). */
  submitStatus: number;
  /** Close the connection on submit_sm without answering (and without accepting it). */
  dropOnSubmit: boolean;
  /** Messages to one number. */
  to(number: string): ReceivedSms[];
  /** A phone sends `text` from `from` (source_addr digits, TON international): the api's deliver_sm_resp status. */
  deliver(from: string, text: string, options?: { ton?: number; payload?: boolean }): Promise<number>;
  /** Closes every session and stops listening (connections are refused) … */
  down(): Promise<void>;
  /** … and listens again on the same port. */
  up(): Promise<void>;
  boundSessions(): number;
  close(): Promise<void>;
}

export async function startSmpp(options: { systemId?: string; password?: string } = {}): Promise<TestSmpp> {
  if (!defined) {
    smpp.addTLV(IDEMPOTENCY_TLV, { id: 0x1f01, type: smpp.types.tlv.cstring });
    defined = true;
  }
  const systemId = options.systemId ?? 'fellesplan';
  const password = options.password ?? 'hemmelig';
  const bound = new Set<smpp.Session>();
  let messageCounter = 0;

  const state = {
    messages: [] as ReceivedSms[],
    submitAttempts: 0,
    binds: { accepted: 0, refused: 0 },
    refuseBinds: false,
    submitStatus: 0,
    dropOnSubmit: false,
  };

  const onSession = (session: smpp.Session) => {
    session.on('error', () => undefined);
    session.on('close', () => bound.delete(session));
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      const ok = !state.refuseBinds && pdu.system_id === systemId && pdu.password === password;
      if (!ok) {
        state.binds.refused++;
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        return;
      }
      state.binds.accepted++;
      bound.add(session);
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      state.submitAttempts++;
      if (!bound.has(session)) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
      if (state.dropOnSubmit) return void session.destroy();
      if (state.submitStatus) return void session.send(pdu.response({ command_status: state.submitStatus }));
      const short = pdu.short_message as { message?: unknown } | undefined;
      const key = pdu[IDEMPOTENCY_TLV];
      state.messages.push({
        to: `+${String(pdu.destination_addr)}`,
        from: String(pdu.source_addr),
        text: typeof short?.message === 'string' ? short.message : String(short?.message ?? ''),
        key: typeof key === 'string' ? key : null,
        at: new Date(),
      });
      session.send(pdu.response({ message_id: `msg-${++messageCounter}` }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      bound.delete(session);
      session.send(pdu.response());
      session.close();
    });
  };

  let server = smpp.createServer({}, onSession);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const down = async () => {
    for (const s of [...server.sessions]) s.destroy();
    bound.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return Object.assign(state, {
    port,
    url: `smpp://${systemId}:${password}@127.0.0.1:${port}`,
    to: (number: string) => state.messages.filter((m) => m.to === number),
    deliver: (from: string, text: string, opts: { ton?: number; payload?: boolean } = {}) => {
      const session = [...bound][0];
      if (!session) return Promise.reject(new Error('no api session is bound to the test SMPP gateway'));
      return new Promise<number>((resolve) => {
        session.deliver_sm(
          {
            source_addr: from,
            source_addr_ton: opts.ton ?? 1,
            source_addr_npi: 1,
            destination_addr: 'Fellesplan',
            esm_class: 0,
            ...(opts.payload ? { message_payload: text } : { short_message: text }),
          },
          (pdu) => resolve(pdu.command_status),
        );
      });
    },
    down,
    up: async () => {
      server = smpp.createServer({}, onSession);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    boundSessions: () => bound.size,
    close: async () => {
      if (server.listening) await down();
    },
  });
}
