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
      <select
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
