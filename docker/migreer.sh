#!/bin/sh
# Run once per deployment by the `migrate` service (docker-compose.yml): migrate as the owner of
# the tables and give the app's role its privileges. The scaled web containers never migrate
# (three at once would race) and never see the owner's password.
set -e
DATABASE_URL="${DATABASE_MIGRATE_URL:?zet DATABASE_MIGRATE_URL}" python manage.py migrate --noinput
DATABASE_URL="$DATABASE_MIGRATE_URL" python manage.py app_databaserol "${APP_DATABASE_ROL:-flevojeugd_app}"
