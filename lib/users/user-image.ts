import { eq, sql } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import sharp from "sharp";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { userImages, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Ctx, type Verb } from "../context";
import { NotFound, ValidationFailed } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { parseInput } from "../validation";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);
const SIZE = 256;
const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * Checks an upload by its content (not its name or declared type), then re-encodes it as a square
 * 256 px WebP with EXIF and every other metadata dropped (after applying the EXIF orientation).
 */
export async function normalizeImage(bytes: Buffer): Promise<Buffer> {
  if (bytes.length === 0) throw ValidationFailed({ image: ["The file is empty."] });
  if (bytes.length > MAX_IMAGE_BYTES) throw ValidationFailed({ image: ["The image is larger than 5 MB."] });
  let meta: { format?: string; width?: number; height?: number } = {};
  try {
    // The header only, whatever its size: a picture too large to decode is named as such below, not
    // as a file of another kind.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    meta = {};
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw ValidationFailed({ image: ["Upload a JPEG, PNG or WebP image."] });
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_IMAGE_PIXELS)
    throw ValidationFailed({ image: [`The image is ${meta.width} × ${meta.height} pixels: upload one of at most 40 megapixels.`] });
  try {
    return await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().resize(SIZE, SIZE, { fit: "cover" }).webp({ quality: 85 }).toBuffer();
  } catch {
    throw ValidationFailed({ image: ["The image could not be read. Upload another JPEG, PNG or WebP file."] });
  }
}

/** Writes the normalized picture on the caller's transaction. */
export async function storeUserImage(tx: Transaction, userId: string, content: Buffer, now: Date) {
  await tx
    .insert(userImages)
    .values({ userId, contentType: "image/webp", content, updatedAt: now })
    .onConflictDoUpdate({ target: userImages.userId, set: { content, contentType: "image/webp", updatedAt: now } });
  await tx.update(users).set({ imageUpdatedAt: now }).where(eq(users.id, userId));
}

/** An optional upload from a form: absent or empty means "no new picture". */
/** The bytes of an image the schema accepted (ImageUpload), decoded and normalized; null when none. */
export async function optionalImage(value: Blob | Buffer | null | undefined): Promise<Buffer | null> {
  if (!value) return null;
  return normalizeImage(Buffer.isBuffer(value) ? value : Buffer.from(await value.arrayBuffer()));
}

export const SetUserImageInput = z.object({ userId: z.uuid("Unknown user."), image: z.instanceof(Buffer) });

/** Sets or replaces a user's profile image. Caller needs users.update and must outrank the user (or be them). */
export async function setUserImage({ ctx, input }: Verb<{ userId: unknown; image: unknown }>) {
  return auditAuthzFailures(ctx, "setUserImage", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId, image } = parseInput(SetUserImageInput, input);
    const content = await normalizeImage(image);
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "change the picture of");
      await storeUserImage(tx, userId, content, now);
      await tx
        .update(users)
        .set({ updatedAt: now, version: sql`${users.version} + 1` })
        .where(eq(users.id, userId));
      await recordAudit(tx, ctx, "user.image_changed", { target: { type: "user", id: target.id, name: target.name }, detail: { bytes: content.length } });
    });
  });
}

/** Removes the picture. Same rule as setting it. */
export async function removeUserImage({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "removeUserImage", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId } = parseInput(z.object({ userId: z.uuid() }), input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "change the picture of");
      await tx.delete(userImages).where(eq(userImages.userId, userId));
      await tx
        .update(users)
        .set({ imageUpdatedAt: null, version: sql`${users.version} + 1` })
        .where(eq(users.id, userId));
      await recordAudit(tx, ctx, "user.image_removed", { target: { type: "user", id: target.id, name: target.name } });
    });
  });
}

/** The stored picture. Anyone signed in may see their own; others need users.view. */
export async function getUserImage(ctx: Ctx, userId: string) {
  return auditAuthzFailures(ctx, "getUserImage", async () => {
    if (actingUserId(ctx.actor) !== userId) assertCan(ctx.actor, "users.view");
    if (!z.uuid().safeParse(userId).success) throw NotFound();
    const [row] = await ctx.db
      .select({ content: userImages.content, contentType: userImages.contentType, updatedAt: userImages.updatedAt })
      .from(userImages)
      .where(eq(userImages.userId, userId));
    if (!row) throw NotFound("This user has no picture.");
    return row;
  });
}
