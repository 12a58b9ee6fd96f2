import type { LazyNamespace } from "@/components/shell/lazy-messages";

/**
 * The /users list's client catalogs (app/(lists)/layout.tsx). With the page: only what its first
 * render reads (the status badges, the ⋮ and checkbox labels of each row) and the bulk toolbar, so a
 * selection shows it at once. Fetched when first
 * reached for: the rest of the row menus', bulk actions' and user picker's texts.
 */
export const LIST_SENT = [
  "UsersStatus",
  "UsersActions.actionsFor",
  ...["selectOne", "selectPage", "toolbar", "selected", "selectAllMatching", "clear", "menu"].map((key) => `UsersBulk.${key}`),
];
export const LIST_LAZY: LazyNamespace[] = ["UsersActions", "UsersBulk", "UsersPicker"];
