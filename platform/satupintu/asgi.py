"""The ASGI application: `make run` (uvicorn, the whole product on one process) and the chart's
live Deployment (uvicorn, the /live/ streams). Ordinary pages work here too; production serves
them from gunicorn's WSGI workers (satupintu.wsgi). See docs/adr/0021.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.production")
application = get_asgi_application()
