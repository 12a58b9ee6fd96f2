import type { ButtonHTMLAttributes, Ref } from "react";
import { cn } from "./cn";

const variants = {
  primary: "ui-button-primary",
  secondary: "ui-button-secondary",
  danger: "ui-button-danger",
  ghost: "ui-button-ghost",
} as const;

export type ButtonVariant = keyof typeof variants;

/** A button's classes, named in app/globals.css (components layer); `className` utilities win over them. */
export function buttonClasses(variant: ButtonVariant = "primary", className?: string) {
  return cn("ui-button", variants[variant], className);
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; ref?: Ref<HTMLButtonElement> }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
