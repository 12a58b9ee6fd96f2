/**
 * The password gate: at most `size` bcrypt calls at once, `queue` more waiting in order, and the rest
 * told to come back (503 + Retry-After) rather than stalling every page behind them.
 */
import { describe, expect, it } from "vitest";
import { HashGate } from "@/lib/passwords/hash-gate";
import { verifyPassword, hashPassword } from "@/lib/passwords/hash";

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe("HashGate", () => {
  it("runs `size` at once, queues `queue` in order, refuses the rest with unavailable and a Retry-After", async () => {
    const gate = new HashGate(1, 2);
    const order: string[] = [];
    const first = deferred();
    const a = gate.run(async () => {
      order.push("a");
      await first.done;
    });
    const b = gate.run(async () => void order.push("b"));
    const c = gate.run(async () => void order.push("c"));
    expect(gate.saturated()).toBe(true);
    await expect(gate.run(async () => "d")).rejects.toMatchObject({ code: "unavailable", retryAfterSeconds: 2 });
    expect(order).toEqual(["a"]);
    first.release();
    await Promise.all([a, b, c]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(gate.saturated()).toBe(false);
    expect(await gate.run(async () => "again")).toBe("again");
  });

  it("gives the slot back when the work fails", async () => {
    const gate = new HashGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 42)).toBe(42);
  });

  it("is what hashing and checking a password go through", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  });
});
