import type { NextRequest } from "next/server";
import { handlers, signInRetryAfter } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";

export const { GET } = handlers;

/** Auth.js's endpoints, with the per-address sign-in throttle answered as 429 + Retry-After. */
export async function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const retryAfter = await signInRetryAfter(req.headers);
    if (retryAfter)
      return problemResponse(
        new DomainError("rate_limited", "Too many sign-in attempts from your network. Try again later.", { retryAfterSeconds: retryAfter }),
      );
  }
  return handlers.POST(req);
}
