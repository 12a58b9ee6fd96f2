import { sql } from "drizzle-orm";
import { bigserial, index, inet, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tokenDelivery, tokenPurpose } from "./enums";
import { users } from "./users";
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
  (t) => [index("invitation_tokens_user_idx").on(t.userId, t.createdAt)],
);

/** API keys: `rc_<prefix>_<secret>`; the prefix identifies, the SHA-256 of the whole key verifies. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    keyHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_keys_user_idx").on(t.userId)],
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

/** Sessions ended by signing out: their token id is refused until the token would have expired anyway. */
export const revokedSessions = pgTable("revoked_sessions", {
  jti: text().primaryKey(),
  userId: uuid(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
