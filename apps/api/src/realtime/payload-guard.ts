/**
 * What a socket event's payload must be before anything reads it: exactly one JSON object
 * within the input rules (depth, keys, text, numbers: docs/input.md, checked by an iterative
 * walk), then bounded in size. Nothing recursive (JSON.stringify included) touches the payload
 * before the walk has bounded its depth. Pure.
 */
import type { ErrorCode } from '#contracts';
import { inputProblem } from '../input/input-rules';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface PayloadProblem {
  code: Extract<ErrorCode, 'validation_failed' | 'payload_too_large'>;
  message: string;
  details?: { field: string; errors: string[] }[];
}

/** Checks an event's arguments (without the ack): exactly one JSON object, within the input rules and small enough. */
export function checkPayload(args: unknown[], maxBytes: number): PayloadProblem | null {
  if (args.length !== 1 || !isPlainObject(args[0])) return { code: 'validation_failed', message: 'Send one object with the event' };
  const problem = inputProblem(args[0]);
  if (problem) return { code: 'validation_failed', ...problem };
  const bytes = Buffer.byteLength(JSON.stringify(args[0]));
  if (bytes > maxBytes) return { code: 'payload_too_large', message: `The payload is ${bytes} bytes; at most ${maxBytes} are accepted` };
  return null;
}
