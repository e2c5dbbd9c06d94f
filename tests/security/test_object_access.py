"""Every URL of the app, tried by everyone who must not get at the victims' things.

The table below classifies every URL the resolver knows (a new URL fails `test_every_url_is_classified` until it
is classified here):
- private: names another person's or company's object; the attackers get 404 (405 for a method the URL never
  takes: the same answer for every id), the anonymous a redirect to the sign-in page;
- own: acts on the requester's own things; tampered fields naming the victims' objects change nothing of theirs;
- public: anyone may read it; nothing private shows and nothing of the victims' changes;
- staff: organisers only; 404 to everyone else (the admin sends the anonymous to allauth's sign-in page).
Every request runs in a savepoint rolled back afterwards, so each starts from the same victim world, and a digest
of the victims' rows taken inside it says what the request changed.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import int_to_base36

from exhibitors.models import TeamMember
from meetings.models import Meeting
from tests.security.probe import (
    Outcome,
    client_for,
    is_login_redirect,
    parse_page,
    route_key,
    same_origin_path,
    send,
)
from tests.security.world import ATTACKERS, World, digest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plain_templates", "quiet_refusals")]

ANON, BUYER, REP, MATE, GONE = ATTACKERS  # anonymous, another buyer, another company's admin, V's rep, removed rep
BOTH = frozenset({"GET", "POST"})
READ = frozenset({"GET"})

# Never on any page but the owner's (and the demo mailbox, which shows every email by design).
ALWAYS_SECRET = {"busy note", "calendar feed token", "old calendar feed token", "invitation token", "announcement"}


@dataclass(frozen=True)
class Case:
    label: str = ""
    kwargs: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # the query of a GET, the body of a POST
    path: str = ""  # for routes without a name


@dataclass(frozen=True)
class Rule:
    kind: str  # private, own, public, staff, demo
    cases: Callable[[World], list[Case]] = lambda world: [Case(data=tamper(world))]
    # attacker -> methods they legitimately use here (a teammate reads the company's meetings)
    allowed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # own pages: attacker -> methods that must be 404 to them (admin-only actions; no company at all)
    deny: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # attackers whose POST here legitimately changes rows counted as the victims' (V's teammate keeps V's catalogue)
    writes: frozenset[str] = frozenset()
    # attackers who legitimately read the victim buyer's email, company and messages here
    sees: frozenset[str] = frozenset()
    statuses: frozenset[int] = frozenset()  # answers of 500 and over that are this URL's purpose


def tamper(world: World) -> dict:
    """Fields an attacker adds or changes, each naming a victim's object."""
    return {
        "user": world.buyer.pk,
        "user_id": world.buyer.pk,
        "buyer": world.profile.pk,
        "buyer_id": world.profile.pk,
        "rep": world.victim_rep.pk,
        "exhibitor": world.victim.pk,
        "exhibitor_id": world.victim.pk,
        "meeting": world.accepted.pk,
        "id": world.accepted.pk,
        "pk": world.accepted.pk,
        "version": world.accepted.version,
        "member": world.rep_membership.pk,
        "invitation": world.invitation.pk,
        "slug": world.victim.slug,
        "wish": world.buyer_wish.pk,
    }


def with_tamper(data: Callable[[World], dict]) -> Callable[[World], list[Case]]:
    return lambda world: [Case(data={**tamper(world), **data(world)})]


def slot_after(meeting: Meeting) -> str:
    # The slot right after the meeting: free in the rep's open hours in the victim world.
    return (meeting.during.lower + timedelta(minutes=30)).isoformat()


def meeting_cases(world: World) -> list[Case]:
    return [
        Case(name, {"pk": meeting.pk}, {"version": meeting.version, "day": "2030-03-17"})
        for name, meeting in [
            ("accepted", world.accepted),
            ("pending", world.pending),
            ("removed rep's", world.removed_meeting),
        ]
    ]


def meeting_action_cases(world: World) -> list[Case]:
    plans = [
        ("pending", world.pending, ["accept", "decline", "withdraw", "propose"]),
        ("accepted", world.accepted, ["cancel", "reschedule", "met", "no_show"]),
        ("removed rep's", world.removed_meeting, ["cancel", "reschedule", "met", "no_show"]),
    ]
    return [
        Case(
            f"{label} {action}",
            {"pk": meeting.pk, "action": action},
            {"version": meeting.version, "reason": "attacker's reason", "start": slot_after(meeting)},
        )
        for label, meeting, actions in plans
        for action in actions
    ]


