/**
 * A phone number field: E.164 (`+4791234567`), a Norwegian 8-digit number accepted without +47.
 * The value reaching the service is always E.164 (libs/contracts contact.ts normalizes).
 */
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches, MaxLength } from 'class-validator';
import { normalizePhone } from '#contracts';

export function IsPhone(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normalizePhone(value) ?? value) : value)),
    MaxLength(40),
    Matches(/^\+[1-9]\d{6,14}$/, {
      message: '$property must be a phone number in E.164 form (+4791234567), or a Norwegian number of 8 digits',
    }),
  );
}
