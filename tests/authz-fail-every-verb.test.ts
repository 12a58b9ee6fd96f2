import { gt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listProblemDeliveries } from "@/lib/email/list-deliveries";
import { retryDelivery } from "@/lib/email/retry-delivery";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { listUnits } from "@/lib/organization/list-units";
import { saveUnit } from "@/lib/organization/save-unit";
import { listRoles } from "@/lib/roles/list-roles";
import { deleteRole } from "@/lib/roles/delete-role";
import { saveRole } from "@/lib/roles/save-role";
import { copyPermissions, previewCopyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { unblockUser } from "@/lib/security/unblock-user";
import { updateSecuritySettings } from "@/lib/settings/update-security-settings";
import { readSecuritySettings } from "@/lib/settings/read-security-settings";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { listUserClients } from "@/lib/users/list-user-clients";
import { getUser } from "@/lib/users/get-user";
import { listUsers } from "@/lib/users/list-users";
import { confirmUser } from "@/lib/users/confirm-user";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { updateUser } from "@/lib/users/update-user";
import { removeUserImage, setUserImage } from "@/lib/users/user-image";
import type { Ctx } from "@/lib/context";
import { testDatabase } from "./support/db";
import { actorWith, insertUser, testCtx } from "./support/factories";

/**
 * Every refusal for lack of rights is on record: one `authz_fail` audit event naming the attempt and
 * the kind of actor, whoever the caller (a signed-in user or the command line).
 */
const t = testDatabase();
const id = "00000000-0000-4000-8000-000000000001";

/** The table of tests/permission-refusals.test.ts, with the name each verb records its attempt under. */
const verbs: [name: string, attempted: string, call: (ctx: Ctx) => Promise<unknown>][] = [
  ["createUser", "user.create", (ctx) => createUser({ ctx, input: {} })],
  ["updateUser", "user.update", (ctx) => updateUser({ ctx, input: {} })],
  ["deactivateUser", "user.deactivate", (ctx) => deactivateUser({ ctx, input: { userId: id } })],
  ["reactivateUser", "user.reactivate", (ctx) => reactivateUser({ ctx, input: { userId: id } })],
  ["confirmUser", "user.confirm", (ctx) => confirmUser({ ctx, input: { userId: id } })],
  ["deleteUser", "user.delete", (ctx) => deleteUser({ ctx, input: { userId: id } })],
  ["setUserImage", "setUserImage", (ctx) => setUserImage({ ctx, input: { userId: id, image: Buffer.alloc(1) } })],
  ["removeUserImage", "removeUserImage", (ctx) => removeUserImage({ ctx, input: { userId: id } })],
  ["unblockUser", "unblockUser", (ctx) => unblockUser({ ctx, input: { userId: id } })],
  ["resendInvitation", "resendInvitation", (ctx) => resendInvitation({ ctx, input: { userId: id, method: "link" } })],
  ["revokeInvitation", "revokeInvitation", (ctx) => revokeInvitation({ ctx, input: { tokenId: id } })],
  ["saveUnit", "saveUnit", (ctx) => saveUnit({ ctx, input: { kind: "branch", name: "X" } })],
  ["deleteUnit", "deleteUnit", (ctx) => deleteUnit({ ctx, input: { kind: "team", id } })],
  ["saveRole", "role.save", (ctx) => saveRole({ ctx, input: { name: "X" } })],
  ["deleteRole", "role.delete", (ctx) => deleteRole({ ctx, input: { roleId: id } })],
  ["setUserPermissions", "user.permissions", (ctx) => setUserPermissions({ ctx, input: { userId: id, overrides: {} } })],
  ["copyPermissions", "user.permissions_copy", (ctx) => copyPermissions({ ctx, input: { fromUserId: id, toUserId: id } })],
  ["updateSecuritySettings", "updateSecuritySettings", (ctx) => updateSecuritySettings({ ctx, input: {} })],
  ["retryDelivery", "retryDelivery", (ctx) => retryDelivery({ ctx, input: { id } })],
  // reads
  ["listUsers", "listUsers", (ctx) => listUsers({ ctx, input: {} })],
  ["getUser", "getUser", (ctx) => getUser({ ctx, input: { userId: id } })],
  ["listUserClients", "listUserClients", (ctx) => listUserClients({ ctx, input: { userId: id } })],
  ["listInvitations", "listInvitations", (ctx) => listInvitations(ctx, id)],
  ["listUnits", "listUnits", (ctx) => listUnits({ ctx, input: { kind: "branch" } })],
  ["listRoles", "listRoles", (ctx) => listRoles(ctx)],
  ["previewCopyPermissions", "previewCopyPermissions", (ctx) => previewCopyPermissions({ ctx, input: { fromUserId: id, toUserId: id } })],
  ["listAuditEvents", "listAuditEvents", (ctx) => listAuditEvents({ ctx, input: {} })],
  ["readSecuritySettings", "readSecuritySettings", (ctx) => readSecuritySettings(ctx)],
  ["listProblemDeliveries", "listProblemDeliveries", (ctx) => listProblemDeliveries(ctx)],
];

let callerId: string;
beforeAll(async () => {
  callerId = (await insertUser(t.db, { roleKey: "basic" })).id;
});

const lastEventId = async () => (await t.db.select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)::int` }).from(auditEvents))[0].id;

/** Calls the verb, expects the refusal, and returns every audit event it left. */
async function refusedAndRecorded(call: (ctx: Ctx) => Promise<unknown>, ctx: Ctx) {
  const before = await lastEventId();
  await expect(call(ctx)).rejects.toMatchObject({ code: "forbidden" });
  return t.db.select().from(auditEvents).where(gt(auditEvents.id, before));
}

describe("every refusal is on record", () => {
  it.each(verbs)("%s: a signed-in user with no permission leaves one authz_fail event", async (_name, attempted, call) => {
    const events = await refusedAndRecorded(call, testCtx(t.db, { actor: actorWith([], callerId) }).ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "authz_fail", actorKind: "user", actorId: callerId, ip: "203.0.113.7", detail: { attempted } });
  });

  it.each(verbs)("%s: the command line with no permission leaves one authz_fail event", async (_name, attempted, call) => {
    const events = await refusedAndRecorded(call, testCtx(t.db, { actor: actorWith([]) }).ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "authz_fail", actorKind: "cli", actorId: null, actorName: "Command line", detail: { attempted } });
  });
});
