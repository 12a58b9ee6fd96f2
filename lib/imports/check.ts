import { eq, inArray, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { branches, rolePermissions, roles, teams, userPermissions, users } from "@/db/schema";
import { foldForSearch } from "../users/search";
import { ownAccountOf, type Actor } from "../context";
import { ADMINISTRATOR_ROLE_KEY, permissionList, type Permission } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";
import { isEffectiveAdministrator, liftsExpiry } from "../permissions/guards";
import { COUNTRIES, isCountry } from "../users/countries";
import { parsePhone, PHONE_EXTENSION } from "../users/phone";
import { dateProblems } from "../users/user-input";
import { USER_FIELD_COLUMNS } from "../users/user-records";
import { Email, isCalendarDate, PersonName, Text, Username } from "../validation";
import type { ImportField } from "./columns";
import { unescapeFormula } from "../csv/escape";

const phoneProblem = (problem: "invalid" | "extension") =>
  problem === "extension" ? PHONE_EXTENSION : "This is not a valid phone number for its country: start with + and the country code.";

export interface ImportOptions {
  /** E-mail an invitation to each new user (to their personal e-mail). */
  invite: boolean;
  /** Create a branch or team the file names that does not exist yet. */
  createMissingUnits: boolean;
}

export type RowAction = "create" | "update" | "unchanged" | "error";
export interface RowProblem {
  field: ImportField | "row";
  message: string;
}
export interface CheckedRow {
  action: RowAction;
  userId: string | null;
  /** create: every column; update: { field: [before, after] }. Branch and team may be { create: name }. */
  changes: Record<string, unknown> | null;
  errors: RowProblem[];
  /** Ends an effective administrator's administration (checked against the last one after all rows). */
  removesAdministrator?: boolean;
}

type Cells = Partial<Record<ImportField, string>>;

interface RoleInfo {
  id: string;
  key: string | null;
  name: string;
  permissions: Set<Permission>;
}

/** What checking needs besides the rows: the importer, the roles, branches and teams, the administrators. */
export interface CheckContext {
  actor: Actor;
  options: ImportOptions;
  now: Date;
  rolesByName: Map<string, RoleInfo>;
  rolesById: Map<string, RoleInfo>;
  branches: Map<string, { id: string; name: string }>;
  teams: Map<string, { id: string; name: string }>;
  administratorIds: Set<string>;
}

/** What every row is checked against. One query after another: `db` may be the apply's transaction (pg refuses overlapping queries on one client). */
export async function loadCheckContext(db: Handle, actor: Actor, options: ImportOptions, now: Date): Promise<CheckContext> {
  const roleRows = await db.select({ id: roles.id, key: roles.key, name: roles.name }).from(roles);
  const perms = await db.select({ roleId: rolePermissions.roleId, permission: rolePermissions.permission }).from(rolePermissions);
  const branchRows = await db.select({ id: branches.id, name: branches.name }).from(branches);
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams);
  const admins = await db
    .select({
      id: users.id,
      roleKey: roles.key,
      status: users.status,
      lockedAt: users.lockedAt,
      adminConsoleAccess: users.adminConsoleAccess,
      accountExpiresOn: users.accountExpiresOn,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(roles.key, ADMINISTRATOR_ROLE_KEY));
  const infos = roleRows.map((r) => ({
    ...r,
    permissions: effectivePermissions({ roleKey: r.key, rolePermissions: perms.filter((p) => p.roleId === r.id).map((p) => p.permission), overrides: [] }),
  }));
  const rolesByName = new Map<string, RoleInfo>();
  for (const r of infos) {
    rolesByName.set(foldForSearch(r.name), r);
    if (r.key) rolesByName.set(r.key, r);
  }
  return {
    actor,
    options,
    now,
    rolesByName,
    rolesById: new Map(infos.map((r) => [r.id, r])),
    // Names as the console compares them: "Bogota" in a file is the branch Bogotá, not a new one.
    branches: new Map(branchRows.map((b) => [foldForSearch(b.name), b])),
    teams: new Map(teamRows.map((t) => [foldForSearch(t.name), t])),
    administratorIds: new Set(admins.filter((a) => isEffectiveAdministrator(a, now)).map((a) => a.id)),
  };
}

const EXISTING = USER_FIELD_COLUMNS;
type Existing = Awaited<ReturnType<typeof findExisting>>[number] & { permissions: Set<Permission> };

function findExisting(db: Handle, emails: string[], usernames: string[]) {
  return db
    .select(EXISTING)
    .from(users)
    .where(or(inArray(sql`lower(${users.email})`, emails.length ? emails : [""]), inArray(sql`lower(${users.username})`, usernames.length ? usernames : [""])));
}

/** The users a batch of rows names, by lower-cased e-mail and username, with what each holds. */
export async function matchUsers(db: Handle, ctx: CheckContext, rows: Cells[]) {
  const emails = [...new Set(rows.map((r) => r.email?.trim().toLowerCase()).filter((v): v is string => !!v))];
  const usernames = [...new Set(rows.map((r) => r.username?.trim().toLowerCase()).filter((v): v is string => !!v))];
  const found = await findExisting(db, emails, usernames);
  const overrides = found.length
    ? await db
        .select({ userId: userPermissions.userId, permission: userPermissions.permission, effect: userPermissions.effect })
        .from(userPermissions)
        .where(
          inArray(
            userPermissions.userId,
            found.map((u) => u.id),
          ),
        )
    : [];
  const byEmail = new Map<string, Existing>();
  const byUsername = new Map<string, Existing>();
  for (const u of found) {
    const role = ctx.rolesById.get(u.roleId)!;
    const permissions = effectivePermissions({ roleKey: role.key, rolePermissions: role.permissions, overrides: overrides.filter((o) => o.userId === u.id) });
    const withPermissions = { ...u, permissions };
    byEmail.set(u.email.toLowerCase(), withPermissions);
    byUsername.set(u.username.toLowerCase(), withPermissions);
  }
  return { byEmail, byUsername };
}

const BOOLEAN: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  "1": true,
  x: true,
  si: true,
  sí: true,
  no: false,
  n: false,
  false: false,
  "0": false,
};
const GENDER: Record<string, string> = {
  female: "female",
  f: "female",
  femenino: "female",
  mujer: "female",
  male: "male",
  m: "male",
  masculino: "male",
  hombre: "male",
  other: "other",
  otro: "other",
  unspecified: "unspecified",
  "sin especificar": "unspecified",
};
const LANGUAGE: Record<string, "en" | "es"> = { en: "en", english: "en", inglés: "en", ingles: "en", es: "es", spanish: "es", español: "es", espanol: "es" };
const STATUS: Record<string, "active" | "inactive" | "pending"> = {
  active: "active",
  activo: "active",
  inactive: "inactive",
  inactivo: "inactive",
  pending: "pending",
  pendiente: "pending",
};
const COUNTRY_BY_NAME = new Map(COUNTRIES.map((c) => [c.name.toLowerCase(), c.code]));
const BOOLEAN_FIELDS = ["adminConsoleAccess", "sendEndOfDayReport", "notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"] as const;

