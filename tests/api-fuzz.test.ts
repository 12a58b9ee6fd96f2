/**
 * Random and hostile requests at every endpoint of the API (fast-check, fixed seed): bodies of any
 * shape, hostile strings in every documented field, malformed JSON, wrong content types, odd query
 * strings and ids, with a good key, a read-only key, a forged key or none. No answer is a 5xx, every
 * refusal is problem+json, and a refused request leaves every table as it was.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { callApi, makeKey, serveFromTestDatabase } from "./support/api";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, roleId } from "./support/factories";

const t = testDatabase();
serveFromTestDatabase(() => t.conn);

const TABLES = [
  "users",
  "clients",
  "roles",
  "role_permissions",
  "user_permissions",
  "branches",
  "teams",
  "invitation_tokens",
  "email_outbox",
  "idempotency_keys",
  "settings",
];

/** One checksum over the rows of every table a request could write. */
async function snapshot(): Promise<string> {
  const parts = TABLES.map((table) => sql.raw(`(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from ${table} x)`));
  const { rows } = await t.db.execute<{ sum: string }>(sql`select concat_ws('|', ${sql.join(parts, sql`, `)}) as sum`);
  return rows[0].sum;
}

const HOSTILE = [
  "' or 1=1 --",
  "'; drop table users; --",
  "\u0000",
  "a\u0000b",
  "x".repeat(10_000),
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "=cmd|' /C calc'!A0",
  "+50761234567",
  "2026-02-30",
  "9999-99-99",
  "-1",
  "1e309",
  "00000000-0000-0000-0000-000000000000",
  "🙂‍↔️",
  "Ω≈ç√∫",
  " ",
  "",
];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom(...HOSTILE));
const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(text, leaf, { maxKeys: 3 }));

describe("the API under random and hostile input", () => {
  let ids: string[] = [];
  let keys: (string | null)[] = [];
  const operations = Object.entries(openApiDocument().paths ?? {}).flatMap(([p, item]) =>
    Object.entries(item as Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p,
      fields: fieldsOf(op.requestBody?.content["application/json"]?.schema),
    })),
  );

  function fieldsOf(schema: unknown): string[] {
    const doc = openApiDocument();
    let s = schema as { $ref?: string; properties?: Record<string, unknown> } | undefined;
    if (s?.$ref) s = doc.components!.schemas![s.$ref.split("/").pop()!] as typeof s;
    return Object.keys(s?.properties ?? {});
  }

  beforeAll(async () => {
    await resetData(t.db);
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const target = await insertUser(t.db);
    const adminKey = await makeKey(t.conn, actorWith("all", admin.id), await roleId(t.db, "administrator"));
    const basicKey = await makeKey(t.conn, actorWith("all", admin.id), await roleId(t.db, "api_basic"));
    ids = [target.id, target.id, target.id, admin.id, "00000000-0000-4000-8000-000000000000", "not-an-id", "%27%20or%201%3D1"];
    keys = [
      adminKey,
      adminKey,
      adminKey,
      adminKey,
      adminKey,
      adminKey,
      basicKey,
      basicKey,
      null,
      "rk_00000000_" + "A".repeat(43),
      "Bearer",
      "Bearer " + "x".repeat(5000),
    ];
  });

  it("never answers 5xx, always problem+json for a refusal, and a refusal writes nothing", async () => {
    const request = fc.record({
      op: fc.constantFrom(...operations),
      id: fc.nat(),
      key: fc.nat(),
      body: fc.oneof(
        { weight: 6, arbitrary: fc.dictionary(text, value, { maxKeys: 2 }) },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.anything() },
        { weight: 2, arbitrary: text.map((raw) => ({ __raw: raw })) },
      ),
      documented: fc.dictionary(fc.nat(30).map(String), value, { maxKeys: 5 }),
      query: fc.oneof(
        { weight: 4, arbitrary: fc.constant([] as [string, string][]) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(fc.constantFrom("q", "status", "limit", "cursor", "sort", "dir", "role", "owner", "reassignClientsTo", "x"), text), {
            maxLength: 3,
          }),
        },
      ),
      contentType: fc.constantFrom(...Array(8).fill("application/json"), "application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded", ""),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { op } = r;
        const url = op.path.replace("{id}", ids[r.id % ids.length]).slice(1);
        const query = new URLSearchParams(r.query).toString();
        let raw: string | undefined;
        if (r.body && typeof r.body === "object" && "__raw" in r.body) raw = String((r.body as { __raw: string }).__raw);
        else if (r.body !== null) {
          const fromDoc = Object.fromEntries(Object.entries(r.documented).map(([i, v]) => [op.fields[Number(i) % Math.max(1, op.fields.length)] ?? i, v]));
          raw = JSON.stringify(typeof r.body === "object" && !Array.isArray(r.body) ? { ...fromDoc, ...r.body } : r.body);
        }
        const key = keys[r.key % keys.length];
        const before = await snapshot();
        const authorization: Record<string, string> = key === null ? {} : { authorization: key.startsWith("rk_") ? `Bearer ${key}` : key };
        const res = await callApi(op.method, `${url}${query ? `?${query}` : ""}`, {
          raw: op.method === "GET" || op.method === "DELETE" ? undefined : raw,
          headers: { ...(raw !== undefined && r.contentType ? { "content-type": r.contentType } : {}), ...authorization },
        });
        const label = `${op.method} ${url}?${query} → ${res.status}`;
        expect(res.status, label).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get("content-type"), label).toBe("application/problem+json");
          const body = await res.json();
          expect(body.status, label).toBe(res.status);
          expect(JSON.stringify(body), label).not.toMatch(/\bat \w+ \(|node_modules|\$2[aby]\$/);
          expect(await snapshot(), `${label}: a refused request changed a table`).toBe(before);
        }
      }),
      { seed: 20261130, numRuns: 600, endOnFailure: true },
    );
  }, 240_000);
});
