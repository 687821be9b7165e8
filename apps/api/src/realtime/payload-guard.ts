/**
 * What a socket event's payload must be before anything reads it: exactly one JSON object,
 * bounded in size and depth, without keys that could reach an object's prototype. Pure.
 */
import type { ErrorCode } from '#contracts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface PayloadProblem {
  code: Extract<ErrorCode, 'validation_failed' | 'payload_too_large'>;
  message: string;
}

const MAX_DEPTH = 8;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks an event's arguments (without the ack): exactly one JSON object, small and shallow enough. */
export function checkPayload(args: unknown[], maxBytes: number): PayloadProblem | null {
  if (args.length !== 1 || !isPlainObject(args[0])) return { code: 'validation_failed', message: 'Send one object with the event' };
  const bytes = Buffer.byteLength(JSON.stringify(args[0]));
  if (bytes > maxBytes) return { code: 'payload_too_large', message: `The payload is ${bytes} bytes; at most ${maxBytes} are accepted` };
  const problem = walk(args[0], 0);
  return problem ? { code: 'validation_failed', message: problem } : null;
}

function walk(value: unknown, depth: number): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return `The payload is nested deeper than ${MAX_DEPTH} levels`;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `The field name ${key} is not allowed`;
    const problem = walk((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return null;
}
