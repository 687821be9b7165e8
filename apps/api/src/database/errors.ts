/** Recognising PostgreSQL errors that a service turns into a domain error. */
import { QueryFailedError } from 'typeorm';

/** A unique index refused the row: the last word when two requests pass an existence check at once. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
