/**
 * Domain errors: services throw these; one filter maps them to the HTTP error body and the
 * socket gateway maps them to the same { code, message } in its acks.
 */
import type { ErrorCode } from '#contracts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', 404, `${what} was not found`);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this') {
    super('forbidden', 403, message);
  }
}

export class ConsentRequired extends DomainError {
  constructor() {
    super('consent_required', 403, 'The person has not given consent for you to see this plan');
  }
}

export class Unauthenticated extends DomainError {
  constructor(code: ErrorCode = 'unauthenticated', message = 'Log in to continue') {
    super(code, 401, message);
  }
}

/** The client asked (Accept) for a representation we do not make. */
export class NotAcceptable extends DomainError {
  constructor(message: string) {
    super('not_acceptable', 406, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', 409, message, details);
  }
}

export class AlreadyExists extends DomainError {
  constructor(message: string) {
    super('already_exists', 409, message);
  }
}

export class BadRequest extends DomainError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', 400, message, details);
  }
}

export class TooManyRequests extends DomainError {
  constructor(message: string, retryAfterSeconds?: number) {
    super('too_many_requests', 429, message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
  }
}
