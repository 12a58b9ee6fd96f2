import { recordFailure } from "../auth/authenticate";
import type { Ctx, UserActor } from "../context";
import { DomainError, ValidationFailed } from "../errors";
import { verifyPassword } from "../passwords/hash";
import { getSettings } from "../settings/get-settings";
import { findUserForSignIn } from "../users/queries";

/**
 * The signed-in user's current password, asked again before a sensitive change (a new password, a
 * new work e-mail). A wrong one counts like a wrong password at sign-in: the same per-account
 * counter, and the one past the limit locks the account and ends its sessions. Otherwise someone
 * holding a stolen session could guess the password without limit.
 */
export async function assertCurrentPassword(ctx: Ctx, actor: UserActor, password: string) {
  const user = await findUserForSignIn(ctx.db, actor.username);
  if (!user || user.id !== actor.userId) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  if (user.passwordHash && (await verifyPassword(password, user.passwordHash))) return user;
  const target = { type: "user" as const, id: user.id, name: `${user.firstName} ${user.lastName}` };
  const { locked, lastTry } = await recordFailure(ctx, user, target, user.username, await getSettings(ctx.db), "wrong_current_password");
  // The holder of the session is told before the try that locks, and when it did: the lock signs them
  // out everywhere, and the next click would otherwise land on "your session has ended" unexplained.
  throw ValidationFailed({
    currentPassword: [
      locked
        ? "That is not your current password, and it was one wrong password too many: your account is now locked and signed out everywhere. An administrator can unblock it."
        : lastTry
          ? "That is not your current password. One more wrong password locks your account."
          : "That is not your current password.",
    ],
  });
}
