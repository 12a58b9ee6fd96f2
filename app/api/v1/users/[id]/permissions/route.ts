import { requestContext } from "@/lib/auth";
import { problemResponse } from "@/lib/http/problem";
import { readUserPermissions } from "@/lib/roles/user-permissions";

export const dynamic = "force-dynamic";

/**
 * A user's effective permissions, for the organization's other systems. Session-authenticated for
 * now (API keys come with the API); the caller needs users.view, or to be that user.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requestContext();
    const view = await readUserPermissions(ctx, (await params).id);
    return Response.json(
      {
        userId: view.user.id,
        role: { id: view.role.id, name: view.role.name },
        permissions: [...view.effective].sort(),
        grants: view.permissions.filter((p) => p.override === "grant").map((p) => p.permission),
        denials: view.permissions.filter((p) => p.override === "deny").map((p) => p.permission),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return problemResponse(error);
  }
}
