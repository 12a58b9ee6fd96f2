-- The audit trail is append-only: rows are inserted, never changed or removed, whoever asks
-- (the application, the command line, an operator with psql). UPDATE and DELETE are refused row by
-- row, TRUNCATE once per statement. The one exception is a TRUNCATE in a session (or transaction) that
-- says so with `set local rollcall.allow_audit_truncate = on`: the test suite's reset between tests.
-- A superuser can still drop or disable the triggers; that is a change of schema, not of data.
-- Users are deleted without touching their events: audit_events has no foreign key to users.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND coalesce(current_setting('rollcall.allow_audit_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit events can only be inserted.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
