/**
 * Nothing a client sends may stop the process. socket.io runs event middleware and handlers
 * from its own callbacks (some from process.nextTick), where an exception is uncaught and ends
 * the process; these wrappers catch every exception and rejection there, log it, and answer the
 * event's ack with { ok: false, error } instead. Pure: the gateway hands in its logger and the
 * error mapping (socket-errors.ts).
 */
import type { Ack, AckError } from '#contracts';

export interface Safety {
  log(message: string): void;
  /** An error as the ack's { code, message }; unexpected errors become internal_error. */
  toAckError(error: unknown): AckError;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Calls an ack without letting a failure in it (encoding the answer, a closed socket) escape. */
export function safeAck(ack: unknown, res: Ack<object>, safety: Safety): void {
  if (typeof ack !== 'function') return;
  try {
    (ack as (res: Ack<object>) => void)(res);
  } catch (error) {
    safety.log(`answering a socket event failed: ${errorText(error)}`);
  }
}

/** The ack error for an exception; an unexpected one (internal_error) is logged, a domain error is not. */
function ackErrorFor(error: unknown, what: string, safety: Safety): AckError {
  let body: AckError;
  try {
    body = safety.toAckError(error);
  } catch {
    body = { code: 'internal_error', message: 'Something went wrong on our side' };
  }
  if (body.code === 'internal_error') safety.log(`${what} failed: ${errorText(error)}`);
  return body;
}

/**
 * Runs a handler and answers its ack: the result as { ok: true, ... }, any error, thrown or
 * rejected, as { ok: false, error }. Never throws and never rejects.
 */
export function answerAck<T extends object>(what: string, ack: unknown, run: () => Promise<T> | T, safety: Safety): Promise<void> {
  return Promise.resolve()
    .then(run)
    .then(
      (result) => safeAck(ack, { ok: true, ...result }, safety),
      (error: unknown) => safeAck(ack, { ok: false, error: ackErrorFor(error, what, safety) }, safety),
    );
}

/** The ack of an incoming packet ([event, ...args, ack?]), if it has one. */
function packetAck(packet: unknown[]): unknown {
  const last = packet.at(-1);
  return packet.length > 1 && typeof last === 'function' ? last : undefined;
}

/**
 * A socket.use middleware that cannot throw: an exception in `middleware` is logged and
 * answered on the packet's ack, and the packet goes no further.
 */
export function safeMiddleware<P extends unknown[]>(
  middleware: (packet: P, next: (err?: Error) => void) => void,
  safety: Safety,
): (packet: P, next: (err?: Error) => void) => void {
  return (packet, next) => {
    try {
      middleware(packet, next);
    } catch (error) {
      const what = `checking socket event ${String(packet[0]).slice(0, 100)}`;
      safeAck(packetAck(packet), { ok: false, error: ackErrorFor(error, what, safety) }, safety);
    }
  };
}

/** A listener that cannot throw (connection and disconnect handling): exceptions are logged. */
export function safeListener<A extends unknown[]>(what: string, listener: (...args: A) => void, safety: Safety): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args);
    } catch (error) {
      safety.log(`${what} failed: ${errorText(error)}`);
    }
  };
}
