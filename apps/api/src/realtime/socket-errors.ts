/**
 * Errors on the socket, in the same words as over HTTP: every error is mapped by the REST error
 * filter's toErrorBody to { code, message }, then shaped as an ack error or a handshake refusal.
 */
import type { AckError, ClosingNotice } from '#contracts';
import { toErrorBody } from '../errors/error.filter';
import { isPlainObject } from './payload-guard';

export function toAckError(error: unknown): AckError {
  const body = toErrorBody(error);
  const out: AckError = { code: body.code, message: body.message };
  const details = body.details;
  if (body.code === 'conflict' && isPlainObject(details)) {
    if (Array.isArray(details.conflicts)) out.conflicts = details.conflicts as AckError['conflicts'];
    if (typeof details.revision === 'number' || details.revision === null) out.revision = details.revision;
  } else if (details !== undefined) {
    out.details = details;
  }
  return out;
}

/** A refused handshake: the client's connect_error has message = code and data = { code, message }. */
export function handshakeError(error: unknown): Error & { data: ClosingNotice } {
  const { code, message } = toErrorBody(error);
  return Object.assign(new Error(code), { data: { code, message } });
}
