-- The SLA catalog's version: every statement that changes a policy or a calendar gives it a new number, in its own
-- transaction, so a replica keeps the parsed catalog in memory and reads only this number per ticket page
-- (Sla/SlaCatalog.cs). Numbers come from a sequence: one taken by a change that rolled back is never used again, so
-- a version never names two states.
CREATE SEQUENCE sla_catalog_versions;

CREATE TABLE sla_catalog_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);

INSERT INTO sla_catalog_version (version) VALUES (nextval('sla_catalog_versions'));

CREATE FUNCTION sla_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sla_catalog_version SET version = nextval('sla_catalog_versions');
    RETURN NULL;
END
$$;

CREATE TRIGGER sla_policies_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies
    FOR EACH STATEMENT EXECUTE FUNCTION sla_catalog_changed();

CREATE TRIGGER business_calendars_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON business_calendars
    FOR EACH STATEMENT EXECUTE FUNCTION sla_catalog_changed();
