#!/bin/sh
# Least privilege in PostgreSQL: each service gets its own database and two roles,
#   <db>_owner  owns the database and its schema: migrations (DDL) run as it;
#   <db>_app    what the running service connects as: reads and writes rows
#               (SELECT, INSERT, UPDATE, DELETE), never changes the schema;
# and no role of one service may connect to the other's database. The
# superuser is used by nothing but this script.
#
# Idempotent: safe on every start (passwords are set again). Compose runs it in
# the one-shot `postgres-roles` service (docker/compose.yaml), Kubernetes in the
# `postgres-roles` Job of this component (postgres-roles.yaml); it lives here
# because kustomize reads files only below a kustomization's own directory.
# It reads the server from PGHOST, PGPORT, PGUSER and PGPASSWORD, and the four
# role passwords from the environment.
set -eu

service_database() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --dbname postgres \
    --set=db="$1" --set=owner="$1_owner" --set=owner_password="$2" \
    --set=app="$1_app" --set=app_password="$3" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'owner')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- Whatever the owner's migrations create, the service may use, and only that way.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app";
-- Tables that already exist (a database migrated before this script ran).
SET ROLE :"owner";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
RESET ROLE;
SQL
}

service_database catalog "${CATALOG_OWNER_PASSWORD:?}" "${CATALOG_APP_PASSWORD:?}"
service_database orders "${ORDERS_OWNER_PASSWORD:?}" "${ORDERS_APP_PASSWORD:?}"
echo "portside roles: catalog_owner, catalog_app, orders_owner, orders_app are in place"
