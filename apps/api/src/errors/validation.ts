/**
 * The one validation step for every input, REST and socket alike: the input rules first (depth,
 * text, numbers: docs/input.md), then the DTO (class-validator: whitelist, unknown fields
 * refused), then the null rule. The global ValidationPipe runs it for REST; the socket's
 * validateInput runs the same functions. Errors in the one body shape.
 */
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { inputProblem } from '../input/input-rules';
import { undeclaredNulls } from '../input/null-rule';
import { BadRequest } from './domain-error';

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

export function invalidInput(details: FieldError[]): BadRequest {
  return new BadRequest(`Invalid input: ${details.map((d) => `${d.field} (${d.errors.join(', ')})`).join('; ')}`, details);
}

/** Before anything builds a DTO (class-transformer recurses): throws when the raw input breaks the input rules. */
export function checkRawInput(value: unknown, name = ''): void {
  const problem = inputProblem(value, name);
  if (problem) throw new BadRequest(problem.message, problem.details);
}

/** After the DTO is built and validated: numbers it converted (query parameters) and nulls where the schema has none. */
export function checkBuiltInput(dto: unknown, name = ''): void {
  checkRawInput(dto, name);
  const nulls = undeclaredNulls(dto);
  if (nulls.length) throw invalidInput(nulls);
}

class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameter decorators (the actor) are the app's own values, not input.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    // A single named parameter (@Query('x'), @Param('id')) is reported under its name.
    checkRawInput(value, metadata.data);
    const dto: unknown = await super.transform(value, metadata);
    checkBuiltInput(dto, metadata.data);
    return dto;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(flattenValidationErrors(errors)),
  });
}
