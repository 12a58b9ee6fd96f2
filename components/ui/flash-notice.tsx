"use client";

import { useState, type ReactNode } from "react";

/**
 * A one-time notice ("User created.", "Changes saved.") shown while the record is as it was when the
 * notice came: `stamp` names that state (a version). Another action on the page changes it, and the
 * notice goes; a deactivation on a user's page kept saying "User created".
 */
export function FlashNotice({ stamp, children }: { stamp: string; children: ReactNode }) {
  const [shownFor] = useState(stamp);
  return shownFor === stamp ? children : null;
}
