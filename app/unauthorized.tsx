import { ErrorPage } from "@/components/shell/error-page";

export default function Unauthorized() {
  return <ErrorPage kind="unauthorized" />;
}
