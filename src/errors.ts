// Domain errors. Domain code throws these; only the HTTP layer maps them to statuses.
// Every message is a sentence the caller can act on and never carries internals.
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class BadRequest extends DomainError {}
export class Unauthorized extends DomainError {}
export class Forbidden extends DomainError {}
export class NotFound extends DomainError {}
export class Conflict extends DomainError {}
export class Unprocessable extends DomainError {}
export class TooManyRequests extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
/** A dependency (database, queue) is unreachable: a 500 with a plain sentence. */
export class Unavailable extends DomainError {}
