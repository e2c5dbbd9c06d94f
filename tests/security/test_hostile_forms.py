"""Hostile input to every form each role can reach: the answer is a message or a 4xx, never a 500.

For each role the test client crawls the app from the home page and the role's main pages (same-origin links, one
page per route and set of query parameter names, a bounded number of pages), reads every <form> on them, then
submits each form once per field and hostile value, the other fields as the page filled them. Every submission is
rolled back, so each starts from the same world. All failures are collected and reported together per role.
"""

import re
import time
from dataclasses import dataclass
from email import message_from_bytes, policy

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse

from accounts.models import User
from exhibitors.models import Exhibitor
from matchmaking.models import BuyerProfile
from meetings.models import Meeting
from notifications.models import OutboundEmail
from tests.security.probe import Form, FormField, client_for, parse_page, route_key, same_origin_path, send
from tests.security.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_templates", "quiet_refusals")]

MAX_PAGES = 45  # per role; the app has about 30 routes a role can reach
LONG = "x" * 5000
BIG_NUMBER = "9" * 5000
SEPARATORS = ["a\nb", "\x0b", "\x85", "\u2028", "\x00"]
TEXT_VALUES = [LONG, *SEPARATORS, "²", "-1", BIG_NUMBER, "9" * 19]
# A choice (select, checkbox, radio) gets fewer: its value is looked up, not stored as text.
CHOICE_VALUES = [LONG, "\x00", "\u2028", "²", "-1", BIG_NUMBER, "9" * 19, "not-an-option"]
# Forms with many fields (a title, a buyer profile, the market's set-up) get a shorter list per field, so the run
# stays within a couple of minutes: the values that have found faults, one of each kind.
BIG_FORM = 9
SHORT_TEXT = [LONG, "a\nb", "\u2028", "\x00", "²", "9" * 19]
SHORT_CHOICE = [LONG, "\x00", "9" * 19, "not-an-option"]
# The admin's market set-up has some sixty fields with its halls: three values for text, two for choices.
HUGE_FORM = 25
TINY_TEXT = [LONG, "\u2028", "9" * 19]
TINY_CHOICE = ["not-an-option", "\x00"]
# Forms that htmx submits are sent as htmx sends them; these values go the plain no-JavaScript way as well.
BOTH_WAYS = [LONG, "\u2028", "\x00", "²", "9" * 19]
SIGN_OUT = {"account_logout", "admin:logout"}
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


def other_peoples_ids(world: World) -> list[str]:
    return [str(world.accepted.pk), str(world.profile.pk), str(world.title.pk)]


def seeds(world: World) -> dict[str, tuple]:
    """Each role: who signs in, and the pages the crawl starts from besides the home page."""
    return {
        "anonymous": (None, ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]),
        "buyer": (
            world.buyer,
            [
                reverse("exhibitors:directory"),
                reverse("exhibitors:catalogue"),
                reverse("matchmaking:matches"),
                reverse("matchmaking:shortlist"),
                reverse("meetings:agenda"),
                reverse("meetings:requests"),
                reverse("meetings:hours"),
                reverse("meetings:calendar_settings"),
                reverse("accounts:settings"),
                reverse("matchmaking:buyer_profile"),
                reverse("scheduling:buyer_wishes"),
                reverse("meetings:book", args=[world.victim.slug]),
                reverse("meetings:detail", args=[world.accepted.pk]),
                reverse("meetings:detail", args=[world.pending.pk]),
                reverse("account_email"),
                reverse("account_change_password"),
                reverse("mfa_index"),
            ],
        ),
        "rep": (
            world.victim_rep,
            [
                reverse("workspace:home"),
                reverse("meetings:agenda"),
                reverse("meetings:team_agenda"),
                reverse("meetings:requests"),
                reverse("meetings:hours"),
                reverse("matchmaking:matches"),
                reverse("scheduling:team_wishes"),
                reverse("meetings:detail", args=[world.accepted.pk]),
                reverse("meetings:detail", args=[world.pending.pk]),
                reverse("meetings:invite", args=[world.profile.pk]),
                reverse("workspace:title", args=[world.title.slug]),
                reverse("workspace:rights_edit", args=[world.title.slug, world.rights.pk]),
            ],
        ),
        "company admin": (
            world.victim_admin,
            [
                reverse("workspace:home"),
                reverse("workspace:team"),
                reverse("workspace:profile"),
                reverse("workspace:title_new"),
                reverse("workspace:title", args=[world.title.slug]),
                reverse("meetings:hours"),
                reverse("meetings:detail", args=[world.pending.pk]),
            ],
        ),
        "organiser": (
            world.organiser,
            [
                reverse("organiser:console"),
                reverse("organiser:exports"),
                reverse("organiser:announcements"),
                reverse("organiser:announcement", args=[world.announcement.pk]),
                # The admin is Django's own, reached here by the forms organisers use most, not crawled whole.
                reverse("admin:filmart_market_change", args=[world.market.pk]),
                reverse("admin:matchmaking_buyerprofile_changelist"),
                reverse("admin:meetings_meeting_changelist"),
                # The admin actions' own forms: cancelling meetings and rejecting buyers, each with a reason.
                (
                    reverse("admin:meetings_meeting_changelist"),
                    {"action": "cancel_with_notice", "_selected_action": [world.accepted.pk]},
                ),
                (
                    reverse("admin:matchmaking_buyerprofile_changelist"),
                    {"action": "reject", "_selected_action": [world.profile.pk]},
                ),
            ],
        ),
    }


