import "server-only";
import { after } from "next/server";
import { drainOutbox } from "./runner";

/** After the response is sent, deliver what the request just queued (the sweeper catches the rest). */
export function deliverSoon(): void {
  try {
    after(() => drainOutbox());
  } catch {
    void drainOutbox(); // outside a request (CLI, tests)
  }
}
