"""The demo's three logins, published in the README and on the demo's sign-in page."""

from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "filmart-demo"  # noqa: S105 - the published demo password
DEMO_LOGINS = [
    ("buyer@example.com", _("Buyer")),
    ("rep@example.com", _("Tencent sales rep")),
    ("organiser@example.com", _("Organiser (staff)")),
]
