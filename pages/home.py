"""What the home page suggests to each role next."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exhibitors.selectors import memberships_for_user
from markets.selectors import market_current
from meetings.selectors import meeting_counts
from web.i18n import localized_value


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str = ""
    action: str = ""


def _meetings_step(user, market, text: str) -> NextStep:
    counts = meeting_counts(user=user, market=market)
    if counts["waiting"]:
        text = ngettext(
            "%(count)s request waits for your answer.", "%(count)s requests wait for your answer.", counts["waiting"]
        ) % {"count": counts["waiting"]}
    return NextStep(
        _("Your meetings: %(count)s") % {"count": counts["accepted"]},
        text,
        reverse("meetings:requests") if counts["waiting"] else reverse("meetings:agenda"),
        _("Answer requests") if counts["waiting"] else _("Open your agenda"),
    )


def home_next_steps(user) -> list[NextStep]:
    if not user.is_authenticated:
        return [
            NextStep(
                _("Create your account"),
                _("Sign up as a buyer or an exhibitor; it takes a minute."),
                reverse("account_signup"),
                _("Sign up"),
            ),
            NextStep(
                _("Already registered?"),
                _("Sign in to see your market."),
                reverse("account_login"),
                _("Sign in"),
            ),
        ]
    steps: list[NextStep] = []
    if user.is_staff:
        steps.append(
            NextStep(
                _("Run the market"),
                _("Set up halls, pavilions, exhibitors and users in admin."),
                reverse("admin:index"),
                _("Open admin"),
            )
        )
        steps.append(
            NextStep(
                _("Watch the market"),
                _("Requests, meetings per day and hour, the busiest exhibitors and titles, buyer countries."),
                reverse("organiser:console"),
                _("Open the console"),
            )
        )
    elif user.is_exhibitor:
        market = market_current()
        memberships = list(memberships_for_user(user=user, market=market)) if market else []
        for membership in memberships:
            exhibitor = membership.exhibitor
            steps.append(
                NextStep(
                    _("Your company: %(name)s") % {"name": localized_value(exhibitor, "name")},
                    _("%(role)s · booth %(booth)s. Keep your catalogue and its rights up to date.")
                    % {"role": membership.get_role_display(), "booth": exhibitor.booth},
                    reverse("workspace:home"),
                    _("Manage your catalogue"),
                )
            )
        if not memberships:
            steps.append(
                NextStep(
                    _("Join your company's team"),
                    _("Ask your company admin to invite you, or write to the organisers."),
                )
            )
        if market and memberships:
            text = _("Publish open hours, answer requests, invite matching buyers.")
            steps.append(_meetings_step(user, market, text))
    else:
        has_profile = hasattr(user, "buyer_profile")
        steps.append(
            NextStep(
                _("See your matches") if has_profile else _("Tell exhibitors what you acquire"),
                _("Titles ranked by the rights open where you buy, your genres and languages, each with its reasons.")
                if has_profile
                else _("Territories, media rights, genres and languages: your buyer profile drives your matches."),
                reverse("matchmaking:matches") if has_profile else reverse("matchmaking:buyer_profile"),
                _("Your matches") if has_profile else _("Create your buyer profile"),
            )
        )
        market = market_current()
        if market:
            steps.append(_meetings_step(user, market, _("Request slots at the booths; your agenda keeps them by day.")))
        steps.append(
            NextStep(
                _("Find titles you can license"),
                _("Search the catalogue by media and territory: only titles whose rights are open there remain."),
                reverse("exhibitors:catalogue"),
                _("Browse titles"),
            )
        )
        steps.append(
            NextStep(
                _("Meet the exhibitors"),
                _("Every company at the market, by country, pavilion and booth."),
                reverse("exhibitors:directory"),
                _("Browse exhibitors"),
            )
        )
    steps.append(
        NextStep(
            _("Your account"),
            _("Name, language, home time zone and two-factor sign-in."),
            reverse("accounts:settings"),
            _("Account settings"),
        )
    )
    return steps
