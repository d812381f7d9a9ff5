#!/bin/sh
# Runs once, when the db volume is first made (postgres image, /docker-entrypoint-initdb.d).
# Two roles besides the cluster's superuser:
#   flevojeugd_eigenaar  owns the database and every table; only the migrate step logs in as it.
#   flevojeugd_app       web, worker and beat; it owns nothing. Its privileges on the tables are
#                        granted after each migrate by `manage.py app_databaserol` (audit/dbrollen.py,
#                        the one place): rows yes, the audit trail only SELECT and INSERT.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v eigenaar_pw="$EIGENAAR_PASSWORD" -v app_pw="$APP_PASSWORD" <<'SQL'
CREATE ROLE flevojeugd_eigenaar LOGIN PASSWORD :'eigenaar_pw';
CREATE ROLE flevojeugd_app LOGIN PASSWORD :'app_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER DATABASE flevojeugd OWNER TO flevojeugd_eigenaar;
ALTER SCHEMA public OWNER TO flevojeugd_eigenaar;
REVOKE ALL ON DATABASE flevojeugd FROM PUBLIC;
GRANT CONNECT ON DATABASE flevojeugd TO flevojeugd_eigenaar, flevojeugd_app;
-- Changing session_replication_role (which skips triggers) stays with superusers: not granted.
SQL
