import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const body = { backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#0f172a" };
const box = { backgroundColor: "#ffffff", borderRadius: "8px", margin: "24px auto", maxWidth: "560px", padding: "32px" };
const button = { backgroundColor: "#1d4ed8", borderRadius: "6px", color: "#ffffff", fontSize: "15px", padding: "12px 20px", textDecoration: "none" };

/** The frame every Rollcall e-mail shares: heading, text, an optional button, and a footer. */
export function EmailLayout({
  lang,
  preview,
  heading,
  organization,
  children,
  action,
  footer,
}: {
  lang: "en" | "es";
  preview: string;
  heading: string;
  organization: string;
  children: ReactNode;
  action?: { label: string; href: string };
  footer: string;
}) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={box}>
          <Text style={{ color: "#1e40af", fontWeight: 700, fontSize: "18px", margin: 0 }}>{organization}</Text>
          <Heading as="h1" style={{ fontSize: "22px" }}>
            {heading}
          </Heading>
          {children}
          {action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={action.href} style={button}>
                {action.label}
              </Button>
              <Text style={{ fontSize: "13px", color: "#475569" }}>{action.href}</Text>
            </Section>
          ) : null}
          <Hr />
          <Text style={{ fontSize: "12px", color: "#475569" }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const automatic = {
  en: "This message was sent automatically by Rollcall. If you did not expect it, contact your administrator.",
  es: "Rollcall envió este mensaje automáticamente. Si no lo esperabas, contacta a tu administrador.",
};
