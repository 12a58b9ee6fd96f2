import type { Metadata } from "next";
import { formatPhone } from "@/lib/users/phone";
import { Alert } from "@/components/ui/alert";
import { pageContext } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { getOwnProfile } from "@/lib/users/get-own-profile";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const ctx = await pageContext();
  const { passwordChanged } = await searchParams;
  const me = await getOwnProfile({ ctx });
  const rows: [string, string][] = [
    ["Name", `${me.firstName} ${me.lastName}`],
    ["Username", me.username],
    ["E-mail", me.email],
    ["Phone", formatPhone(me.phone)],
    ["Role", me.role],
    ["Branch", me.branch ?? "—"],
    ["Team", me.team ?? "—"],
    ["Language", me.language === "es" ? "Español" : "English"],
    ["Registered", formatDateTime(me.registeredAt)],
    ["Last sign-in", formatDateTime(me.lastLoginAt)],
    ["Password changed", formatDateTime(me.passwordChangedAt)],
  ];
  return (
    <section aria-labelledby="profile-title" className="max-w-2xl">
      <h1 id="profile-title" className="mb-4 text-2xl font-semibold">
        Your profile
      </h1>
      {passwordChanged ? (
        <div className="mb-4">
          <Alert tone="success">Your password was changed. Your other sessions have been signed out.</Alert>
        </div>
      ) : null}
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-3 gap-4 px-4 py-3 text-sm">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="col-span-2 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
