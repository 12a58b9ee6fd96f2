import { Text } from "../validation";
import { z } from "zod";
import { ALL_PERMISSIONS, isPermission, type Permission } from "../permissions/catalog";

/** Permission names, each once; unknown names are refused by name. */
export const permissionNames = (list: z.ZodArray<z.ZodString>) =>
  list
    .max(ALL_PERMISSIONS.length * 2)
    .superRefine((names, ctx) => {
      const unknown = names.filter((p) => !isPermission(p));
      if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown permission${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 5).join(", ")}.` });
    })
    .transform((names) => [...new Set(names)] as Permission[]);

/** Permission names from a form: a repeated field, so one ticked box arrives as a string and none as nothing. */
export const PermissionList = z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), permissionNames(z.array(z.string())));

export const RoleName = Text(60, "A role name has at most 60 characters.").refine((v) => v.length > 0, "Enter the role's name.");
/** A description as sent; RoleDescription is the same with "" for none sent (a new role, a form). */
export const RoleDescriptionText = Text(300, "A description has at most 300 characters.", { multiline: true });
export const RoleDescription = RoleDescriptionText.default("");
