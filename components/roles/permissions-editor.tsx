"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { copyPermissionsAction, previewCopyAction, setUserPermissionsAction, type CopyPreview } from "@/app/(admin)/users/[id]/permissions/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { UserPicker } from "@/components/users/user-picker";
import { PERMISSION_GROUPS } from "@/lib/permissions/catalog";

type Override = "inherit" | "grant" | "deny";
interface Row {
  permission: string;
  fromRole: boolean;
  override: Override;
}

const LABEL = new Map<string, string>(PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => [p.key, p.label] as [string, string])));

/** Inherit / grant / deny per permission, with the effective result beside each, and "copy from". */
export function PermissionsEditor({
  userId,
  userName,
  roleName,
  rows,
  editable,
  held,
  version,
}: {
  userId: string;
  userName: string;
  roleName: string;
  rows: Row[];
  editable: boolean;
  held: string[];
  version: number;
}) {
  const router = useRouter();
  const fromRows = () => Object.fromEntries(rows.map((r) => [r.permission, r.override])) as Record<string, Override>;
  const [overrides, setOverrides] = useState<Record<string, Override>>(fromRows);
  // When a save or a copy lands, the page sends the new rows: start from them, keep the message.
  const [shownVersion, setShownVersion] = useState(version);
  if (version !== shownVersion) {
    setShownVersion(version);
    setOverrides(fromRows());
  }
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [preview, setPreview] = useState<CopyPreview | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const fromRole = new Map(rows.map((r) => [r.permission, r.fromRole]));
  const effective = (p: string) => (overrides[p] === "grant" ? true : overrides[p] === "deny" ? false : !!fromRole.get(p));
  const dirty = rows.some((r) => overrides[r.permission] !== r.override);

  const save = () =>
    start(async () => {
      const r = await setUserPermissionsAction(userId, overrides);
      setMessage({ tone: r.ok ? "success" : "error", text: r.ok ? (r.message ?? "Saved.") : r.message });
      if (r.ok) router.refresh();
    });
  const loadPreview = (fromId: string | null) => {
    setSource(fromId);
    setPreview(null);
    if (!fromId) return;
    start(async () => {
      const r = await previewCopyAction(fromId, userId);
      if (r.ok) setPreview(r.data ?? null);
      else setMessage({ tone: "error", text: r.message });
    });
  };
  const applyCopy = () =>
    start(async () => {
      if (!source) return;
      const r = await copyPermissionsAction(source, userId);
      setMessage({ tone: r.ok ? "success" : "error", text: r.ok ? (r.message ?? "Copied.") : r.message });
      if (r.ok) {
        setPreview(null);
        router.refresh();
      }
    });

  return (
    <div className="flex flex-col gap-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {PERMISSION_GROUPS.map((group) => (
        <Table key={group.id} caption={`${group.label} permissions of ${userName}`}>
          <Thead>
            <Tr>
              <Th className="w-1/2">{group.label}</Th>
              <Th>Role {roleName}</Th>
              <Th>For this user</Th>
              <Th>Result</Th>
            </Tr>
          </Thead>
          <Tbody>
            {group.permissions.map((p) => (
              <Tr key={p.key}>
                <Td>
                  <span className="font-medium">{p.label}</span>
                  <span className="block text-xs text-slate-700">{p.description}</span>
                </Td>
                <Td>{fromRole.get(p.key) ? "Included" : "—"}</Td>
                <Td>
                  <select
                    aria-label={`${p.label} for ${userName}`}
                    value={overrides[p.key]}
                    disabled={!editable}
                    onChange={(e) => setOverrides((o) => ({ ...o, [p.key]: e.target.value as Override }))}
                    className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
                  >
                    <option value="inherit">Inherit from role</option>
                    <option value="grant" disabled={!held.includes(p.key)}>
                      Grant
                    </option>
                    <option value="deny">Deny</option>
                  </select>
                </Td>
                <Td>{effective(p.key) ? <Badge tone="success">Allowed</Badge> : <Badge>Not allowed</Badge>}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ))}
      {editable ? (
        <div className="flex items-center gap-3">
          <Button onClick={save} disabled={pending || !dirty}>
            Save permissions
          </Button>
          {dirty ? (
            <span role="status">
              <Badge tone="warning">Unsaved changes</Badge>
            </span>
          ) : null}
        </div>
      ) : null}

      {editable ? (
        <section aria-labelledby="copy-title" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="copy-title" className="text-base font-semibold">
            Copy permissions from another user
          </h2>
          <UserPicker
            name="copyFrom"
            label="Copy from"
            excludeId={userId}
            onChange={(u) => loadPreview(u?.id ?? null)}
            hint="Their role and per-user grants and denials replace this user's."
          />
          {preview ? (
            <div aria-live="polite" className="flex flex-col gap-2 text-sm">
              <p className="font-medium">What would change for {preview.to.name}:</p>
              <ul className="list-disc pl-5">
                {preview.role.changes ? (
                  <li>
                    Role: {preview.role.before} → {preview.role.after}
                  </li>
                ) : null}
                {preview.changes.map((c) => (
                  <li key={c.permission}>
                    {LABEL.get(c.permission) ?? c.permission}: {c.before ? "allowed" : "not allowed"} → {c.after ? "allowed" : "not allowed"}
                    {c.overrideBefore !== c.overrideAfter ? ` (per-user: ${c.overrideBefore} → ${c.overrideAfter})` : ""}
                  </li>
                ))}
                {!preview.role.changes && preview.changes.length === 0 ? <li>Nothing: they already have the same permissions.</li> : null}
              </ul>
              <div>
                <Button onClick={applyCopy} disabled={pending || (!preview.role.changes && preview.changes.length === 0)}>
                  Copy these permissions
                </Button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
