/** The global ValidationPipe: whitelist, forbid unknown fields, transform; errors in the one body shape. */
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadRequest } from './domain-error';
import { cacheValidationRules } from './validation-metadata-cache';

// REST bodies (ValidationPipe) and socket payloads (realtime/socket-input.ts) both validate through here.
cacheValidationRules();

export interface FieldError {
  field: string;
  errors: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequest(`Invalid input: ${details.map((d) => `${d.field} (${d.errors.join(', ')})`).join('; ')}`, details);
    },
  });
}
