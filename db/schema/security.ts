import { sql } from "drizzle-orm";
import { bigserial, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tokenDelivery, tokenPurpose } from "./enums";
import { users } from "./users";
import { roles } from "./roles";
import { emailOutbox } from "./operations";

/** Single-use links. Only the SHA-256 of the token is stored, never the token. */
export const invitationTokens = pgTable(
  "invitation_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: tokenPurpose().notNull(),
    tokenHash: text().notNull().unique(),
    delivery: tokenDelivery().notNull(),
    sentTo: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    issuedById: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The e-mail that carried the link, for its delivery status (null for a shareable link). */
    emailId: uuid().references(() => emailOutbox.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitation_tokens_user_idx").on(t.userId, t.createdAt), index("invitation_tokens_issued_by_idx").on(t.issuedById)],
);

/**
 * API keys: `rk_<prefix>_<secret>`. The prefix identifies the key; only the SHA-256 of the whole key
 * is stored. A key acts with its role's permissions, never above its creator's current ones (a key
 * made on the command line has no creator and acts with its role alone).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    keyHash: text().notNull().unique(),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "restrict" }),
    createdById: uuid().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Written at most once a minute. */
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedIp: inet(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("api_keys_created_by_idx").on(t.createdById), index("api_keys_role_idx").on(t.roleId), index("api_keys_revoked_by_idx").on(t.revokedById)],
);

/**
 * What a POST with an `Idempotency-Key` answered, kept 24 hours: a retry gets the same answer.
 * Written in the transaction of the change it records, so a crash leaves neither.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    body: jsonb().notNull(),
    location: text(),
    /** The first answer's ETag, replayed with it. */
    etag: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/** Fixed-window counters shared by every instance (sign-in throttling, password-reset requests). */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  count: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Who did what to whom, when, from where. Names are copied so that history survives deletion. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    action: text().notNull(),
    /** user, apiKey (actorId is then the key's creator), cli or system. */
    actorKind: text(),
    actorId: uuid(),
    actorName: text(),
    targetType: text(),
    targetId: uuid(),
    targetName: text(),
    ip: inet(),
    userAgent: text(),
    detail: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_target_idx").on(t.targetId, t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_action_idx").on(t.action, t.at),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * One row per sign-in. The session cookie carries this row's id (a claim set once at sign-in, never
 * renewed), and every request checks the row: ending it ends exactly that session, on any instance.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text(),
    ip: inet(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    /** sign_out · ended_by_user · ended_by_admin · reported · password_changed */
    endedReason: text(),
    /**
     * The user's session version when the session began. Once the user's moves on (a lock, a
     * password change, a deactivation…) the row no longer stands, though nothing wrote `ended_at`.
     */
    sessionVersion: integer().notNull().default(0),
  },
  (t) => [index("sessions_user_idx").on(t.userId, t.createdAt), index("sessions_ended_idx").on(t.endedAt)],
);
