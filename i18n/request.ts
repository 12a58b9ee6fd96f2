import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentActor } from "@/lib/auth";
import { isLocale, negotiateLocale } from "./locale";
import { allMessages } from "./messages";

/**
 * The language of a request: the signed-in user's (the same that their e-mails use), otherwise the
 * browser's Accept-Language (sign-in, invitation and reset pages), otherwise English. A page that
 * asks for another explicitly (`getTranslations({ locale })`: an invitation's, in the invitee's
 * language) gets it.
 */
export default getRequestConfig(async ({ locale: asked }) => {
  if (isLocale(asked)) return { locale: asked, messages: await allMessages(asked), timeZone: "UTC" };
  const actor = await currentActor().catch(() => null);
  const locale = actor && isLocale(actor.language) ? actor.language : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: await allMessages(locale), timeZone: "UTC" };
});
