"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { passwordHintAction } from "@/app/(public)/password-actions";
import { Input } from "@/components/ui/input";

/**
 * A new password twice, with a live hint from the server's own policy (so the browser needs no
 * password dictionary), announced politely to screen readers.
 */
export function NewPasswordFields({
  errors,
  context = [],
  replacing = false,
}: {
  errors?: Record<string, string[]>;
  context?: string[];
  /** Labelled "New password" / "Repeat new password": the form also asks for the current one. */
  replacing?: boolean;
}) {
  const t = useTranslations("AuthPassword");
  const locale = useLocale();
  const [password, setPassword] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  // Controlled, so React's reset of the form after a refused submit does not empty them.
  const [confirm, setConfirm] = useState("");
  useEffect(() => {
    if (!password) return;
    let live = true;
    const timer = setTimeout(
      () =>
        passwordHintAction(password, context, locale)
          .then((r) => live && setHint(r.ok ? (r.data ?? null) : null))
          // The page may have moved on (the form was submitted): the hint no longer matters.
          .catch(() => {}),
      300,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- context is fixed for the page
  }, [password]);
  // The password a refused submit was refused for: until it changes, "Strong enough" would contradict
  // the error beside it (the same as the current one, or one already used).
  const [refused, setRefused] = useState<string | null>(null);
  const [answer, setAnswer] = useState(errors);
  if (answer !== errors) {
    setAnswer(errors);
    setRefused(errors?.password?.length ? password : null);
  }
  // A refused submit already shows the policy's sentence as the field's error: not a second time.
  const repeated = (hint !== null && (errors?.password ?? []).includes(hint)) || (hint === null && refused === password);
  return (
    <>
      <Input
        name="password"
        label={replacing ? t("change.newPassword") : t("newFields.password")}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          if (!e.target.value) setHint(null);
        }}
        // Once typing starts, the live line below says what is missing: never the same advice twice.
        hint={password ? undefined : replacing ? t("change.newPasswordHint") : t("newFields.hint")}
        error={errors?.password}
      />
      <p aria-live="polite" className={`-mt-2 text-sm ${hint ? "text-amber-900" : "text-green-800"}`}>
        {password && !repeated ? (hint ?? t("newFields.strongEnough")) : ""}
      </p>
      <Input
        name="confirmPassword"
        label={replacing ? t("change.repeatNewPassword") : t("newFields.repeat")}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors?.confirmPassword}
      />
    </>
  );
}
