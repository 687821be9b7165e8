import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  CONFIGURABLE_NOTIFICATION_KINDS,
  NOTIFICATION_DELIVERIES,
  type NotificationDelivery,
  type NotificationKind,
  type UpdateNotificationPreferences,
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
}
