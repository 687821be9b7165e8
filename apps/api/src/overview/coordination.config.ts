/**
 * Settings of koordinerende enhet's features (overview, appointments, notifications, reminders),
 * read from the environment and validated at boot like AppConfig: a bad value stops the start.
 */
import { Global, Module } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class CoordinationConfig {
  /** How often each api node runs the reminder job; 0 turns the timer off (the job still runs on demand). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REMINDER_INTERVAL_SECONDS = 300;

  /** A task is "due soon" this many days before its due date. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  TASK_DUE_SOON_DAYS = 2;

  /** The coordinator is reminded of an evaluation this many days before the plan's evaluation date. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  EVALUATION_DUE_DAYS = 14;

  /** Daily digests go out on the first reminder run at or after this hour (local time). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 7;

  /** The time zone that decides "today" for due dates, digests and evaluation dates. */
  @IsString()
  NOTIFICATION_TIME_ZONE = 'Europe/Oslo';

  /** Appointing a coordinator who already has this many plans gives a warning. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  COORDINATOR_CASELOAD_WARNING = 15;

  /** A plan with no change for this many days shows as inactive in the overview. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INACTIVE_PLAN_DAYS = 60;
}

export function loadCoordinationConfig(env: NodeJS.ProcessEnv = process.env): CoordinationConfig {
  const keys = Object.keys(new CoordinationConfig());
  const raw = Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const config = plainToInstance(CoordinationConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (!isTimeZone(config.NOTIFICATION_TIME_ZONE)) {
    errors.push({ property: 'NOTIFICATION_TIME_ZONE', constraints: { timeZone: 'must be an IANA time zone' }, children: [] });
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

@Global()
@Module({ providers: [{ provide: CoordinationConfig, useFactory: () => loadCoordinationConfig() }], exports: [CoordinationConfig] })
export class CoordinationConfigModule {}
