import { render } from "@react-email/components";
import { createElement } from "react";
import Invitation, { invitationSubject, type InvitationProps } from "@/emails/invitation";
import Notice, { noticeSubject, type NoticeProps } from "@/emails/notice";

/** Every message Rollcall sends, by template name, with its props. */
export type EmailMessage =
  | { template: "invitation"; props: InvitationProps }
  | { template: "notice"; props: NoticeProps };

export function subjectOf(message: EmailMessage): string {
  return message.template === "invitation" ? invitationSubject(message.props) : noticeSubject(message.props);
}

export async function renderEmail(message: EmailMessage): Promise<{ html: string; text: string }> {
  const element =
    message.template === "invitation" ? createElement(Invitation, message.props) : createElement(Notice, message.props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
