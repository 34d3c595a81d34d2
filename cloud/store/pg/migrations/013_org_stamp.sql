-- A stamp that changes with every committed write to org_units, whatever
-- process or statement makes it (putOrgUnits, an org change, plain SQL,
-- COPY): a process may keep counts of units under a path for as long as
-- the stamp it read them under is still the stamp. The value is the
-- writing transaction's id, which no other transaction ever gets, so a
-- stamp is never seen twice even when a write is rolled back.
CREATE TABLE org_stamp (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stamp BIGINT NOT NULL
);
INSERT INTO org_stamp (id, stamp) VALUES (1, txid_current());

CREATE FUNCTION org_units_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_stamp SET stamp = txid_current() WHERE id = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER org_units_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION org_units_stamp();
