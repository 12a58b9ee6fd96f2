import { requestContext } from "@/lib/auth";
import { problemResponse } from "@/lib/http/problem";
import { getUserImage } from "@/lib/users/user-image";

/** A user's picture, served from PostgreSQL so every instance has it. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requestContext();
    const image = await getUserImage(ctx, (await params).id);
    return new Response(new Uint8Array(image.content), {
      headers: {
        "Content-Type": image.contentType,
        "Cache-Control": "private, max-age=300",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
      },
    });
  } catch (error) {
    return problemResponse(error);
  }
}
