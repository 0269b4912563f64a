"""WSGI entry point (gunicorn smewg.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")
application = get_wsgi_application()
