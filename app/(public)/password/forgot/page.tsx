import type { Metadata } from "next";
import Link from "next/link";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot password" };

/** Public. Answers the same words whether or not the account exists. */
export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-slate-700">We will e-mail you a link to choose a new one.</p>
      <ForgotForm />
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-800 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