def wish_cases(world: World) -> list[Case]:
    """Each of the victims' wishes, changed and removed by its id; and an addition naming V and VB."""
    changes = [
        Case(f"{action} {whose}", data={**tamper(world), "action": action, "wish": wish.pk, "priority": "would"})
        for whose, wish in [("VB's wish", world.buyer_wish), ("V's wish", world.team_wish)]
        for action in ("priority", "remove")
    ]
    return [*changes, Case("add V or VB", data={**tamper(world), "action": "add", "priority": "would"})]


TITLE_DATA = {
    "kind": "feature",
    "english_title": "Attacker Title",
    "original_title": "Attacker Title",
    "genres": ["drama"],
    "original_language": "en",
    "year": "2026",
    "status": "completed",
    "synopsis": "Replaced.",
    "trailer_url": "",
}
RIGHTS_DATA = {"media": ["svod"], "territories": ["JP"], "available_from": "2026-01-01", "exclusive": "on"}
PASSWORDS = {"password1": "Hijacked-pass-9876", "password2": "Hijacked-pass-9876", "oldpassword": "x"}

# --- The table ------------------------------------------------------------------------------------------------

TEAM_READS = {MATE: READ}  # a rep of V reads the company's meetings and matching buyers: the product's promise

RULES: dict[str, Rule] = {
    # Meetings: the buyer, the rep and V's admins act; the whole team of V reads them (team calendar).
    "meetings:detail": Rule("private", meeting_cases, allowed=TEAM_READS),
    "meetings:ics": Rule("private", meeting_cases, allowed=TEAM_READS),
    # Acting needs a side: the buyer, the meeting's rep while on the team, or a company admin. A plain teammate
    # has none, and a removed rep has lost theirs.
    "meetings:act": Rule("private", meeting_action_cases),
    "meetings:hours_remove": Rule(
        "private",
        lambda w: [
            Case("rep's open hours", {"pk": w.availability.pk}),
            Case("buyer's busy time", {"pk": w.busy.pk}),
        ],
    ),
    # The slot picker for inviting one buyer: V's team may invite VB (VB's needs fit V's catalogue); nobody else.
    "meetings:invite": Rule(
        "private",
        lambda w: [
            Case(
                "victim buyer",
                {"buyer_id": w.profile.pk},
                {"start": slot_after(w.accepted), "message": "attacker", "day": "2030-03-17"},
            )
        ],
        allowed={MATE: BOTH},
        writes=frozenset({MATE}),
    ),
    # V's catalogue: every member of V's team keeps it, nobody else reaches it.
    "workspace:title": Rule(
        "private",
        lambda w: [Case("title", {"slug": w.title.slug}, TITLE_DATA)],
        allowed={MATE: BOTH},
        writes=frozenset({MATE}),
    ),
    "workspace:title_delete": Rule(
        "private", lambda w: [Case("title", {"slug": w.title.slug})], allowed={MATE: BOTH}, writes=frozenset({MATE})
    ),
    "workspace:rights_add": Rule(
        "private",
        lambda w: [Case("title", {"slug": w.title.slug}, RIGHTS_DATA)],
        allowed={MATE: BOTH},
        writes=frozenset({MATE}),
    ),
    "workspace:rights_edit": Rule(
        "private",
        lambda w: [Case("rights row", {"slug": w.title.slug, "pk": w.rights.pk}, RIGHTS_DATA)],
        allowed={MATE: BOTH},
        writes=frozenset({MATE}),
    ),
    "workspace:rights_delete": Rule(
        "private",
        lambda w: [Case("rights row", {"slug": w.title.slug, "pk": w.rights.pk})],
        allowed={MATE: BOTH},
        writes=frozenset({MATE}),
    ),
    # Changing the team is for V's admins only: a plain teammate gets 404 too.
    "meetings:team_member_remove": Rule(
        "private",
        lambda w: [Case("admin", {"pk": w.admin_membership.pk}), Case("rep", {"pk": w.rep_membership.pk})],
    ),
    "workspace:invitation_withdraw": Rule("private", lambda w: [Case("invitation", {"pk": w.invitation.pk})]),
    # The join link is addressed to one email: with the right token, anyone else still gets 404.
    # V's own teammate following V's link lands in V's workspace: nothing there is hidden from them.
    "workspace:join": Rule(
        "private", lambda w: [Case("invitation token", {"token": w.invitation.token})], allowed={MATE: BOTH}
    ),
    # The feed is read by calendar apps without a session: its token is the key, and only the current one works.
    # Anything else that names VB (the replaced token, VB's id or email) must be 404 to everyone.
    "meetings:calendar_feed": Rule(
        "private",
        lambda w: [
            Case("replaced token", {"token": w.old_feed_token}),
            Case("buyer id", {"token": str(w.buyer.pk)}),
            Case("buyer email", path=f"/calendar/{w.buyer.email}.ics"),  # no token's shape: 404 by the resolver
        ],
    ),
    # Organisers' exports and announcements: staff only.
    "organiser:export": Rule("staff", lambda w: [Case("export", {"pk": w.export.pk})]),
    "organiser:export_download": Rule("staff", lambda w: [Case("export", {"pk": w.export.pk})]),
    "organiser:announcement": Rule("staff", lambda w: [Case("announcement", {"pk": w.announcement.pk})]),
    "organiser:console": Rule("staff", lambda w: [Case(data={"day": "2030-03-17"})]),
    # Matchmaking rounds: staff only; solving or publishing another's round by its id changes nothing.
    "scheduling:rounds": Rule(
        "staff",
        lambda w: [
            Case(
                data={
                    "name": "Attack",
                    "days": ["2030-03-17"],
                    "day_starts": "10:00",
                    "day_ends": "12:00",
                    "slot_minutes": 30,
                    "per_person_per_day": 4,
                    "floor": 1,
                    "seconds": 5,
                }
            )
        ],
    ),  # fmt: skip
    "scheduling:round": Rule(
        "staff",
        lambda w: [
            Case(f"round {action}", {"pk": w.round.pk}, {"action": action, "version": w.round.version})
            for action in ("solve", "publish")
        ],
    ),
    "organiser:exports": Rule("staff", lambda w: [Case(data={"kind": "buyers", "file_format": "csv"})]),
    "organiser:announcements": Rule(
        "staff", lambda w: [Case(data={"segment": "buyers", "subject": "Attack", "body": "Attack"})]
    ),
    # Uploaded images are public; export files must never be reachable there (they hold buyers' emails).
    "pages:media": Rule(
        "private",
        lambda w: [
            Case("export file", path="/media/" + w.export.file.name),
            Case("export file by its folder", path="/media/exports/" + w.export.file.name.rsplit("/", 1)[-1]),
        ],
    ),
    # --- Own: the requester's things; the tampered fields name the victims' -----------------------------------
    "meetings:agenda": Rule("own", with_tamper(lambda w: {"day": "2030-03-17", "view": "timetable"})),
    "meetings:requests": Rule("own"),
    # V's whole team reads the team calendar; the removed rep no longer does.
    "meetings:team_agenda": Rule(
        "own", with_tamper(lambda w: {"day": "2030-03-17"}), sees=frozenset({MATE}), deny={BUYER: BOTH, GONE: BOTH}
    ),
    # A teammate's open hours are V's rows too, rightly added by them.
    "meetings:hours": Rule(
        "own",
        with_tamper(
            lambda w: {"day": "2030-03-18", "start": "16:00", "end": "17:00", "place": "booth", "note": "attacker"}
        ),
        writes=frozenset({MATE}),
    ),
    "meetings:auto_accept": Rule("own", with_tamper(lambda w: {"on": "1"}), deny={BUYER: BOTH, MATE: BOTH, GONE: BOTH}),
    "meetings:calendar_settings": Rule("own", with_tamper(lambda w: {"token": w.feed.token})),
    "accounts:settings": Rule(
        "own",
        with_tamper(
            lambda w: {"full_name": "Mallory", "language": "en", "time_zone": "Asia/Bangkok", "email": w.buyer.email}
        ),
    ),
    "accounts:language": Rule("own", with_tamper(lambda w: {"language": "en", "next": "/"})),
    # "You are signed in as…": the attacker's own name, nothing of anyone else's (GET only).
    "pages:floor": Rule("own"),
    "matchmaking:buyer_profile": Rule(
        "own",
        with_tamper(
            lambda w: {
                "company": "Attacker Co",
                "buyer_type": "platform",
                "country": "TH",
                "territories": ["TH"],
                "media": ["svod"],
            }
        ),
    ),
    "matchmaking:shortlist": Rule("own"),
    # Keeping a buyer is for teams whose matches show that buyer: V's team (VB fits V's catalogue), nobody else.
    "matchmaking:interest": Rule(
        "own",
        lambda w: [
            Case("shortlist the victim buyer", data={"action": "shortlist", "buyer": w.profile.pk}),
            Case("dismiss the victim buyer", data={"action": "dismiss", "buyer": w.profile.pk}),
            Case("forget the victim buyer", data={"action": "forget", "buyer": w.profile.pk}),
            Case("forget a title for the victim", data={"action": "forget", "title": w.title.pk, "user": w.buyer.pk}),
        ],
        writes=frozenset({MATE}),
        sees=frozenset({MATE}),
    ),
    # Buyers whose needs fit the company's catalogue: VB fits V's, not the other company's.
    "matchmaking:matches": Rule("own", sees=frozenset({MATE})),
    "workspace:home": Rule("own"),
    # Wishes: a buyer's own list, a company's own list. Another's wish, named by its id, is a 404 and stays as it
    # is; a buyer's wish is not the wished company's to change, nor a team's wish the buyer's. V's teammates keep
    # V's list, and see VB there (VB fits V's catalogue); a team that cannot see VB cannot wish for VB.
    "scheduling:buyer_wishes": Rule("own", wish_cases, deny={REP: BOTH, MATE: BOTH, GONE: BOTH}),
    # A buyer's day plan: requests in the buyer's own name only; the tampered values name VB and V's meeting. Asking
    # V's rep for a free slot is what the page is for (as the slot picker), so that change to V's rows is allowed.
    "scheduling:day_plan": Rule(
        "own",
        lambda w: [
            Case(
                "plan",
                data={
                    **tamper(w),
                    "day": "2030-03-17",
                    "meeting": [f"{w.victim.slug}|{w.victim_rep.pk}|{slot_after(w.accepted)}"],
                },
            )
        ],
        deny={REP: BOTH, MATE: BOTH, GONE: BOTH},
        writes=frozenset({BUYER}),
    ),  # fmt: skip
    "scheduling:team_wishes": Rule(
        "own", wish_cases, deny={BUYER: BOTH, GONE: BOTH}, writes=frozenset({MATE}), sees=frozenset({MATE})
    ),
    "workspace:profile": Rule(
        "own",
        with_tamper(lambda w: {"name": "Renamed", "company_type": "distributor", "description": "", "website": ""}),
        writes=frozenset({MATE}),
        deny={BUYER: BOTH, GONE: BOTH},
    ),
    "workspace:title_new": Rule(
        "own", with_tamper(lambda w: TITLE_DATA), writes=frozenset({MATE}), deny={BUYER: BOTH, GONE: BOTH}
    ),
    # Anyone on a team reads its page; inviting is for admins.
    "workspace:team": Rule(
        "own",
        with_tamper(lambda w: {"email": "someone@attacker.example", "role": "admin"}),
        deny={BUYER: BOTH, GONE: BOTH, MATE: frozenset({"POST"})},
    ),
    "account_email": Rule(
        "own",
        lambda w: [
            Case(action, data={"email": w.buyer.email, action: ""})
            for action in ("action_add", "action_remove", "action_primary", "action_send")
        ],
    ),
    "account_change_password": Rule("own", with_tamper(lambda w: PASSWORDS)),
    "account_set_password": Rule("own", with_tamper(lambda w: PASSWORDS)),
    "account_reauthenticate": Rule("own", with_tamper(lambda w: {"password": "wrong-password"})),
    "account_request_reauthentication_code": Rule("own"),
    "account_confirm_reauthentication_code": Rule("own", with_tamper(lambda w: {"code": "123456"})),
    "mfa_index": Rule("own"),
    "mfa_reauthenticate": Rule("own", with_tamper(lambda w: {"code": "123456"})),
    "mfa_activate_totp": Rule("own", with_tamper(lambda w: {"code": "123456"})),
    "mfa_deactivate_totp": Rule("own", with_tamper(lambda w: {"code": "123456"})),
    "mfa_view_recovery_codes": Rule("own"),
    "mfa_generate_recovery_codes": Rule("own"),
    "mfa_download_recovery_codes": Rule("own"),
    # --- Public -------------------------------------------------------------------------------------------------
    "pages:home": Rule("public"),
    # 503 says a part of the stack is down (no Celery worker runs in this test): the probe's purpose.
    "pages:healthz": Rule("public", statuses=frozenset({503})),
    "pages:livez": Rule("public"),
    "pages:service_worker": Rule("public"),
    "pages:favicon": Rule("public", lambda w: [Case(path="/favicon.ico")]),
    "^static/(?P<path>.*)$": Rule("public", lambda w: [Case(path="/static/css/app.css")]),
    "exhibitors:directory": Rule("public", with_tamper(lambda w: {"q": "victim"})),
    "exhibitors:exhibitor": Rule("public", lambda w: [Case(kwargs={"slug": w.victim.slug}, data=tamper(w))]),
    "exhibitors:catalogue": Rule("public", with_tamper(lambda w: {"q": "victim"})),
    "exhibitors:title": Rule("public", lambda w: [Case(kwargs={"slug": w.title.slug}, data=tamper(w))]),
    "exhibitors:title_poster_art": Rule("public", lambda w: [Case(kwargs={"slug": w.title.slug})]),
    # The booking page of V: anyone signed in reads V's reps' free slots (never whom they meet). No slot is
    # posted: a real booking by another buyer is the page's purpose.
    "meetings:book": Rule(
        "public",
        lambda w: [Case(kwargs={"slug": w.victim.slug}, data={**tamper(w), "title": [w.title.slug], "message": "x"})],
    ),
    # allauth's pages for signing in, up and out; a garbage key names nothing.
    "account_login": Rule("public", lambda w: [Case(data={"login": "nobody@attacker.example", "password": "x"})]),
    "account_logout": Rule("public"),
    "account_inactive": Rule("public"),
    "account_signup": Rule("public", lambda w: [Case(data={"full_name": "M", "role": "buyer", "password1": "x"})]),
    "account_email_verification_sent": Rule("public"),
    "account_reset_password": Rule("public", lambda w: [Case(data={"email": "nobody@attacker.example"})]),
    "account_reset_password_done": Rule("public"),
    "account_reset_password_from_key_done": Rule("public"),
    "account_confirm_login_code": Rule("public", lambda w: [Case(data={"code": "123456"})]),
    "mfa_authenticate": Rule("public", lambda w: [Case(data={"code": "123456"})]),
    "account_confirm_email": Rule("public", lambda w: [Case(kwargs={"key": "MQ:1victim:forged-key"})]),
    # VB's real id with a forged key: the new password must not take.
    "account_reset_password_from_key": Rule(
        "public",
        lambda w: [Case(kwargs={"uidb36": int_to_base36(w.buyer.pk), "key": "set-password"}, data=PASSWORDS)],
    ),
    # The demo's mailbox: see test_the_demo_mailbox_is_open_only_in_demo_mode.
    "notifications:mailbox": Rule("demo"),
    "notifications:mailbox_message": Rule("demo"),
}

