/** Every refusal the domain can give, with the HTTP status the transport maps it to. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  validation: 422,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;
  /** Facts a program can act on (the clients that block a deletion), carried as problem+json members. */
  readonly data?: Record<string, unknown>;
  /** Whom a refusal was about (an outranking user), for the audit trail's authz_fail; never sent. */
  readonly target?: { type: "user"; id: string; name: string };

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; data?: Record<string, unknown>; target?: DomainError["target"] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.data = extra.data;
    this.target = extra.target;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const Forbidden = (message = "You do not have permission to do that.") => new DomainError("forbidden", message);
export const NotFound = (message = "Not found.") => new DomainError("not_found", message);
export const Conflict = (message: string, fieldErrors?: FieldErrors) => new DomainError("conflict", message, { fieldErrors });
export const PreconditionFailed = (message: string) => new DomainError("precondition_failed", message);
export const ValidationFailed = (fieldErrors: FieldErrors, message = "Some fields need your attention.") =>
  new DomainError("validation", message, { fieldErrors });

export const DATABASE_UNAVAILABLE_MESSAGE = "Rollcall can't reach its database; try again in a minute.";
export const Unavailable = (message = DATABASE_UNAVAILABLE_MESSAGE) => new DomainError("unavailable", message, { retryAfterSeconds: 30 });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** PostgreSQL's unique_violation, as both drivers report it (the error or its cause). */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint ?? "";
  }
  return null;
}
