import { sql } from "drizzle-orm";
import { customType, date, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { language, outboxStatus, reportRunStatus } from "./enums";
import { users } from "./users";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Every e-mail is written here in the transaction that causes it, then delivered. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    toAddress: text().notNull(),
    /** Whom it is for: their unsent mail goes with them when they are deleted. Kept past that as history. */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
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
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt), index("email_outbox_user_idx").on(t.userId)],
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

/**
 * One spreadsheet import: the uploaded file (until its retention ends), the column mapping, the
 * options, where it stands and its counts. The job is the state: any instance's worker may claim it
 * (SKIP LOCKED) and keeps `heartbeatAt` fresh while it works; a job whose worker stopped is claimed
 * again by another.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    createdById: uuid(),
    createdByName: text().notNull(),
    fileName: text().notNull(),
    fileType: text().notNull(), // csv | xlsx
    fileSize: integer().notNull(),
    file: bytea(),
    fileDeletedAt: timestamp({ withTimezone: true }),
    /** mapping · previewing · previewed · committing · committed · failed · discarded */
    status: text().notNull(),
    headers: jsonb().notNull(),
    mapping: jsonb().notNull(),
    options: jsonb().notNull(),
    rowsParsed: integer().notNull().default(0),
    rowsStaged: integer().notNull().default(0),
    rowsChecked: integer().notNull().default(0),
    rowsApplied: integer().notNull().default(0),
    counts: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    error: text(),
    /** Who asked for the apply, from where: the worker that applies it writes them on the audit events. */
    committedIp: inet(),
    committedUserAgent: text(),
    claimedBy: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("import_jobs_created_idx").on(t.createdAt), index("import_jobs_status_idx").on(t.status, t.heartbeatAt)],
);

/** The parsed rows of an import, staged before anything is applied, with what the preview found. */
export const importRows = pgTable(
  "import_rows",
  {
    jobId: uuid()
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    rowNumber: integer().notNull(),
    /** The cells by field, as the file had them (after the formula escape is removed). */
    cells: jsonb().notNull(),
    /** create · update · unchanged · error, once checked. */
    action: text(),
    userId: uuid(),
    /** What applying the row writes: every column for a new user, the changed ones for an update. */
    changes: jsonb(),
    errors: jsonb(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] }), index("import_rows_action_idx").on(t.jobId, t.action, t.rowNumber)],
);

/** What a spreadsheet's header meant last time ("Correo" → email), offered again for the next file. */
export const importHeaderMappings = pgTable("import_header_mappings", {
  header: text().primaryKey(),
  field: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
