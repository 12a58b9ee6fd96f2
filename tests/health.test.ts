import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { testDatabase } from "./support/db";

const t = testDatabase();
const slot = globalThis as typeof globalThis & { __rollcallDb?: Promise<unknown> };

afterEach(() => {
  slot.__rollcallDb = undefined;
});

describe("GET /api/health", () => {
  it("answers 200 when the database answers", async () => {
    slot.__rollcallDb = Promise.resolve(t.conn);
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 when the database is down", async () => {
    const rejected = Promise.reject(new Error("connection refused"));
    rejected.catch(() => {});
    slot.__rollcallDb = rejected;
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "error", database: "unavailable" });
  });
});
