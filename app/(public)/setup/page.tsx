import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { anonymousContext } from "@/lib/auth";
import { setupNeeded } from "@/lib/setup/setup-needed";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Rollcall" };

export default async function SetupPage() {
  // Gone once an Administrator exists; the verb refuses a late submit as well.
  if (!(await setupNeeded(await anonymousContext()))) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Set up Rollcall</h1>
      <p className="mb-6 text-sm text-slate-700">Create the first administrator. This page disappears once you have.</p>
      <SetupForm />
    </>
  );
}
