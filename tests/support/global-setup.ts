import { writeFile, rm, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openPglite, openPostgres } from "../../db/client";

/**
 * Migrates one template database per run; each test file then starts from a copy of it.
 * PGlite: a dump of a migrated in-memory database (loading it costs ~0.5 s, migrating ~2-3 s).
 * PostgreSQL (TEST_DATABASE_URL): that database is migrated and used as a CREATE DATABASE template.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const conn = openPostgres(url, 1);
    await conn.migrate();
    await conn.close();
    provide("templateUrl", url);
    return async () => {
      // Drop the per-file databases this run created.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [
        `${new URL(url).pathname.slice(1)}_f%`,
      ]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "rollcall-test-"));
  const file = path.join(dir, "template.tar.gz");
  const conn = await openPglite();
  await conn.migrate();
  const client = (conn.db as unknown as { $client: { exec(q: string): Promise<unknown>; dumpDataDir(c: "gzip"): Promise<Blob> } }).$client;
  // The dump copies the files on disk: without a checkpoint, the migrations' ANALYZE (its pg_class
  // row) may still be only in memory, and every copy would start with a never-analyzed users table.
  await client.exec("checkpoint");
  const dump = await client.dumpDataDir("gzip");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await conn.close();
  provide("templateFile", file);
  return () => rm(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateUrl?: string;
    templateFile?: string;
  }
}
