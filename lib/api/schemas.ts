import { z } from "zod";
import { gender, lockReason } from "@/db/schema";
import { ClientName, ExternalId, OwnerId } from "../clients/client-input";
import { ListClientsInput } from "../clients/client-records";
import { ALL_PERMISSIONS } from "../permissions/catalog";
import { permissionNames, RoleDescription, RoleDescriptionText, RoleName } from "../roles/role-input";
import { UserPageInput } from "../users/user-records";
import { Email, OptionalDate, OptionalText, PersonName, Username } from "../validation";

/**
 * The API's request and response shapes. Request fields are built from the same zod pieces the verbs
 * parse with (names, usernames, e-mails, dates, permission lists); the verbs parse again, so a rule
 * lives in one place. Request objects are strict: an unknown member is a 422, not ignored.
 */

const Uuid = z.uuid();
const nullableId = (what: string) => z.uuid(`Unknown ${what}.`).nullable().optional();
const flag = (description: string) => z.boolean("Send true or false.").optional().meta({ description });

/** Every field an administrator sets on a user, as JSON. */
const UserBodyFields = {
  firstName: PersonName("first name"),
  lastName: PersonName("last name"),
  username: Username,
  email: Email,
  personalEmail: Email.nullable().optional().meta({ description: "Where an e-mailed invitation goes." }),
  phone: OptionalText(40, "phone number").meta({ description: "With its country code (+507 6123 4567), or national with `country`. Stored as E.164." }),
  gender: z.enum(gender.enumValues, "Choose female, male, other or unspecified.").nullable().optional(),
  birthday: OptionalDate("birthday").meta({ description: "YYYY-MM-DD" }),
  country: z.string("Use a two-letter country code, such as PA or ES.").nullable().optional().meta({ description: "ISO 3166-1 alpha-2, e.g. PA." }),
  language: z.enum(["en", "es"], "Choose en or es.").optional().meta({ description: "Interface and e-mail language. Default en." }),
  position: OptionalText(100, "position"),
  roleId: z.uuid("Choose a role."),
  branchId: nullableId("branch"),
  teamId: nullableId("team"),
  accountExpiresOn: OptionalDate("expiration date").meta({ description: "YYYY-MM-DD: access ends at the start of this day." }),
  adminConsoleAccess: flag("May sign in to the admin console. Default false."),
  status: z.enum(["active", "inactive"], "Choose active or inactive.").optional().meta({ description: "For a user created with a password. Default active." }),
  sendEndOfDayReport: flag("Receives the end-of-day report. Default false."),
  notifyGeneral: flag("General notifications. Default true."),
  notifyDomain: flag("Domain notifications. Default false."),
  notifyInvoice: flag("Invoice notifications. Default false."),
  notifyService: flag("Service notifications. Default false."),
};

export const CreateUserBody = z
  .strictObject({
    ...UserBodyFields,
    access: z.enum(["password", "invite"], "Choose password or invite.").meta({ description: "Set a password now, or invite the user to set their own." }),
    password: z
      .string("Send the password as a string.")
      .max(1000, "Use at most 72 bytes (about 72 letters, fewer with accents or emoji): longer passwords cannot be stored safely.")
      .optional()
      .meta({ description: "With access=password: at most 72 bytes, checked against the password policy." }),
    inviteMethod: z
      .enum(["email", "link"], "Choose email or link.")
      .optional()
      .meta({ description: "With access=invite: e-mail it to personalEmail, or return a link." }),
    copyPermissionsFrom: z.uuid("Unknown user.").optional().meta({ description: "Copy this user's role and per-user permissions instead of roleId." }),
  })
  // A field the chosen access leaves unused is a mistake to say, not to drop: the caller believes it set a password.
  .superRefine((body, ctx) => {
    if (body.access === "invite" && body.password !== undefined)
      ctx.addIssue({ code: "custom", path: ["password"], message: "Leave out password with access=invite: the user sets their own." });
    if (body.access === "password" && body.inviteMethod !== undefined)
      ctx.addIssue({ code: "custom", path: ["inviteMethod"], message: "Leave out inviteMethod with access=password: nobody is invited." });
    if (body.access === "invite" && body.status !== undefined)
      ctx.addIssue({ code: "custom", path: ["status"], message: "Leave out status with access=invite: an invited user is pending until they register." });
  })
  .meta({ id: "CreateUser" });

export const UpdateUserBody = z.strictObject(UserBodyFields).partial().meta({ id: "UpdateUser", description: "Only the fields to change." });

export const UsersQuery = UserPageInput.extend({
  role: UserPageInput.shape.roleId,
  branch: UserPageInput.shape.branchId,
  team: UserPageInput.shape.teamId,
})
  .omit({ roleId: true, branchId: true, teamId: true })
  .strict();

