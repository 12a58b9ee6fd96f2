import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { phoneForInput } from "@/lib/users/phone";
import Link from "next/link";
import { localizedCountries } from "@/components/users/countries";
import { UserForm } from "@/components/users/user-form";
import { pageContext, pageRead } from "@/lib/auth";
import type { Locale } from "@/lib/format";
import { can } from "@/lib/context";
import { userFormOptions } from "@/lib/users/form-options";
import { getUser } from "@/lib/users/get-user";
import { outrankingUsers } from "@/lib/users/queries";
import { Alert } from "@/components/ui/alert";
import { updateUserAction } from "../../actions";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("UsersPage");
  return { title: t("editTitle") };
}

async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("users.update");
  const { id } = await params;
  const [u, options] = await pageRead(Promise.all([getUser({ ctx, input: { userId: id } }), userFormOptions(ctx)]));
  // Someone holding a permission the editor lacks is refused on save (assertOutranks): say so before
  // a whole form is filled in for nothing. The user page and the list offer no Edit for them.
  const outranked = (await outrankingUsers(ctx.db, ctx.actor.permissions, [u.id])).size > 0;
  const [t, locale] = await Promise.all([getTranslations("UsersPage"), getLocale() as Promise<Locale>]);
  const text: Record<string, string> = {
    firstName: u.firstName,
    lastName: u.lastName,
    username: u.username,
    email: u.email,
    personalEmail: u.personalEmail ?? "",
    phone: phoneForInput(u.phone),
    gender: u.gender ?? "",
    birthday: u.birthday ?? "",
    country: u.country ?? "",
    language: u.language,
    position: u.position ?? "",
    branchId: u.branchId ?? "",
    teamId: u.teamId ?? "",
    roleId: u.roleId,
    accountExpiresOn: u.accountExpiresOn ?? "",
    status: u.status === "inactive" ? "inactive" : "active",
  };
  const flags = {
    adminConsoleAccess: u.adminConsoleAccess,
    sendEndOfDayReport: u.sendEndOfDayReport,
    notifyGeneral: u.notifyGeneral,
    notifyDomain: u.notifyDomain,
    notifyInvoice: u.notifyInvoice,
    notifyService: u.notifyService,
  };
  return (
    <section aria-labelledby="edit-user-title" className="max-w-4xl">
      <p className="mb-2 text-sm">
        <Link href="/users" className="text-blue-800 underline">
          {t("users")}
        </Link>{" "}
        /{" "}
        <Link href={`/users/${u.id}`} className="text-blue-800 underline">
          {u.firstName} {u.lastName}
        </Link>
      </p>
      <h1 id="edit-user-title" className="mb-4 text-2xl font-semibold">
        {t("editHeading", { name: `${u.firstName} ${u.lastName}` })}
      </h1>
      {outranked ? (
        <Alert tone="info">{t("outranked", { name: `${u.firstName} ${u.lastName}` })}</Alert>
      ) : (
        <UserForm
          action={updateUserAction}
          options={{ ...options, countries: localizedCountries(locale), roleFixed: !can(ctx.actor, "users.permissions"), self: ctx.actor.userId === u.id }}
          initial={{ id: u.id, version: u.version, status: u.status, hasImage: !!u.imageUpdatedAt, text, flags }}
        />
      )}
    </section>
  );
}

export default withClientMessages(["UsersForm", "UsersPicker"], EditUserPage);
