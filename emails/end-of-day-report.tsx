import { Column, Heading, Link, Row, Section, Text } from "@react-email/components";
import type { DailyReport } from "@/lib/reports/build-report";
import { automatic, EmailLayout } from "./layout";

export interface EndOfDayReportProps {
  lang: "en" | "es";
  organization: string;
  firstName: string;
  date: string;
  report: DailyReport;
  /** For each count, the audit log filtered to it. */
  links: Record<string, string>;
  /** The report's page in Rollcall. */
  link: string;
}

type Rows = Record<keyof DailyReport["counts"], string>;

const labels = {
  en: {
    subject: (p: EndOfDayReportProps) => `${p.organization}: end-of-day report for ${p.date}`,
    heading: "What happened today",
    intro: (p: EndOfDayReportProps) => `Hello ${p.firstName}, here is the summary of ${p.date} (${p.report.timeZone}).`,
    action: "Open the report in Rollcall",
    people: "People",
    access: "Sign-ins and access",
    forecast: "The week ahead",
    rows: {
      created: "Users created",
      invited: "Invitations sent",
      registered: "Registrations",
      confirmed: "Confirmed by an administrator",
      updated: "Users updated",
      deactivated: "Deactivated",
      reactivated: "Reactivated",
      deleted: "Deleted",
      unblocked: "Unblocked",
      locked: "Locked",
      signIns: "Sign-ins",
      failedSignIns: "Failed sign-ins",
      permissionChanges: "Permission changes",
      permissionCopies: "Permissions copied",
      rolesCreated: "Roles created",
      roleChanges: "Roles edited",
      rolesDeleted: "Roles deleted",
      refusals: "Refused actions",
    } satisfies Rows,
    lockReasons: { failed_logins: "wrong passwords", inactivity: "inactivity", other: "other" } as Record<string, string>,
    mostFailed: "Most failed sign-ins",
    mostActive: "Most active administrators",
    outstanding: (n: number, soon: number) => `${n} invitation${n === 1 ? "" : "s"} outstanding, ${soon} expiring within 7 days`,
    accounts: "Accounts expiring",
    passwords: "Passwords expiring",
    none: "None.",
  },
  es: {
    subject: (p: EndOfDayReportProps) => `${p.organization}: reporte de fin de día del ${p.date}`,
    heading: "Lo que pasó hoy",
    intro: (p: EndOfDayReportProps) => `Hola ${p.firstName}, este es el resumen del ${p.date} (${p.report.timeZone}).`,
    action: "Abrir el reporte en Rollcall",
    people: "Personas",
    access: "Inicios de sesión y acceso",
    forecast: "La próxima semana",
    rows: {
      created: "Usuarios creados",
      invited: "Invitaciones enviadas",
      registered: "Registros",
      confirmed: "Confirmados por un administrador",
      updated: "Usuarios actualizados",
      deactivated: "Desactivados",
      reactivated: "Reactivados",
      deleted: "Eliminados",
      unblocked: "Desbloqueados",
      locked: "Bloqueados",
      signIns: "Inicios de sesión",
      failedSignIns: "Inicios de sesión fallidos",
      permissionChanges: "Cambios de permisos",
      permissionCopies: "Permisos copiados",
      rolesCreated: "Roles creados",
      roleChanges: "Roles editados",
      rolesDeleted: "Roles eliminados",
      refusals: "Acciones rechazadas",
    } satisfies Rows,
    lockReasons: { failed_logins: "contraseñas incorrectas", inactivity: "inactividad", other: "otro" } as Record<string, string>,
    mostFailed: "Más inicios de sesión fallidos",
    mostActive: "Administradores más activos",
    outstanding: (n: number, soon: number) => `${n} invitaci${n === 1 ? "ón pendiente" : "ones pendientes"}, ${soon} vence${soon === 1 ? "" : "n"} en 7 días`,
    accounts: "Cuentas que vencen",
    passwords: "Contraseñas que vencen",
    none: "Ninguna.",
  },
};

