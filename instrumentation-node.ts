/** Server start-up (Node.js): fail fast on a bad environment, apply migrations, start the mail sweeper. */
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
}

export {};
