import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { controlClasses, describedBy, FieldShell, fieldIds } from "./field";

export function Input({
  name,
  label,
  hint,
  error,
  className,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
}) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error} required={props.required}>
      <input
        id={fieldIds(name).control}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={cn(controlClasses, className)}
        {...props}
      />
    </FieldShell>
  );
}
