"""Test settings: the real stack, on Redis databases of their own so tests never touch the demo's queue."""

import os

os.environ.setdefault("FILMART_REDIS_CACHE_DB", "14")
os.environ.setdefault("FILMART_REDIS_BROKER_DB", "15")

from filmart.settings import *  # noqa: E402, F403

# Hashing strength is not under test; speed is welcome.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail goes to a loopback SMTP sink that each test run starts (see conftest.smtp_sink).
MAILERS["smtp"]["OPTIONS"] |= {"host": "127.0.0.1", "port": 0}  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = "filmart-test"  # noqa: F405
LOGGING["loggers"]["mail.log"] = {"level": "WARNING"}  # noqa: F405
# No test query needs more than a few seconds: one that runs away fails the test instead of stalling the run.
DATABASES["default"]["OPTIONS"]["options"] += " -c statement_timeout=120000"  # noqa: F405
