import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { branches, language, roles, teams, userImages, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Ctx, UserActor, Verb } from "../context";
import { DomainError, PreconditionFailed, ValidationFailed, type FieldErrors } from "../errors";
import { getSettings, type Settings } from "../settings/get-settings";
import { checkPhone } from "../users/resolve-fields";
import { optionalImage, storeUserImage } from "../users/user-image";
import { addFieldError, fieldErrorsOf, FormBoolean, ImageUpload, OptionalText, PersonName } from "../validation";

/** What a user may change on their own account, as the administrator set it (Settings → Security). */
export function selfService(settings: Settings) {
  return {
    name: settings["account.editName"],
    phone: settings["account.editPhone"],
    picture: settings["account.editPicture"],
    email: settings["account.editEmail"],
    notifications: settings["account.editNotifications"],
  };
}
export type SelfService = ReturnType<typeof selfService>;

/** The signed-in user, or a refusal: every account verb acts on its caller and nobody else. */
export function accountHolder(ctx: Ctx): UserActor {
  if (ctx.actor?.kind !== "user") throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  return ctx.actor;
}

/** The signed-in user's own details and what they may change. Needs no permission. */
export async function getOwnAccount({ ctx }: { ctx: Ctx }) {
  const actor = accountHolder(ctx);
  const [row] = await ctx.db
    .select({
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      email: users.email,
      phone: users.phone,
      country: users.country,
      language: users.language,
      position: users.position,
      role: roles.name,
      branch: branches.name,
      team: teams.name,
      notifyGeneral: users.notifyGeneral,
      notifyDomain: users.notifyDomain,
      notifyInvoice: users.notifyInvoice,
      notifyService: users.notifyService,
      imageUpdatedAt: users.imageUpdatedAt,
      lastLoginAt: users.lastLoginAt,
      passwordChangedAt: users.passwordChangedAt,
      registeredAt: users.registeredAt,
      version: users.version,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, actor.userId));
  if (!row) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  const settings = await getSettings(ctx.db);
  const maxAge = settings["password.maxAgeDays"];
  const passwordExpiresAt = maxAge && row.passwordChangedAt ? new Date(row.passwordChangedAt.getTime() + maxAge * 86_400_000) : null;
  return { ...row, userId: actor.userId, editable: selfService(settings), passwordExpiresAt };
}

// Every field is optional: what is not sent stays as it is. A field the administrator keeps to
// themselves is refused when sent, so a hand-made request can't change it either.
const Flag = FormBoolean.optional();
export const OwnProfileInput = z.object({
  firstName: PersonName("first name").optional(),
  lastName: PersonName("last name").optional(),
  phone: OptionalText(40, "phone number"),
  language: z.enum(language.enumValues, "Choose English or Spanish.").optional(),
  notifyGeneral: Flag,
  notifyDomain: Flag,
  notifyInvoice: Flag,
  notifyService: Flag,
  image: ImageUpload,
  removeImage: Flag,
  /** The version the form showed: refused when the profile changed since (another tab, an administrator). */
  expectedVersion: z.coerce
    .number("Reload the page and try again.")
    .int("Reload the page and try again.")
    .nonnegative("Reload the page and try again.")
    .optional(),
});
export type OwnProfileInput = Partial<Record<keyof z.input<typeof OwnProfileInput>, unknown>>;

const GROUPS: Record<keyof SelfService, (keyof z.output<typeof OwnProfileInput>)[]> = {
  name: ["firstName", "lastName"],
  phone: ["phone"],
  picture: ["image", "removeImage"],
  email: [],
  notifications: ["notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"],
};
const MANAGED = "Your administrator manages this field; ask them to change it.";
const COLUMNS = ["firstName", "lastName", "phone", "language", "notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"] as const;

/**
 * Parses the profile form. When the schema refuses a field, a phone number that parses on its own is
 * also checked against the user's country, so the form shows every problem at once rather than the
 * phone's only once the names are fixed.
 */
async function parseOwnProfile(ctx: Ctx, actor: UserActor, input: OwnProfileInput) {
  const result = OwnProfileInput.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error);
  const phone = OwnProfileInput.shape.phone.safeParse(input.phone);
  if (!Object.hasOwn(errors, "phone") && phone.success && phone.data) {
    const [me] = await ctx.db.select({ country: users.country, phone: users.phone }).from(users).where(eq(users.id, actor.userId));
    const problem = me ? checkPhone(phone.data, me.country, me.phone).problem : undefined;
    if (problem) addFieldError(errors, "phone", problem);
  }
  throw ValidationFailed(errors);
}

/**
 * The signed-in user changes their own profile: the fields the administrator lets them edit, their
 * language always. Writes the change and its audit event in one transaction.
 */
export async function updateOwnProfile({ ctx, input }: Verb<OwnProfileInput>) {
  const actor = accountHolder(ctx);
  const data = await parseOwnProfile(ctx, actor, input);
  const editable = selfService(await getSettings(ctx.db));
  const refused: FieldErrors = {};
  for (const [group, fields] of Object.entries(GROUPS))
    if (!editable[group as keyof SelfService])
      for (const field of fields) if (data[field] !== undefined && !(field === "removeImage" && data[field] === false)) refused[field] = [MANAGED];
  if (Object.keys(refused).length) throw ValidationFailed(refused);
  const image = await optionalImage(data.image);
  const now = ctx.now();

  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        firstName: users.firstName,
        lastName: users.lastName,
        phone: users.phone,
        country: users.country,
        language: users.language,
        notifyGeneral: users.notifyGeneral,
        notifyDomain: users.notifyDomain,
        notifyInvoice: users.notifyInvoice,
        notifyService: users.notifyService,
        imageUpdatedAt: users.imageUpdatedAt,
        version: users.version,
      })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for("no key update");
    if (!before) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    if (data.expectedVersion !== undefined && data.expectedVersion !== before.version)
      throw PreconditionFailed(
        "Your profile was changed elsewhere since this page was opened (in another tab, or by an administrator): reload the page to see it, then make your change again.",
      );
    const after = { ...before };
    if (data.firstName !== undefined) after.firstName = data.firstName;
    if (data.lastName !== undefined) after.lastName = data.lastName;
    if (data.language !== undefined) after.language = data.language;
    for (const flag of GROUPS.notifications) if (data[flag] !== undefined) after[flag as "notifyGeneral"] = data[flag] as boolean;
    if (data.phone !== undefined) {
      if (!data.phone) after.phone = null;
      else {
        const checked = checkPhone(data.phone, before.country, before.phone);
        if (checked.e164 === undefined) throw ValidationFailed({ phone: [checked.problem] });
        after.phone = checked.e164;
      }
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const field of COLUMNS) if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
    if (image) changes.image = ["previous", "new"];
    else if (data.removeImage && before.imageUpdatedAt) changes.image = ["previous", null];
    if (Object.keys(changes).length === 0) return { changed: false, language: after.language };

    if (image) await storeUserImage(tx, actor.userId, image, now);
    else if (changes.image) {
      await tx.delete(userImages).where(eq(userImages.userId, actor.userId));
      await tx.update(users).set({ imageUpdatedAt: null }).where(eq(users.id, actor.userId));
    }
    const { country: _country, imageUpdatedAt: _image, version: _version, ...columns } = after;
    await tx
      .update(users)
      .set({ ...columns, updatedAt: now, updatedById: actor.userId, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, ctx, "user.updated", {
      target: { type: "user", id: actor.userId, name: `${after.firstName} ${after.lastName}` },
      detail: { changes, by: "self" },
    });
    return { changed: true, language: after.language };
  });
}
