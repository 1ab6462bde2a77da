"""The Django project of jiyao: settings, root URLs and the WSGI entry point."""
