/**
 * What the api accepts as input, REST and socket alike (docs/input.md), checked in one place
 * before any DTO is built: the REST ValidationPipe and the socket's input validation both call
 * these functions. Pure and iterative: nothing here recurses, so no payload can overflow the
 * stack however deep it is.
 */
/** Objects and arrays may nest this deep (the payload itself is level 0). */
export const MAX_INPUT_DEPTH = 8;
/** PostgreSQL `integer`: every number in the api's input fits one. */
export const INPUT_INT_MAX = 2_147_483_647;
export const INPUT_INT_MIN = -2_147_483_648;

/** Keys that could reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text is refused, or null when it is accepted: well-formed Unicode without control characters other than tab, LF and CR. */
export function textProblem(text: string): string | null {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode (a lone surrogate)';
  return null;
}

function numberProblem(n: number): string | null {
  if (!Number.isFinite(n)) return 'must be a finite number';
  if (n > INPUT_INT_MAX || n < INPUT_INT_MIN) return `must be between ${INPUT_INT_MIN} and ${INPUT_INT_MAX}`;
  return null;
}

export interface InputProblem {
  message: string;
  /** In the shape of the validation errors' details: { field, errors }[]. */
  details: { field: string; errors: string[] }[];
}

function problem(field: string, error: string): InputProblem {
  const name = field || 'the input';
  return { message: `Invalid input: ${name} (${error})`, details: [{ field: name, errors: [error] }] };
}

/**
 * The first way `value` breaks the input rules, or null: nesting deeper than MAX_INPUT_DEPTH, a
 * forbidden or unacceptable key, an unacceptable text, a number outside PostgreSQL's integer.
 * Walks with an explicit stack; each node is visited once.
 */
export function inputProblem(value: unknown, rootPath = '', maxDepth = MAX_INPUT_DEPTH): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: rootPath, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = textProblem(v);
      if (bad) return problem(path, `text ${bad}`);
      continue;
    }
    if (typeof v === 'number') {
      const bad = numberProblem(v);
      if (bad) return problem(path, bad);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) return problem(path, `nested deeper than ${maxDepth} levels`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const keyPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return problem(keyPath, `the field name ${key} is not allowed`);
      const badKey = textProblem(key);
      if (badKey) return problem(path, `a field name ${badKey}`);
      stack.push({ value: (v as Record<string, unknown>)[key], path: keyPath, depth: depth + 1 });
    }
  }
  return null;
}
