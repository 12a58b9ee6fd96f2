import type { Metadata } from "next";
import { phoneForInput } from "@/lib/users/phone";
import { LinkNoLongerValid } from "@/components/auth/link-invalid";
import { anonymousContext } from "@/lib/auth";
import { describeInvitation } from "@/lib/invitations/registration";
import { COUNTRIES } from "@/lib/users/countries";
import { RegistrationForm } from "./registration-form";

export const metadata: Metadata = { title: "Complete your registration", referrer: "no-referrer" };

/** Public: the token is the credential. Checked again, and used once, when the form is sent. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(await anonymousContext(), token);
  const u = "user" in invitation ? invitation.user : undefined;
  if (invitation.state !== "valid" || !u) return <LinkNoLongerValid />;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Join {invitation.organization}</h1>
      <p className="mb-6 text-sm text-slate-700">Complete your details and choose a password.</p>
      <RegistrationForm
        token={token}
        countries={COUNTRIES}
        user={{
          firstName: u.firstName,
          lastName: u.lastName,
          username: u.username,
          email: u.email,
          phone: phoneForInput(u.phone),
          gender: u.gender ?? "",
          birthday: u.birthday ?? "",
          country: u.country ?? "",
          language: u.language,
        }}
      />
    </>
  );
}
