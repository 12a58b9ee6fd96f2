import Link from "next/link";
import { formatNumber, type Locale } from "@/lib/format";

/**
 * How many users a role, branch or team has, linked to the user list filtered by it (where the bulk
 * actions move them elsewhere) when there are any and the reader may see that list. `label` names
 * the link beyond its number ("30 users in Madrid"); it starts with the number shown.
 */
export function MembersLink({ count, href, label, locale, linked }: { count: number; href: string; label: string; locale: Locale; linked: boolean }) {
  const shown = formatNumber(count, locale);
  if (!count || !linked) return shown;
  return (
    <Link href={href} aria-label={label} className="text-blue-800 underline">
      {shown}
    </Link>
  );
}

/** The user list filtered by one role, branch or team. */
export const membersHref = (kind: "role" | "branch" | "team", id: string) => `/users?${kind}Id=${encodeURIComponent(id)}`;