# Routes that exist only in some settings (static files under DEBUG, uploads where the app serves them).
CONDITIONAL = {"^static/(?P<path>.*)$", "pages:media"}
ADMIN_PREFIX = "admin/"  # Django admin: hundreds of URLs, classified by prefix and sampled per model below


# --- Walking the resolver -------------------------------------------------------------------------------------


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, key) of every URL the app answers: key is the URL name, with its namespace, or the route."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
            yield route, name or route


def test_every_url_is_classified():
    seen = list(url_patterns())
    unclassified = sorted({key for route, key in seen if not route.startswith(ADMIN_PREFIX) and key not in RULES})
    stale = sorted(set(RULES) - {key for _, key in seen} - CONDITIONAL)
    assert not unclassified, f"URLs the attack table does not classify: {unclassified}"
    assert not stale, f"The attack table names URLs that no longer exist: {stale}"


# --- Judging one answer ---------------------------------------------------------------------------------------


def denied(attacker: str, outcome: Outcome) -> bool:
    if attacker == ANON and is_login_redirect(outcome):
        return True
    return outcome.status in (404, 405)


def leaked(world: World, attacker: str, outcome: Outcome, rule: Rule, legit: bool, url: str, sent: dict) -> list[str]:
    """Private markers in the answer, except what the attacker legitimately reads here or typed in themselves."""
    typed = url + " ".join(str(v) for v in sent.values())
    names = [
        name
        for name, text in world.markers().items()
        if text.encode() in outcome.body
        and text not in typed
        and (name in ALWAYS_SECRET or not (attacker in rule.sees or legit))
    ]
    return names


