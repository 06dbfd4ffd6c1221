// Typed errors: one class per kind of failure, each with the HTTP status and the server's
// `error` sentence. Messages are built from the server's sentence and the request line only,
// never from headers, so the API key cannot leak into them.

export class DocketError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface ApiErrorInit {
  status: number;
  /** The server's `error` sentence (or a description of the body when it had none). */
  error: string;
  method: string;
  path: string;
  requestId?: string | null;
  headers?: Headers;
}

/** The server answered with a non-2xx status. */
export class ApiError extends DocketError {
  readonly status: number;
  /** The server's `error` sentence, as sent. */
  readonly error: string;
  readonly method: string;
  /** The request path (under the API base), without the query. */
  readonly path: string;
  /** The server's X-Request-Id, to quote to the operator. */
  readonly requestId: string | null;

  constructor(init: ApiErrorInit) {
    super(init.error);
    this.status = init.status;
    this.error = init.error;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId ?? null;
  }
}

/** 400: a field is missing or malformed. */
export class BadRequestError extends ApiError {}
/** 401: the API key is missing, unknown, expired or revoked. */
export class AuthenticationError extends ApiError {}
/** 403: the key lacks the scope the request needs. */
export class PermissionError extends ApiError {}
/** 404: no such mission (or one of another org), document or endpoint. */
export class NotFoundError extends ApiError {}
/** 409: a duplicate externalRef, or a request with the same Idempotency-Key still running. */
export class ConflictError extends ApiError {}
/** 422: the document, team or package cannot be used; or an Idempotency-Key reused for another body. */
export class UnprocessableError extends ApiError {}

/** 429: the key's rate limit is used up. */
export class RateLimitError extends ApiError {
  /** Seconds the server asked to wait (Retry-After), or null when it did not say. */
  readonly retryAfter: number | null;
  readonly limit: number | null;
  readonly remaining: number | null;
  /** Unix time (seconds) when the window resets. */
  readonly resetAt: number | null;

  constructor(init: ApiErrorInit & { retryAfter: number | null }) {
    super(init);
    this.retryAfter = init.retryAfter;
    const num = (h: string) => {
      const v = init.headers?.get(h);
      return v != null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
    };
    this.limit = num('x-ratelimit-limit');
    this.remaining = num('x-ratelimit-remaining');
    this.resetAt = num('x-ratelimit-reset');
  }
}

/** 5xx: the server failed (already retried `maxRetries` times for 500/502/503/504). */
export class ServerError extends ApiError {}

/** The server could not be reached, the connection dropped, or the request timed out. */
export class ConnectionError extends DocketError {
  readonly status = null;
  readonly method: string;
  readonly path: string;
  /** True when the request was stopped by the client's own timeout. */
  readonly timedOut: boolean;
  /** What went wrong underneath (e.g. ECONNREFUSED), without the sentence around it. */
  readonly reason: string;

  constructor(message: string, init: { method: string; path: string; reason: string; timedOut?: boolean; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.reason = init.reason;
    this.timedOut = init.timedOut ?? false;
  }
}

/** A mission ended as failed while waitForMission was waiting for it. */
export class MissionFailedError extends DocketError {
  constructor(readonly mission: { id: string; failureReason: string | null }, readonly results: unknown = null) {
    super(`Mission ${mission.id} failed: ${mission.failureReason ?? 'no reason given'}`);
  }
}

/** verifyWebhook refused a delivery: bad or missing headers, a stale timestamp, or no matching signature. */
export class WebhookVerificationError extends DocketError {}

export function apiError(status: number, init: ApiErrorInit, retryAfter: number | null): ApiError {
  switch (status) {
    case 400: return new BadRequestError(init);
    case 401: return new AuthenticationError(init);
    case 403: return new PermissionError(init);
    case 404: return new NotFoundError(init);
    case 409: return new ConflictError(init);
    case 422: return new UnprocessableError(init);
    case 429: return new RateLimitError({ ...init, retryAfter });
  }
  return status >= 500 ? new ServerError(init) : new ApiError(init);
}