export const DeleteUserQuery = z.strictObject({ reassignClientsTo: z.uuid("Choose the user who takes over the clients.").optional() });
export const UnblockBody = z.strictObject({ sendPasswordReset: z.boolean("Send true or false.").optional() });
export const InviteBody = z.strictObject({ method: z.enum(["email", "link"], "Choose email or link.").default("email") });
export const ReassignBody = z.strictObject({ toUserId: z.uuid("Choose the user who takes over the clients.") });
export const PermissionsBody = z
  .strictObject({
    overrides: z
      .record(
        z.string(),
        z.enum(["inherit", "grant", "deny"], "Choose inherit, grant or deny."),
        'An object of permission names, such as {"users.view": "grant"}.',
      )
      .meta({ description: `Per-user overrides on top of the role, by permission (${ALL_PERMISSIONS.join(", ")}). Permissions left out keep theirs.` }),
  })
  .meta({ id: "SetPermissions" });

export const ClientsQuery = ListClientsInput.extend({ owner: ListClientsInput.shape.ownerId }).omit({ ownerId: true }).strict();
export const CreateClientBody = z.strictObject({ name: ClientName, externalId: ExternalId, ownerId: OwnerId }).meta({ id: "CreateClient" });
export const UpdateClientBody = z.strictObject({ name: ClientName, externalId: ExternalId, ownerId: OwnerId }).partial().meta({ id: "UpdateClient" });

/** In JSON, a role's permissions are a list: a lone string is refused, not taken as a list of one (as a form's one ticked box is). */
const PermissionNames = permissionNames(
  z.array(z.string('Each permission is a name, such as "users.view".'), 'A list of permission names, such as ["users.view"].'),
);
const PermissionList = PermissionNames.optional()
  .transform((names) => names ?? [])
  .meta({ description: "Permission names; none when left out." });

export const RoleBody = z.strictObject({ name: RoleName, description: RoleDescription, permissions: PermissionList }).meta({ id: "SaveRole" });
/** Only the fields sent change: no defaults here (a left-out description or list is kept, not emptied). */
export const UpdateRoleBody = z
  .strictObject({
    name: RoleName,
    description: RoleDescriptionText,
    permissions: PermissionNames.meta({ description: "Permission names; kept when left out." }),
  })
  .partial()
  .meta({ id: "UpdateRole" });
export const UnitBody = z.strictObject({ name: z.string("Enter the name.") }).meta({ id: "SaveUnit" });

// ---------------------------------------------------------------------------------------------
// Responses (for the document: the handlers return the verbs' records).

const Ref = z.object({ id: Uuid, name: z.string() });
const Instant = z.iso.datetime({ offset: true });

export const UserRecordSchema = z
  .object({
    id: Uuid,
    firstName: z.string(),
    lastName: z.string(),
    username: z.string(),
    email: z.string(),
    personalEmail: z.string().nullable(),
    phone: z.string().nullable().meta({ description: "E.164" }),
    gender: z.enum(gender.enumValues).nullable(),
    birthday: z.string().nullable(),
    country: z.string().nullable(),
    language: z.enum(["en", "es"]),
    position: z.string().nullable(),
    role: Ref,
    branch: Ref.nullable(),
    team: Ref.nullable(),
    status: z.enum(["pending", "active", "inactive"]),
    locked: z.object({ at: Instant, reason: z.enum(lockReason.enumValues).nullable() }).nullable(),
    accountExpiresOn: z.string().nullable(),
    adminConsoleAccess: z.boolean(),
    sendEndOfDayReport: z.boolean(),
    notifyGeneral: z.boolean(),
    notifyDomain: z.boolean(),
    notifyInvoice: z.boolean(),
    notifyService: z.boolean(),
    mustChangePassword: z.boolean(),
    registeredAt: Instant.nullable(),
    confirmedAt: Instant.nullable(),
    lastLoginAt: Instant.nullable(),
    lastActivityAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    version: z.number().int().meta({ description: "Also the ETag: send it back as If-Match to update." }),
  })
  .meta({ id: "User" });

export const CreatedUserSchema = z.object({ user: UserRecordSchema, invitationLink: z.string().nullable() }).meta({ id: "CreatedUser" });

export const ClientRecordSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    externalId: z.string().nullable(),
    owner: z.object({ id: Uuid, name: z.string(), username: z.string() }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Client" });

export const RoleRecordSchema = z
  .object({
    id: Uuid,
    key: z.string().nullable().meta({ description: "Built-in roles' stable key; null for custom roles." }),
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    members: z.number().int(),
    permissions: z.array(z.string()),
  })
  .meta({ id: "Role" });

export const UnitRecordSchema = z.object({ id: Uuid, name: z.string(), members: z.number().int() }).meta({ id: "Unit" });

export const PermissionsRecordSchema = z
  .object({
    userId: Uuid,
    role: Ref,
    permissions: z.array(z.string()).meta({ description: "Effective permissions." }),
    grants: z.array(z.string()),
    denials: z.array(z.string()),
  })
  .meta({ id: "UserPermissions" });

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }) })
    .meta({ id });
export const list = <T extends z.ZodType>(item: T, id: string) => z.object({ data: z.array(item) }).meta({ id });

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "A stable URI per kind of error, e.g. https://rollcall.dev/problems/validation." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), detail: z.string() }))
      .optional()
      .meta({ description: "For 400 and 422: each field's problem." }),
    clients: z
      .array(z.object({ id: Uuid, name: z.string(), externalId: z.string().nullable() }))
      .optional()
      .meta({
        description: "For a 409 on DELETE /users/{id}: the clients to reassign first.",
      }),
  })
  .meta({ id: "Problem" });
