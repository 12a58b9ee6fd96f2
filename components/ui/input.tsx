import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { controlClasses, describedBy, FieldShell, fieldIds } from "./field";

export function Input({
  name,
  idKey = name,
  label,
  hint,
  error,
  className,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  name: string;
  /** What the field's ids are made from, when a page has more than one field of this name (a row's rename). */
  idKey?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
}) {
  return (
    <FieldShell name={idKey} label={label} hint={hint} error={error} required={props.required}>
      <input
        id={fieldIds(idKey).control}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(idKey, hint, error)}
        className={cn(controlClasses, className)}
        {...props}
      />
    </FieldShell>
  );
}