def attack(world: World, key: str, rule: Rule, attackers=ATTACKERS) -> list[str]:
    before = digest(world)
    failures = []
    for attacker in attackers:
        client = client_for(world.attackers[attacker])
        for case in rule.cases(world):
            url = case.path or reverse(key, kwargs=case.kwargs)
            label = f" [{case.label}]" if case.label else ""
            for method in ("GET", "POST"):
                for htmx in (False, True):
                    outcome = send(client, method, url, case.data, htmx=htmx, world=world, before=before)
                    where = f"{attacker} {method}{' htmx' if htmx else ''} {url}{label}"
                    problems = judge(world, rule, attacker, method, url, outcome, case)
                    failures += [f"{where}: {problem}" for problem in problems]
                    if rule.kind == "own" and method == "GET" and not htmx and outcome.status == 200:
                        failures += tampered_forms(world, rule, attacker, client, url, outcome, before)
    return failures


def tampered_forms(world: World, rule: Rule, attacker: str, client, url: str, page: Outcome, before) -> list[str]:
    """The page's own forms sent back as the attacker's browser would, every hidden field and every field named
    like an id pointing at the victims' objects instead."""
    ids = tamper(world)
    failures = []
    for form in parse_page(page.body.decode("utf-8", "replace")).forms:
        action = same_origin_path(form.action, url) or url
        if form.method != "POST" or urlsplit(action).path in SIGN_OUT_PATHS:
            continue
        data = form.page_values()
        for form_field in form.fields:
            if form_field.kind == "hidden" and form_field.name != "csrfmiddlewaretoken":
                data[form_field.name] = [str(ids.get(form_field.name, world.accepted.pk))]
        data.update({name: [str(value)] for name, value in ids.items() if name not in data})
        case = Case("the page's form, tampered", data=data)
        outcome = send(client, "POST", action, data, world=world, before=before)
        # Judged by what the form's own URL may change and show; its forms act on the attacker's own things.
        target = RULES.get(route_key(urlsplit(action).path)[0] if route_key(urlsplit(action).path) else "", rule)
        problems = judge(world, replace(target, kind="own", deny={}), attacker, "POST", action, outcome, case)
        failures += [f"{attacker} POST {action} [form on {url}, tampered]: {problem}" for problem in problems]
    return failures


