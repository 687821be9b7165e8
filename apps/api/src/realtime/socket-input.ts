/**
 * Socket input, checked the way REST checks a body: the same input rules, the same DTO classes,
 * the same class-validator options as the global ValidationPipe (whitelist, unknown fields
 * refused), the same null rule and the same error.
 */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { BadRequest } from '../errors/domain-error';
import { checkBuiltInput, checkRawInput, flattenValidationErrors, invalidInput } from '../errors/validation';
import { isPlainObject } from './payload-guard';

export async function validateInput<T extends object>(cls: ClassConstructor<T>, value: unknown): Promise<T> {
  if (!isPlainObject(value)) throw new BadRequest('Invalid input: expected an object');
  checkRawInput(value);
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw invalidInput(flattenValidationErrors(errors));
  checkBuiltInput(instance);
  return instance;
}
