import type { LazyNamespace } from "@/components/shell/lazy-messages";

/**
 * The /users list's client catalogs (app/(lists)/layout.tsx). With the page: only what its first
 * render reads (the status badges; "Select" and "Actions for", which name each row's checkbox and ⋮
 * together with its name: components/users/users-table.tsx) and the bulk toolbar, so a selection
 * shows it at once. Fetched when first reached for: the rest of the row menus', bulk actions' and
 * user picker's texts.
 */
export const LIST_SENT = [
  "UsersStatus",
  "UsersActions.actionsLead",
  ...["selectLead", "selectPage", "toolbar", "selected", "selectAllMatching", "clear", "menu"].map((key) => `UsersBulk.${key}`),
];
export const LIST_LAZY: LazyNamespace[] = ["UsersActions", "UsersBulk", "UsersPicker"];
