import { redirect } from "next/navigation";

/** The profile moved into the account console; old links and bookmarks land there (for anyone signed in: it is not a console page). */
export default function ProfilePage() {
  redirect("/account");
}
