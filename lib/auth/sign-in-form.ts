import { z } from "zod";
import { Text } from "../validation";

/** What the sign-in form must carry before Auth.js is asked: a clear message per field, never a 500. */
export const SignInForm = z.object({
  identifier: Text(254, "That is too long for a username or e-mail address.").refine((v) => v.length > 0, "Enter your username or e-mail address."),
  password: z.string("Enter your password.").min(1, "Enter your password.").max(1024, "That is too long for a password."),
});
