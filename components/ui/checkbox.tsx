import type { InputHTMLAttributes, ReactNode } from "react";
import { describedBy, fieldIds } from "./field";
import { FieldError } from "./field-error";

export function Checkbox({
  name,
  label,
  hint,
  error,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
}) {
  const ids = fieldIds(name);
  return (
    <div className="flex items-start gap-2">
      <input
        id={ids.control}
        name={name}
        type="checkbox"
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error?.length ? true : undefined}
        className="mt-0.5 h-4 w-4 rounded border-slate-400 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
        {...props}
      />
      <div className="flex flex-col">
        <label htmlFor={ids.control} className="text-sm text-slate-900">
          {label}
        </label>
        {hint ? (
          <p id={ids.hint} className="text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
        {error?.length ? <FieldError id={ids.error} error={error} /> : null}
      </div>
    </div>
  );
}
