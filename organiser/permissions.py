"""The Organisers group: what market staff may do in the admin, and nothing more.

Least privilege: no editing of people's permissions, staff or superuser flags, passwords or second factors;
no reading of buyers' private busy-time notes; mail bodies are shown with their links masked (see
notifications.admin). Superusers (the few people who run the deployment, see docs/deployment.md) are outside
this group. The group is brought up to date after every `migrate`, so a deployment has it without the demo.
"""

from django.contrib.auth.models import Group, Permission

ORGANISER_GROUP = "Organisers"

ALL = ("view", "add", "change", "delete")
# (app label, model) -> the actions organisers are allowed on it.
ORGANISER_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("filmart", "market"): ("view", "change"),
    ("filmart", "hall"): ALL,
    # People: name, language, zone and suspending; the admin shows organisers nothing more (accounts.admin).
    ("accounts", "user"): ("view", "change"),
    ("account", "emailaddress"): ("view",),
    ("exhibitors", "region"): ("view", "add", "change"),
    ("exhibitors", "pavilion"): ALL,
    ("exhibitors", "exhibitor"): ALL,
    ("exhibitors", "teammember"): ALL,
    ("exhibitors", "invitation"): ("view", "delete"),
    ("exhibitors", "title"): ALL,
    ("exhibitors", "rightsavailability"): ALL,
    ("matchmaking", "buyerprofile"): ("view", "change"),
    ("matchmaking", "interest"): ("view",),
    ("meetings", "meeting"): ("view", "change"),  # change: the "cancel with notice" action
    ("filmart", "meetingtable"): ALL,
    ("meetings", "availability"): ("view",),
    ("notifications", "outboundemail"): ("view", "change"),  # change: send again, send a fresh copy
    ("organiser", "export"): ("view",),
    ("organiser", "announcement"): ("view",),
    ("scheduling", "hallwalk"): ALL,
    ("scheduling", "wish"): ("view",),
    ("scheduling", "round"): ("view",),
}


def organiser_permissions() -> list[Permission]:
    wanted = {
        f"{action}_{model}": app_label
        for (app_label, model), actions in ORGANISER_PERMISSIONS.items()
        for action in actions
    }
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _model in ORGANISER_PERMISSIONS}, codename__in=wanted
    ).select_related("content_type")
    return [permission for permission in found if wanted[permission.codename] == permission.content_type.app_label]


def organiser_group_sync() -> Group:
    """Create the group or set its permissions to exactly the list above."""
    group, _created = Group.objects.get_or_create(name=ORGANISER_GROUP)
    group.permissions.set(organiser_permissions())
    return group
