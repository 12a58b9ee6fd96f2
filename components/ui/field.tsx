import type { ReactNode } from "react";
import { FieldError } from "./field-error";

/** Ids that tie a control to its hint and error, so screen readers announce both. */
export function fieldIds(name: string) {
  return { control: `field-${name}`, hint: `field-${name}-hint`, error: `field-${name}-error` };
}

export function describedBy(name: string, hint?: ReactNode, error?: string[] | string) {
  const ids = fieldIds(name);
  return [hint ? ids.hint : null, error?.length ? ids.error : null].filter(Boolean).join(" ") || undefined;
}

export function FieldShell({
  name,
  label,
  hint,
  error,
  required,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
  required?: boolean;
  children: ReactNode;
}) {
  const ids = fieldIds(name);
  return (
    <div className="flex flex-col gap-1">
      <div className="text-sm font-medium text-slate-900">
        <label htmlFor={ids.control}>{label}</label>
        {/* Outside the label, so the accessible name is just the label; `required` says the rest. */}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p id={ids.hint} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error?.length ? <FieldError id={ids.error} error={error} /> : null}
    </div>
  );
}

/** A text field's or select's classes, named in app/globals.css (components layer): utilities beside it win. */
export const controlClasses = "ui-control";
