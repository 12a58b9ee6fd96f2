import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_COUNTRIES } from "@/lib/demo/seed-demo";
import { toE164 } from "@/lib/users/phone";

// A demo user's phone number must pass the checks a real one does: one that doesn't blocks every
// later edit of that user (the form and the API check the phone number again on save).
describe("demo users' phone numbers", () => {
  it("are valid for their country under every prefix the seed uses", () => {
    for (const country of DEMO_COUNTRIES) {
      const free = country.digits - country.lead.length;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10 ** free - 1 }), (n) => {
          const number = `${country.dial}${country.lead}${String(n).padStart(free, "0")}`;
          expect(toE164(number, country.code)).toBe(number);
        }),
        { seed: 20261201, numRuns: 2_000 },
      );
    }
  });
});
