import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_BYTES = 72; // bcrypt ignores everything past 72 bytes; we refuse, never truncate

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Control characters (NUL, line breaks, …): typed by no keyboard, and NUL ends a C string. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Length in characters and bytes, and no control characters; no composition rules (NIST SP 800-63B). */
export const PasswordShape = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .refine((v) => !CONTROL.test(v), "Remove the control characters (such as NUL) from this field.")
  .refine(
    (v) => Buffer.byteLength(v, "utf8") <= MAX_PASSWORD_BYTES,
    `Use at most ${MAX_PASSWORD_BYTES} bytes (about ${MAX_PASSWORD_BYTES} letters, fewer with accents or emoji): longer passwords cannot be stored safely.`,
  );

/**
 * Why this password must be refused, or null when it is acceptable: too short or too long, common,
 * easy to guess, or built from the user's own name, username or e-mail.
 */
export function passwordProblem(password: string, userInputs: (string | null | undefined)[] = []): string | null {
  const shape = PasswordShape.safeParse(password);
  if (!shape.success) return shape.error.issues[0].message;
  // A space at either end is invisible in the field and forgotten at the next sign-in. (Only a new
  // password is refused for it: one already set is compared as typed.)
  if (password.trim() !== password) return "Remove the spaces at the start and end of the password.";
  const lower = password.toLowerCase();
  const inputs = userInputs.filter((v): v is string => !!v && v.length >= 3).map((v) => v.toLowerCase());
  for (const input of inputs) {
    const local = input.split("@")[0];
    if (lower.includes(local) && local.length >= 3) return "Leave the name, username and e-mail address of the account out of the password.";
  }
  const result = zxcvbn().check(password, inputs);
  if (result.score < 3) {
    const reason = result.feedback.warning || "It is easy to guess.";
    return `This password is too weak: ${reason.replace(/\.$/, "")}. Try a longer phrase of unrelated words.`;
  }
  return null;
}

/** Adds the messages for a password and its repetition to a zod refinement, each on its own field. */
export function refinePasswordPair(data: { password: string; confirmPassword: string }, ctx: z.RefinementCtx, userInputs: (string | null | undefined)[]): void {
  const problem = passwordProblem(data.password, userInputs);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  if (!data.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Repeat the password." });
  else if (data.password !== data.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
}
