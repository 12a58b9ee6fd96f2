import { useTranslations } from "next-intl";
import { PERMISSION_GROUPS } from "@/lib/permissions/catalog";

/** The catalog as grouped checkboxes, each with its one-line description. */
export function PermissionToggles({ selected, disabled, held }: { selected: string[]; disabled?: boolean; held: string[] }) {
  const t = useTranslations("RolesForm");
  const tp = useTranslations("Permissions");
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {PERMISSION_GROUPS.map((group) => (
        <fieldset key={group.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold">{tp(`groups.${group.id}`)}</legend>
          <ul className="flex flex-col gap-3">
            {group.permissions.map((p) => {
              const id = `perm-${p.key}`;
              const lacking = !held.includes(p.key);
              return (
                <li key={p.key} className="flex items-start gap-2">
                  <input
                    id={id}
                    type="checkbox"
                    name="permissions"
                    value={p.key}
                    defaultChecked={selected.includes(p.key)}
                    disabled={disabled || lacking}
                    aria-describedby={`${id}-desc`}
                    className="mt-0.5 h-4 w-4 accent-blue-700"
                  />
                  <div>
                    <label htmlFor={id} className="text-sm font-medium text-slate-900">
                      {tp(`items.${p.key}.label`)}
                    </label>
                    <p id={`${id}-desc`} className="text-xs text-slate-700">
                      {tp(`items.${p.key}.description`)}
                      {lacking ? ` ${t("notHeld")}` : ""}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
