#!/bin/sh
# Migrate, then serve. Reference data comes with the migrations.
set -e
python manage.py migrate --noinput
exec gunicorn flevojeugd.wsgi:application --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-3}" --timeout 60 --access-logfile -
