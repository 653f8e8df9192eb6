-- The people who sign in to the Web app (ASP.NET Core Identity's user, stored here), and the Web app's
-- Data Protection key ring, so cookies and antiforgery tokens outlive a Web restart and work on every Web replica.

CREATE TABLE people (
    normalized_user_name text PRIMARY KEY,
    user_name            text NOT NULL,
    display_name         text NOT NULL,
    role                 text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_id             text REFERENCES agents (agent_id),
    password_hash        text,
    security_stamp       text NOT NULL,
    concurrency_stamp    text NOT NULL,
    access_failed_count  integer NOT NULL DEFAULT 0,
    lockout_end          timestamptz,
    disabled_at          timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CHECK ((role = 'agent') = (agent_id IS NOT NULL))
);

-- One sign-in per agent: two people sharing an agent would share a desk and a department's calls.
CREATE UNIQUE INDEX people_agent_idx ON people (agent_id) WHERE agent_id IS NOT NULL;

-- New agents created for new people; AGT-NNN taken by the demo data or by hand are skipped on insert.
CREATE SEQUENCE agent_number_seq;

CREATE TABLE data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
