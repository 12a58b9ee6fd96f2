export * from "./enums";
export * from "./organization";
export * from "./roles";
export * from "./users";
export * from "./security";
export * from "./operations";
