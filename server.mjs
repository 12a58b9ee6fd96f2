// @ts-check
/**
 * Rollcall's HTTP server: Next.js behind the guard in server/guard.mjs, through Next's programmatic
 * API. `npm run dev` runs it in development (Turbopack), `npm start` in production.
 *
 * Environment: PORT (3000), HOSTNAME (development: localhost; production: 0.0.0.0, every
 * interface), TRUST_PROXY (0: the client address is the socket's peer), APP_URL, WEB_CONCURRENCY
 * (processes serving requests; see server/workers.mjs).
 */
import cluster from "node:cluster";
import { installGracefulShutdown, createRollcallServer } from "./server/rollcall-server.mjs";
import { databaseGate } from "./server/database-gate.mjs";
import { runWorkers, workerCount } from "./server/workers.mjs";

if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "development" }); // as `next dev` does
const dev = process.env.NODE_ENV !== "production";
const workers = workerCount({ dev, env: process.env, fail });

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || (dev ? "localhost" : "0.0.0.0");
const trustProxy = Number(process.env.TRUST_PROXY || 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT}".`);
if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10)
  fail(`TRUST_PROXY must be a whole number from 0 to 10, not "${process.env.TRUST_PROXY}".`);
const shownHost = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;

if (workers > 1 && cluster.isPrimary) {
  // N processes behind one port (server/workers.mjs): the app keeps no state in memory that matters.
  runWorkers(workers, { log: (m) => console.log(m) });
} else await serve();

async function serve() {
  // Imported after NODE_ENV is settled: Next.js reads it while loading.
  const { default: next } = await import("next");

  /** @type {import("node:http").RequestListener} */
  let handle = () => {};
  const server = createRollcallServer({
    handler: (req, res) => handle(req, res),
    gate: databaseGate(),
    trustProxy,
    appUrl: process.env.APP_URL || null,
  });
  const app = next({ dev, hostname: shownHost.replace(/^\[|\]$/g, ""), port, httpServer: server, ...(dev ? { turbopack: true } : {}) });
  await app.prepare();
  handle = app.getRequestHandler();

  installGracefulShutdown(server, { onStopped: () => app.close() });
  server.on("error", (error) => fail(error.message));
  server.listen(port, hostname, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const mode = dev ? `development, ${process.env.TURBOPACK ? "Turbopack" : "webpack"}` : "production";
    // A worker says so once, through the primary; a single process says it itself.
    if (!cluster.isWorker) console.log(`> Ready on http://${shownHost}:${actualPort} (${mode}, TRUST_PROXY=${trustProxy})`);
    else process.send?.({ ready: `http://${shownHost}:${actualPort} (${mode}, TRUST_PROXY=${trustProxy})` });
  });
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`Rollcall cannot start: ${message}`);
  process.exit(1);
}
