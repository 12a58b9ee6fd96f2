import { ErrorPage } from "@/components/shell/error-page";

export default function Forbidden() {
  return <ErrorPage kind="forbidden" />;
}
