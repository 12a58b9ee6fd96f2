import { openConfigured, type Connection, type Database } from "./client";

// ★ One instance per process: Next.js loads separate module copies for pages and route handlers,
// so the connection lives on globalThis, not in this module's scope.
const globalForDb = globalThis as typeof globalThis & { __rollcallDb?: Promise<Connection> };

/**
 * The process's connection. Opened lazily on first use (never at import time: `next build` imports
 * modules while collecting page data) and migrated before it is handed out.
 */
export function connection(): Promise<Connection> {
  globalForDb.__rollcallDb ??= (async () => {
    const conn = await openConfigured();
    await conn.migrate();
    return conn;
  })().catch((error: unknown) => {
    globalForDb.__rollcallDb = undefined;
    throw error;
  });
  return globalForDb.__rollcallDb;
}

export async function database(): Promise<Database> {
  return (await connection()).db;
}