@dataclass
class Found:
    page: str
    form: Form
    url: str  # where it submits


def crawl(client, starts: list) -> tuple[list[Found], list[str]]:
    """Pages reachable from the starts, one per route and set of query parameter names; their forms. A start
    may be (path, data): a page shown in answer to a POST, like an admin action's form."""
    queue, seen_routes, found, failures = list(starts), set(), [], []
    pages = 0
    while queue and pages < MAX_PAGES:
        path, data = queue.pop(0) if isinstance(queue[0], tuple) else (queue.pop(0), None)
        key = route_key(path)
        if key is None or (data is None and key in seen_routes) or _not_a_page(key[0], path, starts):
            continue
        seen_routes.add(key)
        outcome = send(client, "POST" if data else "GET", path, data)
        pages += 1
        if outcome.server_error:
            failures.append(f"{'POST' if data else 'GET'} {path}: {outcome.status} {outcome.first_lines()}")
            continue
        if outcome.status != 200 or (b"<form" not in outcome.body and b"<a " not in outcome.body):
            continue
        page = parse_page(outcome.body.decode("utf-8", "replace"))
        for href in page.links:
            if (target := same_origin_path(href, path)) is not None:
                queue.append(target)
        for form in page.forms:
            found.append(Found(path, form, same_origin_path(form.action, path) or path))
    return found, failures


def _not_a_page(name: str, path: str, starts: list) -> bool:
    # Files, feeds and the admin (beyond the seeds) are not forms' pages; signing out would end the crawl.
    if path in starts or any(isinstance(start, tuple) and start[0] == path for start in starts):
        return False
    return (
        name in SIGN_OUT
        or name.startswith("admin:")
        or path.startswith(("/admin/", "/static/", "/media/", "/calendar/"))
        or name
        in {
            "meetings:ics",
            "exhibitors:title_poster_art",
            "organiser:export_download",
            "pages:service_worker",
            "pages:healthz",
        }
        or path.endswith((".ics", ".svg", ".js", ".css", ".png", ".webp", ".xlsx", ".csv"))
    )


def _action_name(url: str) -> str:
    try:
        return resolve(url.split("?", 1)[0]).view_name
    except Resolver404:
        return ""


def hostile_values(form_field: FormField, world: World, size: int) -> list[str]:
    ids = other_peoples_ids(world)
    choice = form_field.kind in ("select", "checkbox", "radio")
    if size > HUGE_FORM:
        return ["", "9" * 19] if form_field.kind == "hidden" else TINY_CHOICE if choice else TINY_TEXT
    big = size > BIG_FORM
    if form_field.kind == "hidden":
        short = ["", *ids, "²", "\x00", "9" * 19, BIG_NUMBER]
        return short if big else [*short, "-1", LONG]
    if choice:
        return SHORT_CHOICE if big else [*CHOICE_VALUES, ids[0]]
    return SHORT_TEXT if big else [*TEXT_VALUES, ids[0]]


