import { Resend } from "resend";
import { env } from "../env";

export interface OutgoingEmail {
  id: string; // the outbox row: also the idempotency key, so a retry never sends twice
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendResult = { ok: true; providerId: string } | { ok: false; error: string };

export interface EmailTransport {
  name: "resend" | "mailbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

const SEND_TIMEOUT_MS = 10_000;

export function resendTransport(apiKey: string, baseUrl?: string, timeoutMs = SEND_TIMEOUT_MS): EmailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      try {
        const { data, error } = await client.emails.send({ from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text }, {
          idempotencyKey: `rollcall-outbox-${email.id}`,
          signal: AbortSignal.timeout(timeoutMs),
        } as never);
        if (error || !data) return { ok: false, error: error ? `${error.name}: ${error.message}` : "No answer from Resend." };
        return { ok: true, providerId: data.id };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    },
  };
}

/** Development without RESEND_API_KEY: messages stay in the outbox, readable at /dev/mailbox. */
export const mailboxTransport: EmailTransport = {
  name: "mailbox",
  async send() {
    return { ok: true, providerId: "dev-mailbox" };
  },
};

/** Production without RESEND_API_KEY: nothing can be delivered, so messages wait and say why. */
const unconfiguredTransport: EmailTransport = {
  name: "resend",
  async send() {
    return { ok: false, error: "RESEND_API_KEY is not set: e-mail cannot be delivered." };
  },
};

export function configuredTransport(): EmailTransport {
  const e = env();
  if (e.RESEND_API_KEY) return resendTransport(e.RESEND_API_KEY, e.RESEND_BASE_URL);
  return e.NODE_ENV === "production" ? unconfiguredTransport : mailboxTransport;
}
