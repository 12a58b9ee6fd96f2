import type { ErrorCode, FieldErrors } from "@/lib/errors";

/** What every server action returns: never a stack trace, never an echoed password. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: FieldErrors;
      /** What was submitted (never passwords), so the form can show it again. */
      values?: Record<string, string>;
    };
