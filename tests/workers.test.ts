import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { workerCount } from "../server/workers.mjs";
import { freePort } from "../e2e/support/ports";

const fail = (message: string): never => {
  throw new Error(message);
};

describe("workerCount: how many processes serve requests", () => {
  it("is one unless WEB_CONCURRENCY says otherwise", () => {
    expect(workerCount({ dev: false, env: { DATABASE_URL: "postgres://db/rollcall" }, fail })).toBe(1);
    expect(workerCount({ dev: true, env: {}, fail })).toBe(1);
    expect(workerCount({ dev: false, env: { DATABASE_URL: "postgres://db/rollcall", WEB_CONCURRENCY: "" }, fail })).toBe(1);
  });

  it("follows WEB_CONCURRENCY, and refuses a value it cannot honour with a clear reason", () => {
    expect(workerCount({ dev: false, env: { DATABASE_URL: "postgres://db/r", WEB_CONCURRENCY: "3" }, fail })).toBe(3);
    expect(workerCount({ dev: false, env: { WEB_CONCURRENCY: "1" }, fail })).toBe(1);
    expect(() => workerCount({ dev: false, env: { DATABASE_URL: "postgres://db/r", WEB_CONCURRENCY: "two" }, fail })).toThrow(
      'WEB_CONCURRENCY must be a whole number from 1 to 64, not "two".',
    );
    expect(() => workerCount({ dev: false, env: { DATABASE_URL: "postgres://db/r", WEB_CONCURRENCY: "0" }, fail })).toThrow(/from 1 to 64/);
    expect(() => workerCount({ dev: false, env: { WEB_CONCURRENCY: "2" }, fail })).toThrow(/needs DATABASE_URL/);
    expect(() => workerCount({ dev: true, env: { DATABASE_URL: "postgres://db/r", WEB_CONCURRENCY: "2" }, fail })).toThrow(/for production/);
  });
});

/** A fresh connection per request (no keep-alive), so the primary hands each to a worker in turn. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

interface Cluster {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}
const running: Cluster[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.child.exitCode === null) c.child.kill("SIGKILL");
});

async function startCluster(env: Record<string, string>): Promise<Cluster> {
  const port = await freePort();
  const child = spawn(process.execPath, ["tests/support/workers-fixture.mjs"], { env: { ...process.env, PORT: String(port), ...env }, stdio: "pipe" });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const c = { child, port, output: () => output, exited };
  running.push(c);
  return c;
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("runWorkers: several processes behind one port", () => {
  it("announces itself once every worker is ready, and shares connections among them", async () => {
    const c = await startCluster({ WEB_CONCURRENCY: "2" });
    await until(() => c.output().includes("> Ready on"), "ready");
    expect(c.output()).toContain(`> Ready on http://127.0.0.1:${c.port}, 2 processes`);
    const pids = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const { body } = await get(c.port, "/");
      const answer = JSON.parse(body) as { pid: number; gate: string };
      expect(answer.gate).toBe("2"); // each worker knows how many share the cores (hash-gate.ts)
      pids.add(answer.pid);
    }
    expect(pids.size).toBe(2);
    expect(pids.has(c.child.pid!)).toBe(false);
  });

  it("replaces a worker that stops, and keeps serving", async () => {
    const c = await startCluster({ WEB_CONCURRENCY: "2" });
    await until(() => c.output().includes("> Ready on"), "ready");
    await get(c.port, "/crash").catch(() => undefined);
    await until(() => c.output().includes("starting another"), "a replacement");
    expect(c.output()).toMatch(/Worker \d+ stopped \(exit code 7\); starting another\./);
    for (let i = 0; i < 4; i++) expect((await get(c.port, "/")).status).toBe(200);
  });

  it("on SIGTERM lets every worker finish its requests in flight, then exits 0", async () => {
    const c = await startCluster({ WEB_CONCURRENCY: "2" });
    await until(() => c.output().includes("> Ready on"), "ready");
    const slow = get(c.port, "/slow");
    await new Promise((r) => setTimeout(r, 150));
    c.child.kill("SIGTERM");
    expect((await slow).status).toBe(200);
    expect(await c.exited).toBe(0);
    expect(c.output().match(/Stopped\./g)).toHaveLength(2);
  });

  it("stops with the worker's exit code when a worker cannot start at all", async () => {
    const c = await startCluster({ WEB_CONCURRENCY: "2", FIXTURE_FAIL: "1" });
    expect(await c.exited).toBe(3);
    expect(c.output()).toContain("A worker could not start (exit code 3); stopping.");
    expect(c.output()).not.toContain("> Ready on");
  });
});
