import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { bodyLimitFor, resolveClientAddress, wantsJson } from "../server/guard.mjs";
import { closeGracefully, createRollcallServer } from "../server/rollcall-server.mjs";

/**
 * server.mjs's guard in front of a stub handler that echoes the headers it received: a real
 * http.Server on a free port, driven with raw sockets so every header is exactly what we wrote.
 */

type Started = { port: number; calls: number; server: Server };
const started: Started[] = [];

async function start(options: { trustProxy?: number; appUrl?: string; gate?: (req: IncomingMessage, res: ServerResponse) => boolean; delayMs?: number } = {}) {
  const s: Started = { port: 0, calls: 0, server: undefined as unknown as Server };
  s.server = createRollcallServer({
    ...options,
    log: () => {},
    handler: async (req, res) => {
      s.calls++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const body = JSON.stringify({ headers: req.headers, remoteAddress: req.socket.remoteAddress });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    },
  });
  await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
  s.port = (s.server.address() as { port: number }).port;
  started.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(started.map((s) => new Promise((r) => s.server.close(r))));
});

type RawResponse = { status: number; headers: Record<string, string>; body: string; text: string };

/**
 * Writes `head` (and `body`) on a fresh connection and reads until the server closes it. The socket
 * is never half-closed: Node's server would abort the request.
 */
function raw(port: number, head: string, { body = "", timeoutMs = 1_500 } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer in ${timeoutMs} ms; got: ${JSON.stringify(text)}`));
    }, timeoutMs);
    socket.setEncoding("utf8");
    socket.on("data", (d) => (text += d));
    socket.on("error", () => {}); // a reset after the answer is fine; the answer is what we check
    socket.on("close", () => {
      clearTimeout(timer);
      const [headText, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = headText.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n"), text });
    });
    socket.write(head.replace(/\n/g, "\r\n") + "\r\n" + body);
  });
}

/** A request with the given extra header lines; the server closes the connection after answering. */
function get(s: Started, path: string, extra: string[] = [], method = "GET") {
  return raw(s.port, [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${s.port}`, "Connection: close", ...extra, ""].join("\n"));
}

const echoed = (r: RawResponse) => JSON.parse(r.body) as { headers: Record<string, string>; remoteAddress: string };

describe("client address", () => {
  it("TRUST_PROXY=0: a forged X-Forwarded-For is ignored and forwarding headers never reach the app", async () => {
    const s = await start();
    const r = await get(s, "/login", [
      "X-Forwarded-For: 127.0.0.2",
      "X-Forwarded-Host: evil.example",
      "X-Forwarded-Proto: https",
      "X-Forwarded-Port: 443",
      "Forwarded: for=127.0.0.2",
      "X-Real-IP: 127.0.0.2",
    ]);
    expect(r.status).toBe(200);
    const { headers } = echoed(r);
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"]) expect(headers).not.toHaveProperty(name);
  });

  it("TRUST_PROXY=N takes the hop N from the right of [...X-Forwarded-For, socket]", async () => {
    const one = await start({ trustProxy: 1 });
    const two = await start({ trustProxy: 2 });
    const xff = "X-Forwarded-For: 10.9.9.9, 198.51.100.4";
    // The last hop is the one our trusted proxy added; 10.9.9.9 was written by the client.
    expect(echoed(await get(one, "/", [xff])).headers["x-forwarded-for"]).toBe("198.51.100.4");
    expect(echoed(await get(two, "/", [xff])).headers["x-forwarded-for"]).toBe("10.9.9.9");
    // Behind a trusted proxy, the proxy's own scheme header is kept.
    expect(echoed(await get(one, "/", [xff, "X-Forwarded-Proto: https"])).headers["x-forwarded-proto"]).toBe("https");
  });

  it("takes the leftmost entry when the chain is shorter than N, and never believes a non-IP entry", async () => {
    const five = await start({ trustProxy: 5 });
    expect(echoed(await get(five, "/", ["X-Forwarded-For: 203.0.113.7, 198.51.100.4"])).headers["x-forwarded-for"]).toBe("203.0.113.7");
    const two = await start({ trustProxy: 2 });
    expect(echoed(await get(two, "/", ["X-Forwarded-For: not-an-ip, 198.51.100.4"])).headers["x-forwarded-for"]).toBe("198.51.100.4");
    expect(resolveClientAddress("::ffff:127.0.0.1", "evil, also-evil", 3)).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:10.0.0.1", ["203.0.113.9", "::ffff:198.51.100.4"], 1)).toBe("198.51.100.4");
  });

  it("replaces X-Request-Id with a fresh UUID on every request", async () => {
    const s = await start();
    const a = echoed(await get(s, "/", ["X-Request-Id: forged"])).headers["x-request-id"];
    const b = echoed(await get(s, "/", ["X-Request-Id: forged"])).headers["x-request-id"];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
  });

  it("names the route for the app's logs as the client wrote it, so a header holds it (a zero-width space made Next.js answer 500)", async () => {
    const s = await start();
    const { headers } = echoed(await get(s, "/users/%E2%80%8B?q=%E2%80%AE"));
    expect(headers["x-rollcall-route"]).toBe("/users/%E2%80%8B");
    expect(() => new Headers({ "x-rollcall-route": headers["x-rollcall-route"] })).not.toThrow();
  });
});

