import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { pageContext } from "@/lib/auth";
import { listMailbox, mailboxEnabled, mayReadMailbox, readMailboxMessage } from "@/lib/email/list-mailbox";
import { formatDateTime, type Locale } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Mailbox");
  return { title: t("title") };
}

/** Messages kept instead of sent when RESEND_API_KEY is unset. Does not exist in production. */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  if (!mailboxEnabled()) notFound();
  const ctx = await pageContext("users.view");
  // Its links sign in as anyone: only for a person who holds every permission.
  if (!mayReadMailbox(ctx.actor)) forbidden();
  const { id } = await searchParams;
  const [messages, open] = await Promise.all([listMailbox(ctx), id ? readMailboxMessage(ctx, id).catch(() => null) : null]);
  const t = await getTranslations("Mailbox");
  const locale = (await getLocale()) as Locale;
  return (
    <section aria-labelledby="mailbox-title" className="flex flex-col gap-4">
      <div>
        <h1 id="mailbox-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-sm text-slate-700">{t("intro")}</p>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <ul aria-label={t("messages")} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {messages.length === 0 ? <li className="p-4 text-sm text-slate-700">{t("empty")}</li> : null}
          {messages.map((m) => (
            <li key={m.id}>
              <Link href={`/dev/mailbox?id=${m.id}`} aria-current={m.id === id ? "true" : undefined} className="block px-4 py-3 text-sm hover:bg-slate-50">
                <span className="block font-medium text-slate-900">{m.subject}</span>
                <span className="block text-slate-700">{t("listTo", { to: m.to, date: formatDateTime(m.createdAt, locale) })}</span>
                <Badge tone={m.status === "sent" ? "success" : m.status === "failed" ? "danger" : "warning"}>{t(`status.${m.status}`)}</Badge>
              </Link>
            </li>
          ))}
        </ul>
        <div className="lg:col-span-2">
          {open ? (
            <article aria-labelledby="message-subject" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="message-subject" className="text-lg font-semibold">
                {open.subject}
              </h2>
              <p className="text-sm text-slate-700">{t("to", { to: open.to })}</p>
              {open.links.length ? (
                <ul aria-label={t("links")} className="text-sm">
                  {open.links.map((l) => (
                    <li key={l}>
                      <a href={l} className="break-all text-blue-800 underline">
                        {l}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              <iframe
                title={t("frameTitle", { subject: open.subject })}
                srcDoc={open.html}
                sandbox=""
                className="h-[32rem] w-full rounded border border-slate-200"
              />
            </article>
          ) : (
            <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{t("choose")}</p>
          )}
        </div>
      </div>
    </section>
  );
}
