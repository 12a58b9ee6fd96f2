"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestEmailChange } from "@/lib/account/email-change";
import { updateOwnProfile } from "@/lib/account/own-profile";
import { reportNotMe } from "@/lib/account/security-activity";
import { signOut } from "@/lib/auth";
import { action } from "../../action";

const NOTIFICATIONS = ["notifyGeneral", "notifyDomain", "notifyInvoice", "notifyService"];
const TEXT_FIELDS = ["firstName", "lastName", "phone", "language"];

/**
 * The profile form sends only the fields it shows: a field the administrator keeps read-only is
 * not in the form, so it reaches the verb as "unchanged". The notification boxes are read only
 * when their fieldset is on the page (an unticked box sends nothing).
 */
export const updateOwnProfileAction = action(updateOwnProfile, {
  input: (_prev: unknown, formData: FormData) => {
    const input: Record<string, unknown> = {};
    for (const key of TEXT_FIELDS) if (formData.has(key)) input[key] = String(formData.get(key));
    // "on" or "" (the verb reads either as a flag), so a refused save gives the boxes back as ticked.
    if (formData.has("notifications")) for (const key of NOTIFICATIONS) input[key] = formData.get(key) === "on" ? "on" : "";
    if (formData.has("image")) input.image = formData.get("image");
    if (formData.has("removeImage")) input.removeImage = formData.get("removeImage") === "on";
    if (formData.has("version")) input.expectedVersion = formData.get("version");
    return input;
  },
  echo: true,
  revalidate: ["/", "/account"],
  done: async ({ changed }) => ({ ok: true, message: (await getTranslations("AccountActions"))(changed ? "saved" : "unchanged") }),
});

/**
 * The profile menu's language switch, on every page: the language alone, saved as the profile
 * form saves it (with its audit event); the page is drawn again in it.
 */
export const setLanguageAction = action(updateOwnProfile, {
  input: (language: string) => ({ language }),
  revalidate: ["/"],
});

export const requestEmailChangeAction = action(requestEmailChange, {
  input: (_prev: unknown, formData: FormData) => ({
    email: String(formData.get("email") ?? ""),
    currentPassword: String(formData.get("currentPassword") ?? ""),
  }),
  echo: true, // the address comes back after a refusal; the password never does
  deliver: true,
  revalidate: ["/account"],
  done: async ({ sentTo }) => ({ ok: true, message: (await getTranslations("AccountActions"))("emailSent", { email: sentTo }) }),
});

/** "This wasn't me": the account is locked and every session ended, this one too. */
export const reportNotMeAction = action(({ ctx }) => reportNotMe({ ctx }), {
  input: () => ({}),
  deliver: true,
  done: async () => {
    await signOut({ redirect: false }).catch(() => {});
    redirect("/login?reported=1");
  },
});
