from django.conf import settings
from django.http import HttpRequest

from demo.accounts import DEMO_LOGINS, DEMO_PASSWORD


def demo(request: HttpRequest) -> dict:
    """In demo mode, the sign-in page names the demo logins and the footer links the mailbox."""
    return {
        "demo_mode": settings.DEMO_MODE,
        "demo_logins": DEMO_LOGINS if settings.DEMO_MODE else [],
        "demo_password": DEMO_PASSWORD,
    }
