import type { NextRequest } from "next/server";
import { assertPasswordGateOpen, handlers, signInRetryAfter } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { assertSameOrigin } from "@/lib/http/same-origin";

export const { GET } = handlers;

/**
 * Auth.js's state-changing endpoints (sign-in, sign-out), refused when cross-site, and with the
 * per-address sign-in throttle answered as 429 + Retry-After, and a full password gate as 503 + Retry-After.
 */
export async function POST(req: NextRequest) {
  try {
    assertSameOrigin(req.headers);
    if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
      assertPasswordGateOpen();
      const retryAfter = await signInRetryAfter(req.headers);
      if (retryAfter) throw new DomainError("rate_limited", "Too many sign-in attempts from your network. Try again later.", { retryAfterSeconds: retryAfter });
    }
  } catch (error) {
    return problemResponse(error);
  }
  return handlers.POST(req);
}
