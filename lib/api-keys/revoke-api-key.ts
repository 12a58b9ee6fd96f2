import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { parseInput } from "../validation";

/** Revokes an API key: its next request is refused, on every instance. Caller needs api.admin. */
export async function revokeApiKey({ ctx, input }: Verb<{ keyId: unknown }>) {
  return auditAuthzFailures(ctx, "apiKey.revoke", async () => {
    assertCan(ctx.actor, "api.admin");
    const { keyId } = parseInput(z.object({ keyId: z.uuid("Unknown key.") }), input);
    return ctx.db.transaction(async (tx) => {
      const [key] = await tx
        .select({ name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(eq(apiKeys.id, keyId))
        .for("update");
      if (!key) throw NotFound("That API key does not exist.");
      if (key.revokedAt) return { id: keyId, changed: false };
      await tx
        .update(apiKeys)
        .set({ revokedAt: ctx.now(), revokedById: actingUserId(ctx.actor) })
        .where(eq(apiKeys.id, keyId));
      await recordAudit(tx, ctx, "api_key.revoked", { target: { type: "api_key", id: keyId, name: key.name }, detail: { prefix: key.prefix } });
      return { id: keyId, changed: true };
    });
  });
}
