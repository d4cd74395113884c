"""The static files app, configured for this site. Apart from whitepaper/apps.py, where a second
AppConfig would stop Django from choosing the whitepaper app's own."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class SiteStaticFilesConfig(StaticFilesConfig):
    """django.contrib.staticfiles without ninja's ReDoc (the API's page is Swagger UI): 4 MB
    that collectstatic would hash and compress on every `make run` and `make test`."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "redoc.standalone.js*"]
