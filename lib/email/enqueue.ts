import type { Handle } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { seal } from "./seal";
import { subjectOf, type EmailMessage } from "./templates";

/**
 * Writes a message to the outbox on the caller's transaction: it is sent only if the change that
 * causes it commits, and it is not lost if the process dies before delivery.
 */
export async function enqueueEmail(tx: Handle, to: string, message: EmailMessage, now: Date): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      toAddress: to,
      template: message.template,
      language: message.props.lang,
      subject: subjectOf(message),
      props: seal(message.props),
      createdAt: now,
      nextAttemptAt: now,
    })
    .returning({ id: emailOutbox.id });
  return row.id;
}
