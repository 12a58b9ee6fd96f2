import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Handle } from "@/db/client";
import { branches, teams, users } from "@/db/schema";
import { isDomainError, ValidationFailed } from "../errors";
import { addFieldError, fieldErrorsOf } from "../validation";
import { countryName } from "./countries";
import { parsePhone, PHONE_EXTENSION } from "./phone";
import { assertIdentityFree } from "./identity";
import { dateProblems, type UserFields } from "./user-input";

/**
 * A phone number in E.164 for a country (a code, or none: then it must start with +), or what is
 * wrong with it. The number already stored (`stored`, sent back unchanged, however it is spaced) is
 * kept as it is: one that the rules no longer accept (imported earlier, or since renumbered) must not
 * block a change to anything else. Changed, it is checked.
 */
export function checkPhone(
  phone: string,
  country: string | null | undefined,
  stored?: string | null,
): { e164: string; problem?: undefined } | { e164?: undefined; problem: string } {
  if (stored && phone.replace(/[^\d+]/g, "") === stored) return { e164: stored };
  const parsed = parsePhone(phone, country);
  if ("e164" in parsed) return { e164: parsed.e164 };
  if (parsed.problem === "extension") return { problem: PHONE_EXTENSION };
  return {
    problem: country
      ? `Enter a valid phone number for ${countryName(country)}, or start with + and the country code (e.g. +507 6123 4567).`
      : "Enter a valid phone number with its country code, e.g. +507 6123 4567.",
  };
}

/** The phone number on record for the user an edit names (its `userId`), or null. */
export async function phoneOnRecord(db: Handle, input: unknown): Promise<string | null> {
  const id = typeof input === "object" && input !== null ? (input as { userId?: unknown }).userId : undefined;
  if (typeof id !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, id));
  return row?.phone ?? null;
}

/**
 * Parses a user's fields. When the schema refuses some, the problems a verb otherwise finds only
 * after a successful parse (the phone for its country, the dates against today) are added for the
 * fields that parse on their own, so a form shows every problem at once rather than the phone's
 * only once the rest are fixed.
 */
export function parseUserInput<S extends z.ZodObject>(schema: S, input: unknown, now: Date, storedPhone?: string | null): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error);
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const field = (name: string): string | null | undefined => {
    const parsed = schema.shape[name]?.safeParse(raw[name]);
    return parsed?.success && (typeof parsed.data === "string" || parsed.data === null) ? parsed.data : undefined;
  };
  const more = dateProblems({ birthday: field("birthday"), accountExpiresOn: field("accountExpiresOn") }, now);
  const phone = field("phone");
  const problem = phone ? checkPhone(phone, field("country"), storedPhone).problem : undefined;
  if (problem) more.phone = [problem];
  for (const [name, messages] of Object.entries(more)) if (!Object.hasOwn(errors, name)) for (const message of messages) addFieldError(errors, name, message);
  throw ValidationFailed(errors);
}

/**
 * parseUserInput, and when it refuses some fields, whether the username and e-mail (those that parse)
 * belong to someone else too: a form with a field to fix and an e-mail already in use says both at
 * once, not the e-mail only after the rest are fixed. `exceptId`: the user being edited.
 */
export async function parseUserInputWithIdentity<S extends z.ZodObject>(
  db: Handle,
  schema: S,
  input: unknown,
  now: Date,
  { storedPhone, exceptId }: { storedPhone?: string | null; exceptId?: string } = {},
): Promise<z.output<S>> {
  try {
    return parseUserInput(schema, input, now, storedPhone);
  } catch (error) {
    if (!isDomainError(error) || error.code !== "validation" || !error.fieldErrors) throw error;
    const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
    const field = (name: string) => {
      const parsed = schema.shape[name]?.safeParse(raw[name]);
      return parsed?.success && typeof parsed.data === "string" && parsed.data ? parsed.data : undefined;
    };
    const username = field("username");
    const email = field("email");
    if (!username && !email) throw error;
    const errors = { ...error.fieldErrors };
    try {
      // A field that did not parse already has its message; its place is taken by the other value.
      await assertIdentityFree(db, { username: username ?? email!, email: email ?? username!, exceptId });
    } catch (conflict) {
      if (!isDomainError(conflict) || conflict.code !== "conflict") throw conflict;
      for (const [name, messages] of Object.entries(conflict.fieldErrors ?? {})) if (!Object.hasOwn(errors, name)) errors[name] = messages;
    }
    throw ValidationFailed(errors);
  }
}

/**
 * The checks a schema alone can't make: dates against today, the phone for its country, and that
 * the chosen branch and team exist. All problems are reported together, per field.
 */
export async function resolveUserFields(db: Handle, data: UserFields, now: Date, storedPhone?: string | null): Promise<UserFields> {
  const errors: Record<string, string[]> = dateProblems(data, now);
  let phone = data.phone ?? null;
  if (phone) {
    const checked = checkPhone(phone, data.country, storedPhone);
    if (checked.e164 === undefined) errors.phone = [checked.problem];
    else phone = checked.e164;
  }
  if (data.branchId) {
    const [b] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, data.branchId));
    if (!b) errors.branchId = ["That branch no longer exists. Choose another."];
  }
  if (data.teamId) {
    const [t] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, data.teamId));
    if (!t) errors.teamId = ["That team no longer exists. Choose another."];
  }
  if (Object.keys(errors).length) throw ValidationFailed(errors);
  return { ...data, phone };
}
