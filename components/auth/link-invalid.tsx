import Link from "next/link";

/** The one page for a used, expired, revoked or unknown link: it says nothing about the account. */
export function LinkNoLongerValid() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">This link is no longer valid</h1>
      <p className="text-slate-800">It may have been used already, replaced by a newer one, revoked, or it expired. Ask your administrator for a new one.</p>
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-800 underline">
          Go to sign in
        </Link>
      </p>
    </>
  );
}
