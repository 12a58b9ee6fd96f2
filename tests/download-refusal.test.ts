import { describe, expect, it } from "vitest";
import { Forbidden, ValidationFailed } from "@/lib/errors";
import { downloadRefusal } from "@/lib/http/problem";

const request = (accept: string) => new Request("http://localhost/users/export?q=ana&status=bogus", { headers: { accept } });
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("a refused download", () => {
  it("sends a browser to the page it belongs to, with the same query, where the page says what is wrong", () => {
    const res = downloadRefusal(request(BROWSER), Forbidden("You may not export users."), "/users");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/users?q=ana&status=bogus");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a script with problem+json", async () => {
    for (const accept of ["*/*", "application/json", ""]) {
      const res = downloadRefusal(request(accept), ValidationFailed({ status: ["Unknown status."] }), "/users");
      expect(res.status, accept).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json()).errors).toEqual([{ path: "status", detail: "Unknown status." }]);
    }
  });

  it("never redirects what went wrong on our side", async () => {
    const res = downloadRefusal(request(BROWSER), new Error("connection reset"), "/users");
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("connection reset");
  });
});