SIGN_OUT_PATHS = {"/accounts/logout/", "/admin/logout/"}


def judge(world: World, rule: Rule, attacker: str, method: str, url: str, outcome: Outcome, case: Case) -> list[str]:
    problems = []
    if outcome.server_error and outcome.status not in rule.statuses:
        return [f"{outcome.status} {outcome.first_lines()}"]
    legit = method in rule.allowed.get(attacker, ())
    must_deny = (rule.kind in ("private", "staff") and not legit) or method in rule.deny.get(attacker, ())
    if must_deny and not denied(attacker, outcome):
        where_to = f" -> {outcome.location}" if outcome.location else ""
        problems.append(f"answered {outcome.status}{where_to}, not 404" + (" or sign-in" if attacker == ANON else ""))
    if outcome.changed and not (method == "POST" and attacker in rule.writes):
        problems.append(f"changed the victims' {', '.join(outcome.changed)}")
    if names := leaked(world, attacker, outcome, rule, legit, url, case.data):
        problems.append(f"showed the victims' {', '.join(names)}")
    return problems


ATTACKED = sorted(key for key, rule in RULES.items() if rule.kind != "demo")


@pytest.mark.parametrize("key", ATTACKED)
def test_no_attacker_gets_at_the_victims_through(key, victim_world):
    failures = attack(victim_world, key, RULES[key])
    assert not failures, "\n".join(failures)


