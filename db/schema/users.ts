import { sql, type SQL } from "drizzle-orm";
import { boolean, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { gender, language, lockReason, userStatus } from "./enums";
import { fold } from "./fold";
import { branches, teams } from "./organization";
import { roles } from "./roles";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    username: text().notNull(),
    email: text().notNull(),
    personalEmail: text(),
    phone: text(), // E.164
    gender: gender(),
    birthday: date({ mode: "string" }),
    country: text(), // ISO 3166-1 alpha-2
    language: language().notNull().default("en"),
    position: text(),
    branchId: uuid().references(() => branches.id, { onDelete: "restrict" }),
    teamId: uuid().references(() => teams.id, { onDelete: "restrict" }),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "restrict" }),
    status: userStatus().notNull().default("pending"),
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    mustChangePassword: boolean().notNull().default(false),
    accountExpiresOn: date({ mode: "string" }),
    adminConsoleAccess: boolean().notNull().default(false),
    sendEndOfDayReport: boolean().notNull().default(false),
    notifyGeneral: boolean().notNull().default(true),
    notifyDomain: boolean().notNull().default(false),
    notifyInvoice: boolean().notNull().default(false),
    notifyService: boolean().notNull().default(false),
    imageUpdatedAt: timestamp({ withTimezone: true }),
    failedLoginCount: integer().notNull().default(0),
    lockedAt: timestamp({ withTimezone: true }),
    lockReason: lockReason(),
    lastLoginAt: timestamp({ withTimezone: true }),
    // Inactivity is counted from here when it is later than the last sign-in: an administrator's
    // unblock of an account locked for inactivity, which is not a sign-in (Last sign-in stays true).
    inactivityFrom: timestamp({ withTimezone: true }),
    lastActivityAt: timestamp({ withTimezone: true }),
    registeredAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
    sessionVersion: integer().notNull().default(1),
    searchText: text().generatedAlwaysAs(
      (): SQL =>
        sql`${fold(sql`${users.firstName} || ' ' || ${users.lastName} || ' ' || ${users.username} || ' ' || ${users.email}`)} || ' ' || coalesce(regexp_replace(${users.phone}, '[^0-9]', '', 'g'), '')`,
    ),
  },
  (t) => [
    uniqueIndex("users_username_lower_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // One trigram index serves the list search over name, surname, username, e-mail and phone digits.
    index("users_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // The status filter, and the list sorted by status (then by name, as the list sorts within a status).
    index("users_status_idx").on(t.status, fold(t.lastName), fold(t.firstName)),
    // A role, branch or team's members by name: the list sorted by role, branch or team reads each
    // unit's first page here (groupedPage in lib/users/list-users.ts) instead of sorting the table
    // (1.5-2 ms against 290 ms at 100,000 users); the foreign keys' checks use their first column.
    index("users_role_name_idx").on(t.roleId, fold(t.lastName), fold(t.firstName)),
    index("users_branch_name_idx").on(t.branchId, fold(t.lastName), fold(t.firstName)),
    index("users_team_name_idx").on(t.teamId, fold(t.lastName), fold(t.firstName)),
    index("users_created_at_idx").on(t.createdAt),
    // The list sorted by phone, registration or last activity, with those who have none last either
    // way (indexedPage). Last activity moves once a minute for each signed-in user, and indexed, that
    // write no longer stays in place (HOT): 0.16-0.19 ms against 0.11-0.14 ms at 100,000 users, where
    // unindexed, the sort read the whole table, 175-200 ms a page (docs/performance.md, session 23).
    index("users_phone_idx").on(t.phone, t.id),
    index("users_registered_at_idx").on(t.registeredAt, t.id),
    index("users_last_activity_at_idx").on(t.lastActivityAt, t.id),
    // The list's default order, surname then first name as a reader sorts them (fold: case and accents).
    index("users_name_sort_idx").on(fold(t.lastName), fold(t.firstName)),
    // Foreign keys that point here: deleting a user checks them, and without an index each delete scans the table.
    index("users_updated_by_idx").on(t.updatedById),
    // The effective administrators (the last-administrator rule, "only administrator" on the security
    // page, the inactivity sweep's exception): those with console access, by role. Without it the
    // planner, which cannot tell which role id is the Administrator's, read the whole table (37 ms at
    // 100,000 users, against 0.05 ms).
    index("users_console_role_idx")
      .on(t.roleId)
      .where(sql`${t.adminConsoleAccess}`),
    // The daily report's week ahead: accounts and passwords that expire in the next 7 days, a range of
    // each column (each read the whole table: 27 and 33 ms at 100,000 users). Few accounts expire.
    index("users_account_expires_on_idx")
      .on(t.accountExpiresOn)
      .where(sql`${t.accountExpiresOn} is not null`),
    index("users_password_changed_at_idx").on(t.passwordChangedAt),
    // The list's "Locked" filter (the users to unblock), in the list's default order: the few locked
    // users, where the filter and its count read the whole table (34 ms each at 100,000 users).
    index("users_locked_name_idx")
      .on(fold(t.lastName), fold(t.firstName))
      .where(sql`${t.lockedAt} is not null`),
  ],
);

/** Profile pictures live in PostgreSQL so every instance serves them. */
export const userImages = pgTable("user_images", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  contentType: text().notNull(),
  content: bytea().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Records the organization's other systems assign to a user (accounts, customers); a user who still
 * has some cannot be deleted until they are reassigned. `externalId` is the other system's own id.
 */
export const clients = pgTable(
  "clients",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    externalId: text(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("clients_owner_idx").on(t.ownerId, t.name), uniqueIndex("clients_external_id_key").on(t.externalId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
