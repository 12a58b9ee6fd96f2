"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { pickAuditPeopleAction } from "@/app/(admin)/users/actions";

type Person = { id: string; name: string; username: string };
import { Button } from "@/components/ui/button";
import { Combobox, usePickerFocus } from "@/components/ui/combobox";

/**
 * One person for an audit filter, found by typing part of a name or username; the chosen id goes in
 * a hidden input named `name`, so the filter form stays a plain GET form. Unlike the user form's
 * picker it starts from the filter already in the URL, which may name a deleted user.
 */
export function AuditPersonPicker({ name, label, initial }: { name: string; label: string; initial: { id: string; name: string } | null }) {
  const t = useTranslations("AuditPicker");
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Person[]>([]);
  const [chosen, setChosen] = useState(initial);
  const [pending, start] = useTransition();
  const [unpicked, setUnpicked] = useState(false);
  const { container: box, undo, swap } = usePickerFocus(!!chosen);

  // Text typed but no one chosen would filter by nobody, silently: the form stops and says so.
  useEffect(() => {
    const form = box.current?.form;
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      if (chosen || !q.trim()) return;
      event.preventDefault();
      setUnpicked(true);
      box.current?.querySelector<HTMLInputElement>("input[role=combobox]")?.focus();
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [box, chosen, q]);

  useEffect(() => {
    if (q.trim().length < 2) return;
    const timer = setTimeout(() => {
      start(async () => {
        const result = await pickAuditPeopleAction(q);
        setResults(result.ok ? (result.data ?? []) : []);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    // A fixed width from a phone's up: a fieldset is at least as wide as its content, so a long chosen
    // name (truncated below) widened it and pushed the row's Filter button onto a line of its own.
    <fieldset ref={box} className="flex w-full min-w-0 flex-col gap-1 sm:w-56">
      <legend className="mb-1 text-sm font-medium text-slate-900">{label}</legend>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      {chosen ? (
        <div className="flex items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 py-1 pr-1 pl-3 text-sm">
          {/* The whole name and username on hover when they do not fit (two people of similar names). */}
          <span className="truncate" title={chosen.name}>
            {chosen.name}
          </span>
          <Button
            variant="ghost"
            className="px-2 py-1"
            aria-label={t("clearLabel", { label })}
            ref={undo}
            onClick={() => {
              swap();
              setChosen(null);
              setQ("");
            }}
          >
            {t("clear")}
          </Button>
        </div>
      ) : (
        <Combobox
          label={t("searchFor", { label })}
          query={q}
          onQueryChange={(next) => {
            setQ(next);
            setUnpicked(false);
          }}
          options={results}
          optionKey={(u) => u.id}
          optionLabel={(u) => `${u.name} (${u.username})`}
          onSelect={(u) => {
            swap();
            setChosen({ id: u.id, name: `${u.name} (${u.username})` });
            setUnpicked(false);
          }}
          busy={pending}
          emptyText={pending ? t("searching") : t("noMatches")}
          placeholder={t("placeholder")}
          invalid={unpicked}
          describedBy={unpicked ? `${name}-unpicked` : undefined}
        />
      )}
      {unpicked && !chosen ? (
        <p id={`${name}-unpicked`} role="alert" className="text-sm text-red-700">
          {t("pickOne")}
        </p>
      ) : null}
    </fieldset>
  );
}
