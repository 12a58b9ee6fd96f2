"use server";

import { setOwnLanguage } from "@/lib/users/set-own-language";
import { action } from "../../action";

/** The signed-in user's language: the whole interface (and their e-mails) switch on the next render. */
export const setOwnLanguageAction = action(setOwnLanguage, {
  input: (_prev: unknown, formData: FormData) => ({ language: formData.get("language") }),
  revalidate: ["/", "/profile"],
});
