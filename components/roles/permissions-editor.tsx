"use client";

import { useReach } from "@/components/ui/use-reach";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { copyPermissionsAction, previewCopyAction, setUserPermissionsAction, type CopyPreview } from "@/app/(admin)/users/[id]/permissions/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { UnsavedBadge } from "@/components/ui/unsaved-badge";
import { useLeaveWarning } from "@/components/ui/use-unsaved-changes";
import { UserPicker } from "@/components/users/user-picker";
import { PERMISSION_GROUPS } from "@/lib/permissions/catalog";

type Override = "inherit" | "grant" | "deny";
interface Row {
  permission: string;
  fromRole: boolean;
  override: Override;
}

/** Inherit / grant / deny per permission, with the effective result beside each, and "copy from". */
export function PermissionsEditor({
  userId,
  userName,
  roleName,
  rows,
  editable,
  held,
  version,
}: {
  userId: string;
  userName: string;
  roleName: string;
  rows: Row[];
  editable: boolean;
  held: string[];
  version: number;
}) {
  const router = useRouter();
  const t = useTranslations("PermissionsEditor");
  const reach = useReach();
  const tp = useTranslations("Permissions");
  const label = (permission: string) => (tp.has(`items.${permission}.label`) ? tp(`items.${permission}.label`) : permission);
  const fromRows = () => Object.fromEntries(rows.map((r) => [r.permission, r.override])) as Record<string, Override>;
  const [overrides, setOverrides] = useState<Record<string, Override>>(fromRows);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  // When a save or a copy lands, the page sends the new rows: start from them, keep the message. A
  // change from elsewhere (Change role above) clears it: "Permissions saved" stood beside its toast.
  const [shownVersion, setShownVersion] = useState(version);
  const [ownChange, setOwnChange] = useState(false);
  if (version !== shownVersion) {
    setShownVersion(version);
    setOverrides(fromRows());
    if (!ownChange) setMessage(null);
    setOwnChange(false);
  }
  const [preview, setPreview] = useState<CopyPreview | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [copyError, setCopyError] = useState<string | null>(null);
  // Once copied, the preview and its button go, and the picker starts again (a new key): the focus
  // goes to the message that says it was done, not to the page's start.
  const [pickerKey, setPickerKey] = useState(0);
  const messageBox = useRef<HTMLDivElement>(null);
  const { returnTo, done: copied } = useFocusWhenDone(useCallback(() => messageBox.current, []));
  const [pending, start] = useTransition();
  const fromRole = new Map(rows.map((r) => [r.permission, r.fromRole]));
  const effective = (p: string) => (overrides[p] === "grant" ? true : overrides[p] === "deny" ? false : !!fromRole.get(p));
  const dirty = rows.some((r) => overrides[r.permission] !== r.override);
  useLeaveWarning(editable && dirty);

  const save = () =>
    start(async () => {
      const r = await reach(setUserPermissionsAction(userId, overrides));
      setMessage({ tone: r.ok ? "success" : "error", text: r.ok ? (r.message ?? t("savedFallback")) : r.message });
      setOwnChange(r.ok);
      if (r.ok) router.refresh();
    });
  // Save, disabled while sending, dropped the focus to the page's start: it goes to the message that
  // says what happened (as useActionForm's forms do), unless the person has moved it since.
  useEffect(() => {
    if (message && (!document.activeElement || document.activeElement === document.body)) messageBox.current?.focus();
  }, [message]);
  const loadPreview = (fromId: string | null) => {
    setSource(fromId);
    setPreview(null);
    if (!fromId) return;
    start(async () => {
      const r = await reach(previewCopyAction(fromId, userId));
      if (r.ok) setPreview(r.data ?? null);
      else setMessage({ tone: "error", text: r.message });
    });
  };
  const applyCopy = () =>
    start(async () => {
      if (!source) return;
      const r = await reach(copyPermissionsAction(source, userId));
      // A refusal stays in the dialog, where the person is; the page's message is far above.
      if (!r.ok) return setCopyError(r.message);
      setConfirming(false);
      setMessage({ tone: "success", text: r.message ?? t("copiedFallback") });
      setOwnChange(true);
      copied();
      setPreview(null);
      setSource(null);
      setPickerKey((k) => k + 1);
      router.refresh();
    });

  const result = (key: string) => (effective(key) ? <Badge tone="success">{t("allowed")}</Badge> : <Badge>{t("notAllowed")}</Badge>);
  return (
    <div className="flex flex-col gap-6">
      <div ref={messageBox} tabIndex={-1} className="outline-none empty:hidden">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
      {PERMISSION_GROUPS.map((group) => (
        <Table key={group.id} caption={t("caption", { group: tp(`groups.${group.id}`), name: userName })}>
          <Thead>
            <Tr>
              <Th className="sm:w-1/2">{tp(`groups.${group.id}`)}</Th>
              {/* On a phone the role's part sits under the permission's name: the choice was cut off at the edge. */}
              <Th className="hidden sm:table-cell">{t("roleColumn", { role: roleName })}</Th>
              <Th>{t("userColumn")}</Th>
              {/* On a phone the result sits under the choice: a fourth column was cut off at the edge. */}
              <Th className="hidden sm:table-cell">{t("resultColumn")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {group.permissions.map((p) => (
              <Tr key={p.key}>
                <Td>
                  <span className="font-medium">{tp(`items.${p.key}.label`)}</span>
                  <span className="block text-xs text-slate-700">{tp(`items.${p.key}.description`)}</span>
                  <span className="mt-1 block text-xs font-medium sm:hidden">{fromRole.get(p.key) ? t("inRole") : t("notInRole")}</span>
                </Td>
                <Td className="hidden sm:table-cell">{fromRole.get(p.key) ? t("included") : "—"}</Td>
                <Td>
                  <select
                    aria-label={t("overrideLabel", { permission: tp(`items.${p.key}.label`), name: userName })}
                    value={overrides[p.key]}
                    disabled={!editable}
                    onChange={(e) => setOverrides((o) => ({ ...o, [p.key]: e.target.value as Override }))}
                    className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
                  >
                    <option value="inherit">{t("inherit")}</option>
                    <option value="grant" disabled={!held.includes(p.key)}>
                      {t("grant")}
                    </option>
                    <option value="deny">{t("deny")}</option>
                  </select>
                  <span className="mt-1 block sm:hidden">{result(p.key)}</span>
                </Td>
                <Td className="hidden sm:table-cell">{result(p.key)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ))}
      {editable ? (
        <div className="flex items-center gap-3">
          <Button onClick={save} disabled={pending || !dirty}>
            {t("save")}
          </Button>
          <UnsavedBadge dirty={dirty} />
        </div>
      ) : null}

      {editable ? (
        <section aria-labelledby="copy-title" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="copy-title" className="text-base font-semibold">
            {t("copyTitle")}
          </h2>
          <UserPicker
            key={pickerKey}
            name="copyFrom"
            label={t("copyFrom")}
            excludeId={userId}
            onChange={(u) => loadPreview(u?.id ?? null)}
            hint={t("copyHint")}
          />
          {preview ? (
            <div aria-live="polite" className="flex flex-col gap-2 text-sm">
              <p className="font-medium">{t("previewTitle", { name: preview.to.name })}</p>
              <ul className="list-disc pl-5">
                {preview.role.changes ? <li>{t("previewRole", { before: preview.role.before, after: preview.role.after })}</li> : null}
                {preview.changes.map((c) => (
                  <li key={c.permission}>
                    {t("previewChange", {
                      permission: label(c.permission),
                      before: c.before ? t("previewAllowed") : t("previewNotAllowed"),
                      after: c.after ? t("previewAllowed") : t("previewNotAllowed"),
                    })}
                    {c.overrideBefore !== c.overrideAfter
                      ? ` ${t("previewOverride", { before: t(`overrideValue.${c.overrideBefore}`), after: t(`overrideValue.${c.overrideAfter}`) })}`
                      : ""}
                  </li>
                ))}
                {!preview.role.changes && preview.changes.length === 0 ? <li>{t("previewNothing")}</li> : null}
              </ul>
              <div>
                <Button onClick={() => setConfirming(true)} disabled={pending || (!preview.role.changes && preview.changes.length === 0)}>
                  {t("copy")}
                </Button>
              </div>
              {/* It replaces the role and every per-user choice at once (and any unsaved choices above): asked first. */}
              <DialogReturnFocus.Provider value={returnTo}>
                <ConfirmDialog
                  open={confirming}
                  onCancel={() => {
                    setConfirming(false);
                    setCopyError(null);
                  }}
                  error={copyError}
                  onConfirm={applyCopy}
                  pending={pending}
                  title={t("confirmTitle", { name: preview.to.name })}
                  description={
                    <>
                      <p>
                        {t(preview.role.changes ? "confirmBody" : "confirmBodySameRole", {
                          from: preview.from.name,
                          to: preview.to.name,
                          before: preview.role.before,
                          after: preview.role.after,
                        })}
                      </p>
                      <p className="mt-2">{t("confirmCount", { count: preview.changes.length })}</p>
                      {dirty ? <p className="mt-2 font-medium">{t("confirmUnsaved")}</p> : null}
                    </>
                  }
                  confirmLabel={t("confirm")}
                />
              </DialogReturnFocus.Provider>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