/** A cell a spreadsheet would run as a formula (Rollcall's own `'` escape was removed on reading). */
const FORMULA = /^[=@]|^[+-][A-Za-z]/;

interface Parsed {
  values: Record<string, unknown>;
  role?: RoleInfo;
  status?: "active" | "inactive" | "pending";
  branch?: { id: string | null; name: string };
  team?: { id: string | null; name: string };
  errors: RowProblem[];
}

// Built once: a zod schema costs more to make than to run, and a file has up to 50,000 rows.
const FIRST_NAME = PersonName("first name");
const LAST_NAME = PersonName("last name");
const POSITION = Text(100, "The position has at most 100 characters.");

/** Each non-empty cell, checked and turned into the value its column stores. */
function parseCells(cells: Cells, ctx: CheckContext): Parsed {
  const out: Parsed = { values: {}, errors: [] };
  const fail = (field: ImportField, message: string) => out.errors.push({ field, message });
  const zod = (
    field: ImportField,
    schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } },
    value: string,
  ) => {
    const r = schema.safeParse(value);
    if (r.success) out.values[field] = r.data;
    else fail(field, r.error!.issues[0].message);
  };
  for (const [field, raw] of Object.entries(cells) as [ImportField, string][]) {
    const written = raw.trim();
    if (!written) continue;
    // A formula as written is refused; Rollcall's own escape of text that looks like one ('=…, '+507…) is text.
    if (FORMULA.test(written)) {
      fail(field, "This cell is a formula: replace it with its value.");
      continue;
    }
    const value = unescapeFormula(written);
    if (value.length > 1_000) {
      fail(field, "This cell has more than 1,000 characters.");
      continue;
    }
    if (value.includes("\uFEFF")) {
      fail(field, "This cell holds a byte-order mark (U+FEFF): were two files joined? Remove it.");
      continue;
    }
    const lower = value.toLowerCase();
    switch (field) {
      case "firstName":
        zod(field, FIRST_NAME, value);
        break;
      case "lastName":
        zod(field, LAST_NAME, value);
        break;
      case "username":
        zod(field, Username, value);
        break;
      case "email":
      case "personalEmail":
        zod(field, Email, value);
        break;
      case "position":
        zod(field, POSITION, value);
        break;
      case "phone":
        out.values.phone = value; // checked with the country below
        break;
      case "gender":
        if (GENDER[lower]) out.values.gender = GENDER[lower];
        else fail(field, "Use female, male, other or unspecified.");
        break;
      case "language":
        if (LANGUAGE[lower]) out.values.language = LANGUAGE[lower];
        else fail(field, "Use en (English) or es (Spanish).");
        break;
      case "country": {
        const code = isCountry(value.toUpperCase()) ? value.toUpperCase() : COUNTRY_BY_NAME.get(lower);
        if (code) out.values.country = code;
        else fail(field, "Use a two-letter country code, such as PA or ES.");
        break;
      }
      case "birthday":
      case "accountExpiresOn":
        if (isCalendarDate(value)) out.values[field] = value;
        else fail(field, "Write the date as YYYY-MM-DD, a day that exists.");
        break;
      case "status":
        if (STATUS[lower]) out.status = STATUS[lower];
        else fail(field, "Use active, inactive or pending.");
        break;
      case "role": {
        const role = ctx.rolesByName.get(foldForSearch(value));
        if (role) out.role = role;
        else fail(field, `There is no role named “${value}”.`);
        break;
      }
      case "branch":
      case "team": {
        const unit = (field === "branch" ? ctx.branches : ctx.teams).get(foldForSearch(value));
        if (unit) out[field] = unit;
        else if (ctx.options.createMissingUnits) out[field] = { id: null, name: value };
        else
          fail(
            field,
            field === "branch"
              ? `There is no branch named “${value}”: create it, or choose to create missing ones.`
              : `There is no team named “${value}”: create it, or choose to create missing ones.`,
          );
        break;
      }
      default:
        if ((BOOLEAN_FIELDS as readonly string[]).includes(field)) {
          if (lower in BOOLEAN) out.values[field] = BOOLEAN[lower];
          else fail(field, "Use yes or no.");
        }
    }
  }
  const dates = dateProblems(
    { birthday: out.values.birthday as string | undefined, accountExpiresOn: out.values.accountExpiresOn as string | undefined },
    ctx.now,
  );
  for (const [field, messages] of Object.entries(dates)) fail(field as ImportField, messages[0]);
  return out;
}

