import type { ReactNode } from "react";

// Named in app/globals.css (each pair passes WCAG AA contrast for small text).
const tones = {
  neutral: "ui-badge-neutral",
  success: "ui-badge-success",
  warning: "ui-badge-warning",
  danger: "ui-badge-danger",
  info: "ui-badge-info",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  // One class: each tone's carries the badge's shape too (a list sends 25 of these).
  return <span className={tones[tone]}>{children}</span>;
}
