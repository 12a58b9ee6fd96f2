import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { gender, invitationTokens, language, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { selfActor, type Ctx, type Verb } from "../context";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { DomainError, ValidationFailed } from "../errors";
import { hashPassword } from "../passwords/hash";
import { passwordProblem, refinePasswordPair } from "../passwords/policy";
import { getSettings } from "../settings/get-settings";
import { appLink, cancelUnsentEmails, findToken, tokenState, type TokenState } from "../tokens/tokens";
import { OptionalDate, OptionalText, PersonName } from "../validation";
import { isCountry } from "../users/countries";
import { checkPhone, parseUserInput } from "../users/resolve-fields";

/** The links that open the registration page: an invitation, or a set-password link made by an administrator. */
const isRegistrationToken = (purpose: string) => purpose === "invite" || purpose === "set_password";
import { dateProblems } from "../users/user-input";

export const LINK_NO_LONGER_VALID = "This link is no longer valid. Ask your administrator for a new one.";

/**
 * Whether a registration link (an invitation, or a set-password link after a confirmation) still
 * opens its account: the link itself valid, the account not Inactive nor locked, no password set
 * since the link went out, and, for a link sent by e-mail, the address it went to still the
 * account's (the personal e-mail for an invitation, the work e-mail for a set-password link). An
 * administrator who corrects a mistyped address ends the link the stranger got, as a reset link
 * ends with the address it went to (resetLinkHolds).
 */
export function registrationLinkHolds(
  row: { purpose: string; usedAt: Date | null; revokedAt: Date | null; expiresAt: Date; createdAt: Date; sentTo: string | null } | null | undefined,
  user: { status: string; email: string; personalEmail: string | null; lockedAt: Date | null; passwordChangedAt: Date | null } | undefined,
  now: Date,
): row is NonNullable<typeof row> {
  if (!row || !isRegistrationToken(row.purpose) || tokenState(row, now) !== "valid") return false;
  if (!user || user.status === "inactive" || user.lockedAt) return false;
  if (user.passwordChangedAt && user.passwordChangedAt > row.createdAt) return false;
  if (!row.sentTo) return true; // a shareable link, handed over by the administrator, is tied to no address
  const address = row.purpose === "invite" ? user.personalEmail : user.email;
  return !!address && address.toLowerCase() === row.sentTo.toLowerCase();
}

const LINK_USER = {
  status: users.status,
  email: users.email,
  personalEmail: users.personalEmail,
  lockedAt: users.lockedAt,
  passwordChangedAt: users.passwordChangedAt,
};

/** What /invite/[token] shows: the organization and the invitee's details, or why the link fails. */
export async function describeInvitation(ctx: Ctx, token: string) {
  const row = await findToken(ctx.db, token);
  const state: TokenState = row && isRegistrationToken(row.purpose) ? tokenState(row, ctx.now()) : "unknown";
  const settings = await getSettings(ctx.db);
  if (state !== "valid" || !row) return { state, organization: settings["organization.name"] } as const;
  const [found] = await ctx.db
    .select({
      ...LINK_USER,
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      phone: users.phone,
      gender: users.gender,
      birthday: users.birthday,
      country: users.country,
      language: users.language,
    })
    .from(users)
    .where(eq(users.id, row.userId));
  if (!registrationLinkHolds(row, found, ctx.now())) return { state: "revoked" as const, organization: settings["organization.name"] };
  const { firstName, lastName, username, email, phone, gender, birthday, country, language, status } = found!;
  const user = { firstName, lastName, username, email, phone, gender, birthday, country, language, status };
  return { state, organization: settings["organization.name"], user, expiresAt: row.expiresAt } as const;
}

const emptyToNull = (v: unknown) => (v === "" ? null : v);

export const RegistrationInput = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "This link is no longer valid. Ask your administrator for a new one."),
    firstName: PersonName("first name"),
    lastName: PersonName("last name"),
    phone: OptionalText(40, "phone number"),
    gender: z.preprocess(emptyToNull, z.enum(gender.enumValues, "Choose from the list.").nullable().optional()),
    birthday: OptionalDate("birthday"),
    country: z.preprocess(
      (v) => (typeof v === "string" ? (v.trim() ? v.trim().toUpperCase() : null) : v),
      z.string().refine(isCountry, "Choose a country from the list.").nullable().optional(),
    ),
    language: z.preprocess(emptyToNull, z.enum(language.enumValues).default("en")),
    password: z.string(),
    confirmPassword: z.string(),
  })
  .superRefine((d, c) => refinePasswordPair(d, c, [d.firstName, d.lastName]));

/**
 * Completes registration from an invitation: the invitee fills in what is missing and sets a
 * password; the user becomes Active with registered and confirmed dates. Public (the token is the
 * credential). The token row is locked and used in the same transaction, so a double submission
 * registers once and the second is refused.
 */
export async function completeRegistration({ ctx, input }: Verb<Record<string, unknown>>) {
  const data = parseUserInput(RegistrationInput, input, ctx.now());
  const errors: Record<string, string[]> = dateProblems({ birthday: data.birthday }, ctx.now());
  let phone = data.phone ?? null;
  if (phone) {
    const checked = checkPhone(phone, data.country);
    if (checked.e164 === undefined) errors.phone = [checked.problem];
    else phone = checked.e164;
  }
  if (Object.keys(errors).length) throw ValidationFailed(errors);
  const passwordHash = await hashPassword(data.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findToken(tx, data.token, { lock: true });
    if (!row) throw new DomainError("not_found", LINK_NO_LONGER_VALID);
    const [user] = await tx
      .select({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName, ...LINK_USER })
      .from(users)
      .where(eq(users.id, row.userId))
      .for("update");
    if (!registrationLinkHolds(row, user, now)) throw new DomainError("not_found", LINK_NO_LONGER_VALID);
    // Not one made of their own names, which the link's page could not know before the token was read.
    const problem = passwordProblem(data.password, [user.username, user.email, user.firstName, user.lastName]);
    if (problem) throw ValidationFailed({ password: [problem] });
    await tx
      .update(users)
      .set({
        firstName: data.firstName,
        lastName: data.lastName,
        phone,
        gender: data.gender ?? null,
        birthday: data.birthday ?? null,
        country: data.country ?? null,
        language: data.language,
        status: "active",
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        registeredAt: now,
        confirmedAt: sql`coalesce(${users.confirmedAt}, ${now}::timestamptz)`,
        lastActivityAt: now,
        updatedAt: now,
        version: sql`${users.version} + 1`,
        // A password is set: whatever session stood before (none should) ends with it.
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id));
    await tx.update(invitationTokens).set({ usedAt: now }).where(eq(invitationTokens.id, row.id));
    const revoked = await tx
      .update(invitationTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitationTokens.userId, user.id),
          inArray(invitationTokens.purpose, ["invite", "set_password"]),
          isNull(invitationTokens.usedAt),
          isNull(invitationTokens.revokedAt),
        ),
      )
      .returning({ emailId: invitationTokens.emailId });
    await cancelUnsentEmails(tx, revoked);
    const to = await recipientOf(tx, user.id);
    await enqueueEmail(
      tx,
      { address: to.email, userId: user.id },
      { template: "notice", props: { kind: "welcome", lang: to.language, organization: to.organization, firstName: to.firstName, link: appLink("/login") } },
      now,
    );
    const name = `${data.firstName} ${data.lastName}`;
    await recordAudit(tx, ctx, "user.registered", {
      target: { type: "user", id: user.id, name },
      actor: selfActor({ id: user.id, name, username: user.username }),
    });
    return { userId: user.id, username: user.username };
  });
}
