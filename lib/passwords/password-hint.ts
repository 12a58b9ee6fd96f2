import { z } from "zod";
import type { Verb } from "../context";
import { parseInput } from "../validation";
import { passwordProblem } from "./policy";

const PasswordHintInput = z.object({
  // Anything longer than a password may be is answered "too long" by the policy, not taken as empty.
  password: z.string().max(10_000).catch(""),
  context: z.array(z.string().max(100)).max(6).catch([]),
});

/** The live strength hint on password forms: the same check the server applies on submit. Public; reveals nothing else. */
export async function passwordHint({ input }: Verb<{ password: unknown; context: unknown }>): Promise<string | null> {
  const { password, context } = parseInput(PasswordHintInput, input);
  return password ? passwordProblem(password, context) : null;
}
