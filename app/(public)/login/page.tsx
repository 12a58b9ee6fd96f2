import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { anonymousContext, currentActor } from "@/lib/auth";
import { setupNeeded } from "@/lib/setup/setup-needed";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/");
  if (await setupNeeded(await anonymousContext())) redirect("/setup");
  const { callbackUrl } = await searchParams;
  let next = "/";
  try {
    const url = new URL(callbackUrl ?? "/", "http://local");
    next = url.pathname + url.search;
  } catch {}
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <LoginForm next={next} />
    </>
  );
}
