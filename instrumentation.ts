/** Runs once when a server starts: fails fast on a bad environment and applies migrations. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
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
