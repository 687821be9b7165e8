/**
 * A connection attempt closed before its handshake fails at once.
 *
 * socket.io-client 4.8 listens for an attempt's transport closing only after the engine.io
 * handshake: a WebSocket accepted and then closed cleanly before that (an api node shutting down,
 * a proxy dropping the upgrade) leaves the attempt waiting for its timeout (20 s by default) before
 * the next retry, while the banner says "reconnecting". This turns such a close into the attempt's
 * error, so the usual backoff goes on.
 */
import type { Manager } from 'socket.io-client';

/** Watches the attempt the manager is opening now (nothing when none is). */
export function failAttemptOnEarlyClose(manager: Manager): void {
  const engine = manager.engine;
  if (!engine || engine.readyState !== 'opening') return;
  let settled = false;
  engine.once('open', () => (settled = true));
  engine.once('error', () => (settled = true));
  engine.once('close', () => {
    if (settled) return;
    settled = true;
    // The manager listens for the engine's 'error' during an attempt; it is a reserved event, so not in the emit type.
    (engine as unknown as { emit(event: 'error', error: Error): void }).emit('error', new Error('closed before the handshake'));
  });
}

/** Watches the first attempt and every reconnect attempt (each opens right after 'reconnect_attempt'). */
export function watchConnectAttempts(manager: Manager): void {
  failAttemptOnEarlyClose(manager);
  manager.on('reconnect_attempt', () => queueMicrotask(() => failAttemptOnEarlyClose(manager)));
}
