/**
 * A one-time notice a server action leaves for the page it redirects to, when that page is not the
 * form's (a forced password change goes on to the console): a short-lived cookie the toasts read and
 * clear (components/ui/toast.tsx). It names a notice, never carries text or anything secret.
 */
export const NOTICE_COOKIE = "rollcall-notice";
export const NOTICES = ["passwordChanged"] as const;
export type Notice = (typeof NOTICES)[number];
