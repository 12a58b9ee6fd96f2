import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { cache } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { localizedCountryName } from "@/components/users/countries";
import { StatusBadges } from "@/components/users/status-badge";
import { InvitationsPanel } from "@/components/users/invitations-panel";
import { UserPageActions } from "@/components/users/user-page-actions";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { pageContext, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { formatDate, formatDateTime, initials, type Locale } from "@/lib/format";
import { getUser } from "@/lib/users/get-user";
import { getSettings } from "@/lib/settings/get-settings";
import { passwordAge } from "@/lib/auth/session-rules";
import { outrankingUsers } from "@/lib/users/queries";
import { listClients } from "@/lib/clients/client-records";
import { SessionsPanel } from "@/components/sessions/sessions-panel";
import { PasswordDuties } from "@/components/users/password-duties";
import { listSessions } from "@/lib/sessions/sessions";
import { sessionViews } from "@/lib/sessions/session-views";
import { formatPhone } from "@/lib/users/phone";
import { actionName, actorIn, auditWords } from "@/lib/audit/describe-event";
import { withClientMessages } from "@/components/shell/client-messages";
import { FlashNotice } from "@/components/ui/flash-notice";

const CLIENTS_SHOWN = 50;

/** The user the page shows, read once for its title and its body (permission checked by pageContext). */
const shownUser = cache(async (id: string) => {
  const ctx = await pageContext("users.view");
  const u = await pageRead(getUser({ ctx, input: { userId: id } }));
  // Someone holding a permission the reader lacks can't be acted on by them (every verb refuses it):
  // the actions are not offered, and the page says why.
  return { ctx, u, outranked: (await outrankingUsers(ctx.db, ctx.actor.permissions, [u.id])).size > 0 };
});

/** Named after the person: a tab, the history and a screen reader's announcement say whose page it is. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { u } = await shownUser((await params).id);
  return { title: `${u.firstName} ${u.lastName}` };
}

function Details({ title, rows }: { title: string; rows: [string, React.ReactNode][] }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white">
      <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold">{title}</h2>
      <dl className="divide-y divide-slate-100">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-5 gap-4 px-4 py-2 text-sm">
            <dt className="col-span-2 font-medium text-slate-700">{label}</dt>
            <dd className="col-span-3 min-w-0 text-slate-900 wrap-anywhere">{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string; resend?: string }>;
}) {
  const { ctx, u, outranked } = await shownUser((await params).id);
  const mayAct = !outranked;
  const flags = await searchParams;
  const [invitations, clients, sessions, settings] = await Promise.all([
    listInvitations(ctx, u.id),
    listClients({ ctx, input: { ownerId: u.id, limit: CLIENTS_SHOWN } }),
    listSessions({ ctx, input: { userId: u.id } }),
    getSettings(ctx.db),
  ]);
  // A password past the policy's age is changed at the next sign-in: the page says so, as it does for a temporary one.
  const maxAgeDays = settings["password.maxAgeDays"];
  const passwordExpired = !u.mustChangePassword && passwordAge(u, maxAgeDays, ctx.now()).mustChange;
  const name = `${u.firstName} ${u.lastName}`;
  const [t, ta, locale] = await Promise.all([getTranslations("UsersPage"), getTranslations("Audit"), getLocale() as Promise<Locale>]);
  const words = await auditWords(locale); // the events' short names, as the audit log shows them
  const yesNo = (v: boolean) => (v ? t("yes") : t("no"));
  const dateTime = (value: Date | string | null | undefined) => formatDateTime(value, locale);
  return (
    <article aria-labelledby="user-title" className="flex flex-col gap-6">
      <div>
        <p className="mb-2 text-sm">
          <Link href="/users" className="text-blue-800 underline">
            {t("users")}
          </Link>
        </p>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="flex items-center gap-4">
            {u.imageUpdatedAt ? (
              // eslint-disable-next-line @next/next/no-img-element -- served from the database with auth
              <img src={`/users/${u.id}/image?v=${u.version}`} alt="" width={64} height={64} className="rounded-full" />
            ) : (
              <span aria-hidden="true" className="flex h-16 w-16 items-center justify-center rounded-full bg-blue-100 text-xl font-semibold text-blue-900">
                {initials(u.firstName, u.lastName)}
              </span>
            )}
            <div className="min-w-0">
              <h1 id="user-title" className="text-2xl font-semibold wrap-anywhere">
                {name}
              </h1>
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                {u.username} · {u.role} <StatusBadges status={u.status} lockedAt={u.lockedAt} lockReason={u.lockReason} />
              </p>
            </div>
          </div>
          <UserPageActions
            user={{ id: u.id, name, status: u.status, locked: !!u.lockedAt, self: u.id === ctx.actor.userId }}
            can={{
              update: can(ctx.actor, "users.update") && mayAct,
              delete: can(ctx.actor, "users.delete") && mayAct,
              // Their permissions page, to change them or, for whoever may not, to look.
              permissions: can(ctx.actor, "users.permissions") && mayAct ? true : "view",
              invite: can(ctx.actor, "users.create") && mayAct,
            }}
          />
        </div>
      </div>
      {outranked && (can(ctx.actor, "users.update") || can(ctx.actor, "users.delete")) ? <Alert tone="info">{t("outranked", { name })}</Alert> : null}
      {flags.created || flags.saved ? (
        <FlashNotice stamp={`${u.version}:${u.status}:${!!u.lockedAt}`}>
          {flags.saved === "0" ? (
            <Alert tone="info">{t("unchanged")}</Alert>
          ) : (
            <Alert tone="success">{flags.saved ? t("saved") : flags.created === "invited" ? t("createdInvited") : t("created")}</Alert>
          )}
        </FlashNotice>
      ) : null}
      {u.lockedAt ? (
        <Alert tone="error">
          <p>
            {t("lockedSince", {
              date: dateTime(u.lockedAt),
              reason:
                u.lockReason === "inactivity"
                  ? t("lockInactivity")
                  : u.lockReason === "reported"
                    ? t("lockReported")
                    : t("lockPasswords", { count: u.failedLoginCount }),
            })}
          </p>
          {u.failedAttempts.length ? (
            <>
              <p className="mt-2 font-medium">{t("lastFailed")}</p>
              <ul className="list-disc pl-5">
                {u.failedAttempts.map((a, i) => {
                  const reason = String((a.detail as { reason?: string }).reason ?? "failed");
                  return (
                    <li key={i}>
                      {t("attempt", {
                        date: dateTime(a.at),
                        ip: a.ip ?? t("unknownAddress"),
                        reason: t("failReason", { reason, text: reason.replace(/_/g, " ") }),
                      })}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Details
          title={t("sections.general")}
          rows={[
            [t("firstName"), u.firstName],
            [t("lastName"), u.lastName],
            [t("username"), u.username],
            [t("email"), u.email],
            [t("personalEmail"), u.personalEmail],
            [t("phone"), formatPhone(u.phone)],
            [t("gender"), u.gender ? t(`genders.${u.gender}`) : null],
            [t("birthday"), u.birthday ? formatDate(u.birthday, locale) : null],
            [t("country"), localizedCountryName(u.country, locale)],
            // Each language is named in itself, whoever reads it.
            [t("language"), u.language === "es" ? "Español" : "English"],
            [t("position"), u.position],
          ]}
        />
        <Details
          title={t("sections.organization")}
          rows={[
            [t("branch"), u.branch],
            [t("team"), u.team],
            [t("role"), u.role],
            [t("status"), <StatusBadges key="s" status={u.status} lockedAt={u.lockedAt} lockReason={u.lockReason} />],
            [t("adminConsole"), yesNo(u.adminConsoleAccess)],
            [t("expiresOn"), u.accountExpiresOn ? formatDate(u.accountExpiresOn, locale) : t("never")],
            [
              t("password"),
              !u.hasPassword
                ? t("passwordNotSet")
                : u.mustChangePassword
                  ? t("passwordTemporary", { date: dateTime(u.passwordChangedAt) })
                  : passwordExpired
                    ? t("passwordExpired", { date: dateTime(u.passwordChangedAt), days: maxAgeDays })
                    : t("passwordSet", { date: dateTime(u.passwordChangedAt) }),
            ],
            [
              t("endOfDay"),
              u.endOfDayReport === "receives" || u.endOfDayReport === "not_opted_in" ? yesNo(u.sendEndOfDayReport) : t(`endOfDayNot.${u.endOfDayReport}`),
            ],
            [
              t("notifications"),
              [
                u.notifyGeneral && t("notify.general"),
                u.notifyDomain && t("notify.domain"),
                u.notifyInvoice && t("notify.invoice"),
                u.notifyService && t("notify.service"),
              ]
                .filter(Boolean)
                .join(", ") || t("none"),
            ],
          ]}
        />
        <section aria-labelledby="clients-title" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="clients-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
            {t("clientsTitle", { count: u.clientCount })}
          </h2>
          {clients.data.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-700">{t("noClients")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {clients.data.map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2 text-sm">
                  <span className="text-slate-900">{c.name}</span>
                  {c.externalId ? <span className="font-mono text-xs text-slate-700">{c.externalId}</span> : null}
                </li>
              ))}
            </ul>
          )}
          {u.clientCount > clients.data.length ? (
            <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-700">{t("moreClients", { count: u.clientCount - clients.data.length })}</p>
          ) : null}
        </section>
        <Details
          title={t("sections.activity")}
          rows={[
            [t("createdAt"), dateTime(u.createdAt)],
            [t("registeredAt"), dateTime(u.registeredAt)],
            [t("confirmedAt"), dateTime(u.confirmedAt)],
            [t("lastSignIn"), dateTime(u.lastLoginAt)],
            [t("lastActivity"), dateTime(u.lastActivityAt)],
            [t("lastChanged"), u.updatedBy ? t("changedBy", { date: dateTime(u.updatedAt), name: u.updatedBy }) : dateTime(u.updatedAt)],
          ]}
        />
        <PasswordDuties
          userId={u.id}
          name={name}
          canReset={can(ctx.actor, "users.update") && mayAct && u.status === "active"}
          canRequire={can(ctx.actor, "users.update") && mayAct && u.hasPassword && !u.mustChangePassword && u.id !== ctx.actor.userId}
        />
        <SessionsPanel
          sessions={sessionViews(sessions, locale)}
          userId={u.id}
          own={u.id === ctx.actor.userId}
          canEnd={(can(ctx.actor, "users.update") && mayAct) || u.id === ctx.actor.userId}
        />
        <InvitationsPanel
          userId={u.id}
          userName={name}
          pending={u.status === "pending"}
          personalEmail={u.personalEmail}
          canInvite={can(ctx.actor, "users.create") && mayAct}
          autoOpen={flags.resend === "1"}
          rows={invitations.map((i) => ({
            id: i.id,
            delivery: i.delivery,
            sentTo: i.sentTo,
            createdAt: dateTime(i.createdAt),
            expiresAt: dateTime(i.expiresAt),
            state: i.state,
            emailStatus: i.emailStatus,
            emailError: i.emailError,
          }))}
        />
        <section aria-labelledby="recent-title" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="recent-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
            {t("sections.recent")}
          </h2>
          {u.recentEvents.length === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-700">{t("nothingYet")}</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {u.recentEvents.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm wrap-anywhere">
                  <Badge>{actionName(e.action, words)}</Badge>
                  <span className="text-slate-800">{actorIn(e, words)}</span>
                  <span className="text-slate-700">{dateTime(e.at)}</span>
                  {e.ip ? <span className="text-slate-700">{t("fromIp", { ip: e.ip })}</span> : null}
                </li>
              ))}
            </ol>
          )}
          {can(ctx.actor, "audit.view") ? (
            <p className="flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-200 px-4 py-3 text-sm wrap-anywhere">
              <Link href={`/audit?target=${u.id}`} className="text-blue-800 underline">
                {ta("userEvents", { name })}
              </Link>
              <Link href={`/audit?actor=${u.id}`} className="text-blue-800 underline">
                {ta("userActions", { name })}
              </Link>
            </p>
          ) : null}
        </section>
      </div>
    </article>
  );
}

export default withClientMessages(["UsersStatus", "UsersInvitations", "UsersActions", "UsersPicker", "Sessions", "PasswordDuties"], UserPage);
