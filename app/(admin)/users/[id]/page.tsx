import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { StatusBadges } from "@/components/users/status-badge";
import { InvitationsPanel } from "@/components/users/invitations-panel";
import { UserPageActions } from "@/components/users/user-page-actions";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { pageContext, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { formatDate, formatDateTime } from "@/lib/format";
import { countryName } from "@/lib/users/countries";
import { getUser } from "@/lib/users/get-user";
import { formatPhone } from "@/lib/users/phone";

export const metadata: Metadata = { title: "User" };

const GENDER: Record<string, string> = { female: "Female", male: "Male", other: "Other", unspecified: "Prefer not to say" };
const yesNo = (v: boolean) => (v ? "Yes" : "No");

function Details({ title, rows }: { title: string; rows: [string, React.ReactNode][] }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white">
      <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold">{title}</h2>
      <dl className="divide-y divide-slate-100">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-5 gap-4 px-4 py-2 text-sm">
            <dt className="col-span-2 font-medium text-slate-700">{label}</dt>
            <dd className="col-span-3 text-slate-900">{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string; resend?: string }>;
}) {
  const ctx = await pageContext("users.view");
  const { id } = await params;
  const flags = await searchParams;
  const u = await pageRead(getUser({ ctx, input: { userId: id } }));
  const invitations = await listInvitations(ctx, u.id);
  const name = `${u.firstName} ${u.lastName}`;
  return (
    <article aria-labelledby="user-title" className="flex flex-col gap-6">
      <div>
        <p className="mb-2 text-sm">
          <Link href="/users" className="text-blue-800 underline">
            Users
          </Link>
        </p>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="flex items-center gap-4">
            {u.imageUpdatedAt ? (
              // eslint-disable-next-line @next/next/no-img-element -- served from the database with auth
              <img src={`/users/${u.id}/image?v=${u.version}`} alt="" width={64} height={64} className="rounded-full" />
            ) : (
              <span aria-hidden="true" className="flex h-16 w-16 items-center justify-center rounded-full bg-blue-100 text-xl font-semibold text-blue-900">
                {u.firstName[0]}
                {u.lastName[0]}
              </span>
            )}
            <div>
              <h1 id="user-title" className="text-2xl font-semibold">
                {name}
              </h1>
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                {u.username} · {u.role} <StatusBadges status={u.status} lockedAt={u.lockedAt} lockReason={u.lockReason} />
              </p>
            </div>
          </div>
          <UserPageActions
            user={{ id: u.id, name, status: u.status, locked: !!u.lockedAt, self: u.id === ctx.actor.userId }}
            can={{ update: can(ctx.actor, "users.update"), delete: can(ctx.actor, "users.delete"), permissions: can(ctx.actor, "users.view") }}
          />
        </div>
      </div>
      {flags.created ? (
        <Alert tone="success">{flags.created === "invited" ? "User created as Pending; the invitation is on its way." : "User created."}</Alert>
      ) : null}
      {flags.saved ? <Alert tone="success">Changes saved.</Alert> : null}
      {u.lockedAt ? (
        <Alert tone="error">
          <p>
            Locked since {formatDateTime(u.lockedAt)}:{" "}
            {u.lockReason === "inactivity" ? "no sign-in for too long" : `${u.failedLoginCount} wrong passwords in a row`}.
          </p>
          {u.failedAttempts.length ? (
            <>
              <p className="mt-2 font-medium">Last failed sign-in attempts</p>
              <ul className="list-disc pl-5">
                {u.failedAttempts.map((a, i) => (
                  <li key={i}>
                    {formatDateTime(a.at)} from {a.ip ?? "an unknown address"} (
                    {String((a.detail as { reason?: string }).reason ?? "failed").replace(/_/g, " ")})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Details
          title="General data"
          rows={[
            ["First name", u.firstName],
            ["Last name", u.lastName],
            ["Username", u.username],
            ["E-mail", u.email],
            ["Personal e-mail", u.personalEmail],
            ["Phone", formatPhone(u.phone)],
            ["Gender", u.gender ? GENDER[u.gender] : null],
            ["Birthday", u.birthday ? formatDate(u.birthday) : null],
            ["Country", countryName(u.country)],
            ["Language", u.language === "es" ? "Español" : "English"],
            ["Position", u.position],
          ]}
        />
        <Details
          title="Organization and access"
          rows={[
            ["Branch", u.branch],
            ["Team", u.team],
            ["Role", u.role],
            ["Status", <StatusBadges key="s" status={u.status} lockedAt={u.lockedAt} lockReason={u.lockReason} />],
            ["Allowed to log in to the admin console", yesNo(u.adminConsoleAccess)],
            ["Expiration date", u.accountExpiresOn ? formatDate(u.accountExpiresOn) : "Never"],
            ["Password", u.hasPassword ? `Set ${formatDateTime(u.passwordChangedAt)}` : "Not set yet"],
            ["Send end-of-day report", yesNo(u.sendEndOfDayReport)],
            [
              "Notifications",
              [u.notifyGeneral && "General", u.notifyDomain && "Domain", u.notifyInvoice && "Invoice", u.notifyService && "Service"]
                .filter(Boolean)
                .join(", ") || "None",
            ],
            ["Assigned clients", String(u.clientCount)],
          ]}
        />
        <Details
          title="Activity"
          rows={[
            ["Created", formatDateTime(u.createdAt)],
            ["Registered", formatDateTime(u.registeredAt)],
            ["Confirmed", formatDateTime(u.confirmedAt)],
            ["Last sign-in", formatDateTime(u.lastLoginAt)],
            ["Last activity", formatDateTime(u.lastActivityAt)],
            ["Last changed", `${formatDateTime(u.updatedAt)}${u.updatedBy ? ` by ${u.updatedBy}` : ""}`],
          ]}
        />
        <InvitationsPanel
          userId={u.id}
          userName={name}
          pending={u.status === "pending"}
          canInvite={can(ctx.actor, "users.create")}
          autoOpen={flags.resend === "1"}
          rows={invitations.map((i) => ({
            id: i.id,
            delivery: i.delivery,
            sentTo: i.sentTo,
            createdAt: formatDateTime(i.createdAt),
            expiresAt: formatDateTime(i.expiresAt),
            state: i.state,
            emailStatus: i.emailStatus,
            emailError: i.emailError,
          }))}
        />
        <section aria-labelledby="recent-title" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="recent-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
            Recent activity
          </h2>
          {u.recentEvents.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-700">Nothing yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {u.recentEvents.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm">
                  <Badge>{e.action}</Badge>
                  <span className="text-slate-800">{e.actorName ?? "—"}</span>
                  <span className="text-slate-700">{formatDateTime(e.at)}</span>
                  {e.ip ? <span className="text-slate-700">from {e.ip}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </article>
  );
}
