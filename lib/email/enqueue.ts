import type { Handle } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { seal } from "./seal";
import { subjectOf, type EmailMessage } from "./templates";

/** Where a message goes, and whose it is: a user's unsent mail is dropped when they are deleted. */
export interface Addressee {
  address: string;
  /** null: mail that is no account's (the tests' own). */
  userId: string | null;
}

/**
 * Writes a message to the outbox on the caller's transaction: it is sent only if the change that
 * causes it commits, and it is not lost if the process dies before delivery.
 */
export async function enqueueEmail(tx: Handle, to: Addressee, message: EmailMessage, now: Date): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      toAddress: to.address,
      userId: to.userId,
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
