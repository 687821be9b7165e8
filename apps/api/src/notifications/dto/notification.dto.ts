import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  NOTIFICATION_DELIVERIES,
  type NotificationDelivery,
  type NotificationKind,
  type UpdateNotificationPreferences,
  type UpdatePhone,
  type UpdateSmsPreferences,
} from '#contracts';
import { PageQueryDto } from '../../accounts/dto/account.dto';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** { kind: delivery | null } with known, configurable kinds only. */
function IsPreferenceMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPreferenceMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([k, v]) =>
              (CONFIGURABLE_NOTIFICATION_KINDS as string[]).includes(k) &&
              (v === null || (NOTIFICATION_DELIVERIES as readonly string[]).includes(v as string)),
          ),
        defaultMessage: () =>
          `kinds must map a notification kind (${CONFIGURABLE_NOTIFICATION_KINDS.join(', ')}) to ${NOTIFICATION_DELIVERIES.join(', ')} or null`,
      },
    },
    options,
  );
}

/** { kind: true | false | null } with known, configurable kinds only. */
function IsSmsKindMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSmsKindMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([k, v]) => (CONFIGURABLE_NOTIFICATION_KINDS as string[]).includes(k) && (v === null || typeof v === 'boolean'),
          ),
        defaultMessage: () =>
          `sms.kinds must map a notification kind (${CONFIGURABLE_NOTIFICATION_KINDS.join(', ')}) to true, false or null`,
      },
    },
    options,
  );
}

export class UpdateSmsPreferencesDto implements UpdateSmsPreferences {
  @ApiPropertyOptional({ description: 'SMS on or off (on needs a phone number, and lifts a STOPP of it)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean', nullable: true },
    description: 'Per kind: true/false; null follows the default kinds again',
  })
  @IsOptional()
  @IsSmsKindMap()
  kinds?: Partial<Record<NotificationKind, boolean | null>>;
}

export class UpdateNotificationPreferencesDto implements UpdateNotificationPreferences {
  @ApiPropertyOptional({ enum: NOTIFICATION_DELIVERIES, description: 'For every kind without its own choice' })
  @IsOptional()
  @IsIn(NOTIFICATION_DELIVERIES)
  default?: NotificationDelivery;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...NOTIFICATION_DELIVERIES], nullable: true },
    description: 'Per kind: immediate, digest, off; null follows the default again',
  })
  @IsOptional()
  @IsPreferenceMap()
  kinds?: Partial<Record<NotificationKind, NotificationDelivery | null>>;

  @ApiPropertyOptional({ type: () => UpdateSmsPreferencesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateSmsPreferencesDto)
  sms?: UpdateSmsPreferencesDto;
}

export class UpdatePhoneDto implements UpdatePhone {
  @ApiProperty({ type: String, nullable: true, example: '+4791234567', description: 'E.164, or 8 Norwegian digits; null removes it' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(32)
  phone!: string | null;
}
