import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { language, outboxStatus, reportRunStatus } from "./enums";

/** Every e-mail is written here in the transaction that causes it, then delivered. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    toAddress: text().notNull(),
    template: text().notNull(),
    language: language().notNull().default("en"),
    subject: text().notNull(),
    props: jsonb().notNull(),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** One row per end-of-day report date: the unique date makes a second run a no-op. */
export const reportRuns = pgTable("report_runs", {
  id: uuid().primaryKey().defaultRandom(),
  reportDate: date({ mode: "string" }).notNull().unique(),
  status: reportRunStatus().notNull().default("running"),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
  detail: jsonb(),
});

/** Organization-wide settings; defaults are seeded by a migration. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedById: uuid(),
});
