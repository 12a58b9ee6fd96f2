// @ts-check
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";

/**
 * What server.mjs checks before Next.js sees a request: the client address comes from the socket
 * (never from a header the client wrote), and some requests are refused before their body is read.
 * Pure functions, plus `guard()` that applies them to a Node request. No dependency on Next.js.
 */

const MB = 1024 * 1024;

/**
 * @typedef {{ prefix: string; bytes: number }} BodyLimit
 * @typedef {{ trustProxy?: number; appUrl?: string | null; bodyLimits?: readonly BodyLimit[] }} GuardOptions
 * @typedef {{ status: number; title: string; slug: string; detail: string; allow?: string }} Refusal
 */

/**
 * Largest request body per path prefix; the longest matching prefix wins. Server actions accept
 * 6 MB of form data (next.config.js), plus multipart overhead. Add a row for a route that needs more.
 * @type {readonly BodyLimit[]}
 */
export const BODY_LIMITS = Object.freeze([
  { prefix: "/", bytes: 7 * MB },
  { prefix: "/api/v1/", bytes: 1 * MB },
  // Spreadsheets for the import: the route reads the body as a stream and stops at 20 MB itself.
  { prefix: "/users/import/upload", bytes: 21 * MB },
]);

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The methods any route of Rollcall answers; another (TRACE, PROPFIND, …) is 405 here. */
const KNOWN_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const KNOWN = new Set(KNOWN_METHODS.split(", "));

// Raw C0 controls and DEL anywhere in the address, or their percent-encoded forms (%00–%1F, %7F) in its
// path. In the query string an encoded one is data, the page's to judge: a tab pasted into a search
// box arrives as %09, and the list answers it, instead of this bare page.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const ENCODED_CONTROL_CHARACTERS = /%(?:[01][0-9a-f]|7f)/i;

/** @param {string} address */
function unmapped(address) {
  return address.replace(/^::ffff:/i, "");
}

/**
 * The client's address. With `trustProxy` 0, the socket's peer, whatever the client sent. With N
 * trusted proxies, the entry N from the right of [...X-Forwarded-For, socket peer] (the leftmost
 * when the chain is shorter); an entry that is not an IP address is not believed, and the nearest
 * valid hop to its right is taken instead.
 * @param {string | undefined} remoteAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} trustProxy
 * @returns {string | null}
 */
export function resolveClientAddress(remoteAddress, forwardedFor, trustProxy) {
  const socket = remoteAddress ? unmapped(remoteAddress) : "";
  const forwarded = trustProxy > 0 && forwardedFor ? [forwardedFor].flat().join(",").split(",") : [];
  const chain = [...forwarded.map((s) => unmapped(s.trim())).filter(Boolean), socket];
  for (let i = Math.max(0, chain.length - 1 - trustProxy); i < chain.length; i++) {
    if (isIP(chain[i])) return chain[i];
  }
  return null;
}

/**
 * False for a path with a % not followed by two hexadecimal digits, or escapes that aren't UTF-8:
 * Next.js answered such a path with a bare 500.
 * @param {string} path
 */
function decodes(path) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path as routes see it: without the query, percent-decoded where possible.
 * @param {string} url
 */
export function requestPath(url) {
  const raw = url.split("?")[0] || "/";
  try {
    return decodeURI(raw);
  } catch {
    return raw;
  }
}

/**
 * The body limit in bytes for a path: the longest matching prefix of the table.
 * @param {string} path
 * @param {readonly BodyLimit[]} [limits]
 */
export function bodyLimitFor(path, limits = BODY_LIMITS) {
  let best = { prefix: "", bytes: Infinity };
  for (const limit of limits) {
    const base = limit.prefix.endsWith("/") ? limit.prefix.slice(0, -1) : limit.prefix;
    const matches = path === base || path.startsWith(base + "/");
    if (matches && limit.prefix.length > best.prefix.length) best = limit;
  }
  return best.bytes;
}

/** @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes >= MB) return `${+(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Whether a state-changing request to a page comes from another site: `Sec-Fetch-Site: cross-site`,
 * or an `Origin` whose host is neither the `Host` header nor APP_URL's host. A request with neither
 * header (curl, old clients) is not judged here.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string | null | undefined} appUrl
 */
export function isCrossSite(headers, appUrl) {
  if (headers["sec-fetch-site"] === "cross-site") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  let o;
  try {
    o = new URL(origin);
  } catch {
    return true; // "null" (sandboxed frames, cross-origin redirects) or garbage
  }
  const hosts = [];
  if (headers.host) {
    try {
      hosts.push(new URL(`${o.protocol}//${headers.host}`).host); // normalises case and default ports
    } catch {}
  }
  if (appUrl) {
    try {
      hosts.push(new URL(appUrl).host);
    } catch {}
  }
  return !hosts.includes(o.host);
}

/**
 * Why this request is refused before Next.js sees it, or null. Reads only the request line and
 * headers, never the body.
 * @param {{ method?: string; url?: string; headers: import("node:http").IncomingHttpHeaders }} req
 * @param {GuardOptions} [options]
 * @returns {Refusal | null}
 */
