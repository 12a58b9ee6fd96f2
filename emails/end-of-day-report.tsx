import { Column, Row, Section, Text } from "@react-email/components";
import { automatic, EmailLayout } from "./layout";

export interface EndOfDayReportProps {
  lang: "en" | "es";
  organization: string;
  firstName: string;
  date: string;
  counts: Record<string, number>;
  link: string;
}

const labels = {
  en: {
    subject: (p: EndOfDayReportProps) => `${p.organization}: end-of-day report for ${p.date}`,
    heading: "What happened today",
    intro: (p: EndOfDayReportProps) => `Hello ${p.firstName}, here is the summary of ${p.date}.`,
    action: "Open Rollcall",
    rows: {
      created: "Users created",
      invited: "Invitations sent",
      registered: "Registrations",
      updated: "Users updated",
      deactivated: "Deactivated",
      reactivated: "Reactivated",
      deleted: "Deleted",
      unblocked: "Unblocked",
      locked: "Locked",
      signIns: "Sign-ins",
      failedSignIns: "Failed sign-ins",
      invitationsOutstanding: "Invitations outstanding",
      accountsExpiring: "Accounts expiring in 7 days",
      passwordsExpiring: "Passwords expiring in 7 days",
    },
  },
  es: {
    subject: (p: EndOfDayReportProps) => `${p.organization}: informe del día ${p.date}`,
    heading: "Lo que pasó hoy",
    intro: (p: EndOfDayReportProps) => `Hola ${p.firstName}, este es el resumen del ${p.date}.`,
    action: "Abrir Rollcall",
    rows: {
      created: "Usuarios creados",
      invited: "Invitaciones enviadas",
      registered: "Registros",
      updated: "Usuarios actualizados",
      deactivated: "Desactivados",
      reactivated: "Reactivados",
      deleted: "Eliminados",
      unblocked: "Desbloqueados",
      locked: "Bloqueados",
      signIns: "Inicios de sesión",
      failedSignIns: "Inicios de sesión fallidos",
      invitationsOutstanding: "Invitaciones pendientes",
      accountsExpiring: "Cuentas que caducan en 7 días",
      passwordsExpiring: "Contraseñas que caducan en 7 días",
    },
  },
};

export const endOfDayReportSubject = (p: EndOfDayReportProps) => labels[p.lang].subject(p);

export default function EndOfDayReport(p: EndOfDayReportProps) {
  const l = labels[p.lang];
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
      <Section>
        {Object.entries(l.rows).map(([key, label]) => (
          <Row key={key}>
            <Column style={{ padding: "4px 0" }}>{label}</Column>
            <Column style={{ padding: "4px 0", textAlign: "right", fontWeight: 700 }}>{p.counts[key] ?? 0}</Column>
          </Row>
        ))}
      </Section>
    </EmailLayout>
  );
}

EndOfDayReport.PreviewProps = {
  lang: "en",
  organization: "Acme Panamá",
  firstName: "Ada",
  date: "25 November 2026",
  counts: {
    created: 4,
    invited: 3,
    registered: 2,
    updated: 9,
    deactivated: 1,
    reactivated: 0,
    deleted: 1,
    unblocked: 1,
    locked: 2,
    signIns: 57,
    failedSignIns: 6,
    invitationsOutstanding: 5,
    accountsExpiring: 1,
    passwordsExpiring: 3,
  },
  link: "http://localhost:3000/audit",
} satisfies EndOfDayReportProps;
