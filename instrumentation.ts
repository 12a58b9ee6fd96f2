/** Runs once when a server starts. The Node.js part lives in its own file, out of the Edge build. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./instrumentation-node");
  }
}
