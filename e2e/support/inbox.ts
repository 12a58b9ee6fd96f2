import { inject } from "vitest";
import type { ReceivedEmail } from "../../tests/support/fake-resend";

/** What the server delivered through the (fake) Resend API, newest last. */
export async function inbox(): Promise<ReceivedEmail[]> {
  return (await fetch(`${inject("resendUrl")}/_inbox`)).json();
}

/** Waits for a message to `to` whose subject matches, and returns it with the links it carries. */
export async function waitForEmail(to: string, subject: RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await inbox()).filter((m) => [m.body.to].flat().includes(to) && subject.test(m.body.subject)).pop();
    if (found) return { ...found, links: [...found.body.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")) };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No e-mail to ${to} matching ${subject} within ${timeoutMs} ms`);
}