const missing = (held: Set<Permission>, needed: Set<Permission>) => [...needed].filter((p) => !held.has(p));

/**
 * Decides what one row would do, and why not when it can't: create (no user has its e-mail or
 * username), update (the fields whose cells are filled and differ), unchanged, or error — with every
 * problem named by its column. The same rules as the console: the importer gives no role they don't
 * hold, changes nobody who holds more than they do, and doesn't change their own role or status.
 */
export function checkRow(cells: Cells, ctx: CheckContext, found: Awaited<ReturnType<typeof matchUsers>>, duplicateOf: number | null): CheckedRow {
  const parsed = parseCells(cells, ctx);
  const errors = parsed.errors;
  const v = parsed.values;
  if (duplicateOf !== null) errors.push({ field: "row", message: `The same e-mail or username as row ${duplicateOf}.` });
  const byEmail = v.email ? found.byEmail.get(String(v.email)) : undefined;
  const byUsername = v.username ? found.byUsername.get(String(v.username).toLowerCase()) : undefined;
  if (byEmail && byUsername && byEmail.id !== byUsername.id)
    errors.push({ field: "row", message: `The e-mail belongs to ${byEmail.username} and the username to another user (${byUsername.username}).` });
  const existing = byEmail ?? byUsername;
  const actor = ctx.actor.permissions as Set<Permission>;
  const self = !!existing && ownAccountOf(ctx.actor) === existing.id;
  const unitChange = (unit?: { id: string | null; name: string }) => (unit ? (unit.id ?? { create: unit.name }) : undefined);

  if (parsed.role && missing(actor, parsed.role.permissions).length)
    errors.push({ field: "role", message: `You can't give the role ${parsed.role.name}: it holds permissions you don't.` });

  if (!existing) {
    if (!actor.has("users.import")) errors.push({ field: "row", message: "You may not create users by import." });
    for (const field of ["firstName", "lastName", "username", "email"] as const)
      if (!v[field] && !errors.some((e) => e.field === field)) errors.push({ field, message: "A new user needs this." });
    if (!parsed.role && !errors.some((e) => e.field === "role")) errors.push({ field: "role", message: "A new user needs a role." });
    if (parsed.status === "active" && !ctx.options.invite)
      errors.push({ field: "status", message: "A new user can't be Active without a password or an invitation: leave it Pending, or send invitations." });
    if (ctx.options.invite && !v.personalEmail && !errors.some((e) => e.field === "personalEmail"))
      errors.push({ field: "personalEmail", message: "The invitation goes to a personal e-mail: fill it in." });
    if (v.phone) {
      const phone = parsePhone(String(v.phone), (v.country as string | undefined) ?? null);
      if ("e164" in phone) v.phone = phone.e164;
      else errors.push({ field: "phone", message: phoneProblem(phone.problem) });
    }
    if (errors.length) return { action: "error", userId: null, changes: null, errors };
    return {
      action: "create",
      userId: null,
      errors: [],
      changes: {
        ...v,
        roleId: parsed.role!.id,
        status: parsed.status === "inactive" ? "inactive" : "pending",
        branchId: unitChange(parsed.branch) ?? null,
        teamId: unitChange(parsed.team) ?? null,
      },
    };
  }

  if (!actor.has("users.update")) errors.push({ field: "row", message: `${existing.username} already exists, and you may not change existing users.` });
  const short = missing(actor, existing.permissions);
  if (short.length)
    errors.push({ field: "row", message: `${existing.username} holds permissions you don't (${permissionList(short)}): you can't change them.` });
  const after: Record<string, unknown> = { ...v };
  if (after.phone) {
    const phone = parsePhone(String(after.phone), (after.country as string | undefined) ?? existing.country);
    if ("e164" in phone) after.phone = phone.e164;
    else errors.push({ field: "phone", message: phoneProblem(phone.problem) });
  }
  if (parsed.role) after.roleId = parsed.role.id;
  if (parsed.branch) after.branchId = unitChange(parsed.branch);
  if (parsed.team) after.teamId = unitChange(parsed.team);
  if (parsed.status && parsed.status !== existing.status) {
    if (existing.status === "pending")
      errors.push({ field: "status", message: `${existing.username} hasn't registered yet: confirm them in the console instead.` });
    else if (parsed.status === "pending") errors.push({ field: "status", message: "A registered user can't become Pending again." });
    else after.status = parsed.status;
  }
  delete after.email; // the e-mail found the user; it isn't changed by import
  if (byUsername && v.email && !byEmail) after.email = v.email; // matched on username: a new e-mail is a change
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, value] of Object.entries(after)) {
    const before = existing[field as keyof typeof existing];
    if (before !== value) changes[field] = [before ?? null, value];
  }
  if (self && (changes.roleId || changes.status || changes.adminConsoleAccess))
    errors.push({ field: "row", message: "You can't change your own role, status or console access by import." });
  else if (self && changes.accountExpiresOn && liftsExpiry(existing.accountExpiresOn, changes.accountExpiresOn[1] as string | null))
    errors.push({ field: "accountExpiresOn", message: "You cannot remove or postpone your own expiration date." });
  else if (changes.roleId && !actor.has("users.permissions"))
    errors.push({ field: "role", message: "Changing a user's role needs the permission Edit permissions." });
  if (errors.length) return { action: "error", userId: existing.id, changes: null, errors };
  if (!Object.keys(changes).length) return { action: "unchanged", userId: existing.id, changes: null, errors: [] };
  const role = changes.roleId ? ctx.rolesById.get(changes.roleId[1] as string)! : undefined;
  const removesAdministrator =
    ctx.administratorIds.has(existing.id) &&
    (changes.status?.[1] === "inactive" ||
      changes.adminConsoleAccess?.[1] === false ||
      (role !== undefined && role.key !== ADMINISTRATOR_ROLE_KEY) ||
      (changes.accountExpiresOn !== undefined && changes.accountExpiresOn[1] !== null));
  return { action: "update", userId: existing.id, changes, errors: [], removesAdministrator };
}
