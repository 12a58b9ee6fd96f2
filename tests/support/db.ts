import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, inject } from "vitest";
import { openPglite, openPostgres, type Connection, type Database } from "@/db/client";

/**
 * A fresh database for one test file, built from the migrated template: PGlite in memory by
 * default, a new PostgreSQL database when TEST_DATABASE_URL is set. Never a mock, never `.data/`.
 */
export async function freshDatabase(): Promise<Connection & { url?: string }> {
  const templateUrl = inject("templateUrl");
  if (templateUrl) {
    const base = new URL(templateUrl);
    const name = `${base.pathname.slice(1)}_f${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: templateUrl.replace(base.pathname, "/postgres") });
    await admin.connect();
    await admin.query(`create database "${name}" template "${base.pathname.slice(1)}"`);
    await admin.end();
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    const conn = openPostgres(url.toString(), 5);
    return {
      ...conn,
      url: url.toString(),
      async close() {
        await conn.close();
        const drop = new pg.Client({ connectionString: templateUrl.replace(base.pathname, "/postgres") });
        await drop.connect();
        await drop.query(`drop database if exists "${name}" with (force)`);
        await drop.end();
      },
    };
  }
  const file = inject("templateFile");
  if (!file) throw new Error("The test template database is missing: run tests through vitest's global setup.");
  return openPglite({ loadDataDir: new Blob([await readFile(file)]) });
}

/** Opens a fresh database before the file's tests and closes it after. */
export function testDatabase(): { readonly db: Database; readonly conn: Connection & { url?: string } } {
  let conn: (Connection & { url?: string }) | undefined;
  beforeAll(async () => {
    conn = await freshDatabase();
  });
  afterAll(async () => {
    await conn?.close();
  });
  return {
    get db() {
      if (!conn) throw new Error("The database is not open yet: use it inside a test or hook.");
      return conn.db;
    },
    get conn() {
      if (!conn) throw new Error("The database is not open yet.");
      return conn;
    },
  };
}

/** Empties the tables a test writes to, keeping the seeded roles and settings. */
export async function resetData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local rollcall.allow_audit_truncate = on`); // audit_events is append-only (migration 0006) but for this reset
    await tx.execute(
      sql`truncate users, user_permissions, user_images, clients, invitation_tokens, api_keys, audit_events, email_outbox, report_runs, rate_limits, sessions, import_jobs, import_header_mappings, idempotency_keys, branches, teams restart identity cascade`,
    );
  });
}
