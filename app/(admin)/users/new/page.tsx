import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { UserForm } from "@/components/users/user-form";
import { localizedCountries } from "@/components/users/countries";
import { can } from "@/lib/context";
import { pageContext } from "@/lib/auth";
import type { Locale } from "@/lib/format";
import { userFormOptions } from "@/lib/users/form-options";
import { createUserAction } from "../actions";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("UsersPage");
  return { title: t("newTitle") };
}

async function NewUserPage() {
  const ctx = await pageContext("users.create");
  const options = await userFormOptions(ctx, { forCreate: true });
  const [t, locale] = await Promise.all([getTranslations("UsersPage"), getLocale() as Promise<Locale>]);
  return (
    <section aria-labelledby="new-user-title" className="max-w-4xl">
      <p className="mb-2 text-sm">
        <Link href="/users" className="text-blue-800 underline">
          {t("users")}
        </Link>
      </p>
      <h1 id="new-user-title" className="mb-4 text-2xl font-semibold">
        {t("newTitle")}
      </h1>
      <UserForm action={createUserAction} options={{ ...options, countries: localizedCountries(locale), cannotCopy: !can(ctx.actor, "users.permissions") }} />
    </section>
  );
}

export default withClientMessages(["UsersForm", "UsersPicker"], NewUserPage);
