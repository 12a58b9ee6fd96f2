import { z } from "zod";
import { ValidationFailed, type FieldErrors } from "./errors";

/** Parses input with its schema; a failure becomes a DomainError with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw ValidationFailed(fieldErrorsOf(result.error));
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const trimmed = z.string().trim();

export const Email = trimmed
  .toLowerCase()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."));

export const Username = trimmed
  .min(3, "A username has at least 3 characters.")
  .max(64, "A username has at most 64 characters.")
  .regex(/^[a-zA-Z0-9._-]+$/, "Use only letters, digits, dots, dashes and underscores.");

export const PersonName = (label: string) =>
  trimmed.min(1, `Enter the ${label}.`).max(100, `The ${label} has at most 100 characters.`);

/** A form checkbox ("on" when ticked, absent when not) or a JSON boolean. */
export const FormBoolean = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

/** Optional text: an empty or blank form field means "none". */
export const OptionalText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(max, `The ${label} has at most ${max} characters.`).nullable().optional(),
  );

/** An optional id from a select: empty means none. */
export const OptionalId = (message: string) =>
  z.preprocess((v) => (v === "" ? null : v), z.uuid(message).nullable().optional());

/** YYYY-MM-DD, as a date input sends it. */
export const OptionalDate = (label: string) =>
  z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `Enter a real ${label}.`)
      .nullable()
      .optional(),
  );
