import { redirect } from "next/navigation";

/** The profile moved into the account console; old links and bookmarks land there. */
export default function ProfilePage() {
  redirect("/account");
}
