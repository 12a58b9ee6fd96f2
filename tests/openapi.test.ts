/**
 * The OpenAPI document names every route under app/api/v1 with exactly the methods it exports, and
 * it is a valid OpenAPI 3.1 document.
 */
import path from "node:path";
import { validate, compileErrors } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { NOT_ALLOWED } from "@/lib/api/endpoint";
import { openApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "./support/api";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

describe("the OpenAPI document", () => {
  it("documents every route and method under app/api/v1, and nothing else", async () => {
    const doc = openApiDocument();
    const fromFiles: string[] = [];
    for (const route of apiRoutes()) {
      const mod = (await import(/* @vite-ignore */ path.resolve(route.file))) as Record<string, unknown>;
      for (const method of METHODS) {
        // Every route answers every method: what it doesn't serve is a 405 with Allow (notAllowed), not an endpoint.
        expect(typeof mod[method], `${method} ${route.path}`).toBe("function");
        if (!(mod[method] as Record<symbol, unknown>)[NOT_ALLOWED]) fromFiles.push(`${method} ${route.path}`);
      }
    }
    const documented = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      METHODS.filter((m) => (item as Record<string, unknown>)[m.toLowerCase()]).map((m) => `${m} ${p}`),
    );
    expect(fromFiles.length).toBeGreaterThan(25);
    expect(documented.sort()).toEqual(fromFiles.sort());
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = structuredClone(openApiDocument());
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(doc as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("describes every refusal as problem+json and every write's body as a strict object", () => {
    const doc = openApiDocument();
    for (const [p, item] of Object.entries(doc.paths ?? {}))
      for (const [method, op] of Object.entries(
        item as Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; requestBody?: unknown }>,
      )) {
        for (const [status, response] of Object.entries(op.responses))
          if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${method} ${p} ${status}`).toEqual(["application/problem+json"]);
        if (op.requestBody) expect(JSON.stringify(op.requestBody)).toMatch(/additionalProperties|\$ref/);
      }
    const create = doc.components!.schemas!.CreateUser as { additionalProperties?: unknown };
    expect(create.additionalProperties).toBe(false);
  });
});

describe("an unknown path under /api/v1", () => {
  it("is a problem+json 404, not the HTML page, whatever the method", async () => {
    const route = await import("@/app/api/v1/[...unknown]/route");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = route[method]();
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, detail: expect.stringMatching(/no such API endpoint/) });
    }
  });
});
