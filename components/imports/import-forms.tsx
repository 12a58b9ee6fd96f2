"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { commitImportAction, discardImportAction, saveImportSettingsAction } from "@/app/(admin)/users/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog, DialogReturnFocus, useFocusWhenDone } from "@/components/ui/dialog";
import { useActionForm } from "@/components/ui/use-action-form";
import { IMPORT_FIELDS } from "@/lib/imports/columns";

/**
 * Sends the file as the request body to the upload route (streamed there, up to 20 MB), showing
 * the upload's progress, then opens the import's page.
 */
export function UploadForm() {
  const t = useTranslations("ImportsForm");
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A refusal is announced (the alert) and the focus goes back to the file field, ready for another
  // file: the upload button it was on is disabled while the file travels, which dropped it on <body>.
  const refuse = (message: string) => {
    setProgress(null);
    setError(message);
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  const upload = () => {
    if (!file) return refuse(t("chooseFile"));
    setError(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/users/import/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { id?: string; detail?: string; errors?: { detail: string }[] } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 201 && body.id) return router.push(`/users/import/${body.id}`);
      refuse(body.errors?.[0]?.detail ?? body.detail ?? t("uploadFailed"));
    };
    xhr.onerror = () => refuse(t("uploadFailed"));
    xhr.send(file);
  };
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        upload();
      }}
      noValidate
    >
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {t("file")}
        </label>
        <input
          id={id}
          name="file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          aria-describedby={`${id}-hint`}
          className="text-sm"
        />
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {t("fileHint")}
        </p>
      </div>
      {progress !== null ? (
        <div className="flex items-center gap-2 text-sm">
          <progress max={100} value={progress} aria-label={t("uploading")} className="w-64" />
          <span>{t("uploadingPercent", { percent: progress })}</span>
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={progress !== null}>
          {t("upload")}
        </Button>
      </div>
    </form>
  );
}

/** What each column means, and the options; saving (re)runs the dry run. */
export function MappingForm({
  jobId,
  headers,
  mapping,
  options,
  samples,
}: {
  jobId: string;
  headers: string[];
  mapping: (string | null)[];
  options: { invite: boolean; createMissingUnits: boolean };
  samples: string[];
}) {
  const t = useTranslations("ImportsForm");
  const [state, action, pending, actionForm] = useActionForm(saveImportSettingsAction.bind(null, jobId), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      {failed ? <Alert>{failed.fieldErrors?.mapping?.[0] ?? failed.message}</Alert> : null}
      {/* Fixed columns, so a phone fits the three: a long header wraps, an example is cut, the select narrows. */}
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{t("mappingCaption")}</caption>
        <thead>
          <tr className="text-left">
            <th className="w-[32%] py-1 pr-3 font-medium">{t("column")}</th>
            <th className="w-[20%] py-1 pr-3 font-medium">{t("example")}</th>
            <th className="py-1 font-medium">{t("meaning")}</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, i) => (
            <tr key={i} className="border-t border-slate-100">
              <td className="py-1 pr-3 font-medium wrap-anywhere">{header || t("unnamed", { n: i + 1 })}</td>
              <td className="truncate py-1 pr-3 text-slate-700">{samples[i] ?? ""}</td>
              <td className="py-1">
                <select
                  name="mapping"
                  aria-label={t("meaningOf", { column: header || t("unnamed", { n: i + 1 }) })}
                  defaultValue={mapping[i] ?? ""}
                  className="w-full max-w-64 rounded-md border border-slate-400 bg-white px-2 py-1"
                >
                  <option value="">{t("ignore")}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(`fields.${f}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Checkbox name="invite" label={t("invite")} hint={t("inviteHint")} defaultChecked={options.invite} />
      <Checkbox name="createMissingUnits" label={t("createMissing")} hint={t("createMissingHint")} defaultChecked={options.createMissingUnits} />
      <div>
        <Button type="submit" disabled={pending}>
          {t("check")}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Check the file again", beside the refusal of an import whose preview went stale (users or roles
 * changed between the preview and Import): the same columns and options, checked against today's
 * users. The page then shows the new preview, and Import asks again.
 */
export function RecheckForm({
  jobId,
  mapping,
  options,
}: {
  jobId: string;
  mapping: (string | null)[];
  options: { invite: boolean; createMissingUnits: boolean };
}) {
  const t = useTranslations("ImportsForm");
  const [state, action, pending, actionForm] = useActionForm(saveImportSettingsAction.bind(null, jobId), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={actionForm} action={action} className="flex flex-col gap-2">
      {failed ? <Alert>{failed.fieldErrors?.mapping?.[0] ?? failed.message}</Alert> : null}
      {mapping.map((m, i) => (
        <input key={i} type="hidden" name="mapping" value={m ?? ""} />
      ))}
      {options.invite ? <input type="hidden" name="invite" value="on" /> : null}
      {options.createMissingUnits ? <input type="hidden" name="createMissingUnits" value="on" /> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {t("checkAgain")}
        </Button>
      </div>
    </form>
  );
}

/** Refreshes the page while a worker is on the job, so its progress shows (the job row is the state). */
export function RefreshWhileRunning({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1_500);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}

const jobHeading = () => document.getElementById("job-title");

/**
 * A button that asks first and then acts on the import (Import, Discard). Once it has, the button
 * goes with the state it changed: the focus goes to the import's heading, above its progress and
 * result, rather than falling to the page's start.
 */
function ConfirmedJobButton({
  label,
  title,
  body,
  confirmLabel,
  act,
  done: doneMessage,
  constructive = false,
}: {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  act: () => Promise<{ ok: boolean; message?: string }>;
  /** Said in a toast once done (an applied import says it on the page itself). */
  done?: string;
  constructive?: boolean;
}) {
  const router = useRouter();
  const reach = useReach();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { returnTo, done } = useFocusWhenDone(jobHeading);
  return (
    <DialogReturnFocus.Provider value={returnTo}>
      <Button variant={constructive ? "primary" : "secondary"} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        title={title}
        description={<p>{body}</p>}
        error={error}
        confirmLabel={confirmLabel}
        constructive={constructive}
        pending={pending}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        onConfirm={() =>
          start(async () => {
            const result = await reach(act());
            if (!result.ok) return setError(result.message ?? null);
            done();
            setOpen(false);
            if (doneMessage) toast(doneMessage);
            router.refresh();
          })
        }
      />
    </DialogReturnFocus.Provider>
  );
}

/** "Import": asks first, naming how many users are created and updated. */
export function CommitButton({ jobId, creates, updates }: { jobId: string; creates: number; updates: number }) {
  const t = useTranslations("ImportsForm");
  return (
    <ConfirmedJobButton
      label={t("commit", { creates, updates })}
      title={t("commitTitle")}
      body={t("commitBody", { creates, updates })}
      confirmLabel={t("commitConfirm")}
      act={() => commitImportAction(jobId)}
      constructive
    />
  );
}

/** "Discard this import", asked first: an import nobody will apply goes, and no user changes. */
export function DiscardButton({ jobId }: { jobId: string }) {
  const t = useTranslations("ImportsForm");
  return (
    <ConfirmedJobButton
      label={t("discard")}
      title={t("discardTitle")}
      body={t("discardBody")}
      confirmLabel={t("discard")}
      act={() => discardImportAction(jobId)}
      done={t("discarded")}
    />
  );
}