# Forms seen once are not sent again, whichever role meets them next (the same action and field names).
SUBMITTED: set[tuple] = set()


def submit_all(client, found: list[Found], world: World, role: str) -> tuple[list[str], int]:
    failures, sent = [], 0
    for item in found:
        form, url = item.form, item.url
        name = _action_name(url)
        # One form per action (ids aside: every meeting's cancel form is the same form) and set of field names.
        key = (form.method, re.sub(r"\d+", "N", url.split("?", 1)[0]), form.field_names())
        if name in SIGN_OUT or key in SUBMITTED or not any(f.name not in SKIPPED_FIELDS for f in form.fields):
            continue
        SUBMITTED.add(key)
        base = form.page_values()
        fields = list({f.name: f for f in form.fields if f.name not in SKIPPED_FIELDS}.values())
        for form_field in fields:
            for value in hostile_values(form_field, world, len(fields)):
                ways = [True, False] if form.htmx and value in BOTH_WAYS else [form.htmx]
                for htmx in ways:
                    if url.startswith("/accounts/"):
                        cache.clear()  # allauth's rate limits would answer 429 and hide what the form does
                    outcome = send(client, form.method, url, {**base, form_field.name: [value]}, htmx=htmx)
                    sent += 1
                    if outcome.server_error:
                        failures.append(
                            f"{role} {form.method}{' htmx' if htmx else ''} {url} (form on {item.page}) "
                            f"{form_field.name}={_show(value)}: {outcome.status} {outcome.first_lines()}"
                        )
    return failures, sent


def _show(value: str) -> str:
    return repr(value if len(value) < 30 else f"{value[:6]}…({len(value)} chars)")


ROLES = ["anonymous", "buyer", "rep", "company admin", "organiser"]


@pytest.mark.parametrize("role", ROLES)
def test_no_form_answers_hostile_input_with_a_server_error(role, victim_world):
    world = victim_world
    user, starts = seeds(world)[role]
    client = client_for(user)
    started = time.perf_counter()
    found, failures = crawl(client, ["/", *starts])
    assert found, f"the crawl as {role} found no form"
    more, sent = submit_all(client, found, world, role)
    failures += more
    elapsed = time.perf_counter() - started
    assert not failures, f"{len(failures)} of {sent} submissions as {role} ({elapsed:.0f} s) failed:\n" + "\n".join(
        failures
    )


# --- Names that reach email headers -----------------------------------------------------------------------------

BREAKS = ["Vicky\nBcc: spam@attacker.example", "Vicky\u2028Buyer", "Vicky\x85Buyer", "Vicky\rBuyer"]


def _mail_headers_single_line(since: int) -> list[str]:
    bad = []
    for email in OutboundEmail.objects.filter(pk__gt=since):
        for header in ("subject", "from_email"):
            text = getattr(email, header)
            if any(c in text for c in "\r\n\x85\u2028\u2029\x0b\x0c"):
                bad.append(f"{header} {text!r} of the email to {email.recipients}")
        message = message_from_bytes(bytes(email.raw_message), policy=policy.default)
        # The name may be read in the subject, on one line; it must never become a header or a recipient.
        addressed = " ".join(str(message.get(name, "")) for name in ("To", "Cc", "Bcc", "Reply-To"))
        if "Bcc" in message or "spam@attacker.example" in addressed + " ".join(email.recipients):
            bad.append(f"a header smuggled into the email to {email.recipients}: {message.items()}")
    return bad


