/**
 * Socket input, checked the way REST checks a body: the same input rules, the same DTO classes,
 * the same class-validator options as the global ValidationPipe (whitelist, unknown fields
 * refused), the same null rule and the same error.
 */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { isUUID, validate } from 'class-validator';
import { BadRequest } from '../errors/domain-error';
import { checkBuiltInput, checkRawInput, flattenValidationErrors, invalidInput } from '../errors/validation';
import { JoinPlanDto, PlanRefDto } from './dto/realtime.dto';
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

/**
 * A `PlanRefDto` (every presence heartbeat: as many events as edits). The well-formed case — one
 * field, planId, a UUID by the same `isUUID` as the DTO's `@IsUUID()` — is recognised without a
 * class-validator pass; anything else takes `validateInput`, so errors are exactly the DTO's.
 */
export async function planRefInput(value: unknown): Promise<PlanRefDto> {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'planId' && typeof value.planId === 'string' && isUUID(value.planId)) {
      checkRawInput(value);
      const dto = new PlanRefDto();
      dto.planId = value.planId;
      return dto;
    }
  }
  return validateInput(PlanRefDto, value);
}

/**
 * A `JoinPlanDto` (every join). As `planRefInput`: the well-formed case — planId a UUID, and
 * sinceRevision absent, null or an integer ≥ 0, as the DTO's rules say — without a
 * class-validator pass; anything else takes `validateInput`.
 */
export async function joinPlanInput(value: unknown): Promise<JoinPlanDto> {
  if (isPlainObject(value) && typeof value.planId === 'string' && isUUID(value.planId)) {
    const keys = Object.keys(value);
    const since = value.sinceRevision;
    const sinceOk = since === undefined || since === null || (typeof since === 'number' && Number.isInteger(since) && since >= 0);
    if (sinceOk && keys.length <= 2 && keys.every((k) => k === 'planId' || k === 'sinceRevision')) {
      checkRawInput(value);
      const dto = new JoinPlanDto();
      dto.planId = value.planId;
      if (keys.includes('sinceRevision')) dto.sinceRevision = since as number | null;
      return dto;
    }
  }
  return validateInput(JoinPlanDto, value);
}
