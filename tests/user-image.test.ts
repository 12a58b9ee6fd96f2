import { eq } from "drizzle-orm";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { userImages, users } from "@/db/schema";
import { getUserImage, normalizeImage, removeUserImage, setUserImage } from "@/lib/users/user-image";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, testCtx } from "./support/factories";

const t = testDatabase();
beforeEach(() => resetData(t.db));

const jpegWithExif = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: "#cc3333" } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: "secret-owner", Artist: "GPS somewhere" } } })
    .toBuffer();

describe("profile images", () => {
  it("re-encodes to a 256 px WebP with the EXIF stripped", async () => {
    const input = await jpegWithExif();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await normalizeImage(input);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(out.includes(Buffer.from("secret-owner"))).toBe(false);
  });

  it("checks the content, not the name: a text file called photo.png is refused", async () => {
    await expect(normalizeImage(Buffer.from("GIF89a not really an image"))).rejects.toMatchObject({
      fieldErrors: { image: ["Upload a JPEG, PNG or WebP image."] },
    });
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    await expect(normalizeImage(gif)).rejects.toMatchObject({ fieldErrors: { image: ["Upload a JPEG, PNG or WebP image."] } });
  });

  it("refuses more than 5 MB", async () => {
    await expect(normalizeImage(Buffer.alloc(5 * 1024 * 1024 + 1))).rejects.toMatchObject({
      fieldErrors: { image: ["The image is larger than 5 MB."] },
    });
  });

  it("names a picture too large to decode by its size, not as a file of another kind", async () => {
    // A small PNG whose header says 20,000 × 20,000 (what a decoder would have to hold): its IHDR patched.
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await expect(normalizeImage(png)).rejects.toMatchObject({
      fieldErrors: { image: ["The image is 20000 × 20000 pixels: upload one of at most 40 megapixels."] },
    });
  });

  it("stores it in PostgreSQL, serves it to users.view, and removes it", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const user = await insertUser(t.db);
    const ctx = testCtx(t.db, { actor: actorWith("all", admin.id) }).ctx;
    await setUserImage({ ctx, input: { userId: user.id, image: await jpegWithExif() } });
    const image = await getUserImage(ctx, user.id);
    expect(image.contentType).toBe("image/webp");
    const [row] = await t.db.select({ at: users.imageUpdatedAt }).from(users).where(eq(users.id, user.id));
    expect(row.at).not.toBeNull();
    await expect(getUserImage(testCtx(t.db, { actor: actorWith([], "00000000-0000-4000-8000-000000000000") }).ctx, user.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await removeUserImage({ ctx, input: { userId: user.id } });
    expect(await t.db.select().from(userImages)).toHaveLength(0);
  });

  it("refuses a caller without users.update", async () => {
    const user = await insertUser(t.db);
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"], user.id) }).ctx;
    await expect(setUserImage({ ctx, input: { userId: user.id, image: await jpegWithExif() } })).rejects.toMatchObject({ code: "forbidden" });
  });
});
