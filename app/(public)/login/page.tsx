import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { anonymousContext, pageActor, pageRead } from "@/lib/auth";
import { setupNeeded } from "@/lib/setup/setup-needed";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string }> }) {
  if (await pageActor()) redirect("/");
  if (await pageRead(setupNeeded(await anonymousContext()))) redirect("/setup");
  const { callbackUrl, reset } = await searchParams;
  let next = "/";
  try {
    const url = new URL(callbackUrl ?? "/", "http://local");
    next = url.pathname + url.search;
  } catch {}
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {reset ? (
        <div className="mb-4">
          <Alert tone="success">Your password was changed. Sign in with the new one.</Alert>
        </div>
      ) : null}
      <LoginForm next={next} />
      <p className="mt-4 text-sm">
        <Link href="/password/forgot" className="text-blue-800 underline">
          Forgot your password?
        </Link>
      </p>
    </>
  );
}
