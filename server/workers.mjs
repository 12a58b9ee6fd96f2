// @ts-check
/**
 * One Node.js process per core behind one port (node:cluster). Rollcall keeps nothing that matters
 * in a process's memory — sessions, rate limits, queues and scheduler runs are rows in PostgreSQL —
 * so workers behave as one, exactly as instances behind a load balancer do. What each worker keeps
 * for itself (the password gate, lib/passwords/hash-gate.ts; remembered session cookies,
 * lib/auth/session-cookie.ts) guards or saves its own CPU only.
 */
import cluster from "node:cluster";

/**
 * How many processes serve requests: WEB_CONCURRENCY when set (1–64), otherwise one. More than one
 * needs production and PostgreSQL (only one process may open the embedded database, PGlite). One
 * per core pays where PostgreSQL runs on other cores; on a 2-core machine that also runs PostgreSQL,
 * two gained no throughput and lengthened the tail (docs/performance.md), hence the default.
 * @param {{ dev: boolean; env: Record<string, string | undefined>; fail: (message: string) => never }} options
 * @returns {number}
 */
export function workerCount({ dev, env, fail }) {
  const raw = env.WEB_CONCURRENCY;
  const embedded = !env.DATABASE_URL;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) fail(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${raw}".`);
  if (n > 1 && embedded) fail("WEB_CONCURRENCY above 1 needs DATABASE_URL: only one process at a time may open the embedded database.");
  if (n > 1 && dev) fail("WEB_CONCURRENCY above 1 is for production (npm start): the development server is one process.");
  return n;
}

/**
 * The primary process: starts `count` workers and replaces one that stops; a worker that stops
 * before it was ever ready (a port in use, a missing secret) stops everything, with its exit code.
 * SIGTERM or SIGINT is passed on; each worker drains its requests, and the primary exits after the last.
 * @param {number} count
 * @param {{ log: (message: string) => void }} options
 */
export function runWorkers(count, { log }) {
  let stopping = false;
  let announced = false;
  /** @type {Set<number>} */
  const ready = new Set();
  /** @type {number[]} */
  const restarts = [];
  const fork = () => {
    // Each worker's share of the cores for bcrypt (lib/passwords/hash-gate.ts).
    const worker = cluster.fork({ ROLLCALL_WORKERS: String(count) });
    worker.on("message", (/** @type {any} */ message) => {
      if (typeof message?.ready !== "string") return;
      ready.add(worker.id);
      if (!announced && ready.size === count) {
        announced = true;
        log(`> Ready on ${message.ready}, ${count} processes`);
      }
    });
  };
  for (let i = 0; i < count; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    const wasReady = ready.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!wasReady) {
      log(`A worker could not start (${signal ?? `exit code ${code}`}); stopping.`);
      return stopAll("SIGTERM", code || 1);
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      log("Workers keep stopping (6 in a minute); stopping.");
      return stopAll("SIGTERM", 1);
    }
    log(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });

  /** @param {NodeJS.Signals} signal @param {number} [exitCode] */
  function stopAll(signal, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(exitCode);
    // A worker that is already on its way out has closed its channel: nothing to tell it.
    for (const worker of alive) if (worker?.isConnected()) worker.send({ stop: signal }, () => {});
    if (exitCode) process.exitCode = exitCode;
  }
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
}
