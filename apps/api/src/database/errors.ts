/** Recognising PostgreSQL errors that a service turns into a domain error. */
import { QueryFailedError } from 'typeorm';

/**
 * A unique index refused the row: the last word when two requests pass an existence check at once.
 * From a repository (TypeORM wraps pg's error) or from a prepared statement (`database/sql.ts`, pg's own).
 */
export function isUniqueViolation(error: unknown): boolean {
  const pgError = error instanceof QueryFailedError ? error.driverError : error;
  return (pgError as { code?: unknown } | null | undefined)?.code === '23505';
}
