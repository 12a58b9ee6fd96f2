import "server-only";

export { connection, database } from "./connection";
export type { Database, Handle, Transaction } from "./client";
