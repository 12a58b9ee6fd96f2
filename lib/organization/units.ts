import { Text } from "../validation";
import { z } from "zod";
import { branches, teams, users } from "@/db/schema";

/** Branches (organization units) and teams behave alike; this names the table of each kind. */
export const UNITS = {
  branch: { table: branches, userColumn: users.branchId, label: "branch", plural: "branches" },
  team: { table: teams, userColumn: users.teamId, label: "team", plural: "teams" },
} as const;

export const UnitKind = z.enum(["branch", "team"]);
export type UnitKind = z.infer<typeof UnitKind>;

export const UnitName = (kind: UnitKind) => Text(80, `A ${kind} name has at most 80 characters.`).refine((v) => v.length > 0, `Enter the ${kind}'s name.`);
