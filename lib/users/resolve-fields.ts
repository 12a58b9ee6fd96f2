import { eq } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { branches, teams } from "@/db/schema";
import { ValidationFailed } from "../errors";
import { toE164 } from "./phone";
import { dateProblems, type UserFields } from "./user-input";

/**
 * The checks a schema alone can't make: dates against today, the phone for its country, and that
 * the chosen branch and team exist. All problems are reported together, per field.
 */
export async function resolveUserFields(db: Handle, data: UserFields, now: Date): Promise<UserFields> {
  const errors: Record<string, string[]> = dateProblems(data, now);
  let phone = data.phone ?? null;
  if (phone) {
    const e164 = toE164(phone, data.country);
    if (!e164)
      errors.phone = [
        data.country
          ? `Enter a valid phone number for ${data.country}, or start with + and the country code (e.g. +507 6123 4567).`
          : "Enter a valid phone number with its country code, e.g. +507 6123 4567.",
      ];
    else phone = e164;
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
