import type { ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses, describedBy, FieldShell, fieldIds } from "./field";

export interface SelectOption {
  value: string;
  label: string;
}

export function Select({
  name,
  label,
  hint,
  error,
  options,
  placeholder,
  className,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
  options: SelectOption[];
  placeholder?: string;
}) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error} required={props.required}>
      {/* Keyed by its default: React applies a select's defaultValue only when it mounts, so a form
          that stays on the page after saving (the profile's language) kept showing the old choice,
          and the form's reset after the action put it back; a new default makes a new select. */}
      <select
        key={props.defaultValue === undefined ? undefined : String(props.defaultValue)}
        id={fieldIds(name).control}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={cn(controlClasses, className)}
        {...props}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
