import { eq } from "drizzle-orm";
import { userPermissions, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { auditAuthzFailures } from "../audit/authz-failures";
import { actingUserId, assertCan, can, type Verb } from "../context";
import { NotFound, uniqueViolation, ValidationFailed } from "../errors";
import { hashPassword } from "../passwords/hash";
import { effectivePermissions } from "../permissions/effective";
import { assertMayGrant, rolePermissionSet } from "../permissions/guards";
import { assertIdentityFree, identityConflict } from "./identity";
import { parseUserInputWithIdentity, resolveUserFields } from "./resolve-fields";
import { CreateUserInput, userColumns } from "./user-input";
import { optionalImage, storeUserImage } from "./user-image";
import { sendInvitation } from "../invitations/send-invitation";
import { getSettings } from "../settings/get-settings";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { appLink } from "../tokens/tokens";

/**
 * Creates a user. Caller needs users.create, and may only give a role (or copy a user's role and
 * per-user grants and denials) whose permissions they hold themselves. With a password the user is
 * Active (or Inactive if chosen); with an invitation the user is Pending until they register.
 */
export async function createUser({ ctx, input }: Verb<CreateUserInput>) {
  return auditAuthzFailures(ctx, "user.create", async () => {
    assertCan(ctx.actor, "users.create");
    const actor = ctx.actor;
    const parsed = await parseUserInputWithIdentity(ctx.db, CreateUserInput, input, ctx.now());
    const data = await resolveUserFields(ctx.db, parsed, ctx.now());

    let roleId = data.roleId;
    let overrides: { permission: string; effect: "grant" | "deny" }[] = [];
    if (parsed.copyPermissionsFrom) {
      const [source] = await ctx.db.select({ roleId: users.roleId }).from(users).where(eq(users.id, parsed.copyPermissionsFrom));
      if (!source) throw NotFound("The user to copy permissions from no longer exists.");
      roleId = source.roleId;
      overrides = await ctx.db
        .select({ permission: userPermissions.permission, effect: userPermissions.effect })
        .from(userPermissions)
        .where(eq(userPermissions.userId, parsed.copyPermissionsFrom));
      // Per-user permissions are set with "Edit permissions": copying them is setting them.
      if (overrides.length && !can(actor, "users.permissions"))
        throw ValidationFailed({ copyPermissionsFrom: ["This user has per-user permissions: copying them needs the Edit permissions permission."] });
    }
    const role = await rolePermissionSet(ctx.db, roleId);
    const granted = effectivePermissions({ roleKey: role.key, rolePermissions: role.permissions, overrides });
    assertMayGrant(actor, granted, `the role ${role.name}${overrides.length ? " with these per-user permissions" : ""}`);

    const image = await optionalImage(parsed.image);
    const withPassword = parsed.access === "password";
    const passwordHash = withPassword ? await hashPassword(parsed.password!) : null;
    // A password typed by an administrator is theirs, not the user's: by default it must be replaced at first sign-in.
    const temporary = withPassword && (await getSettings(ctx.db))["password.adminSetIsTemporary"];
    const now = ctx.now();

    return ctx.db.transaction(async (tx) => {
      await assertIdentityFree(tx, data);
      let created: { id: string; firstName: string; lastName: string };
      try {
        [created] = await tx
          .insert(users)
          .values({
            ...userColumns(data),
            roleId,
            status: withPassword ? data.status : "pending",
            passwordHash,
            passwordChangedAt: withPassword ? now : null,
            mustChangePassword: temporary,
            registeredAt: withPassword ? now : null,
            confirmedAt: withPassword ? now : null,
            createdAt: now,
            updatedAt: now,
            updatedById: actingUserId(actor),
          })
          .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== null) throw identityConflict(constraint);
        throw error;
      }
      if (image) await storeUserImage(tx, created.id, image, now);
      if (overrides.length) await tx.insert(userPermissions).values(overrides.map((o) => ({ ...o, userId: created.id })));
      const createdName = `${created.firstName} ${created.lastName}`;
      await recordAudit(tx, ctx, "user.created", {
        target: { type: "user", id: created.id, name: `${created.firstName} ${created.lastName}` },
        detail: {
          role: role.name,
          status: withPassword ? data.status : "pending",
          access: parsed.access,
          ...(temporary ? { temporaryPassword: true } : {}),
          ...(parsed.access === "invite" ? { inviteMethod: parsed.inviteMethod } : {}),
          ...(parsed.copyPermissionsFrom ? { copiedPermissionsFrom: parsed.copyPermissionsFrom } : {}),
        },
      });
      const invitation =
        parsed.access === "invite" ? await sendInvitation(tx, ctx, { userId: created.id, userName: createdName, method: parsed.inviteMethod! }) : null;
      // Created Active with a password: the person hears of their account, and of their username, by
      // e-mail; never of the password, which the administrator hands over.
      if (withPassword && data.status === "active") {
        const to = await recipientOf(tx, created.id);
        const detail =
          to.language === "es"
            ? `Tu usuario es ${data.username}.${temporary ? " Al iniciar sesión por primera vez elegirás una contraseña propia." : ""}`
            : `Your username is ${data.username}.${temporary ? " At your first sign-in you will choose a password of your own." : ""}`;
        const notice = {
          kind: "account_created" as const,
          lang: to.language,
          organization: to.organization,
          firstName: to.firstName,
          link: appLink("/login"),
          detail,
        };
        await enqueueEmail(tx, { address: to.email, userId: created.id }, { template: "notice", props: notice }, now);
      }
      return { id: created.id, invitationLink: invitation?.link ?? null };
    });
  });
}
