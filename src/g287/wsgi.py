import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
application = get_wsgi_application()

from g287.core.warmup import warm_up  # noqa: E402  (after Django is set up)

warm_up(application)  # before gunicorn gives this worker a connection
