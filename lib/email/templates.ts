import { render } from "@react-email/components";
import { createElement } from "react";
import Invitation, { invitationSubject, type InvitationProps } from "@/emails/invitation";
import Notice, { noticeSubject, type NoticeProps } from "@/emails/notice";
import EndOfDayReport, { endOfDayReportSubject, type EndOfDayReportProps } from "@/emails/end-of-day-report";

/** Every message Rollcall sends, by template name, with its props. */
export type EmailMessage =
  | { template: "invitation"; props: InvitationProps }
  | { template: "notice"; props: NoticeProps }
  | { template: "end_of_day_report"; props: EndOfDayReportProps };

export function subjectOf(message: EmailMessage): string {
  switch (message.template) {
    case "invitation":
      return invitationSubject(message.props);
    case "notice":
      return noticeSubject(message.props);
    case "end_of_day_report":
      return endOfDayReportSubject(message.props);
  }
}

function elementOf(message: EmailMessage) {
  switch (message.template) {
    case "invitation":
      return createElement(Invitation, message.props);
    case "notice":
      return createElement(Notice, message.props);
    case "end_of_day_report":
      return createElement(EndOfDayReport, message.props);
  }
}

export async function renderEmail(message: EmailMessage): Promise<{ html: string; text: string }> {
  const element = elementOf(message);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