describe("refused before the app", () => {
  it("answers a 20 MB Content-Length with 413 at once, without reading the body or calling the app", async () => {
    const s = await start();
    const started = Date.now();
    const r = await raw(
      s.port,
      [
        `POST /users/new HTTP/1.1`,
        `Host: 127.0.0.1:${s.port}`,
        `Content-Length: ${20 * 1024 * 1024}`,
        "Content-Type: multipart/form-data; boundary=x",
        "Next-Action: abc",
        "",
      ].join("\n"),
      { body: "--x\r\n" }, // a few bytes of 20 MB, and the socket stays open
    );
    expect(r.status).toBe(413);
    expect(r.headers["content-type"]).toBe("application/problem+json");
    expect(r.headers.connection).toBe("close");
    expect(JSON.parse(r.body)).toMatchObject({ status: 413, detail: "This request is larger than 7 MB, the most Rollcall accepts here." });
    expect(s.calls).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("limits /api/v1/ to 1 MB and answers Expect: 100-continue without inviting the body", async () => {
    const s = await start();
    const r = await raw(
      s.port,
      [`POST /api/v1/users HTTP/1.1`, `Host: 127.0.0.1:${s.port}`, `Content-Length: ${2 * 1024 * 1024}`, "Expect: 100-continue", ""].join("\n"),
    );
    expect(r.text).not.toMatch(/100 Continue/);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).detail).toBe("This request is larger than 1 MB, the most Rollcall accepts here.");
    const small = [`POST /api/v1/users HTTP/1.1`, `Host: 127.0.0.1:${s.port}`, "Content-Length: 3", "Expect: 100-continue", "Connection: close", ""];
    const allowed = await raw(s.port, small.join("\n"), { body: "abc" });
    expect(allowed.text).toMatch(/^HTTP\/1.1 100 Continue\r\n\r\nHTTP\/1.1 200 /);
    expect(bodyLimitFor("/api/v1")).toBe(1024 * 1024);
    expect(bodyLimitFor("/api/v10/x")).toBe(7 * 1024 * 1024);
    expect(s.calls).toBe(1);
  });

  it("asks for a Content-Length (411) when a POST body is streamed", async () => {
    const s = await start();
    const head = [`POST /api/v1/users HTTP/1.1`, `Host: 127.0.0.1:${s.port}`, "Transfer-Encoding: chunked", ""].join("\n");
    const r = await raw(s.port, head, { body: "3\r\nabc\r\n" });
    expect(r.status).toBe(411);
    expect(s.calls).toBe(0);
  });

  it("refuses a cross-origin server action (403 problem+json) and lets a same-origin one through", async () => {
    const s = await start({ appUrl: "https://rollcall.example" });
    const evil = await get(s, "/users", ["Origin: https://evil.example", "Next-Action: x", "Content-Length: 0"], "POST");
    expect(evil.status).toBe(403);
    expect(evil.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(evil.body)).toEqual({
      type: "https://rollcall.dev/problems/cross-site-request",
      title: "Forbidden",
      status: 403,
      detail: "Cross-site requests are refused.",
    });
    const same = await get(s, "/users", [`Origin: http://127.0.0.1:${s.port}`, "Next-Action: x", "Content-Length: 0"], "POST");
    expect(same.status).toBe(200);
    const viaAppUrl = await get(s, "/users", ["Origin: https://rollcall.example", "Content-Length: 0"], "POST");
    expect(viaAppUrl.status).toBe(200);
    const curl = await get(s, "/users", ["Content-Length: 0"], "POST");
    expect(curl.status).toBe(200);
    const fetchSite = await get(s, "/users", ["Sec-Fetch-Site: cross-site", "Accept: text/html", "Content-Length: 0"], "POST");
    expect(fetchSite.status).toBe(403);
    expect(fetchSite.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(s.calls).toBe(3);
  });

  it("refuses control characters in the address's path, raw or percent-encoded (400); in its query string they are the page's to judge", async () => {
    const s = await start();
    const page = await get(s, "/users/a%00b", ["Accept: text/html"]);
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toMatch(/<title>[^<]+<\/title>/);
    expect(page.body).toMatch(/<h1>Bad Request<\/h1>/);
    expect(page.body).toContain("The address contains control characters.");
    expect(page.body).not.toMatch(/src=|href="(?!\/")|at \w+ \(/); // no resources, no stack: one link, to the start page
    expect(page.body).toContain('<a href="/">Go to the start page</a>');
    expect((await get(s, "/users%0A", ["Accept: application/json"])).status).toBe(400);
    expect((await get(s, "/api/v1/users%7f")).headers["content-type"]).toBe("application/problem+json");
    expect(s.calls).toBe(0);
    // A tab pasted into the search box arrives as %09: the list reads it as a space, and refuses a NUL with its own message.
    for (const path of ["/users?q=ada%09lovelace", "/users?q=a%00b", "/api/v1/users?q=%7f", "/users?q=%25%30%30"])
      expect((await get(s, path)).status, path).toBe(200);
    expect(s.calls).toBe(4);
  });

  it("refuses a path that can't be percent-decoded (400) and a method no route answers (405 with Allow)", async () => {
    const s = await start();
    for (const path of ["/%ZZ", "/api/v1/users/abc%", "/roles/%FF", "/users/%E2%82"]) {
      const r = await get(s, path, ["Accept: application/json"]);
      expect(r.status, path).toBe(400);
      expect(r.headers["content-type"], path).toBe("application/problem+json");
      expect(JSON.parse(r.body).detail, path).toMatch(/^The address has a % that is not followed by/);
    }
    // A method Node.js does not parse at all (FOO) gets Node's own bare 400.
    for (const method of ["TRACE", "PROPFIND"]) {
      const r = await get(s, "/api/v1/users", [], method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(r.headers["content-type"], method).toBe("application/problem+json");
    }
    expect((await get(s, "/users/%C3%A9?q=%ZZ")).status).toBe(200); // a valid path; the query is the page's to read
    expect(s.calls).toBe(1);
  });

  it("answers what Node's parser refuses with problem+json: headers past 16 KB (431), a request that is not HTTP (400)", async () => {
    const s = await start();
    const big = await get(s, "/api/v1/users", [`Authorization: Bearer rk_${"a".repeat(20_000)}`]);
    expect(big.status).toBe(431);
    expect(big.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(big.body)).toMatchObject({ status: 431, detail: "The request's headers are too large (16 KB at most)." });
    expect(big.body).not.toContain("rk_aaa"); // nothing of the request is echoed
    const garbage = await raw(s.port, "NOT HTTP AT ALL\n\n");
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, detail: "The request is not valid HTTP." });
    expect(s.calls).toBe(0);
  });

  it("prefers problem+json only when asked for it", () => {
    const w = (url: string, headers: Record<string, string>) => wantsJson({ url, headers });
    expect(w("/users", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" })).toBe(false);
    expect(w("/users", { accept: "*/*" })).toBe(false);
    expect(w("/users", { accept: "application/json" })).toBe(true);
    expect(w("/users", { accept: "text/html;q=0.5, application/problem+json" })).toBe(true);
    expect(w("/api/health", {})).toBe(true);
    expect(w("/users", { "next-action": "abc" })).toBe(true);
  });
});

describe("gate and shutdown", () => {
  it("calls the gate after the guard and before the app; a gate that answers stops the request", async () => {
    const seen: string[] = [];
    const s = await start({
      gate: (req, res) => {
        seen.push(String(req.headers["x-forwarded-for"]));
        if (req.url !== "/closed") return false;
        res.writeHead(503, { "Content-Length": 0 }).end();
        return true;
      },
    });
    expect((await get(s, "/closed", ["X-Forwarded-For: 127.0.0.2"])).status).toBe(503);
    expect((await get(s, "/open")).status).toBe(200);
    expect((await get(s, "/x%00")).status).toBe(400);
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
    expect(s.calls).toBe(1);
  });

  it("lets a request in flight finish, then closes", async () => {
    const s = await start({ delayMs: 150 });
    const inFlight = get(s, "/slow");
    await new Promise((r) => setTimeout(r, 30));
    const how = await closeGracefully(s.server, { timeoutMs: 2_000 });
    expect(how).toBe("drained");
    expect((await inFlight).status).toBe(200);
    expect(s.server.listening).toBe(false);
  });

  it("closes a connection still busy when the time is up", async () => {
    const s = await start({ delayMs: 1_000 });
    const stuck = get(s, "/stuck").catch(() => null);
    await new Promise((r) => setTimeout(r, 30));
    expect(await closeGracefully(s.server, { timeoutMs: 100 })).toBe("forced");
    expect((await stuck)?.status).toBeNaN(); // closed without an answer
  });
});
