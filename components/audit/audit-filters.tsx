import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { ClearFilters, FocusAfterClear } from "@/components/ui/clear-filters";
import { controlClasses } from "@/components/ui/field";
import { SearchForm } from "@/components/ui/search-form";
import { SearchInput } from "@/components/ui/search-input";
import { AUDIT_ACTION_AREAS, isKnownAuditAction } from "@/lib/audit/actions";
import type { AuditFilters } from "@/lib/audit/filters";
import { AuditPersonPicker } from "./person-picker";

const PERSON = (id: string | undefined, name: string | null | undefined, unknown: string) => (id ? { id, name: name ?? unknown } : null);

/**
 * The audit log's filters as a plain GET form, so every filter lives in the URL: who acted, on whom,
 * which action (grouped by area), a range of days and free text.
 */
type DateField = { typed?: string; error?: string };

export async function AuditFilterForm({
  filters,
  people,
  dates = {},
}: {
  filters: AuditFilters;
  people: { actor: string | null; target: string | null };
  /** A refused start or end day: what was typed, kept in its field, and why it was refused. */
  dates?: { from?: DateField; to?: DateField };
}) {
  const [t, te] = await Promise.all([getTranslations("Audit"), getTranslations("AuditEvents")]);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const label = "text-sm font-medium text-slate-900";
  return (
    <SearchForm
      // Drawn again whenever the filters change from elsewhere ("Clear filters", Back): a select and the
      // person pickers keep what they showed through a client-side navigation.
      resetKey={JSON.stringify([filters, dates])}
      role="search"
      aria-label={t("searchForm")}
      action="/audit"
      // Lined up by their tops: a refusal under one field (a date, a name typed but not chosen) makes
      // it taller without pushing the others down.
      className="mb-4 flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <FocusAfterClear />
      <AuditPersonPicker name="actor" label={t("actor")} initial={PERSON(filters.actor, people.actor, t("unknownPerson"))} />
      <AuditPersonPicker name="target" label={t("target")} initial={PERSON(filters.target, people.target, t("unknownPerson"))} />
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-action" className={label}>
          {t("action")}
        </label>
        <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={controlClasses}>
          <option value="">{t("anyAction")}</option>
          {AUDIT_ACTION_AREAS.map(({ area, actions }) => (
            <optgroup key={area} label={te(`areas.${area}`)}>
              {actions.map((code) => (
                <option key={code} value={code}>
                  {te(`names.${code}`)}
                </option>
              ))}
            </optgroup>
          ))}
          {filters.action && !isKnownAuditAction(filters.action) ? <option value={filters.action}>{t("otherAction", { code: filters.action })}</option> : null}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className={label}>
          {t("from")}
        </label>
        <input
          id="audit-from"
          name="from"
          type="date"
          defaultValue={dates.from?.error ? (dates.from.typed ?? "") : (filters.from ?? "")}
          className={controlClasses}
          aria-invalid={dates.from?.error ? true : undefined}
          aria-describedby={dates.from?.error ? "audit-from-error" : undefined}
        />
        {dates.from?.error ? (
          <p id="audit-from-error" className="text-sm text-red-700">
            {dates.from.error}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className={label}>
          {t("to")}
        </label>
        <input
          id="audit-to"
          name="to"
          type="date"
          defaultValue={dates.to?.error ? (dates.to.typed ?? "") : (filters.to ?? "")}
          className={controlClasses}
          aria-invalid={dates.to?.error ? true : undefined}
          aria-describedby={dates.to?.error ? "audit-to-error" : undefined}
        />
        {dates.to?.error ? (
          <p id="audit-to-error" className="text-sm text-red-700">
            {dates.to.error}
          </p>
        ) : null}
      </div>
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor="audit-q" className={label}>
          {t("query")}
        </label>
        <SearchInput id="audit-q" value={filters.q} placeholder={t("queryHint")} className="placeholder:text-slate-600" />
      </div>
      {/* Level with the fields, below their labels. */}
      <button type="submit" className={`${buttonClasses("secondary")} mt-6`}>
        {t("filter")}
      </button>
      {filtered ? (
        <ClearFilters href="/audit" focus="audit-q" className="mt-6 py-2 text-sm text-blue-800 underline">
          {t("clear")}
        </ClearFilters>
      ) : null}
    </SearchForm>
  );
}
