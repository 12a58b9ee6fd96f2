import { pgEnum } from "drizzle-orm/pg-core";

export const userStatus = pgEnum("user_status", ["pending", "active", "inactive"]);
export const lockReason = pgEnum("lock_reason", ["failed_logins", "inactivity", "reported"]);
export const gender = pgEnum("gender", ["female", "male", "other", "unspecified"]);
export const language = pgEnum("language", ["en", "es"]);
export const permissionEffect = pgEnum("permission_effect", ["grant", "deny"]);
export const tokenPurpose = pgEnum("token_purpose", ["invite", "set_password", "reset_password", "change_email"]);
export const tokenDelivery = pgEnum("token_delivery", ["email", "link"]);
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);
export const reportRunStatus = pgEnum("report_run_status", ["running", "done", "failed"]);

export type UserStatus = (typeof userStatus.enumValues)[number];
export type LockReason = (typeof lockReason.enumValues)[number];
export type Gender = (typeof gender.enumValues)[number];
export type Language = (typeof language.enumValues)[number];