@pytest.mark.parametrize("name", BREAKS, ids=["newline-bcc", "line-separator", "next-line", "carriage-return"])
def test_names_with_line_breaks_never_break_an_email(name, victim_world):
    """The forms refuse them; names stored before the forms checked (or by an import) still reach emails: each
    action that writes an email with a person's or company's name answers without a 500 and writes single-line
    headers."""
    world = victim_world
    failures = []

    # The forms: each refuses the name (the page answers, nothing stored).
    buyer = client_for(world.buyer)
    admin = client_for(world.victim_admin)
    settings_form = {"full_name": name, "language": "en", "time_zone": "", "email_reminders": "on"}
    for client, url, data, stored in [
        (buyer, reverse("accounts:settings"), settings_form, lambda: User.objects.get(pk=world.buyer.pk).full_name),
        (
            admin,
            reverse("workspace:profile"),
            {"name": name, "company_type": "distributor", "description": "", "website": ""},
            lambda: Exhibitor.objects.get(pk=world.victim.pk).name,
        ),
    ]:
        outcome = send(client, "POST", url, data)
        if outcome.server_error:
            failures.append(f"POST {url} with the name {name!r}: {outcome.status} {outcome.first_lines()}")
        client.post(url, data)
        if stored() == name:
            failures.append(f"POST {url} stored the name {name!r}")

    # Names stored before the checks: every email they reach.
    User.objects.filter(pk__in=[world.buyer.pk, world.victim_rep.pk, world.victim_admin.pk]).update(full_name=name)
    Exhibitor.objects.filter(pk=world.victim.pk).update(name=name)
    BuyerProfile.objects.filter(pk=world.profile.pk).update(company=name)
    since = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rep = client_for(world.victim_rep)
    actions = [
        (rep, reverse("meetings:act", args=[world.pending.pk, "accept"]), {"version": world.pending.version}),
        (admin, reverse("workspace:team"), {"email": "another@victim.example", "role": "rep"}),
        (
            buyer,
            reverse("meetings:book", args=[world.victim.slug]),
            {"rep": world.victim_rep.pk, "start": _free_slot(world), "message": "Hello"},
        ),
        (
            buyer,
            reverse("meetings:act", args=[world.accepted.pk, "cancel"]),
            {"version": world.accepted.version, "reason": "Flight"},
        ),
    ]
    for client, url, data in actions:
        outcome = send(client, "POST", url, data)
        if outcome.server_error:
            failures.append(f"POST {url} with the name {name!r} stored: {outcome.status} {outcome.first_lines()}")
        else:
            client.post(url, data)
    failures += _mail_headers_single_line(since)
    assert OutboundEmail.objects.filter(pk__gt=since).exists() or failures, "no email was written"
    assert not failures, "\n".join(failures)


def _free_slot(world: World) -> str:
    from datetime import timedelta

    return (world.pending.during.lower + timedelta(minutes=30)).isoformat()


def test_long_reasons_and_messages_are_refused_not_stored(victim_world):
    """A reason or message is read in an email: 5,000 characters are refused with a message, never stored."""
    from datetime import timedelta

    world = victim_world
    text = "x" * 5000
    rep, buyer = client_for(world.victim_rep), client_for(world.buyer)

    def after(meeting: Meeting) -> str:
        return (meeting.during.lower + timedelta(minutes=30)).isoformat()

    pending, accepted = world.pending, world.accepted
    attempts = [
        (rep, reverse("meetings:act", args=[pending.pk, "decline"]), {"version": pending.version, "reason": text}),
        (
            rep,
            reverse("meetings:act", args=[pending.pk, "propose"]),
            {"version": pending.version, "reason": text, "start": after(pending)},
        ),
        (buyer, reverse("meetings:act", args=[accepted.pk, "cancel"]), {"version": accepted.version, "reason": text}),
        (
            buyer,
            reverse("meetings:act", args=[accepted.pk, "reschedule"]),
            {"version": accepted.version, "reason": text, "start": after(accepted)},
        ),
        (
            buyer,
            reverse("meetings:book", args=[world.victim.slug]),
            {"rep": world.victim_rep.pk, "start": after(pending), "message": text},
        ),
        (rep, reverse("meetings:invite", args=[world.profile.pk]), {"start": after(pending), "message": text}),
    ]
    failures = []
    for client, url, data in attempts:
        outcome = send(client, "POST", url, data)
        if outcome.server_error:
            failures.append(f"POST {url}: {outcome.status} {outcome.first_lines()}")
            continue
        client.post(url, data)
        stored = Meeting.objects.filter(Q(reason=text) | Q(message=text))
        if stored.exists():
            failures.append(f"POST {url} stored the 5,000 characters")
            stored.update(reason="", message="")
    # The same decline with a short reason goes through: the long text, not the rest of the post, was refused.
    rep.post(reverse("meetings:act", args=[pending.pk, "decline"]), {"version": pending.version, "reason": "Full"})
    assert Meeting.objects.get(pk=pending.pk).reason == "Full"
    assert not failures, "\n".join(failures)
