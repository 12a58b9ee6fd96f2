"use server";

import { endAllSessions, endOtherSessions, endSession } from "@/lib/sessions/sessions";
import { action } from "../action";

export const endSessionAction = action(endSession, {
  input: (sessionId: string) => ({ sessionId }),
  revalidate: ["/account", "/users"],
});

export const endOtherSessionsAction = action(({ ctx }) => endOtherSessions({ ctx }), {
  input: () => ({}),
  revalidate: ["/account"],
});

export const endAllSessionsAction = action(endAllSessions, {
  input: (userId: string) => ({ userId }),
  revalidate: (_r, { userId }) => [`/users/${String(userId)}`],
});
