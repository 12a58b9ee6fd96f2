import type { Metadata } from "next";
import { phoneForInput } from "@/lib/users/phone";
import Link from "next/link";
import { UserForm } from "@/components/users/user-form";
import { pageContext, pageRead } from "@/lib/auth";
import { COUNTRIES } from "@/lib/users/countries";
import { userFormOptions } from "@/lib/users/form-options";
import { getUser } from "@/lib/users/get-user";
import { updateUserAction } from "../../actions";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("users.update");
  const { id } = await params;
  const [u, options] = await pageRead(Promise.all([getUser({ ctx, input: { userId: id } }), userFormOptions(ctx)]));
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
          Users
        </Link>{" "}
        /{" "}
        <Link href={`/users/${u.id}`} className="text-blue-800 underline">
          {u.firstName} {u.lastName}
        </Link>
      </p>
      <h1 id="edit-user-title" className="mb-4 text-2xl font-semibold">
        Edit {u.firstName} {u.lastName}
      </h1>
      <UserForm
        action={updateUserAction}
        options={{ ...options, countries: COUNTRIES }}
        initial={{ id: u.id, version: u.version, status: u.status, hasImage: !!u.imageUpdatedAt, text, flags }}
      />
    </section>
  );
}
