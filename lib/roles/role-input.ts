import { Text } from "../validation";
import { z } from "zod";
import { ALL_PERMISSIONS, isPermission, type Permission } from "../permissions/catalog";

/** A list of permission names from a form (repeated field) or JSON; unknown names are refused by name. */
export const PermissionList = z.preprocess(
  (v) => (v == null ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string())
    .max(ALL_PERMISSIONS.length * 2)
    .superRefine((list, ctx) => {
      const unknown = list.filter((p) => !isPermission(p));
      if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown permission${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 5).join(", ")}.` });
    })
    .transform((list) => [...new Set(list)] as Permission[]),
);

export const RoleName = Text(60, "A role name has at most 60 characters.").refine((v) => v.length > 0, "Enter the role's name.");
export const RoleDescription = Text(300, "A description has at most 300 characters.", { multiline: true }).default("");
