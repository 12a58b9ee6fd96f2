import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-700">Ask an administrator for the permission you need.</p>
      <Link href="/" className="mt-4 inline-block text-blue-800 underline">
        Go to the start page
      </Link>
    </main>
  );
}
