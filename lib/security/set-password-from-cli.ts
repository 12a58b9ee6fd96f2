import { sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, NotFound } from "../errors";
import { hashPassword } from "../passwords/hash";
import { refinePasswordPair } from "../passwords/policy";
import { identifierMatches } from "../users/queries";
import { parseInput, Text } from "../validation";

const SetPasswordFromCliInput = z
  .object({ user: Text(254).refine((v) => v.length > 0, "Name the user (username or e-mail)."), password: z.string(), mustChange: z.boolean().default(false) })
  .superRefine((d, c) => refinePasswordPair({ password: d.password, confirmPassword: d.password }, c, [d.user]));

/**
 * The operator's way back in (`rollcall reset-password`): sets a user's password from the command
 * line, ends their sessions, and e-mails them a notice. Only the command line may call it — whoever
 * runs it already holds the database. It does not unblock: `rollcall unblock` does that.
 */
export async function setPasswordFromCli({ ctx, input }: Verb<{ user: unknown; password: unknown; mustChange?: boolean }>) {
  if (ctx.actor?.kind !== "cli") throw new DomainError("forbidden", "Only the operator's command line sets a password this way.");
  const data = parseInput(SetPasswordFromCliInput, input);
  const hash = await hashPassword(data.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({
        passwordHash: hash,
        passwordChangedAt: now,
        mustChangePassword: data.mustChange,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: now,
      })
      .where(identifierMatches(data.user))
      .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName, username: users.username });
    if (!user) throw NotFound(`No user has the username or e-mail “${data.user}”.`);
    const to = await recipientOf(tx, user.id);
    await enqueueEmail(
      tx,
      { address: to.email, userId: user.id },
      { template: "notice", props: { kind: "password_changed", lang: to.language, organization: to.organization, firstName: to.firstName } },
      now,
    );
    await recordAudit(tx, ctx, "user.password_changed", {
      target: { type: "user", id: user.id, name: `${user.firstName} ${user.lastName}` },
      detail: { by: "cli" },
    });
    return { id: user.id, username: user.username };
  });
}
