import { Text } from "@react-email/components";
import { automatic, EmailLayout } from "./layout";

/**
 * The short account notices: welcome/confirmed, password reset, password changed, a new password
 * required, sessions ended by an administrator, account locked, account unblocked. One template, a text per kind and language.
 */
export type NoticeKind =
  "welcome" | "password_reset" | "password_changed" | "password_change_required" | "sessions_ended" | "account_locked" | "account_unblocked";

export interface NoticeProps {
  kind: NoticeKind;
  lang: "en" | "es";
  organization: string;
  firstName: string;
  link?: string | null;
  detail?: string | null;
}

type Text = { subject: string; heading: string; body: string; action?: string };

const texts: Record<NoticeKind, Record<"en" | "es", (p: NoticeProps) => Text>> = {
  welcome: {
    en: (p) => ({
      subject: `Your ${p.organization} account is ready`,
      heading: `You're in, ${p.firstName}`,
      body: "Your account is active. Sign in with your username or e-mail and your password.",
      action: "Sign in",
    }),
    es: (p) => ({
      subject: `Tu cuenta de ${p.organization} está lista`,
      heading: `Ya estás dentro, ${p.firstName}`,
      body: "Tu cuenta está activa. Inicia sesión con tu usuario o correo y tu contraseña.",
      action: "Iniciar sesión",
    }),
  },
  password_reset: {
    en: (p) => ({
      subject: `Reset your ${p.organization} password`,
      heading: "Choose a new password",
      body: `Someone asked to reset the password of your account. If it was you, use the link below; it works once and expires ${p.detail ?? "soon"}. If not, ignore this message: your password has not changed.`,
      action: "Choose a new password",
    }),
    es: (p) => ({
      subject: `Restablece tu contraseña de ${p.organization}`,
      heading: "Elige una nueva contraseña",
      body: `Alguien pidió restablecer la contraseña de tu cuenta. Si fuiste tú, usa el enlace; funciona una vez y caduca ${p.detail ?? "pronto"}. Si no, ignora este mensaje: tu contraseña no cambió.`,
      action: "Elegir nueva contraseña",
    }),
  },
  password_changed: {
    en: (p) => ({
      subject: `Your ${p.organization} password was changed`,
      heading: "Your password was changed",
      body: "Every other session of your account has been signed out. If you did not do this, contact your administrator now.",
    }),
    es: (p) => ({
      subject: `Tu contraseña de ${p.organization} cambió`,
      heading: "Tu contraseña cambió",
      body: "Se cerraron las demás sesiones de tu cuenta. Si no fuiste tú, contacta a tu administrador ahora.",
    }),
  },
  password_change_required: {
    en: (p) => ({
      subject: `Choose a new ${p.organization} password`,
      heading: "Choose a new password",
      body: "An administrator asked you to choose a new password. At your next sign-in you will be taken to the password page first.",
      action: "Sign in",
    }),
    es: (p) => ({
      subject: `Elige una nueva contraseña de ${p.organization}`,
      heading: "Elige una nueva contraseña",
      body: "Un administrador te pidió elegir una nueva contraseña. En tu próximo inicio de sesión irás primero a la página de contraseña.",
      action: "Iniciar sesión",
    }),
  },
  sessions_ended: {
    en: (p) => ({
      subject: `You were signed out of ${p.organization}`,
      heading: "You were signed out",
      body: `An administrator signed you out (${p.detail ?? "your sessions"}). Sign in again to continue. If you did not expect this, contact your administrator.`,
      action: "Sign in",
    }),
    es: (p) => ({
      subject: `Se cerró tu sesión en ${p.organization}`,
      heading: "Se cerró tu sesión",
      body: `Un administrador cerró tu sesión (${p.detail ?? "tus sesiones"}). Vuelve a iniciar sesión para continuar. Si no lo esperabas, contacta a tu administrador.`,
      action: "Iniciar sesión",
    }),
  },
  account_locked: {
    en: (p) => ({
      subject: `Your ${p.organization} account is locked`,
      heading: "Your account is locked",
      body: `${p.detail ?? "Your account was locked."} An administrator must unblock it before you can sign in again.`,
    }),
    es: (p) => ({
      subject: `Tu cuenta de ${p.organization} está bloqueada`,
      heading: "Tu cuenta está bloqueada",
      body: `${p.detail ?? "Tu cuenta fue bloqueada."} Un administrador debe desbloquearla para que puedas volver a entrar.`,
    }),
  },
  account_unblocked: {
    en: (p) => ({
      subject: `Your ${p.organization} account is unblocked`,
      heading: "Your account is unblocked",
      body: p.link
        ? "An administrator unblocked your account. Choose a new password to sign in."
        : "An administrator unblocked your account. You can sign in again.",
      action: p.link ? "Choose a new password" : "Sign in",
    }),
    es: (p) => ({
      subject: `Tu cuenta de ${p.organization} fue desbloqueada`,
      heading: "Tu cuenta fue desbloqueada",
      body: p.link
        ? "Un administrador desbloqueó tu cuenta. Elige una nueva contraseña para entrar."
        : "Un administrador desbloqueó tu cuenta. Ya puedes iniciar sesión.",
      action: p.link ? "Elegir nueva contraseña" : "Iniciar sesión",
    }),
  },
};

export const noticeSubject = (p: NoticeProps) => texts[p.kind][p.lang](p).subject;

export default function Notice(p: NoticeProps) {
  const s = texts[p.kind][p.lang](p);
  return (
    <EmailLayout
      lang={p.lang}
      preview={s.subject}
      heading={s.heading}
      organization={p.organization}
      action={s.action && p.link ? { label: s.action, href: p.link } : undefined}
      footer={automatic[p.lang]}
    >
      <Text>{s.body}</Text>
    </EmailLayout>
  );
}

Notice.PreviewProps = {
  kind: "account_locked",
  lang: "en",
  organization: "Acme Panamá",
  firstName: "María",
  detail: "Six wrong passwords were entered in a row.",
  link: null,
} satisfies NoticeProps;
