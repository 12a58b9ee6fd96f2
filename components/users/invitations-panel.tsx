"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";
import { resendInvitationAction, revokeInvitationAction } from "@/app/(admin)/users/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { ConfirmDialog, Dialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";

export interface InvitationRow {
  id: string;
  delivery: "email" | "link";
  sentTo: string | null;
  createdAt: string;
  expiresAt: string;
  state: "pending" | "used" | "revoked" | "expired" | "unknown";
  emailStatus: "pending" | "sent" | "failed" | null;
  emailError: string | null;
}

const STATE_TONE = { pending: "info", used: "success", revoked: "neutral", expired: "warning", unknown: "neutral" } as const;

/** What the user page's own "Resend invitation" button sends: the panel opens its dialog. */
const RESEND = "rollcall:resend-invitation";
export const askToResend = () => dispatchEvent(new Event(RESEND));

/** A user's invitations: method, sent, expiry, state and e-mail delivery; resend and revoke. */
export function InvitationsPanel({
  userId,
  userName,
  pending,
  canInvite,
  rows,
  autoOpen = false,
  personalEmail,
}: {
  userId: string;
  userName: string;
  pending: boolean;
  /** Where an invitation by e-mail goes; without one only a shareable link can be made. */
  personalEmail: string | null;
  canInvite: boolean;
  rows: InvitationRow[];
  autoOpen?: boolean;
}) {
  const t = useTranslations("UsersInvitations");
  const reach = useReach();
  const tUi = useTranslations("Ui");
  const router = useRouter();
  const [open, setOpen] = useState(autoOpen && pending && canInvite);
  const [method, setMethod] = useState<"email" | "link">(personalEmail ? "email" : "link");
  const [link, setLink] = useState<string | null>(null);
  // Mounted once a link is made (a stable callback: a later render does not take the focus back).
  const focusCopy = useCallback((node: HTMLDivElement | null) => node?.querySelector("button")?.focus(), []);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, start] = useTransition();
  const ask = useCallback(() => {
    setOpen(true);
    setLink(null);
    setMessage(null);
  }, []);
  // The page's header offers Resend too (as the list's ⋮ does, with ?resend=1 when the page loads).
  useEffect(() => {
    if (!pending || !canInvite) return;
    addEventListener(RESEND, ask);
    return () => removeEventListener(RESEND, ask);
  }, [pending, canInvite, ask]);
  // A new link ends the previous one: at most one invitation is open, and Revoke is about it.
  const openRow = canInvite ? rows.find((r) => r.state === "pending") : undefined;

  const resend = () =>
    start(async () => {
      const result = await reach(resendInvitationAction(userId, method));
      // A field's reason (no personal e-mail, say) is the message: the dialog has no field to put it beside.
      if (!result.ok) return setMessage({ tone: "error", text: Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.message });
      setLink(result.data?.link ?? null);
      setMessage({ tone: "success", text: result.message ?? t("done") });
      // Sent by e-mail, the dialog's work is done: it closes and the panel says so (a second press
      // would send another e-mail and end the link just sent). A new link stays open to be copied.
      if (!result.data?.link) setOpen(false);
      router.refresh();
    });
  // Revoking asks first; a refusal stays in the dialog. Once revoked, its row's button is gone: the
  // focus goes to the panel's message that says so.
  const [revoking, setRevoking] = useState<InvitationRow | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const { returnTo, done } = useFocusWhenDone(useCallback(() => document.getElementById("invitations-message"), []));
  const revoke = (id: string) =>
    start(async () => {
      const result = await reach(revokeInvitationAction(id));
      if (!result.ok) return setRevokeError(result.message);
      done();
      setRevoking(null);
      setMessage({ tone: "success", text: result.message ?? t("revoked") });
      router.refresh();
    });

  return (
    <section aria-labelledby="invitations-title" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="invitations-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        {/* Revoke sits with Resend rather than in a column of its own: pinned over a table too wide
            for the page's side column, it hid the invitation's state. */}
        <div className="flex flex-wrap justify-end gap-2">
          {openRow ? (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                done(false);
                setRevokeError(null);
                setRevoking(openRow);
              }}
            >
              {t("revokeConfirm")}
            </Button>
          ) : null}
          {pending && canInvite ? (
            <Button variant="secondary" onClick={ask}>
              {rows.length ? t("resend") : t("send")}
            </Button>
          ) : null}
        </div>
      </div>
      {message && !open ? (
        <div id="invitations-message" tabIndex={-1} className="p-3 focus:outline-none">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-700">{t("none")}</p>
      ) : (
        <Table caption={t("caption", { name: userName })} scrollCue={tUi("moreColumns")}>
          <Thead>
            <Tr>
              <Th>{t("columns.method")}</Th>
              <Th>{t("columns.sent")}</Th>
              <Th>{t("columns.expires")}</Th>
              <Th>{t("columns.state")}</Th>
              <Th>{t("columns.delivery")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td>{r.delivery === "email" ? t("emailTo", { address: String(r.sentTo) }) : t("shareableLink")}</Td>
                {/* A date on one line: on a phone the table scrolls sideways, as its cue says, rather than stack it in five. */}
                <Td className="whitespace-nowrap">{r.createdAt}</Td>
                <Td className="whitespace-nowrap">{r.expiresAt}</Td>
                <Td>
                  <Badge tone={STATE_TONE[r.state]}>{t("state", { state: r.state })}</Badge>
                </Td>
                <Td>
                  {r.emailStatus ? (
                    <span title={r.emailError ?? undefined}>
                      {t("emailStatus", { status: r.emailStatus })}
                      {r.emailError ? ` (${r.emailError})` : ""}
                    </span>
                  ) : (
                    "—"
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <DialogReturnFocus.Provider value={returnTo}>
        <ConfirmDialog
          open={revoking !== null}
          title={t("revokeTitle")}
          description={<p>{t("revokeBody", { date: revoking?.createdAt ?? "", name: userName })}</p>}
          confirmLabel={t("revokeConfirm")}
          pending={busy}
          error={revokeError}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoking && revoke(revoking.id)}
        />
      </DialogReturnFocus.Provider>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        // Once the link is made, the dialog is about it (the rows refreshed under it: not "Resend" yet).
        title={link ? t("linkTitle", { name: userName }) : t(rows.length ? "dialogTitle" : "sendTitle", { name: userName })}
        description={link ? t("linkDescription", { name: userName }) : t("dialogDescription")}
      >
        {link ? (
          // The focus goes to the link's Copy button, what the administrator does next.
          <div className="flex flex-col gap-3" ref={focusCopy}>
            <CopyField label={t("registrationLink")} value={link} />
            <div className="flex justify-end">
              <Button onClick={() => setOpen(false)}>{t("close")}</Button>
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-4">
            <fieldset>
              <legend className="text-sm font-medium">{t("method")}</legend>
              <label className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="resend-method"
                  checked={method === "email"}
                  onChange={() => setMethod("email")}
                  disabled={!personalEmail}
                  aria-describedby={personalEmail ? undefined : "resend-no-email"}
                  className="accent-blue-700"
                />
                {personalEmail ? t("personalEmailTo", { address: personalEmail }) : t("personalEmail")}
              </label>
              {personalEmail ? null : (
                <p id="resend-no-email" className="ml-6 text-xs text-slate-600 dark:text-slate-300">
                  {t("noPersonalEmail", { name: userName })}
                </p>
              )}
              <label className="mt-1 flex items-center gap-2 text-sm">
                <input type="radio" name="resend-method" checked={method === "link"} onChange={() => setMethod("link")} className="accent-blue-700" />
                {t("shareableLink")}
              </label>
            </fieldset>
            {open && message?.tone === "error" ? <Alert>{message.text}</Alert> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
                {t("cancel")}
              </Button>
              <Button disabled={busy} onClick={resend}>
                {method === "email" ? t("send") : t("createLink")}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
