import type { Metadata } from "next";
import { pageContext } from "@/lib/auth";
import { readSecuritySettings } from "@/lib/settings/read-security-settings";
import { SecuritySettingsForm } from "./security-form";

export const metadata: Metadata = { title: "Security settings" };

export default async function SecuritySettingsPage() {
  const ctx = await pageContext("roles.manage");
  const values = await readSecuritySettings(ctx);
  return (
    <section aria-labelledby="security-title" className="flex max-w-2xl flex-col gap-4">
      <h1 id="security-title" className="text-2xl font-semibold">
        Security settings
      </h1>
      <p className="text-sm text-slate-700">Lockout, password expiry, invitations and sessions. Changes apply from the next sign-in or request.</p>
      <SecuritySettingsForm values={values} />
    </section>
  );
}
