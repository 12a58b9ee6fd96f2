import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { userImages, userPermissions, users, type UserStatus } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { auditAuthzFailures } from "../audit/authz-failures";
import { actingUserId, assertCan, can, ownAccountOf, type Verb } from "../context";
import { Forbidden, PreconditionFailed, uniqueViolation } from "../errors";
import { formatDateTime } from "../format";
import { ADMINISTRATOR_ROLE_KEY } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";
import { assertMayGrant, assertNotLastAdministrator, assertOutranks, liftsExpiry, loadTargetForUpdate, rolePermissionSet } from "../permissions/guards";
import { assertIdentityFree, identityConflict } from "./identity";
import { parseUserInputWithIdentity, phoneOnRecord, resolveUserFields } from "./resolve-fields";
import { revokeLinksToMovedAddresses, revokeOpenTokens } from "../tokens/tokens";
import { UpdateUserInput, userColumns } from "./user-input";
import { optionalImage, storeUserImage } from "./user-image";

const AUDITED_FIELDS = [
  "firstName",
  "lastName",
  "username",
  "email",
  "personalEmail",
  "phone",
  "gender",
  "birthday",
  "country",
  "language",
  "position",
  "branchId",
  "teamId",
  "roleId",
  "accountExpiresOn",
  "adminConsoleAccess",
  "status",
  "sendEndOfDayReport",
  "notifyGeneral",
  "notifyDomain",
  "notifyInvoice",
  "notifyService",
] as const;

// What the edit compares and reports: explicit columns, never the password hash.
const BEFORE_COLUMNS = {
  ...Object.fromEntries(AUDITED_FIELDS.map((field) => [field, users[field]])),
  version: users.version,
  updatedAt: users.updatedAt,
  updatedById: users.updatedById,
  imageUpdatedAt: users.imageUpdatedAt,
} as { [K in (typeof AUDITED_FIELDS)[number]]: (typeof users)[K] } & {
  version: typeof users.version;
  updatedAt: typeof users.updatedAt;
  updatedById: typeof users.updatedById;
  imageUpdatedAt: typeof users.imageUpdatedAt;
};

/**
 * Saves an administrator's edit of a user. Caller needs users.update and must hold every permission
 * the user holds. Changing the role also needs users.permissions and the new role's permissions; nobody changes their own
 * role, deactivates themselves, or demotes or deactivates the last active Administrator.
 * Refused with the name and time of the newer save when `expectedVersion` is stale.
 */
