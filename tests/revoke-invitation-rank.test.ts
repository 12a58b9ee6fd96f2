import { and, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, invitationTokens } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { createUser } from "@/lib/users/create-user";
import { resetData, testDatabase } from "./support/db";
import { insertUser, roleId, testCtx, userActorWith } from "./support/factories";

/** Nobody revokes or resends the invitation of someone who will hold more than they do. */
const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
let manager: Awaited<ReturnType<typeof insertUser>>;

beforeEach(async () => {
  await resetData(t.db);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
  manager = await insertUser(t.db, { roleKey: "basic", firstName: "Manu", lastName: "Manager" });
});

const asAdmin = () => testCtx(t.db, { actor: { ...userActorWith("all", admin.id), name: "Ada Admin", username: admin.username } }).ctx;
// A user manager: may create, view and update users, and nothing about roles or permissions.
const asManager = () =>
  testCtx(t.db, { actor: { ...userActorWith(["users.create", "users.view", "users.update"], manager.id), name: "Manu Manager", username: manager.username } })
    .ctx;

let n = 0;
/** Invites a user to the given role by shareable link; returns the user and the open token. */
async function invite(roleKey: string) {
  n++;
  const { id } = await createUser({
    ctx: asAdmin(),
    input: {
      firstName: "Inés",
      lastName: "Ruiz",
      username: `iruiz${n}`,
      email: `ines${n}@example.com`,
      roleId: await roleId(t.db, roleKey),
      access: "invite",
      inviteMethod: "link",
      adminConsoleAccess: "on",
    },
  });
  const [token] = await openTokens(id);
  return { userId: id, tokenId: token.id };
}

const openTokens = (userId: string) =>
  t.db
    .select({ id: invitationTokens.id })
    .from(invitationTokens)
    .where(and(eq(invitationTokens.userId, userId), isNull(invitationTokens.revokedAt), isNull(invitationTokens.usedAt)));

const authzFails = () => t.db.select().from(auditEvents).where(eq(auditEvents.action, "authz_fail"));

const paths: [name: string, call: (ctx: Ctx, invited: { userId: string; tokenId: string }) => Promise<unknown>][] = [
  ["revokeInvitation", (ctx, { tokenId }) => revokeInvitation({ ctx, input: { tokenId } })],
  ["resendInvitation", (ctx, { userId }) => resendInvitation({ ctx, input: { userId, method: "link" } })],
];

describe.each(paths)("%s", (attempted, call) => {
  it("refuses a user manager for a pending Administrator: the invitation stays open, the attempt is on record", async () => {
    const invited = await invite("administrator");
    const error = await call(asManager(), invited).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "forbidden" });
    expect((error as Error).message).toMatch(/they hold permissions you do not/);
    expect(await openTokens(invited.userId)).toEqual([{ id: invited.tokenId }]);
    const fails = await authzFails();
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatchObject({ actorKind: "user", actorId: manager.id, detail: { attempted } });
  });

  it("lets an Administrator do it for the pending Administrator", async () => {
    const invited = await invite("administrator");
    await call(asAdmin(), invited);
    const open = await openTokens(invited.userId);
    // Revoked: nothing open. Resent: one new link, the old one no longer works.
    expect(open.map((o) => o.id)).not.toContain(invited.tokenId);
    expect(open).toHaveLength(attempted === "resendInvitation" ? 1 : 0);
    expect(await authzFails()).toHaveLength(0);
  });

  it("lets the user manager do it for a pending Basic user", async () => {
    const invited = await invite("basic");
    await call(asManager(), invited);
    expect((await openTokens(invited.userId)).map((o) => o.id)).not.toContain(invited.tokenId);
    expect(await authzFails()).toHaveLength(0);
  });
});
