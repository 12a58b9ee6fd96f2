/** The fixed permission catalog. Roles and per-user overrides can only name what is listed here. */
export const PERMISSION_GROUPS = [
  {
    id: "administration",
    label: "Administration",
    permissions: [
      { key: "users.view", label: "View users", description: "See the user list, profiles and their activity." },
      { key: "users.create", label: "Create users", description: "Create users and send invitations." },
      { key: "users.update", label: "Update users", description: "Edit, deactivate, reactivate, confirm and unblock users." },
      { key: "users.delete", label: "Delete users", description: "Delete users and reassign their clients." },
      { key: "users.permissions", label: "Edit permissions", description: "Change a user's role and per-user permissions." },
      { key: "users.import", label: "Import users", description: "Create users in bulk from a CSV file." },
      { key: "roles.manage", label: "Manage roles", description: "Create, edit and delete custom roles." },
      { key: "branches.manage", label: "Manage branches and teams", description: "Create, rename and delete branches and teams." },
      { key: "audit.view", label: "View audit log", description: "See who did what, when and from where." },
      { key: "api.access", label: "API access", description: "Use the REST API with an API key." },
      { key: "api.admin", label: "API administration", description: "Manage API keys for the organization." },
    ],
  },
  {
    id: "business",
    label: "Business areas",
    permissions: [
      { key: "sellers", label: "Sellers", description: "Access the sellers records." },
      { key: "orders", label: "Orders", description: "Access the orders." },
      { key: "invoices", label: "Invoice", description: "Access invoicing." },
      { key: "inventory", label: "Inventory", description: "Access stock and inventory." },
      { key: "reports", label: "Reports", description: "Use the reporting." },
      { key: "import", label: "Import", description: "Import data in bulk." },
      { key: "purchasing", label: "Purchasing", description: "Purchasing functions." },
      { key: "products", label: "View products and services", description: "View products and services." },
      { key: "product_passwords", label: "View and modify product passwords", description: "View and modify product passwords." },
      { key: "pay_invoices", label: "View and pay invoices", description: "View and pay invoices." },
      { key: "place_orders", label: "Place orders", description: "Place new orders, upgrades and cancellations." },
      { key: "contacts", label: "View and manage contacts", description: "View and manage contacts." },
      { key: "master_profile", label: "Modify master account profile", description: "Modify the master account profile." },
    ],
  },
] as const;

export type Permission = (typeof PERMISSION_GROUPS)[number]["permissions"][number]["key"];

export const ALL_PERMISSIONS: readonly Permission[] = PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => p.key));

const known = new Set<string>(ALL_PERMISSIONS);
export function isPermission(value: string): value is Permission {
  return known.has(value);
}

/** The built-in role that always holds every permission, whatever its rows say. */
export const ADMINISTRATOR_ROLE_KEY = "administrator";

const LABELS = new Map<string, string>(PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => [p.key, p.label] as [string, string])));

/**
 * Permissions named in a refusal: by their labels ("Delete users"), not their keys; a long list says
 * its first three and how many more. lib/i18n/domain-messages.ts reads it back for the {list} of a
 * translated refusal.
 */
export function permissionList(keys: Iterable<string>): string {
  const labels = [...keys].map((k) => LABELS.get(k) ?? k);
  return labels.length > 4 ? `${labels.slice(0, 3).join(", ")} and ${labels.length - 3} more` : labels.join(", ");
}
