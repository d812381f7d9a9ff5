#!/bin/sh
# Migrate as the owner of the tables, give the app's role its privileges, then serve as the app's
# role: the owner's address is removed from the environment before gunicorn starts, so the web
# process cannot alter, truncate or disable triggers on any table (README, Beveiliging).
set -e
if [ "${MIGREREN:-1}" = "0" ]; then
    :  # docker-compose.yml migrates once in its `migrate` service (docker/migreer.sh)
elif [ -n "${DATABASE_MIGRATE_URL:-}" ]; then
    DATABASE_URL="$DATABASE_MIGRATE_URL" python manage.py migrate --noinput
    DATABASE_URL="$DATABASE_MIGRATE_URL" python manage.py app_databaserol "${APP_DATABASE_ROL:-flevojeugd_app}"
    unset DATABASE_MIGRATE_URL
else
    python manage.py migrate --noinput  # one role (development); production sets DATABASE_MIGRATE_URL
fi
exec gunicorn flevojeugd.wsgi:application --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-3}" --timeout 60 --access-logfile -
