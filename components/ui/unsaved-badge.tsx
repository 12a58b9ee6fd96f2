"use client";

import { useTranslations } from "next-intl";
import { Badge } from "./badge";

/**
 * "Unsaved changes" beside a form's buttons while the form differs from what was loaded
 * (useUnsavedChanges). Announced as a status, and its going too ("No unsaved changes", for screen
 * readers only); `announce={false}` for a second copy of it further down the same form.
 */
export function UnsavedBadge({ dirty, announce = true }: { dirty: boolean; announce?: boolean }) {
  const ui = useTranslations("Ui");
  if (!announce)
    return dirty ? (
      <span aria-hidden="true">
        <Badge tone="warning">{ui("unsaved")}</Badge>
      </span>
    ) : null;
  return dirty ? (
    <span role="status">
      <Badge tone="warning">{ui("unsaved")}</Badge>
    </span>
  ) : (
    <span role="status" className="sr-only">
      {ui("noUnsaved")}
    </span>
  );
}