def test_the_digest_sees_what_a_request_changes(victim_world):
    """The harness itself: a change the victim makes is seen, and undone before the next request."""
    world = victim_world
    client = client_for(world.buyer)
    before = digest(world)
    url = reverse("meetings:act", args=[world.accepted.pk, "cancel"])
    outcome = send(
        client, "POST", url, {"version": world.accepted.version, "reason": "Flight"}, world=world, before=before
    )
    assert outcome.changed == ["Meeting", "OutboundEmail to victims"], outcome
    assert digest(world) == before


# --- Special cases --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("demo", [True, False])
def test_the_demo_mailbox_is_open_only_in_demo_mode(demo, victim_world, settings):
    """Development's mailbox shows every email to anyone by design (sign-up works without an inbox); in
    production mode it is 404 to everyone, the victims and organisers included."""
    settings.DEMO_MODE = demo
    world = victim_world
    people = {**world.attackers, "victim buyer": world.buyer, "organiser": world.organiser}
    clients = {who: client_for(user) for who, user in people.items()}
    before = digest(world)  # after signing in: signing in is not what is tested
    failures = []
    for who, client in clients.items():
        for url in [reverse("notifications:mailbox"), reverse("notifications:mailbox_message", args=[world.mail.pk])]:
            for method in ("GET", "POST"):
                outcome = send(client, method, url, tamper(world), world=world, before=before)
                where = f"{who} {method} {url} with DEMO_MODE={demo}"
                if outcome.server_error:
                    failures.append(f"{where}: {outcome.status} {outcome.first_lines()}")
                elif not demo and outcome.status != 404:
                    failures.append(f"{where}: answered {outcome.status}, not 404")
                elif demo and method == "GET" and outcome.status != 200:
                    failures.append(f"{where}: the demo mailbox answered {outcome.status}")
                if outcome.changed:
                    failures.append(f"{where}: changed the victims' {', '.join(outcome.changed)}")
    assert not failures, "\n".join(failures)