const PEOPLE = ["created", "invited", "registered", "confirmed", "updated", "deactivated", "reactivated", "deleted", "unblocked", "locked"] as const;
const ACCESS = ["signIns", "failedSignIns", "permissionChanges", "permissionCopies", "rolesCreated", "roleChanges", "rolesDeleted", "refusals"] as const;

export const endOfDayReportSubject = (p: EndOfDayReportProps) => labels[p.lang].subject(p);

function Counts({ p, keys }: { p: EndOfDayReportProps; keys: readonly (keyof Rows)[] }) {
  const l = labels[p.lang];
  return (
    <Section>
      {keys.map((key) => (
        <Row key={key}>
          <Column style={{ padding: "4px 0" }}>{l.rows[key]}</Column>
          <Column style={{ padding: "4px 0", textAlign: "right", fontWeight: 700 }}>
            <Link href={p.links[key]}>{p.report.counts[key] ?? 0}</Link>
          </Column>
        </Row>
      ))}
    </Section>
  );
}

function Names({ title, items, none }: { title: string; items: string[]; none: string }) {
  return (
    <>
      <Text style={{ fontWeight: 700, marginBottom: 0 }}>{title}</Text>
      <Text style={{ marginTop: 4 }}>{items.length ? items.join(" · ") : none}</Text>
    </>
  );
}

/** The end-of-day report: each number links to the audit log filtered to it. */
export default function EndOfDayReport(p: EndOfDayReportProps) {
  const l = labels[p.lang];
  const r = p.report;
  const reasons = Object.entries(r.lockedByReason).map(([reason, n]) => `${l.lockReasons[reason] ?? reason}: ${n}`);
  return (
    <EmailLayout
      lang={p.lang}
      preview={l.subject(p)}
      heading={l.heading}
      organization={p.organization}
      action={{ label: l.action, href: p.link }}
      footer={automatic[p.lang]}
    >
      <Text>{l.intro(p)}</Text>
      <Heading as="h2">{l.people}</Heading>
      <Counts p={p} keys={PEOPLE} />
      {reasons.length ? <Text>{reasons.join(" · ")}</Text> : null}
      <Heading as="h2">{l.access}</Heading>
      <Counts p={p} keys={ACCESS} />
      <Names title={l.mostFailed} items={r.mostFailed.map((x) => `${x.name} (${x.count})`)} none={l.none} />
      <Names title={l.mostActive} items={r.mostActiveAdministrators.map((x) => `${x.name} (${x.count})`)} none={l.none} />
      <Heading as="h2">{l.forecast}</Heading>
      <Text>{l.outstanding(r.invitationsOutstanding, r.invitationsExpiringSoon)}</Text>
      <Names title={l.accounts} items={r.accountsExpiring.map((x) => `${x.name} (${x.on})`)} none={l.none} />
      <Names title={l.passwords} items={r.passwordsExpiring.map((x) => `${x.name} (${x.on})`)} none={l.none} />
    </EmailLayout>
  );
}

const SAMPLE: DailyReport = {
  date: "2026-06-01",
  timeZone: "America/Panama",
  counts: {
    created: 4,
    invited: 3,
    registered: 2,
    confirmed: 1,
    updated: 9,
    deactivated: 1,
    reactivated: 0,
    deleted: 1,
    unblocked: 1,
    locked: 2,
    signIns: 57,
    failedSignIns: 8,
    permissionChanges: 2,
    permissionCopies: 1,
    rolesCreated: 0,
    roleChanges: 0,
    rolesDeleted: 0,
    refusals: 1,
  },
  lockedByReason: { failed_logins: 1, inactivity: 1 },
  mostFailed: [{ name: "Pedro Pérez", count: 6 }],
  mostActiveAdministrators: [{ name: "Ada Admin (ada)", count: 14 }],
  invitationsOutstanding: 5,
  invitationsExpiringSoon: 2,
  accountsExpiring: [{ name: "Lucía Núñez", on: "2026-06-05" }],
  passwordsExpiring: [],
};

EndOfDayReport.PreviewProps = {
  lang: "en",
  organization: "Acme",
  firstName: "Ada",
  date: "2026-06-01",
  report: SAMPLE,
  links: {},
  link: "http://localhost:3000/reports/2026-06-01",
} satisfies EndOfDayReportProps;
