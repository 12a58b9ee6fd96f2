/** Server start-up (Node.js): fail fast on a bad environment, apply migrations, start the mail sweeper and the import worker. */
if (process.env.NEXT_PHASE !== "phase-production-build") {
  try {
    const { authSecret } = await import("./lib/env");
    authSecret(); // in production, a missing AUTH_SECRET stops start-up here
    const { connection } = await import("./db/connection");
    await connection();
  } catch (error) {
    // A server that cannot sign sessions or reach its database must not accept traffic.
    console.error(`Rollcall cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { startOutboxSweeper } = await import("./lib/email/runner");
  startOutboxSweeper();
  // Import jobs live in PostgreSQL; every instance looks for waiting or abandoned ones.
  const { startImportWorker } = await import("./lib/imports/worker");
  startImportWorker();
}

export {};
