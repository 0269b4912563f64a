# One image for the web process (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
    shared-mime-info fonts-dejavu-core fonts-liberation fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DEBUG=0 ALLOW_INSECURE_KEY=1 python manage.py collectstatic --no-input

RUN useradd --create-home smewg && mkdir -p /data/media && chown smewg /data/media
USER smewg
EXPOSE 8000
CMD ["gunicorn", "smewg.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
