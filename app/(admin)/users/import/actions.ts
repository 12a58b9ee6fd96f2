"use server";

import { commitImport, discardImport, saveImportSettings } from "@/lib/imports/jobs";
import { kickImports } from "@/lib/imports/worker";
import { action } from "../../../action";

export const saveImportSettingsAction = action(saveImportSettings, {
  input: (jobId: string, _prev: unknown, formData: FormData) => ({
    jobId,
    mapping: formData.getAll("mapping").map(String),
    invite: formData.get("invite"),
    createMissingUnits: formData.get("createMissingUnits"),
  }),
  revalidate: (_r, input) => [`/users/import/${String(input.jobId)}`],
  done: () => {
    kickImports();
    return { ok: true };
  },
});

export const commitImportAction = action(commitImport, {
  input: (jobId: string) => ({ jobId }),
  revalidate: (_r, input) => [`/users/import/${String(input.jobId)}`],
  done: () => {
    kickImports();
    return { ok: true };
  },
});

export const discardImportAction = action(discardImport, {
  input: (jobId: string) => ({ jobId }),
  revalidate: (_r, input) => [`/users/import/${String(input.jobId)}`, "/users/import"],
});
