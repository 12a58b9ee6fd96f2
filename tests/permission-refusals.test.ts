import { describe, expect, it } from "vitest";
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
import { changePassword } from "@/lib/security/change-password";
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
import { getReport, listReports } from "@/lib/reports/read-reports";
import { runEndOfDay } from "@/lib/reports/run-end-of-day";
import { readGeneralSettings, updateGeneralSettings } from "@/lib/settings/update-general-settings";
import { testDatabase } from "./support/db";
import { actorWith, testCtx } from "./support/factories";

const t = testDatabase();
const id = "00000000-0000-4000-8000-000000000001";

/** Deny by default: every verb checks its permission before it reads its input or the database. */
const verbs: [string, (ctx: Ctx) => Promise<unknown>][] = [
  ["createUser", (ctx) => createUser({ ctx, input: {} })],
  ["updateUser", (ctx) => updateUser({ ctx, input: {} })],
  ["deactivateUser", (ctx) => deactivateUser({ ctx, input: { userId: id } })],
  ["reactivateUser", (ctx) => reactivateUser({ ctx, input: { userId: id } })],
  ["confirmUser", (ctx) => confirmUser({ ctx, input: { userId: id } })],
  ["deleteUser", (ctx) => deleteUser({ ctx, input: { userId: id } })],
  ["setUserImage", (ctx) => setUserImage({ ctx, input: { userId: id, image: Buffer.alloc(1) } })],
  ["removeUserImage", (ctx) => removeUserImage({ ctx, input: { userId: id } })],
  ["unblockUser", (ctx) => unblockUser({ ctx, input: { userId: id } })],
  ["resendInvitation", (ctx) => resendInvitation({ ctx, input: { userId: id, method: "link" } })],
  ["revokeInvitation", (ctx) => revokeInvitation({ ctx, input: { tokenId: id } })],
  ["saveUnit", (ctx) => saveUnit({ ctx, input: { kind: "branch", name: "X" } })],
  ["deleteUnit", (ctx) => deleteUnit({ ctx, input: { kind: "team", id } })],
  ["saveRole", (ctx) => saveRole({ ctx, input: { name: "X" } })],
  ["deleteRole", (ctx) => deleteRole({ ctx, input: { roleId: id } })],
  ["setUserPermissions", (ctx) => setUserPermissions({ ctx, input: { userId: id, overrides: {} } })],
  ["copyPermissions", (ctx) => copyPermissions({ ctx, input: { fromUserId: id, toUserId: id } })],
  ["updateSecuritySettings", (ctx) => updateSecuritySettings({ ctx, input: {} })],
  ["retryDelivery", (ctx) => retryDelivery({ ctx, input: { id } })],
  ["updateGeneralSettings", (ctx) => updateGeneralSettings({ ctx, input: {} })],
  ["runEndOfDay", (ctx) => runEndOfDay({ ctx, input: {} })],
  // reads
  ["listReports", (ctx) => listReports({ ctx, input: {} })],
  ["getReport", (ctx) => getReport({ ctx, input: { date: "2026-01-01" } })],
  ["readGeneralSettings", (ctx) => readGeneralSettings({ ctx, input: {} })],
  ["listUsers", (ctx) => listUsers({ ctx, input: {} })],
  ["getUser", (ctx) => getUser({ ctx, input: { userId: id } })],
  ["listUserClients", (ctx) => listUserClients({ ctx, input: { userId: id } })],
  ["listInvitations", (ctx) => listInvitations(ctx, id)],
  ["listUnits", (ctx) => listUnits({ ctx, input: { kind: "branch" } })],
  ["listRoles", (ctx) => listRoles(ctx)],
  ["previewCopyPermissions", (ctx) => previewCopyPermissions({ ctx, input: { fromUserId: id, toUserId: id } })],
  ["listAuditEvents", (ctx) => listAuditEvents({ ctx, input: {} })],
  ["readSecuritySettings", (ctx) => readSecuritySettings(ctx)],
  ["listProblemDeliveries", (ctx) => listProblemDeliveries(ctx)],
];

describe("deny by default", () => {
  it.each(verbs)("%s refuses a signed-in caller who holds no permission", async (_name, call) => {
    await expect(call(testCtx(t.db, { actor: actorWith([], id) }).ctx)).rejects.toMatchObject({ code: "forbidden" });
  });

  it.each(verbs)("%s refuses an anonymous caller", async (_name, call) => {
    await expect(call(testCtx(t.db, { actor: null }).ctx)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("changePassword needs a signed-in user", async () => {
    await expect(
      changePassword({ ctx: testCtx(t.db, { actor: null }).ctx, input: { currentPassword: "x", password: "y", confirmPassword: "y" } }),
    ).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
