/**
 * A secret field: a password typed (password, confirmPassword, currentPassword…), a token or a
 * secret. Settings named after passwords ("password.maxAgeDays", "password.adminSetIsTemporary")
 * are not: they were echoed as nothing, so a refused save showed their old values and unticked the box.
 * A form's values are echoed back without them, by the server (app/action.ts) and, when no answer
 * came, by the page itself (components/ui/use-action-form.ts).
 */
export const isSecretField = (name: string) => /password$|token|secret/i.test(name);
