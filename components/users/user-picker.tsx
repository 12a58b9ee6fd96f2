"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { pickUsersAction, type PickedUser } from "@/app/(admin)/users/actions";
import { Button } from "@/components/ui/button";
import { Combobox, usePickerFocus } from "@/components/ui/combobox";

/**
 * Finds one user by typing part of their name, username, e-mail or phone, and puts the chosen id in
 * a hidden input named `name`. Works with 100,000 users, where a select would not.
 */
export function UserPicker({
  name,
  label,
  hint,
  activeOnly = false,
  excludeId,
  error,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  activeOnly?: boolean;
  excludeId?: string;
  error?: string[];
  onChange?: (user: PickedUser | null) => void;
}) {
  const t = useTranslations("UsersPicker");
  const id = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickedUser[]>([]);
  const [chosen, setChosen] = useState<PickedUser | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (q.trim().length < 2) return;
    const timer = setTimeout(() => {
      start(async () => {
        const result = await pickUsersAction(q, activeOnly);
        setResults(result.ok ? (result.data ?? []).filter((u) => u.id !== excludeId) : []);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, activeOnly, excludeId]);

  const { container, undo, swap } = usePickerFocus(!!chosen);
  const choose = (user: PickedUser | null) => {
    swap();
    setChosen(user);
    onChange?.(user);
    if (!user) setQ("");
  };

  return (
    <fieldset ref={container} className="flex flex-col gap-1">
      <legend className="text-sm font-medium text-slate-900">{label}</legend>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      {chosen ? (
        <div className="flex items-center gap-3 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          <span>
            {chosen.name} ({chosen.username}) · {chosen.role}
          </span>
          <Button variant="ghost" ref={undo} onClick={() => choose(null)}>
            {t("clear")}
          </Button>
        </div>
      ) : (
        <Combobox
          label={t("searchFor", { label })}
          query={q}
          onQueryChange={setQ}
          options={results}
          optionKey={(u) => u.id}
          optionLabel={(u) => `${u.name} (${u.username}) · ${u.role}`}
          onSelect={choose}
          busy={pending}
          emptyText={pending ? t("searching") : t("noMatches")}
          placeholder={t("placeholder")}
          describedBy={hint ? `${id}-hint` : undefined}
          invalid={!!error?.length}
        />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error?.length ? (
        <p role="alert" className="text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
