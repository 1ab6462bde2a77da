"""WSGI entry point (``jiyao serve`` and any WSGI server)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyao.web.settings")
application = get_wsgi_application()
