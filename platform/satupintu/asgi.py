"""The ASGI application: `make run` (uvicorn, the whole product on one process) and the chart's
live Deployment (uvicorn, the /live/ streams). Ordinary pages work here too; production serves
them from gunicorn's WSGI workers (satupintu.wsgi). See docs/adr/0021.

Under ASGI, Django runs each request's synchronous code in a thread of its own, and a database
connection belongs to its thread: with `CONN_MAX_AGE` above 0 every request left its connection
open behind it until garbage collection. A fuzzing run (schemathesis) against `make run` held 89
idle connections from one process and then got 500s ("remaining connection slots are
reserved"). So here every connection is closed at the end of its request, as Django advises for
ASGI; Django's pool (`DATABASE_POOL_MAX_SIZE`) is the way to reuse connections.
"""

import os

import django
from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.production")
django.setup(set_prefix=False)
for database in settings.DATABASES.values():
    database["CONN_MAX_AGE"] = 0
application = get_asgi_application()