def test_the_team_join_link_joins_only_by_a_deliberate_post(victim_world):
    """A link in an email is fetched by mail scanners and link previews: a GET must not join the team, whoever
    follows it; the invitee joins by a POST from the page it shows."""
    from tests.factories import UserFactory

    world = victim_world
    invitee = UserFactory(email=world.invitation.email)
    client = client_for(invitee)
    url = reverse("workspace:join", args=[world.invitation.token])
    outcome = send(client, "GET", url)
    assert not outcome.server_error, outcome.first_lines()
    client.get(url)
    assert not TeamMember.objects.filter(user=invitee).exists(), "a GET of the join link put the invitee on the team"
    client.post(url)
    assert TeamMember.objects.filter(user=invitee, exhibitor=world.victim).exists()


PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex_name>\w+)>[^)]*\)")
HARMLESS = {"id": "1", "int": "1", "slug": "no-such-thing", "str": "nothing", "path": "nothing"}


def fill(route: str, values: dict[str, str] | None = None) -> str:
    """A path from a route: each parameter from `values`, else a harmless value of its kind."""
    values = values or {}

    def one(match: re.Match) -> str:
        name = match["name"] or match["regex_name"]
        return values.get(name, HARMLESS.get(match["converter"] or "str", "nothing"))

    return "/" + PLACEHOLDER.sub(one, route).replace("^", "").replace("$", "")


def test_ids_beyond_any_bigint_and_huge_path_values_are_404_not_500(victim_world):
    """Every route's parameters, one at a time, filled with what no object has: 19 and 5,000 digits, 5,000
    characters, '²', an escaped NUL and a climb out of the folder."""
    world = victim_world
    numbers = ["9" * 19, "9" * 5000, "-1"]
    text = ["x" * 5000, "²", "%00", "..%2F..%2Fmanage.py", "../../manage.py"]
    clients = {who: client_for(user) for who, user in [("buyer", world.buyer), ("rep", world.victim_rep)]}
    failures = []
    for route, key in url_patterns():
        if route.startswith(ADMIN_PREFIX):
            continue
        for match in PLACEHOLDER.finditer(route):
            name = match["name"] or match["regex_name"]
            for value in numbers if match["converter"] in ("id", "int") else text:
                path = fill(route, {name: value})
                for who, client in clients.items():
                    for method in ("GET", "POST"):
                        outcome = send(client, method, path)
                        if outcome.server_error:
                            failures.append(f"{who} {method} {path[:100]} ({key}): {outcome.first_lines()}")
    assert not failures, "\n".join(failures)


# --- Django admin: staff only, signed in through allauth ------------------------------------------------------

ADMIN_ATTACKERS = [ANON, BUYER, MATE]  # the anonymous, a buyer and an exhibitor


def admin_sample(world: World, model) -> list[tuple[str, str]]:
    """(key, url) of every admin view of one model, with the victim's row wherever a view names one."""
    pk = str(world.extra_pks.get(model) or _victim_pk(world, model))
    prefix = f"{ADMIN_PREFIX}{model._meta.app_label}/{model._meta.model_name}/"
    return [
        (key, fill(route, {"object_id": pk, "id": pk})) for route, key in url_patterns() if route.startswith(prefix)
    ]