export function refusalFor(req, options = {}) {
  const url = req.url ?? "/";
  const method = (req.method ?? "GET").toUpperCase();
  if (CONTROL_CHARACTERS.test(url) || ENCODED_CONTROL_CHARACTERS.test(url.split("?")[0])) {
    return { status: 400, title: "Bad Request", slug: "control-characters", detail: "The address contains control characters." };
  }
  if (!KNOWN.has(method)) {
    return {
      status: 405,
      title: "Method Not Allowed",
      slug: "method-not-allowed",
      detail: `${method} is not a method Rollcall answers.`,
      allow: KNOWN_METHODS,
    };
  }
  const rawPath = url.split("?")[0] || "/";
  if (!decodes(rawPath)) {
    return {
      status: 400,
      title: "Bad Request",
      slug: "malformed-address",
      detail: "The address has a % that is not followed by two hexadecimal digits of UTF-8.",
    };
  }
  const path = requestPath(url);
  const limit = bodyLimitFor(path, options.bodyLimits);
  const length = req.headers["content-length"];
  if (length !== undefined) {
    const bytes = Number(length);
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      return { status: 400, title: "Bad Request", slug: "invalid-content-length", detail: "The Content-Length header is not a number of bytes." };
    }
    if (bytes > limit) {
      return {
        status: 413,
        title: "Content Too Large",
        slug: "content-too-large",
        detail: `This request is larger than ${formatBytes(limit)}, the most Rollcall accepts here.`,
      };
    }
  } else if (req.headers["transfer-encoding"] !== undefined && STATE_CHANGING.has(method)) {
    // A streamed body could only be measured by reading it ahead of Next.js: ask for its length.
    return {
      status: 411,
      title: "Length Required",
      slug: "length-required",
      detail: `Send this request with a Content-Length header (at most ${formatBytes(limit)}).`,
    };
  }
  if (STATE_CHANGING.has(method) && !isApiPath(path) && isCrossSite(req.headers, options.appUrl)) {
    return { status: 403, title: "Forbidden", slug: "cross-site-request", detail: "Cross-site requests are refused." };
  }
  return null;
}

/** @param {string} path */
function isApiPath(path) {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * Rewrites the proxy headers so the app sees only what we established: X-Forwarded-For is the one
 * resolved client address, X-Request-Id is new, and nothing else a client could forge survives.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} trustProxy
 */
export function rewriteHeaders(req, trustProxy) {
  const h = req.headers;
  const address = resolveClientAddress(req.socket?.remoteAddress, h["x-forwarded-for"], trustProxy);
  if (address) h["x-forwarded-for"] = address;
  else delete h["x-forwarded-for"];
  delete h["x-forwarded-host"];
  delete h["forwarded"];
  delete h["x-real-ip"];
  if (trustProxy === 0) {
    delete h["x-forwarded-proto"];
    delete h["x-forwarded-port"];
  }
  h["x-request-id"] = randomUUID();
  // The path as the client asked for it, so the app's log lines can name the route. Still encoded:
  // a header holds Latin-1 only, and a decoded "/users/%E2%80%8B" (a zero-width space) made Next.js's
  // Headers throw, a bare 500 for any path with a character past U+00FF.
  h["x-rollcall-route"] = (req.url ?? "/").split("?")[0] || "/";
}

/**
 * Whether the caller wants JSON rather than a page: API paths, server actions, and an Accept header
 * that ranks a JSON type above HTML.
 * @param {{ url?: string; headers: import("node:http").IncomingHttpHeaders }} req
 */
export function wantsJson(req) {
  if (isApiPath(requestPath(req.url ?? "/")) || req.headers["next-action"] !== undefined) return true;
  const accept = req.headers.accept;
  if (!accept) return false;
  let json = 0;
  let html = 0;
  for (const part of accept.split(",")) {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === "application/json" || type === "application/problem+json" || /^application\/[\w.-]+\+json$/.test(type)) json = Math.max(json, q);
    else if (type === "text/html" || type === "application/xhtml+xml") html = Math.max(html, q);
  }
  return json > 0 && json > html;
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Answers a refusal: problem+json (RFC 9457) or a small self-contained page. The connection is
 * closed afterwards, since the body (if any) was never read.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {Refusal} refusal
 */
export function sendRefusal(req, res, refusal) {
  const json = wantsJson(req);
  const body = json
    ? JSON.stringify({ type: `https://rollcall.dev/problems/${refusal.slug}`, title: refusal.title, status: refusal.status, detail: refusal.detail })
    : `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${refusal.status} ${escapeHtml(refusal.title)} · Rollcall</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(refusal.title)}</h1>
<p>${escapeHtml(refusal.detail)}</p>
<p><a href="/">Go to the start page</a></p>
</body>
</html>
`;
  res.writeHead(refusal.status, {
    "Content-Type": json ? "application/problem+json" : "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...(refusal.allow ? { Allow: refusal.allow } : {}),
    Connection: "close",
  });
  res.end(body);
}

/**
 * Applies the guard to one request: refuses it (and returns true), or rewrites its headers for the
 * app (and returns false).
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {GuardOptions} [options]
 */
export function guard(req, res, options = {}) {
  const refusal = refusalFor(req, options);
  if (refusal) {
    sendRefusal(req, res, refusal);
    return true;
  }
  rewriteHeaders(req, options.trustProxy ?? 0);
  return false;
}
