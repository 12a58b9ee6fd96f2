import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, ValidationFailed } from "../errors";
import { hashPassword, verifyPassword } from "../passwords/hash";
import { refinePasswordPair } from "../passwords/policy";
import { parseInput } from "../validation";
import { assertCurrentPassword } from "./current-password";

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    password: z.string(),
    confirmPassword: z.string(),
  })
  .superRefine((data, ctx) => refinePasswordPair(data, ctx, []));
export type ChangePasswordInput = { currentPassword: unknown; password: unknown; confirmPassword: unknown };

/**
 * The signed-in user changes their own password: the current one first, the new one twice, and the
 * new one must differ. Ends every session of the user (the caller signs the current one in again)
 * and e-mails a notice. Needs no permission but a signed-in actor.
 */
export async function changePassword({ ctx, input }: Verb<ChangePasswordInput>) {
  const actor = ctx.actor;
  if (actor?.kind !== "user") throw new DomainError("unauthenticated", "Sign in to change your password.");
  const data = parseInput(ChangePasswordInput, input);
  const checked = await assertCurrentPassword(ctx, actor, data.currentPassword);
  const user = { ...checked, hash: checked.passwordHash! };
  const policy = z
    .object({ password: z.string(), confirmPassword: z.string() })
    .superRefine((d, c) => refinePasswordPair(d, c, [user.username, user.email, user.firstName, user.lastName]));
  parseInput(policy, data);
  if (await verifyPassword(data.password, user.hash)) throw ValidationFailed({ password: ["Choose a password different from the current one."] });
  const hash = await hashPassword(data.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: now, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, actor.userId))
      .returning({ sessionVersion: users.sessionVersion });
    const to = await recipientOf(tx, actor.userId);
    await enqueueEmail(
      tx,
      { address: to.email, userId: actor.userId },
      { template: "notice", props: { kind: "password_changed", lang: to.language, organization: to.organization, firstName: to.firstName } },
      now,
    );
    await recordAudit(tx, ctx, "user.password_changed", { target: { type: "user", id: actor.userId, name: actor.name }, detail: { by: "self" } });
    return { sessionVersion: row.sessionVersion, username: user.username };
  });
}
