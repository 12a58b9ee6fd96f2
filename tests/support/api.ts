import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Connection } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { makeCtx, type Actor } from "@/lib/context";

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route file under app/api/v1, as its OpenAPI path (`/users/{id}`) and the methods it exports. */
export function apiRoutes(): { path: string; file: string; pattern: RegExp }[] {
  const root = path.join("app", "api", "v1");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      // The catch-all for unknown paths ([...unknown]) documents nothing and matches nothing here.
      if (name.startsWith("[...")) return [];
      return statSync(file).isDirectory() ? walk(file) : name === "route.ts" ? [file] : [];
    });
  return walk(root).map((file) => {
    const segments = path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean);
    const openapiPath = "/" + segments.map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s)).join("/");
    const pattern = new RegExp("^/" + segments.map((s) => (s.startsWith("[") ? "(?<" + s.slice(1, -1) + ">[^/]+)" : s.replace(/[.]/g, "\\."))).join("/") + "$");
    return { path: openapiPath, file, pattern };
  });
}

const routes = apiRoutes().sort((a, b) => a.pattern.source.length - b.pattern.source.length);
const slot = globalThis as typeof globalThis & { __rollcallDb?: Promise<unknown> };

export interface ApiCall {
  body?: unknown;
  /** A body sent as is (malformed JSON, a wrong type). */
  raw?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  key?: string | null;
}

/**
 * Calls a route handler of app/api/v1 the way Next.js would: a Request to http://rollcall.test/api/v1…
 * with the key as a Bearer header, and the `[id]` of the path as a params promise.
 */
export async function callApi(method: string, url: string, { body, raw, headers = {}, key }: ApiCall = {}): Promise<Response> {
  const full = new URL(url, "http://rollcall.test/api/v1/");
  const local = full.pathname.replace(/^\/api\/v1/, "");
  const route = routes.find((r) => r.pattern.test(local));
  if (!route) return new Response(null, { status: 404 });
  const mod = (await import(/* @vite-ignore */ path.resolve(route.file))) as Record<string, Handler | undefined>;
  const handler = mod[method];
  if (!handler) return new Response(null, { status: 405 });
  const params = { ...route.pattern.exec(local)!.groups };
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const request = new Request(full, {
    method,
    headers: {
      "x-forwarded-for": "198.51.100.9",
      "user-agent": "api-test",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(text !== undefined && raw === undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: text,
  });
  return handler(request, { params: Promise.resolve(params) });
}

/** Points the app's database() at the test database for this file. */
export function serveFromTestDatabase(conn: () => Connection) {
  beforeAll(() => {
    slot.__rollcallDb = Promise.resolve(conn());
  });
  afterAll(() => {
    slot.__rollcallDb = undefined;
  });
}

/** A new key with the role, made by `actor` (a user, or the command line). */
export async function makeKey(conn: Connection, actor: Actor, roleId: string, name = "Test key") {
  const created = await createApiKey({ ctx: makeCtx(conn.db, { actor }), input: { name, roleId } });
  return created.key;
}
