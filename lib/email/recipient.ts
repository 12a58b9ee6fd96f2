import { eq } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { users } from "@/db/schema";
import { getSettings } from "../settings/get-settings";

/** What every e-mail to a user needs: where, in which language, with which name and organization. */
export async function recipientOf(db: Handle, userId: string) {
  const [row] = await db
    .select({ email: users.email, personalEmail: users.personalEmail, language: users.language, firstName: users.firstName })
    .from(users)
    .where(eq(users.id, userId));
  const settings = await getSettings(db);
  return { ...row, organization: settings["organization.name"] };
}
