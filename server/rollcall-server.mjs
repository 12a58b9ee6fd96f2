// @ts-check
import { createServer } from "node:http";
import { guard, sendRefusal } from "./guard.mjs";

/**
 * The HTTP server in front of any request handler (Next.js in server.mjs, a stub in tests): the
 * guard first, then the optional gate, then the handler; plus a graceful shutdown.
 *
 * @typedef {import("node:http").IncomingMessage} Req
 * @typedef {import("node:http").ServerResponse} Res
 * @typedef {(req: Req, res: Res) => unknown} Handler
 * @typedef {(req: Req, res: Res) => boolean | Promise<boolean>} Gate
 * @typedef {{ inFlight: number; closing: boolean; onIdle: (() => void) | null }} State
 */

/** @type {WeakMap<import("node:http").Server, State>} */
const states = new WeakMap();

const INTERNAL_ERROR = {
  status: 500,
  title: "Internal Server Error",
  slug: "internal-error",
  detail: "Rollcall could not answer this request. Try again in a moment.",
};

/**
 * @param {{
 *   handler: Handler;
 *   gate?: Gate | null;
 *   trustProxy?: number;
 *   appUrl?: string | null;
 *   bodyLimits?: import("./guard.mjs").BodyLimit[];
 *   log?: (message: string) => void;
 * }} options `gate` runs after the guard and before the handler; when it returns true it has
 *   answered the request itself (a database-down page, for instance).
 * @returns {import("node:http").Server}
 */
export function createRollcallServer({ handler, gate = null, trustProxy = 0, appUrl = null, bodyLimits, log = (m) => console.error(m) }) {
  const guardOptions = { trustProxy, appUrl, bodyLimits };
  /** @type {State} */
  const state = { inFlight: 0, closing: false, onIdle: null };
  const server = createServer();
  states.set(server, state);

  /** @param {Req} req @param {Res} res */
  async function dispatch(req, res) {
    state.inFlight++;
    res.once("close", () => {
      state.inFlight--;
      if (state.inFlight === 0) state.onIdle?.();
    });
    if (state.closing) res.setHeader("Connection", "close");
    try {
      if (gate && (await gate(req, res))) return;
      await handler(req, res);
    } catch (error) {
      log(`Unhandled error for ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendRefusal(req, res, INTERNAL_ERROR);
      else res.destroy();
    }
  }

  server.on("request", (req, res) => {
    if (guard(req, res, guardOptions)) return;
    void dispatch(req, res);
  });
  // A request Node cannot parse never reaches the guard: Node would answer an empty 400 or 431. Say
  // what went wrong, as every other refusal does (headers unread, so always as problem+json).
  server.on("clientError", (error, socket) => {
    if (!socket.writable || /** @type {NodeJS.ErrnoException} */ (error).code === "ECONNRESET") return socket.destroy();
    const refusal = clientErrorRefusal(/** @type {NodeJS.ErrnoException} */ (error).code);
    const body = JSON.stringify({
      type: `https://rollcall.dev/problems/${refusal.slug}`,
      title: refusal.title,
      status: refusal.status,
      detail: refusal.detail,
    });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  // Without this listener Node answers "100 Continue" by itself, inviting a body we may refuse.
  server.on("checkContinue", (req, res) => {
    if (guard(req, res, guardOptions)) return;
    res.writeContinue();
    void dispatch(req, res);
  });
  return server;
}

/** What to answer a request Node's parser refused, by its error code. */
export function clientErrorRefusal(/** @type {string | undefined} */ code) {
  if (code === "HPE_HEADER_OVERFLOW")
    return { status: 431, title: "Request Header Fields Too Large", slug: "headers-too-large", detail: "The request's headers are too large (16 KB at most)." };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, title: "Request Timeout", slug: "request-timeout", detail: "The request took too long to arrive." };
  return { status: 400, title: "Bad Request", slug: "malformed-request", detail: "The request is not valid HTTP." };
}

/** Requests the server has handed to the gate or handler and not yet finished. */
export function requestsInFlight(/** @type {import("node:http").Server} */ server) {
  return states.get(server)?.inFlight ?? 0;
}

/**
 * Stops accepting connections, lets requests in flight finish (up to `timeoutMs`, then closes every
 * connection), and closes idle keep-alive connections. Resolves with how it ended.
 * @param {import("node:http").Server} server
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<"drained" | "forced">}
 */
export function closeGracefully(server, { timeoutMs = 10_000 } = {}) {
  const state = states.get(server) ?? { inFlight: 0, closing: false, onIdle: null };
  state.closing = true;
  server.close();
  server.closeIdleConnections();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.onIdle = null;
      server.closeAllConnections();
      resolve("forced");
    }, timeoutMs);
    state.onIdle = () => {
      state.onIdle = null;
      clearTimeout(timer);
      // The last response has just finished: its connection is idle on the next turn.
      setImmediate(() => {
        server.closeIdleConnections();
        resolve("drained");
      });
    };
    if (state.inFlight === 0) state.onIdle();
  });
}

/**
 * On SIGTERM or SIGINT: close gracefully, run `onStopped` (Next.js's own clean-up), exit 0. A second
 * signal exits at once.
 * @param {import("node:http").Server} server
 * @param {{ timeoutMs?: number; onStopped?: () => Promise<unknown>; log?: (message: string) => void }} [options]
 */
export function installGracefulShutdown(server, { timeoutMs = 10_000, onStopped, log = (m) => console.error(m) } = {}) {
  let stopping = false;
  /** @param {NodeJS.Signals} signal @param {{ again?: boolean }} [options] again: false when a repeat is only the same stop told twice */
  const stop = async (signal, { again = true } = {}) => {
    if (stopping) {
      if (!again) return;
      log(`${signal} again: exiting now.`);
      process.exit(0);
    }
    stopping = true;
    const started = Date.now();
    log(`${signal}: no new connections; waiting for ${requestsInFlight(server)} request(s) in flight (up to ${timeoutMs / 1000} s).`);
    const how = await closeGracefully(server, { timeoutMs });
    log(how === "drained" ? `All requests answered in ${Date.now() - started} ms.` : `Closed the connections still open after ${timeoutMs / 1000} s.`);
    if (onStopped) {
      await Promise.race([onStopped().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
    }
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // A worker of server/workers.mjs is also told by its primary, which may repeat a signal the
  // worker got itself (Ctrl-C reaches the whole process group): that is not a second Ctrl-C.
  process.on("message", (/** @type {any} */ message) => {
    if (message?.stop === "SIGTERM" || message?.stop === "SIGINT") stop(message.stop, { again: false });
  });
}