export async function updateUser({ ctx, input }: Verb<UpdateUserInput>) {
  return auditAuthzFailures(ctx, "user.update", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    // The phone number on record, sent back unchanged, is kept even if it would not pass today's check.
    const storedPhone = await phoneOnRecord(ctx.db, input);
    const userId = typeof input.userId === "string" && z.uuid().safeParse(input.userId).success ? input.userId : undefined;
    const parsed = await parseUserInputWithIdentity(ctx.db, UpdateUserInput, input, ctx.now(), { storedPhone, exceptId: userId });
    const data = await resolveUserFields(ctx.db, parsed, ctx.now(), storedPhone);
    const image = await optionalImage(parsed.image);
    const removeImage = parsed.removeImage;
    const now = ctx.now();

    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, parsed.userId);
      const [before] = await tx.select(BEFORE_COLUMNS).from(users).where(eq(users.id, target.id));
      if (before.version !== parsed.expectedVersion) {
        const [editor] = before.updatedById
          ? await tx.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, before.updatedById))
          : [];
        const who = editor ? `${editor.firstName} ${editor.lastName}` : "someone else";
        throw PreconditionFailed(`This user was changed by ${who} at ${formatDateTime(before.updatedAt)} — reload to see their changes.`);
      }
      // The rules about one's own account hold for a key on its creator's (ownAccountOf); the pass
      // past outranking is the person's alone: a narrow key on its Administrator creator's account
      // could otherwise change their e-mail and take the account over by a reset link.
      const self = ownAccountOf(actor) === target.id;
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "edit");

      const roleChanged = data.roleId !== before.roleId;
      if (roleChanged) {
        if (self) throw Forbidden("You cannot change your own role.");
        const role = await rolePermissionSet(tx, data.roleId);
        // A role is permissions: changing it is users.permissions' (as on the permissions page), not users.update's.
        if (!can(actor, "users.permissions")) throw Forbidden("Changing a user's role needs the permission Edit permissions.");
        const overrides = await tx
          .select({ permission: userPermissions.permission, effect: userPermissions.effect })
          .from(userPermissions)
          .where(eq(userPermissions.userId, target.id));
        assertMayGrant(actor, effectivePermissions({ roleKey: role.key, rolePermissions: role.permissions, overrides }), `the role ${role.name}`);
        if (target.roleKey === ADMINISTRATOR_ROLE_KEY && role.key !== ADMINISTRATOR_ROLE_KEY) await assertNotLastAdministrator(tx, target, "demote", now);
      }

      // A pending user stays pending until they register or are confirmed.
      const status: UserStatus = before.status === "pending" ? "pending" : data.status;
      const deactivating = before.status === "active" && status === "inactive";
      if (deactivating) {
        if (self) throw Forbidden("You cannot deactivate yourself.");
        await assertNotLastAdministrator(tx, target, "deactivate", now);
      }
      if (self && before.adminConsoleAccess && !data.adminConsoleAccess) throw Forbidden("You cannot take away your own access to the admin console.");
      // A limit set on your account is not yours to lift: you may bring your expiration date forward
      // (or give yourself one), not remove or postpone it.
      if (self && liftsExpiry(before.accountExpiresOn, userColumns(data).accountExpiresOn ?? null))
        throw Forbidden("You cannot remove or postpone your own expiration date.");
      if (before.adminConsoleAccess && !data.adminConsoleAccess) await assertNotLastAdministrator(tx, target, "lock out", now);
      // An expiration date, even a distant one, would end the last administrator's access one day.
      if (data.accountExpiresOn && data.accountExpiresOn !== before.accountExpiresOn)
        await assertNotLastAdministrator(tx, target, "set an expiration date for", now, data.accountExpiresOn);

      await assertIdentityFree(tx, { username: data.username, email: data.email, exceptId: target.id });

      const after = { ...userColumns(data), status };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const field of AUDITED_FIELDS) if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
      if (image) changes.image = ["previous", "new"];
      else if (removeImage && before.imageUpdatedAt) changes.image = ["previous", null];
      if (Object.keys(changes).length === 0) return { id: target.id, version: before.version, changed: false };
      if (image) await storeUserImage(tx, target.id, image, now);
      else if (removeImage && before.imageUpdatedAt) {
        await tx.delete(userImages).where(eq(userImages.userId, target.id));
        await tx.update(users).set({ imageUpdatedAt: null }).where(eq(users.id, target.id));
      }

      const endSessions = deactivating || (before.adminConsoleAccess && !after.adminConsoleAccess);
      let updated: { version: number };
      try {
        [updated] = await tx
          .update(users)
          .set({
            ...after,
            updatedAt: now,
            updatedById: actingUserId(actor),
            version: sql`${users.version} + 1`,
            ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
          })
          .where(eq(users.id, target.id))
          .returning({ version: users.version });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== null) throw identityConflict(constraint);
        throw error;
      }
      const auditTarget = { type: "user" as const, id: target.id, name: `${after.firstName} ${after.lastName}` };
      await recordAudit(tx, ctx, "user.updated", { target: auditTarget, detail: { changes } });
      // The links mailed to an address that changed end (an administrator's new address also wins
      // over one the user asked for and has not confirmed); a deactivation ends every link, or a
      // reactivation would bring them back.
      await revokeLinksToMovedAddresses(tx, target.id, changes, now);
      if (deactivating) {
        await revokeOpenTokens(tx, target.id, ["reset_password", "change_email", "set_password", "invite"], now);
        await recordAudit(tx, ctx, "user.deactivated", { target: auditTarget });
      }
      if (before.status === "inactive" && status === "active") await recordAudit(tx, ctx, "user.reactivated", { target: auditTarget });
      return { id: target.id, version: updated.version, changed: true };
    });
  });
}
