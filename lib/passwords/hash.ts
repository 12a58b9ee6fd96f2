import bcrypt from "bcrypt";
import { hashGate } from "./hash-gate";

export const BCRYPT_COST = 12;

/** Every bcrypt call goes through the process's gate (hash-gate.ts): a burst of sign-ins can't starve the pages. */
export function hashPassword(password: string): Promise<string> {
  return hashGate.run(() => bcrypt.hash(password, BCRYPT_COST));
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return hashGate.run(() => bcrypt.compare(password, hash));
}

// A real cost-12 hash of a random string nobody knows. Compared against when the account does not
// exist or has no password, so an unknown user costs the same bcrypt time as a wrong password.
const DUMMY_HASH = "$2b$12$AZprE1b4KhcBuIlD6T0im.eZOJ2e6OchXRPw..L3zXLqJ/gYPju6O";

/** Counts the dummy compares, so a test can prove the unknown-user path really runs bcrypt. */
export const dummyCompareCount = { value: 0 };

export async function burnPasswordCheck(password: string): Promise<false> {
  dummyCompareCount.value++;
  await hashGate.run(() => bcrypt.compare(password, DUMMY_HASH));
  return false;
}
