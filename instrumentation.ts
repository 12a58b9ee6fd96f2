/** Runs once when a server starts: fails fast on a bad environment and applies migrations. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { authSecret } = await import("./lib/env");
  authSecret(); // in production, a missing AUTH_SECRET stops start-up here with a clear message
  const { connection } = await import("./db/connection");
  await connection();
  const { startOutboxSweeper } = await import("./lib/email/runner");
  startOutboxSweeper();
}
