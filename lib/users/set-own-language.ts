import { eq } from "drizzle-orm";
import { z } from "zod";
import { language, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Verb } from "../context";
import { DomainError } from "../errors";
import { parseInput } from "../validation";

const SetOwnLanguageInput = z.object({ language: z.enum(language.enumValues, "Choose English or Spanish.") });

/**
 * A signed-in user chooses the language of their interface and of their e-mails. Needs no
 * permission: everyone may set their own.
 */
export async function setOwnLanguage({ ctx, input }: Verb<{ language: unknown }>) {
  if (ctx.actor?.kind !== "user") throw new DomainError("unauthenticated", "Sign in to choose your language.");
  const actor = ctx.actor;
  const data = parseInput(SetOwnLanguageInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ language: users.language }).from(users).where(eq(users.id, actor.userId)).for("no key update");
    if (!before) throw new DomainError("unauthenticated", "Sign in to choose your language.");
    if (before.language === data.language) return { changed: false, language: data.language };
    await tx.update(users).set({ language: data.language, updatedAt: ctx.now() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, ctx, "user.updated", {
      target: { type: "user", id: actor.userId, name: actor.name },
      detail: { changes: { language: [before.language, data.language] }, by: "self" },
    });
    return { changed: true, language: data.language };
  });
}
