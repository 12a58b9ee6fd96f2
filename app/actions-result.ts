import { isDomainError, type ErrorCode, type FieldErrors } from "@/lib/errors";

/** What every server action returns: never a stack trace, never an echoed password. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      code: ErrorCode | "unexpected";
      message: string;
      fieldErrors?: FieldErrors;
      /** What was submitted (never passwords), so the form can show it again. */
      values?: Record<string, string>;
    };

/** Maps a refusal to a result the form shows; anything else is a bug and is rethrown. */
export function failure(error: unknown, values?: Record<string, string>): ActionResult<never> {
  if (isDomainError(error))
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values: withoutSecrets(values) };
  throw error;
}

function withoutSecrets(values?: Record<string, string>) {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
}
