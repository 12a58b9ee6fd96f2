import { sql } from "drizzle-orm";
import { boolean, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { permissionEffect } from "./enums";
import { users } from "./users";

/** Built-in roles carry a stable `key`; custom roles have none. */
export const roles = pgTable(
  "roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().unique(),
    name: text().notNull(),
    description: text().notNull().default(""),
    builtIn: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("roles_name_lower_key").on(sql`lower(${t.name})`)],
);

export const rolePermissions = pgTable(
  "role_permissions",
  {
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    permission: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

/** Per-user grants and denials on top of the role. */
export const userPermissions = pgTable(
  "user_permissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    permission: text().notNull(),
    effect: permissionEffect().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permission] })],
);

export type Role = typeof roles.$inferSelect;
