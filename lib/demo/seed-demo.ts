import { fakerEN, fakerES } from "@faker-js/faker";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { branches, roles, teams, users, type NewUser } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Verb } from "../context";
import { hashPassword } from "../passwords/hash";
import { getSettings } from "../settings/get-settings";
import { parseInput } from "../validation";

export const SeedDemoInput = z.object({
  users: z.coerce.number().int().min(1, "Seed at least 1 user.").max(1_000_000, "Seed at most 1,000,000 users."),
  seed: z.coerce.number().int().default(42),
});
export type SeedDemoInput = z.input<typeof SeedDemoInput>;

/** The password every demo user shares, so an operator can sign in as any of them in a demo. */
export const DEMO_PASSWORD = "rollcall demo password";

const BRANCHES = ["Panamá Centro", "Costa del Este", "Madrid", "Ciudad de México", "Bogotá", "Miami", "London", "Lisboa"];
const TEAMS = ["Sales", "Support", "Finance", "Purchasing", "Operations", "Engineering", "Marketing", "Legal", "People"];
/** Where demo users live, with a mobile prefix under which every number of that length is valid (tests/seed-demo.test.ts). */
export const DEMO_COUNTRIES = [
  { code: "PA", dial: "+507", digits: 8, lead: "6" },
  { code: "ES", dial: "+34", digits: 9, lead: "6" },
  { code: "MX", dial: "+52", digits: 10, lead: "55" },
  { code: "CO", dial: "+57", digits: 10, lead: "300" },
  { code: "US", dial: "+1", digits: 10, lead: "3055" },
  { code: "GB", dial: "+44", digits: 10, lead: "78" },
];
const BATCH = 1000; // 1,000 rows × 27 columns stays under PostgreSQL's 65,535 parameters

/**
 * Inserts realistic fake users (names, unique usernames and e-mails, E.164 phones, branches, teams,
 * statuses, dates) for demos and benchmarks, in batches of 1,000 rows. Operator-only (CLI).
 */
