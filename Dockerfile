# Production image: gunicorn web, Celery worker and beat share it (docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=flevojeugd.settings
# WeasyPrint needs Pango; curl serves the healthchecks.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 flevojeugd && mkdir -p /app/media && chown flevojeugd /app/media
USER flevojeugd
EXPOSE 8000
CMD ["sh", "/app/docker/start-web.sh"]
