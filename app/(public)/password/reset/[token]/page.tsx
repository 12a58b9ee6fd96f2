import type { Metadata } from "next";
import { LinkNoLongerValid } from "@/components/auth/link-invalid";
import { anonymousContext } from "@/lib/auth";
import { resetLinkUsable } from "@/lib/invitations/describe-reset";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await resetLinkUsable(await anonymousContext(), token))) return <LinkNoLongerValid />;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Choose a new password</h1>
      <p className="mb-6 text-sm text-slate-700">Every session of your account will be signed out.</p>
      <ResetForm token={token} />
    </>
  );
}
