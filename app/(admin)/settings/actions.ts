"use server";

import { getTranslations } from "next-intl/server";
import { retryDelivery } from "@/lib/email/retry-delivery";
import { updateGeneralSettings } from "@/lib/settings/update-general-settings";
import { updateSecuritySettings } from "@/lib/settings/update-security-settings";
import { action } from "../../action";

export const updateSecuritySettingsAction = action(updateSecuritySettings, {
  input: (_prev: unknown, formData: FormData) =>
    Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v)])),
  echo: true,
  revalidate: ["/settings/security"],
  done: async ({ changed }) => ({ ok: true, message: (await getTranslations("SettingsActions"))(changed ? "saved" : "unchanged") }),
});

export const retryDeliveryAction = action(retryDelivery, {
  input: (id: string) => ({ id }),
  deliver: true,
  revalidate: ["/settings/email"],
});

export const updateGeneralSettingsAction = action(updateGeneralSettings, {
  input: (_prev: unknown, formData: FormData) => ({
    "organization.name": formData.get("organization.name"),
    "organization.timeZone": formData.get("organization.timeZone"),
  }),
  echo: true,
  revalidate: ["/settings/general", "/reports"],
  done: async ({ changed }) => ({ ok: true, message: (await getTranslations("SettingsGeneral"))(changed ? "saved" : "unchanged") }),
});
