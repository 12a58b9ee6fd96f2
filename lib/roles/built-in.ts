/**
 * The built-in roles' descriptions as migration 0002 seeds them. A role page shows the reader's
 * language's own wording (Roles.builtInDescriptions) while a description is still this one.
 */
export const BUILT_IN_DESCRIPTIONS: Record<string, string> = {
  administrator: "Full access to all system functions.",
  api_administrator: "Advanced access to the API and administrative functions.",
  api_basic: "Basic access to the API.",
  basic: "Limited access to essential system functions.",
  purchasing_intermediate: "Access to functions related to purchasing and inventory management.",
};
