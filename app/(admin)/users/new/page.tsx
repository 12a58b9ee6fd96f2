import type { Metadata } from "next";
import Link from "next/link";
import { UserForm } from "@/components/users/user-form";
import { pageContext } from "@/lib/auth";
import { COUNTRIES } from "@/lib/users/countries";
import { userFormOptions } from "@/lib/users/form-options";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Create user" };

export default async function NewUserPage() {
  const ctx = await pageContext("users.create");
  const options = await userFormOptions(ctx);
  return (
    <section aria-labelledby="new-user-title" className="max-w-4xl">
      <p className="mb-2 text-sm">
        <Link href="/users" className="text-blue-800 underline">
          Users
        </Link>
      </p>
      <h1 id="new-user-title" className="mb-4 text-2xl font-semibold">
        Create user
      </h1>
      <UserForm action={createUserAction} options={{ ...options, countries: COUNTRIES }} />
    </section>
  );
}
