/**
 * What the users list takes when its address says nothing (ListUsersInput's defaults in
 * lib/users/list-users.ts, which cannot be imported into the browser's bundle;
 * tests/search-form.test.tsx holds the two equal). The filter form, the sort links and "Clear
 * filters" leave these out of the addresses they make.
 */
export const USERS_LIST_DEFAULTS = { pageSize: "25", sort: "name", dir: "asc" } as const;
