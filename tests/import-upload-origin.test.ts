/**
 * The import's upload is a route handler with a cookie session, outside the server actions (which
 * check their origin themselves): a request from another site is refused before anything is read.
 */
import { describe, expect, it, vi } from "vitest";

// The origin is checked before the session is read: reaching the session here fails the test.
vi.mock("@/lib/auth", () => ({
  requestContext: () => Promise.reject(new Error("the session was read before the origin was checked")),
}));
const { POST } = await import("@/app/(admin)/users/import/upload/route");

const upload = (headers: Record<string, string>) =>
  POST(new Request("http://localhost:3000/users/import/upload?name=people.csv", { method: "POST", headers, body: "First name\nAna\n" }));

describe("the import's upload", () => {
  it("refuses a cross-site request, and one that names no origin at all, as forbidden problem+json", async () => {
    for (const headers of <Record<string, string>[]>[
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      {},
    ]) {
      const res = await upload(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json()).detail).toBe("Cross-site requests are not allowed.");
    }
  });
});
