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
