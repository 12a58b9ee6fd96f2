import type { LazyNamespace } from "@/components/shell/lazy-messages";

/**
 * The /users list's client catalogs (app/(lists)/layout.tsx). With the page: only what its first
 * render reads (the status badges, and the ⋮ and checkbox labels of each row). Fetched when first
 * reached for: the rest of the row menus', bulk actions' and user picker's texts.
 */
export const LIST_SENT = ["UsersActions.actionsFor", "UsersBulk.selectOne", "UsersBulk.selectPage", "UsersStatus"];
export const LIST_LAZY: LazyNamespace[] = ["UsersActions", "UsersBulk", "UsersPicker"];
