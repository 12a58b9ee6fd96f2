import { createServer, type IncomingMessage, type Server } from "node:http";

export interface ReceivedEmail {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string | string[]; subject: string; html: string; text?: string };
}

/**
 * A stand-in for Resend's API on 127.0.0.1, so the real `resend` SDK's requests cross HTTP. Like
 * Resend, it answers a repeated Idempotency-Key with the first answer and delivers only once.
 * `failNext(n, mode)` makes the next n requests answer 500 or hang past the client's timeout.
 */
export async function startFakeResend() {
  const delivered: ReceivedEmail[] = [];
  const requests: ReceivedEmail[] = [];
  const byKey = new Map<string, string>();
  let failures: { mode: "500" | "hang"; left: number } = { mode: "500", left: 0 };
  let counter = 0;

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => resolve(data));
    });

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : {};
    const received = { idempotencyKey: (req.headers["idempotency-key"] as string) ?? null, authorization: req.headers.authorization ?? null, body };
    if (req.method === "GET" && req.url === "/_inbox") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(delivered));
      return;
    }
    requests.push(received);
    if (req.method !== "POST" || req.url !== "/emails") {
      res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
      return;
    }
    if (failures.left > 0) {
      failures.left--;
      if (failures.mode === "hang") return; // never answers: the client's timeout fires
      res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ name: "internal_server_error", message: "Boom", statusCode: 500 }));
      return;
    }
    const key = received.idempotencyKey;
    let id = key ? byKey.get(key) : undefined;
    if (!id) {
      id = `fake-${++counter}`;
      if (key) byKey.set(key, id);
      delivered.push(received);
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    requests,
    failNext(left: number, mode: "500" | "hang" = "500") {
      failures = { mode, left };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
