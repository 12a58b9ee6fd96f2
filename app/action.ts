import "server-only";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { actionContext, requestLogFields } from "@/lib/auth";
import type { Ctx, Verb } from "@/lib/context";
import { isSecretField } from "@/lib/secret-field";
import { deliverSoon } from "@/lib/email/kick";
import type { Locale } from "@/lib/format";
import { translateFieldErrors, translateMessage } from "@/lib/i18n/domain-messages";
import { logger } from "@/lib/log";
import { isLocale } from "@/i18n/locale";
import { DomainError, isDomainError } from "@/lib/errors";
import { refusalOf } from "@/lib/refusal";
import type { ActionResult } from "./actions-result";

interface ActionOptions<I, R, A extends unknown[], D> {
  /** Turns the action's arguments into the verb's input; the verb's zod schema decides what they mean. */
  input: (...args: A) => I;
  /** Public forms run with no actor; the password-change form runs for a user whose password expired. */
  context?: { anonymous?: boolean; passwordChange?: boolean };
  /** Paths to refresh after a success. */
  revalidate?: string[] | ((result: R, input: I) => string[]);
  /** The change queued e-mail: deliver it now rather than at the next sweep. */
  deliver?: boolean;
  /** Give the submitted text back on failure (never passwords), so the form can show it again. */
  echo?: boolean;
  /** The language its refusals are said in, where the form's reader is known to read another than the request's (an invitee's page). */
  locale?: (input: I) => unknown;
  /** The answer on success. It may redirect(): it runs outside the error mapping. */
  done?: (result: R, input: I, ctx: Ctx) => ActionResult<D> | Promise<ActionResult<D>>;
}

/**
 * The one server-action wrapper. It resolves who is acting (and nothing else: the verb checks the
 * permission and records a refusal), runs the verb, and maps a refusal to the typed result the form
 * shows. A database that can't be reached is `unavailable`; anything else is a bug and is rethrown,
 * so its message never reaches the browser.
 */
export function action<I, R, A extends unknown[] = [I], D = undefined>(
  verb: (v: Verb<I>) => Promise<R>,
  options: ActionOptions<I, R, A, D>,
): (...args: A) => Promise<ActionResult<D>> {
  return async (...args: A): Promise<ActionResult<D>> => {
    let input: I | undefined;
    let ctx: Ctx;
    let result: R;
    try {
      // Who is acting first: an anonymous or malformed call learns nothing about the action's arguments.
      ctx = await actionContext(options.context);
      input = readArguments(options.input, args);
      result = await verb({ ctx, input });
    } catch (error) {
      const chosen = input === undefined ? undefined : options.locale?.(input);
      const result = await inReadersLanguage(failure(error, options.echo ? input : undefined), isLocale(chosen) ? chosen : undefined);
      // Expected refusals: one line, no stack trace, never the input.
      if (!result.ok) logger().info({ event: "action.refused", code: result.code, ...(await requestLogFields()) }, result.message);
      return result;
    }
    if (options.deliver) deliverSoon();
    const paths = typeof options.revalidate === "function" ? options.revalidate(result, input) : (options.revalidate ?? []);
    for (const path of paths) revalidatePath(path);
    return options.done ? options.done(result, input, ctx) : { ok: true };
  };
}

/**
 * The action's arguments as its input. A server action can be called with anything (its id is in
 * the page's JavaScript), and arguments of the wrong shape (an object where the form's data was)
 * are the caller's mistake, refused as one, not a 500.
 */
function readArguments<A extends unknown[], I>(read: (...args: A) => I, args: A): I {
  try {
    return read(...args);
  } catch (error) {
    if (isDomainError(error)) throw error; // a refusal the reading itself makes, as it made it
    throw new DomainError("validation", "Reload the page and try again.");
  }
}

/** The language of whoever reads the answer; outside a request (tests, the command line), English. */
export async function readersLocale(): Promise<Locale> {
  try {
    return (await getLocale()) as Locale;
  } catch {
    return "en";
  }
}

/** A refusal in the language of whoever reads it (the domain speaks English). */
async function inReadersLanguage<T>(result: ActionResult<T>, chosen?: Locale): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const locale = chosen ?? (await readersLocale());
  if (locale === "en") return result;
  return { ...result, message: translateMessage(result.message, locale), fieldErrors: translateFieldErrors(result.fieldErrors, locale) };
}

/** Text fields as strings, files as files, without Next's own `$ACTION` fields. */
export function formInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!(formData instanceof FormData)) return input;
  for (const [key, value] of formData.entries()) if (!key.startsWith("$ACTION")) input[key] = value;
  return input;
}

/** Maps a refusal to the result a form shows; anything else is a bug and is rethrown. */
export function failure(error: unknown, submitted?: unknown): ActionResult<never> {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  return { ok: false, code: refusal.code, message: refusal.message, fieldErrors: refusal.fieldErrors, values: echoOf(submitted) };
}

function echoOf(submitted: unknown): Record<string, string> | undefined {
  if (!submitted || typeof submitted !== "object") return undefined;
  const entries = Object.entries(submitted as Record<string, unknown>).filter(([k, v]) => typeof v === "string" && !isSecretField(k));
  return Object.fromEntries(entries) as Record<string, string>;
}
