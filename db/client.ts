import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";
import "./redact";
import { availability, isDatabaseUnavailable, markDown, markUp } from "./availability";

/** Both drivers expose the same query builder; we type them as one so queries are written once. */
export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A read query takes whichever handle the caller holds: the database or an open transaction. */
export type Handle = Database | Transaction;

export interface Connection {
  kind: "pglite" | "postgres";
  db: Database;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const drizzleConfig = { schema, casing: "snake_case" as const };
// Any constant works; it only has to be the same in every instance that migrates.
const MIGRATION_LOCK_ID = 727_001;

export class DatabaseInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
        `PGlite cannot be shared between processes: stop that process (for example the dev server) ` +
        `and try again, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "DatabaseInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock between processes: a second process opens the same folder without error and
 * its writes vanish. We hold a lockfile with our pid and refuse when a live process holds it.
 */
function acquireLock(dir: string): () => void {
  const file = path.join(dir, "rollcall.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (holder === process.pid) return () => rmSync(file, { force: true });
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DatabaseInUseError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dir}.`);
}

export interface PgliteOptions {
  /** A folder for a durable database; omit for an in-memory one (tests). */
  dataDir?: string;
  /** A dump from `PGlite.dumpDataDir()` to start from (tests clone a migrated template). */
  loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Connection> {
  let release = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = acquireLock(options.dataDir);
  }
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm },
    });
    const db = drizzlePglite({ client, ...drizzleConfig }) as unknown as Database;
    return {
      kind: "pglite",
      db,
      async migrate() {
        await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        // PGlite has no autovacuum: statistics come only from ANALYZE, and without them its planner
        // ignores the trigram index the user search relies on. Cheap on every start.
        await client.exec("analyze");
      },
      async close() {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Fail fast when the server is in trouble: a connection that can't be made in 5 s, a query that
 * takes longer than 15 s (server-side statement timeout, and the same on the client for a server that
 * accepts but never answers), a transaction left idle, and TCP keepalive to notice a dead peer.
 * Tunable through the environment for tests that point the pool at a black hole.
 */
export const POOL_TIMEOUTS = {
  connectMs: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
  statementMs: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
};

export function openPostgres(url: string, poolSize = 10): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: POOL_TIMEOUTS.connectMs,
    statement_timeout: POOL_TIMEOUTS.statementMs,
    query_timeout: POOL_TIMEOUTS.statementMs + 1_000,
    idle_in_transaction_session_timeout: POOL_TIMEOUTS.statementMs * 2,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on("error", (error) => {
    if (isDatabaseUnavailable(error)) markDown(error);
  });
  watchAvailability(pool);
  const db = drizzlePg({ client: pool, ...drizzleConfig });
  return {
    kind: "postgres",
    db,
    async migrate() {
      // Two instances starting together must not both apply the same migration.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg({ client, ...drizzleConfig }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Every connection and query tells the availability state what it saw: a connection-level failure
 * marks the database down (one log line), a success marks it up again. While it is down, the custom
 * server answers 503 and probes with `select 1` until it answers.
 */
function watchAvailability(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const observe = <T>(promise: Promise<T>): Promise<T> =>
    promise.then(
      (value) => {
        if (availability().down) markUp();
        return value;
      },
      (error: unknown) => {
        if (isDatabaseUnavailable(error)) markDown(error);
        throw error;
      },
    );
  (pool as { connect: unknown }).connect = (callback?: unknown) => (callback ? (connect as (cb: unknown) => unknown)(callback) : observe(connect()));
  (pool as { query: unknown }).query = (...args: unknown[]) => (typeof args[args.length - 1] === "function" ? query(...args) : observe(query(...args)));
  availability().probe = async () => {
    await observe(query("select 1"));
  };
}

/** The default data folder for the embedded database. */
export function defaultDataDir(): string {
  return path.resolve(process.env.ROLLCALL_DATA_DIR ?? ".data", "pglite");
}

/** Opens the database the environment names: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export async function openConfigured(): Promise<Connection> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite({ dataDir: defaultDataDir() });
}
