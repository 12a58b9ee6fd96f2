import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { pageContext } from "@/lib/auth";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const { actor } = await pageContext(undefined, { passwordChangePage: true });
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Change your password</h1>
      {actor.mustChangePassword ? (
        <div className="mb-4">
          <Alert tone="info">Your password has expired. Choose a new one to continue.</Alert>
        </div>
      ) : null}
      <ChangePasswordForm />
      {!actor.mustChangePassword ? (
        <p className="mt-4 text-sm">
          <Link href="/profile" className="text-blue-800 underline">
            Back to your profile
          </Link>
        </p>
      ) : null}
    </>
  );
}
