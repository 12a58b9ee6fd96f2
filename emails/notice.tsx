import { Text } from "@react-email/components";
import { automatic, EmailLayout } from "./layout";

/**
 * The short account notices: welcome/confirmed (with a link to choose a password when there is none), password reset, password changed, a new password
 * required, sessions ended by an administrator, account locked, account unblocked, a work e-mail
 * change (the link to the new address, the notices to the old one) and a "This wasn't me" report
 * to the administrators. One template, a text per kind and language.
 */
export type NoticeKind =
  | "welcome"
  | "welcome_set_password"
  | "account_created"
  | "password_reset"
  | "password_changed"
  | "password_change_required"
  | "sessions_ended"
  | "account_locked"
  | "account_unblocked"
  | "email_change_confirm"
  | "email_change_requested"
  | "email_changed"
  | "account_reported";

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
  welcome_set_password: {
    en: (p) => ({
      subject: `Your ${p.organization} account is ready`,
      heading: `You're in, ${p.firstName}`,
      body: `Your account is active. Choose a password to sign in: the link works once and expires on ${p.detail ?? "a date set by your administrator"}.`,
      action: "Choose a password",
    }),
    es: (p) => ({
      subject: `Tu cuenta de ${p.organization} está lista`,
      heading: `Ya estás dentro, ${p.firstName}`,
      body: `Tu cuenta está activa. Elige una contraseña para iniciar sesión: el enlace funciona una sola vez y caduca el ${p.detail ?? "día que fijó tu administrador"}.`,
      action: "Elegir contraseña",
    }),
  },
  account_created: {
    en: (p) => ({
      subject: `Your ${p.organization} account is ready`,
      heading: `Welcome, ${p.firstName}`,
      body: `An account was created for you. ${p.detail ?? ""} Sign in with your username or work e-mail and the password your administrator gives you (never by e-mail).`,
      action: "Sign in",
    }),
    es: (p) => ({
      subject: `Tu cuenta de ${p.organization} está lista`,
      heading: `Bienvenido/a, ${p.firstName}`,
      body: `Se creó una cuenta para ti. ${p.detail ?? ""} Inicia sesión con tu usuario o correo de trabajo y la contraseña que te dé tu administrador (nunca por correo).`,
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
  email_change_confirm: {
    en: (p) => ({
      subject: `Confirm your new ${p.organization} e-mail address`,
      heading: "Confirm your new e-mail address",
      body: `You asked to use ${p.detail ?? "this address"} as the work e-mail of your account. Use the link below to confirm it; it works once and expires in 24 hours. Until then, nothing changes.`,
      action: "Confirm this address",
    }),
    es: (p) => ({
      subject: `Confirma tu nuevo correo de ${p.organization}`,
      heading: "Confirma tu nuevo correo",
      body: `Pediste usar ${p.detail ?? "esta dirección"} como correo de trabajo de tu cuenta. Usa el enlace para confirmarlo; funciona una vez y caduca en 24 horas. Hasta entonces, nada cambia.`,
      action: "Confirmar esta dirección",
    }),
  },
  email_change_requested: {
    en: (p) => ({
      subject: `A change of your ${p.organization} e-mail address was requested`,
      heading: "Your e-mail address may change",
      body: `Someone signed in to your account asked to change its work e-mail to ${p.detail ?? "another address"}. It changes only when the link sent there is opened. If this was not you, sign in, change your password and use "This wasn't me" on your account page, or contact your administrator.`,
    }),
    es: (p) => ({
      subject: `Se pidió cambiar tu correo de ${p.organization}`,
      heading: "Tu correo podría cambiar",
      body: `Alguien con sesión en tu cuenta pidió cambiar su correo de trabajo a ${p.detail ?? "otra dirección"}. Solo cambia cuando se abra el enlace enviado allí. Si no fuiste tú, inicia sesión, cambia tu contraseña y usa "No fui yo" en tu cuenta, o contacta a tu administrador.`,
    }),
  },
  email_changed: {
    en: (p) => ({
      subject: `Your ${p.organization} e-mail address was changed`,
      heading: "Your e-mail address was changed",
      body: `The work e-mail of your account is now ${p.detail ?? "another address"}. Messages will go there from now on. If this was not you, contact your administrator now.`,
    }),
    es: (p) => ({
      subject: `Tu correo de ${p.organization} cambió`,
      heading: "Tu correo cambió",
      body: `El correo de trabajo de tu cuenta ahora es ${p.detail ?? "otra dirección"}. Desde ahora los mensajes irán allí. Si no fuiste tú, contacta a tu administrador ahora.`,
    }),
  },
  account_reported: {
    en: (p) => ({
      subject: `${p.detail ?? "A user"} reported activity that wasn't theirs`,
      heading: "An account was locked by its owner",
      body: `${p.detail ?? "A user"} said some activity on their account was not theirs. Rollcall locked the account and signed it out everywhere. Check its security activity, then unblock it with a password reset when the owner is ready.`,
      action: "Open the user",
    }),
    es: (p) => ({
      subject: `${p.detail ?? "Un usuario"} reportó actividad que no fue suya`,
      heading: "Una cuenta fue bloqueada por su dueño",
      body: `${p.detail ?? "Un usuario"} dijo que una actividad de su cuenta no fue suya. Rollcall bloqueó la cuenta y cerró todas sus sesiones. Revisa su actividad de seguridad y desbloquéala con un restablecimiento de contraseña cuando el dueño esté listo.`,
      action: "Abrir el usuario",
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