export async function seedDemo({ ctx, input }: Verb<SeedDemoInput>, onProgress?: (done: number, total: number) => void) {
  const { users: total, seed } = parseInput(SeedDemoInput, input);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  fakerEN.seed(seed);
  fakerES.seed(seed + 1);

  const roleRows = await ctx.db.select({ id: roles.id, key: roles.key }).from(roles);
  const roleOf = (key: string) => roleRows.find((r) => r.key === key)!.id;
  const weightedRoles = [
    ...Array(12).fill(roleOf("basic")),
    ...Array(3).fill(roleOf("purchasing_intermediate")),
    roleOf("api_basic"),
    roleOf("api_administrator"),
  ] as string[];

  await ctx.db
    .insert(branches)
    .values(BRANCHES.map((name) => ({ name })))
    .onConflictDoNothing();
  await ctx.db
    .insert(teams)
    .values(TEAMS.map((name) => ({ name })))
    .onConflictDoNothing();
  const branchIds = (await ctx.db.select({ id: branches.id }).from(branches)).map((b) => b.id);
  const teamIds = (await ctx.db.select({ id: teams.id }).from(teams)).map((t) => t.id);

  // Usernames carry a run tag, so seeding twice adds users instead of colliding.
  const [{ tag }] = (await ctx.db.execute<{ tag: string }>(sql`select substr(md5(random()::text), 1, 4) as tag`)).rows;
  const now = ctx.now().getTime();
  const day = 86_400_000;
  // The organization has been running its daily sweep and its lockout: an active account idle past
  // the limit is already locked (from the night it went over), and a few were locked by wrong
  // passwords, so the list's Locked filter and the unblock flow have something real to show.
  const settings = await getSettings(ctx.db);
  const idleDays = settings["lockout.inactivityDays"];
  const maxFailed = settings["lockout.maxFailedAttempts"];

  // Faker is the slow part (~170 µs a user); pools drawn once keep 100,000 users to seconds.
  const pool = <T>(size: number, make: (i: number) => T) => Array.from({ length: size }, (_, i) => make(i));
  const names = [fakerEN, fakerES].map((f) => ({
    female: pool(300, () => f.person.firstName("female")),
    male: pool(300, () => f.person.firstName("male")),
    last: pool(600, () => f.person.lastName()),
    jobs: pool(200, () => f.person.jobTitle()),
  }));
  const pick = <T>(list: T[]) => list[fakerEN.number.int(list.length - 1)];

  let done = 0;
  while (done < total) {
    const rows: NewUser[] = [];
    for (let i = 0; i < Math.min(BATCH, total - done); i++) {
      const n = done + i;
      const spanish = n % 3 === 0;
      const f = fakerEN;
      const local = names[spanish ? 1 : 0];
      const sex = f.number.int(1) ? "female" : "male";
      const firstName = pick(local[sex]);
      const lastName = pick(local.last);
      const plain = (v: string) =>
        v
          .split(" ")[0]
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "");
      const slug = `${plain(firstName)}.${plain(lastName)}`;
      const username = `${slug}.${n.toString(36)}${tag}`;
      const country = DEMO_COUNTRIES[n % DEMO_COUNTRIES.length];
      const rest = String(f.number.int(10 ** (country.digits - country.lead.length) - 1)).padStart(country.digits - country.lead.length, "0");
      const created = now - f.number.int({ min: 1, max: 900 }) * day;
      const statusRoll = f.number.int(99);
      const status = statusRoll < 78 ? "active" : statusRoll < 90 ? "pending" : "inactive";
      // Registered within a week of being created, but never after today (last activity follows it).
      const registered = status === "pending" ? null : new Date(Math.min(now, created + f.number.int({ min: 0, max: 7 }) * day));
      // Most people sign in often (three in four within the last six weeks); the rest stopped on some
      // day since they registered (not clamped to now: that put a dozen at this very minute).
      const lastLogin = !registered
        ? null
        : f.number.int(3)
          ? new Date(Math.max(registered.getTime(), now - f.number.int({ min: 0, max: 42 * 24 }) * 3_600_000))
          : new Date(registered.getTime() + f.number.int({ min: 0, max: Math.floor((now - registered.getTime()) / day) }) * day);
      const lastSeen = (lastLogin ?? registered)?.getTime() ?? created;
      const idleLock = status === "active" && idleDays > 0 && now - lastSeen > idleDays * day ? new Date(Math.min(now, lastSeen + (idleDays + 1) * day)) : null;
      const passwordLock =
        status === "active" && !idleLock && maxFailed > 0 && n % 37 === 5
          ? new Date(Math.max(lastSeen, now - f.number.int({ min: 1, max: 20 }) * 3_600_000))
          : null;
      rows.push({
        firstName,
        lastName,
        username,
        email: `${username}@demo.test`,
        personalEmail: `${slug}${n}@mail.test`,
        phone: `${country.dial}${country.lead}${rest}`,
        gender: sex === "female" ? "female" : "male",
        birthday: new Date(now - f.number.int({ min: 19 * 365, max: 66 * 365 }) * day).toISOString().slice(0, 10),
        country: country.code,
        language: spanish ? "es" : "en",
        position: pick(local.jobs),
        branchId: branchIds[n % branchIds.length],
        teamId: teamIds[(n * 7) % teamIds.length],
        roleId: weightedRoles[n % weightedRoles.length],
        status,
        passwordHash: status === "pending" ? null : passwordHash,
        passwordChangedAt: registered,
        adminConsoleAccess: n % 50 === 0,
        sendEndOfDayReport: n % 40 === 0,
        registeredAt: registered,
        confirmedAt: registered,
        lastLoginAt: lastLogin,
        lastActivityAt: lastLogin,
        lockedAt: idleLock ?? passwordLock,
        lockReason: idleLock ? "inactivity" : passwordLock ? "failed_logins" : null,
        failedLoginCount: passwordLock ? maxFailed : 0,
        createdAt: new Date(created),
        updatedAt: new Date(created),
      });
    }
    await ctx.db.insert(users).values(rows);
    done += rows.length;
    onProgress?.(done, total);
  }
  await recordAudit(ctx.db, ctx, "demo.seeded", { detail: { users: total, via: "cli" } });
  // PGlite has no autovacuum: without statistics its planner ignores the trigram index.
  await ctx.db.execute(sql`analyze users`);
  return { users: total };
}
