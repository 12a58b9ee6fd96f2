// @ts-check
/**
 * While this process knows its database is down (db/availability.ts keeps that state on globalThis,
 * set by the pool on a connection-level failure), every dynamic request is answered 503 at once —
 * a page, or problem+json for the API and server actions — instead of waiting on a dead pool, and
 * a probe (`select 1`, at most one every `probeIntervalMs`) finds out when it answers again. A
 * request that was already inside the app when the database failed ends 500 there; it is reported
 * as the 503 it is. Sessions are untouched: the cookie is never cleared for an outage.
 */
import { requestPath, sendRefusal } from "./guard.mjs";

export const UNAVAILABLE = Object.freeze({
  status: 503,
  slug: "unavailable",
  title: "Database unavailable",
  detail: "Rollcall can't reach its database; try again in a minute.",
});

/** @typedef {{ down: boolean; probe?: () => Promise<void> }} AvailabilityState */

/** @returns {AvailabilityState | undefined} */
function state() {
  return /** @type {{ __rollcallDbState?: AvailabilityState }} */ (globalThis).__rollcallDbState;
}

/** @param {string} path */
const isStatic = (path) => path.startsWith("/_next/") || path === "/favicon.ico" || path === "/icon.svg";

/** @param {{ probeIntervalMs?: number }} [options] */
export function databaseGate({ probeIntervalMs = 2_000 } = {}) {
  let probing = false;
  let lastProbe = 0;
  const probe = () => {
    const s = state();
    if (!s?.down || !s.probe || probing || Date.now() - lastProbe < probeIntervalMs) return;
    probing = true;
    lastProbe = Date.now();
    s.probe()
      .catch(() => {})
      .finally(() => (probing = false));
  };
  // Recover without waiting for a visitor.
  setInterval(probe, probeIntervalMs).unref();

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   */
  return function gate(req, res) {
    if (isStatic(requestPath(req.url ?? "/"))) return false;
    if (state()?.down) {
      probe();
      res.setHeader("Retry-After", "30");
      sendRefusal(req, res, UNAVAILABLE);
      return true;
    }
    // The outage can begin while this request is inside the app: its 500 is then a 503.
    const writeHead = res.writeHead;
    res.writeHead = /** @type {typeof res.writeHead} */ (
      function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
        if (status === 500 && state()?.down) {
          status = 503;
          res.setHeader("Retry-After", "30");
        }
        return writeHead.call(res, status, ...rest);
      }
    );
    return false;
  };
}
