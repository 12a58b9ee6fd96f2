import type { Handle } from "./client";

/**
 * A statement prepared once per database handle, for the ones every request runs (the session
 * check, an API key's lookup, its rate limit): Drizzle builds it once, and PostgreSQL parses and
 * plans it once per connection instead of on every request.
 */
export function preparedPerDatabase<T>(build: (db: Handle) => T): (db: Handle) => T {
  const built = new WeakMap<Handle, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
