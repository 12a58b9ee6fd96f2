import { Text } from "@react-email/components";
import { automatic, EmailLayout } from "./layout";

export interface InvitationProps {
  lang: "en" | "es";
  organization: string;
  firstName: string;
  inviter: string;
  link: string;
  expiresOn: string;
}

const t = {
  en: (p: InvitationProps) => ({
    subject: `${p.inviter} invited you to ${p.organization}`,
    heading: `Welcome, ${p.firstName}`,
    body: `${p.inviter} created an account for you. Complete your details and choose a password to start.`,
    action: "Complete registration",
    expires: `The link works once and expires on ${p.expiresOn}.`,
  }),
  es: (p: InvitationProps) => ({
    subject: `${p.inviter} te invitó a ${p.organization}`,
    heading: `Bienvenido/a, ${p.firstName}`,
    body: `${p.inviter} creó una cuenta para ti. Completa tus datos y elige una contraseña para empezar.`,
    action: "Completar registro",
    expires: `El enlace funciona una sola vez y caduca el ${p.expiresOn}.`,
  }),
};

export const invitationSubject = (p: InvitationProps) => t[p.lang](p).subject;

export default function Invitation(p: InvitationProps) {
  const s = t[p.lang](p);
  return (
    <EmailLayout
      lang={p.lang}
      preview={s.subject}
      heading={s.heading}
      organization={p.organization}
      action={{ label: s.action, href: p.link }}
      footer={automatic[p.lang]}
    >
      <Text>{s.body}</Text>
      <Text>{s.expires}</Text>
    </EmailLayout>
  );
}

Invitation.PreviewProps = {
  lang: "en",
  organization: "Acme Panamá",
  firstName: "María",
  inviter: "Ada Lovelace",
  link: "http://localhost:3000/invite/preview-token",
  expiresOn: "2 December 2026",
} satisfies InvitationProps;
