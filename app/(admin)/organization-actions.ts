"use server";

import { getTranslations } from "next-intl/server";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { saveUnit } from "@/lib/organization/save-unit";
import type { UnitKind } from "@/lib/organization/units";
import { action } from "../action";

const path = (kind: unknown) => (kind === "branch" ? "/branches" : "/teams");

/** Creates a branch or team, or renames it when the form carries an id. */
export const saveUnitAction = action(saveUnit, {
  input: (kind: UnitKind, _prev: unknown, formData: FormData) => ({ kind, id: formData.get("id") || undefined, name: formData.get("name") }),
  echo: true,
  revalidate: (_r, { kind }) => [path(kind)],
  done: async ({ changed }, { id }) => ({
    ok: true,
    message: (await getTranslations("OrgActions"))(!changed ? "unchanged" : id ? "renamed" : "created"),
    data: { changed },
  }),
});

export const deleteUnitAction = action(deleteUnit, {
  input: (kind: UnitKind, id: string) => ({ kind, id }),
  revalidate: (_r, { kind }) => [path(kind)],
  done: async () => ({ ok: true, message: (await getTranslations("OrgActions"))("deleted") }),
});
