import "server-only";
import { isDatabaseUnavailable } from "@/db/availability";
import { isDomainError, Unavailable, type DomainError } from "./errors";

/**
 * The refusal a transport answers with: a DomainError as it is, a database that can't be reached as
 * `unavailable` (503). Anything else is null: a bug, logged and answered without detail.
 */
export function refusalOf(error: unknown): DomainError | null {
  if (isDomainError(error)) return error;
  if (isDatabaseUnavailable(error)) return Unavailable();
  return null;
}

/** Thrown from pages so the error boundary can say what is wrong; `digest` survives production builds. */
export class DatabaseUnavailablePage extends Error {
  readonly digest = "ROLLCALL_DATABASE_UNAVAILABLE";
  constructor() {
    super("Rollcall can't reach its database.");
    this.name = "DatabaseUnavailablePage";
  }
}
