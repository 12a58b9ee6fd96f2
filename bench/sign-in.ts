/**
 * A sign-in through Auth.js's own endpoints, as a browser makes it: the CSRF token and its cookie,
 * then the credentials POST. `headers` go on both requests (the burst sends X-Forwarded-For).
 */
export async function postCredentials(base: string, identifier: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: base },
    body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: "/" }),
  });
}