def _victim_pk(world: World, model) -> int:
    by_model = {
        "accounts.User": world.buyer.pk,
        "meetings.Meeting": world.accepted.pk,
        "meetings.Availability": world.availability.pk,
        "meetings.BusyTime": world.busy.pk,
        "matchmaking.BuyerProfile": world.profile.pk,
        "matchmaking.Interest": world.shortlist.pk,
        "exhibitors.Exhibitor": world.victim.pk,
        "exhibitors.Title": world.title.pk,
        "exhibitors.RightsAvailability": world.rights.pk,
        "exhibitors.TeamMember": world.rep_membership.pk,
        "exhibitors.Invitation": world.invitation.pk,
        "notifications.OutboundEmail": world.mail.pk,
        "organiser.Export": world.export.pk,
        "organiser.Announcement": world.announcement.pk,
        "scheduling.Wish": world.buyer_wish.pk,
    }
    if model._meta.label in by_model:
        return by_model[model._meta.label]
    first = model.objects.order_by("pk").values_list("pk", flat=True).first()
    return first or 1


ADMIN_POST = {
    "post": "yes",
    "action": "delete_selected",
    "is_staff": "on",
    "is_superuser": "on",
    "email": "hijacked@attacker.example",
    **{k: v for k, v in PASSWORDS.items() if k != "oldpassword"},
}


def admin_expectation(attacker: str, key: str, outcome: Outcome, client) -> str:
    """'' when the answer is right: the anonymous are sent to allauth's sign-in page (directly, or through the
    admin's sign-in URL, which hands over to it), anyone else gets 404."""
    if key == "admin:logout":
        return ""  # signing yourself out harms nobody; only a 500 or a change counts
    if attacker == ANON:
        if urlsplit(outcome.location).path == reverse("admin:login"):
            outcome = send(client, "GET", outcome.location)
        if is_login_redirect(outcome):
            return ""
        return f"answered {outcome.status} {outcome.location}, not allauth's sign-in"
    if outcome.status == 404 or (key == "admin:login" and is_login_redirect(outcome)):
        return ""
    return f"answered {outcome.status} {outcome.location}, not 404"


def admin_attack(world: World, urls: list[tuple[str, str]]) -> list[str]:
    before = digest(world)
    failures = []
    for attacker in ADMIN_ATTACKERS:
        client = client_for(world.attackers[attacker])
        for key, url in urls:
            for method in ("GET", "POST"):
                data = {**ADMIN_POST, "_selected_action": [str(pk) for pk in world.extra_pks.values()]}
                outcome = send(client, method, url, data if method == "POST" else {}, world=world, before=before)
                where = f"{attacker} {method} {url} ({key})"
                if outcome.server_error:
                    failures.append(f"{where}: {outcome.status} {outcome.first_lines()}")
                    continue
                if problem := admin_expectation(attacker, key, outcome, client):
                    failures.append(f"{where}: {problem}")
                if outcome.changed:
                    failures.append(f"{where}: changed the victims' {', '.join(outcome.changed)}")
                if names := leaked(world, attacker, outcome, RULES["pages:home"], False, url, {}):
                    failures.append(f"{where}: showed the victims' {', '.join(names)}")
    return failures


ADMIN_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=[model._meta.label for model in ADMIN_MODELS])
def test_the_admin_of_each_model_is_for_staff_only(model, victim_world):
    urls = admin_sample(victim_world, model)
    assert urls, f"no admin URL found for {model._meta.label}"
    failures = admin_attack(victim_world, urls)
    assert not failures, "\n".join(failures)


def test_the_admin_site_pages_are_for_staff_only(victim_world):
    from django.contrib.contenttypes.models import ContentType

    world = victim_world
    model_prefixes = tuple(f"{ADMIN_PREFIX}{m._meta.app_label}/{m._meta.model_name}/" for m in ADMIN_MODELS)
    values = {
        "content_type_id": str(ContentType.objects.get_for_model(Meeting).pk),
        "object_id": str(world.accepted.pk),
        "url": "no-such-page/",
    }
    urls = []
    for route, key in url_patterns():
        if not route.startswith(ADMIN_PREFIX) or route.startswith(model_prefixes):
            continue
        if key == "admin:app_list":
            urls += [(key, f"/admin/{label}/") for label in sorted({m._meta.app_label for m in ADMIN_MODELS})]
        else:
            urls.append((key, fill(route, values)))
    urls.append(
        (
            "admin:autocomplete",
            reverse("admin:autocomplete") + "?app_label=meetings&model_name=meeting&field_name=buyer&term=v",
        )
    )
    failures = admin_attack(world, urls)
    assert not failures, "\n".join(failures)
