import { z } from "zod";
import { gender, language } from "@/db/schema";
import { refinePasswordPair } from "../passwords/policy";
import { Email, FormBoolean, ImageUpload, OptionalDate, OptionalId, OptionalText, PersonName, Username } from "../validation";
import { isCountry } from "./countries";

const emptyToNull = (v: unknown) => (v === "" ? null : v);

/** Every field an administrator sets on a user, as the form and the API send them. */
export const UserFields = z.object({
  firstName: PersonName("first name"),
  lastName: PersonName("last name"),
  username: Username,
  email: Email,
  personalEmail: z.preprocess(emptyToNull, Email.nullable().optional()),
  phone: OptionalText(40, "phone number"),
  gender: z.preprocess(emptyToNull, z.enum(gender.enumValues, "Choose a gender from the list.").nullable().optional()),
  birthday: OptionalDate("birthday"),
  country: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toUpperCase()) : v),
    z.string().refine(isCountry, "Choose a country from the list.").nullable().optional(),
  ),
  language: z.preprocess(emptyToNull, z.enum(language.enumValues, "Choose English or Spanish.").default("en")),
  position: OptionalText(100, "position"),
  branchId: OptionalId("Choose a branch from the list."),
  teamId: OptionalId("Choose a team from the list."),
  roleId: z.uuid("Choose a role."),
  accountExpiresOn: OptionalDate("expiration date"),
  adminConsoleAccess: FormBoolean,
  status: z.enum(["active", "inactive"], "Choose Active or Inactive.").default("active"),
  sendEndOfDayReport: FormBoolean,
  notifyGeneral: FormBoolean,
  notifyDomain: FormBoolean,
  notifyInvoice: FormBoolean,
  notifyService: FormBoolean,
  image: ImageUpload,
  removeImage: FormBoolean,
});
export type UserFields = z.output<typeof UserFields>;

export const CreateUserInput = UserFields.extend({
  access: z.enum(["password", "invite"], "Choose a password or an invitation."),
  password: z.string().optional(),
  confirmPassword: z.string().optional(),
  inviteMethod: z.preprocess(emptyToNull, z.enum(["email", "link"]).nullable().optional()),
  copyPermissionsFrom: OptionalId("Choose a user to copy permissions from."),
}).superRefine((data, ctx) => {
  if (data.access === "password") {
    refinePasswordPair({ password: data.password ?? "", confirmPassword: data.confirmPassword ?? "" }, ctx, [
      data.username,
      data.email,
      data.firstName,
      data.lastName,
    ]);
  } else {
    if (!data.inviteMethod) ctx.addIssue({ code: "custom", path: ["inviteMethod"], message: "Choose how to send the invitation." });
    if (data.inviteMethod === "email" && !data.personalEmail)
      ctx.addIssue({ code: "custom", path: ["personalEmail"], message: "Enter the personal e-mail address the invitation goes to." });
  }
});
export type CreateUserInput = Record<string, unknown>;

export const UpdateUserInput = UserFields.extend({
  userId: z.uuid("Unknown user."),
  expectedVersion: z.coerce.number().int().min(1),
});
export type UpdateUserInput = Record<string, unknown>;

/** The checks that depend on today's date, which only the verb knows. */
export function dateProblems(data: { birthday?: string | null; accountExpiresOn?: string | null }, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const errors: Record<string, string[]> = {};
  if (data.birthday && data.birthday > today) errors.birthday = ["The birthday cannot be in the future."];
  if (data.birthday && data.birthday < "1900-01-01") errors.birthday = ["Enter a birthday after 1900."];
  if (data.accountExpiresOn && data.accountExpiresOn <= today) errors.accountExpiresOn = ["The expiration date must be after today."];
  return errors;
}

/** The columns an administrator's form sets, from parsed fields (absent optional values become null). */
export function userColumns(data: UserFields) {
  return {
    firstName: data.firstName,
    lastName: data.lastName,
    username: data.username,
    email: data.email,
    personalEmail: data.personalEmail ?? null,
    phone: data.phone ?? null,
    gender: data.gender ?? null,
    birthday: data.birthday ?? null,
    country: data.country ?? null,
    language: data.language,
    position: data.position ?? null,
    branchId: data.branchId ?? null,
    teamId: data.teamId ?? null,
    roleId: data.roleId,
    accountExpiresOn: data.accountExpiresOn ?? null,
    adminConsoleAccess: data.adminConsoleAccess,
    status: data.status,
    sendEndOfDayReport: data.sendEndOfDayReport,
    notifyGeneral: data.notifyGeneral,
    notifyDomain: data.notifyDomain,
    notifyInvoice: data.notifyInvoice,
    notifyService: data.notifyService,
  };
}
