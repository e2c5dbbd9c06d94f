"""However titles, rights rows and exhibitors change (an exhibitor team's pages, the admin's forms, inlines and
"delete selected", a CSV import, the demo loader), search, facet counts, "which titles are open where" and
recommendations tell the truth at once: the same as after rebuilding everything derived from scratch, and
never a count cached before the change.

The tests commit for real (transaction=True), as requests do: cached counts are dropped only after commit.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import tablib
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import reverse

from exhibitors.models import TITLE_FACTS, RightsAvailability, Title
from exhibitors.resources import ExhibitorResource, TitleResource
from exhibitors.selectors import KEYED_FACETS, Facet, exhibitor_directory, title_catalogue, titles_available
from exhibitors.services import catalogue_changed, rights_rows_delete, title_update
from markets.models import Market
from matchmaking.models import BuyerProfile
from matchmaking.selectors import titles_for_buyer
from tests.factories import (
    ExhibitorFactory,
    MarketFactory,
    RegionFactory,
    RightsFactory,
    TitleFactory,
    UserFactory,
    team_member,
)

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class World:
    market: Market
    buyer: BuyerProfile
    jade: object  # the exhibitor that changes
    moonlit: Title  # the title that changes
    harbour: Title  # another company's title, there to be counted beside it
    rep: Client  # on Jade's team
    organiser: Client


@pytest.fixture
def world(settings, tmp_path) -> World:
    """Jade's "Moonlit Pier" (SVOD open in Thailand) and Siam's "Harbour Story" (SVOD in Thailand and Vietnam);
    a buyer of SVOD for Thailand and Vietnam who states nothing else, so a title's score is its rights fit."""
    settings.MEDIA_ROOT = tmp_path
    market = MarketFactory()
    RegionFactory(code="CN")
    jade = ExhibitorFactory(
        market=market, name="Jade Pictures", slug="jade", region=RegionFactory(code="HK"), hall="1A", stand="J01"
    )
    siam = ExhibitorFactory(
        market=market, name="Siam Screen", slug="siam", region=RegionFactory(code="TH"), hall="1A", stand="S01"
    )
    moonlit = TitleFactory(
        exhibitor=jade, slug="moonlit", english_title="Moonlit Pier", original_title="Moonlit Pier", genres=["romance"]
    )
    RightsFactory(title=moonlit, media=["svod"], territories=["TH"])
    harbour = TitleFactory(
        exhibitor=siam,
        slug="harbour",
        english_title="Harbour Story",
        original_title="Harbour Story",
        kind="feature",
        episodes=None,
        genres=["drama"],
    )
    RightsFactory(title=harbour, media=["svod"], territories=["TH", "VN"])
    buyer = BuyerProfile.objects.create(
        user=UserFactory(),
        company="Mekong Stream",
        buyer_type="platform",
        country="TH",
        territories=["TH", "VN"],
        media=["svod"],
    )
    catalogue_changed()
    rep, organiser = Client(), Client()
    rep.force_login(team_member(jade, role="admin"))
    organiser.force_login(UserFactory(role="organiser", is_staff=True, is_superuser=True))
    return World(market, buyer, jade, moonlit, harbour, rep, organiser)


# --- What a reader sees ----------------------------------------------------------------------------------

SEARCHES = ["moonlit", "starlit", "jade", "emerald", "macau"]
COUNTED = {"all": ({}, None), "svod in TH": ({"media": ["svod"]}, "TH"), "svod in VN": ({"media": ["svod"]}, "VN")}
AVAILABLE = {"svod in TH": (["svod"], "TH"), "svod in VN": (["svod"], "VN"), "anything in TH": (None, "TH")}


def observe(
    market: Market, buyer: BuyerProfile, *, searches=SEARCHES, counted=COUNTED, available=AVAILABLE, recommendations=20
) -> dict:
    """Catalogue and directory search hits, facet counts (cached as in use), titles open where, recommendations."""
    seen: dict = {"search": {}, "directory": {}, "counts": {}, "available": {}}
    for text in searches:
        hits = title_catalogue(market=market, text=text, filters={}, facets=[]).page.object_list
        seen["search"][text] = sorted(title.slug for title in hits)
        companies = exhibitor_directory(market=market, text=text, filters={}, facets=[]).page.object_list
        seen["directory"][text] = sorted(exhibitor.slug for exhibitor in companies)
    for label, (filters, territory) in counted.items():
        facets = [Facet(name=name, label=name, options=[]) for name in KEYED_FACETS]
        result = title_catalogue(market=market, filters=filters, territory=territory, facets=facets)
        seen["counts"][label] = {"total": result.total, **{facet.name: facet.counts for facet in facets}}
    for label, (media, territory) in available.items():
        titles = titles_available(market=market, media=media, territory=territory)
        seen["available"][label] = sorted(titles.values_list("slug", flat=True))
    ranked = titles_for_buyer(profile=buyer, market=market, limit=recommendations)
    seen["recommended"] = {recommendation.title.slug: recommendation.score for recommendation in ranked}
    return seen


def observe_rebuilt(market: Market, buyer: BuyerProfile, **kwargs) -> dict:
    """What a reader would see had everything derived been rebuilt from the rows as they are, with fresh counts."""
    with transaction.atomic():
        catalogue_changed()
    return observe(market, buyer, **kwargs)


def shown(seen: dict, expected: dict) -> dict:
    """The parts of `seen` that `expected` speaks of: the searches and questions it names, the facets it names."""
    picked = {section: {key: seen[section][key] for key in expected[section]} for section in ["search", "directory"]}
    picked["available"] = {key: seen["available"][key] for key in expected["available"]}
    picked["counts"] = {
        label: {facet: seen["counts"][label][facet] for facet in facets} for label, facets in expected["counts"].items()
    }
    picked["recommended"] = seen["recommended"]
    return picked


BEFORE = {
    "search": {"moonlit": ["moonlit"], "starlit": [], "jade": ["moonlit"], "emerald": []},
    "directory": {"jade": ["jade"], "emerald": [], "macau": []},
    "counts": {
        "all": {
            "total": 2,
            "kind": {"feature": 1, "series": 1},
            "genre": {"drama": 1, "romance": 1},
            "region": {"HK": 1, "TH": 1},
            "media": {"svod": 2},
        },
        "svod in TH": {"total": 2},
        "svod in VN": {"total": 1},
    },
    "available": {
        "svod in TH": ["harbour", "moonlit"],
        "svod in VN": ["harbour"],
        "anything in TH": ["harbour", "moonlit"],
    },
    "recommended": {"harbour": 60.0, "moonlit": 30.0},
}


def after(**changes) -> dict:
    """BEFORE with some answers changed: counts per facet, recommendations as a whole."""
    expected = copy.deepcopy(BEFORE)
    for section, values in changes.items():
        if section == "recommended":
            expected[section] = values
        elif section == "counts":
            for label, facets in values.items():
                expected["counts"][label].update(facets)
        else:
            expected[section].update(values)
    return expected


# --- Ways to make a change -------------------------------------------------------------------------------


def post(client: Client, url: str, data: dict | None = None) -> None:
    response = client.post(url, data or {})
    assert response.status_code == 302, (response.status_code, _errors(response))


def _errors(response) -> list:
    """What a form that refused the post said, to read when a change did not go through."""
    context = response.context or {}
    forms_drawn = [context.get("form"), getattr(context.get("adminform"), "form", None)]
    forms_drawn += [inline.formset for inline in context.get("inline_admin_formsets", [])]
    return [form.errors for form in forms_drawn if form is not None]


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:exhibitors_{model}_{view}", args=args)


def _form_fields(form) -> dict:
    """What the browser would send back for a form as drawn (files left as they are)."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.FileField) or value is None:
            continue
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = value
    return data


def admin_save(client: Client, url: str, edit: Callable[[dict], None]) -> None:
    """Open an admin form, change what `edit` changes, save."""
    page = client.get(url)
    data = _form_fields(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data |= _form_fields(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= _form_fields(form)
    edit(data)
    post(client, url, data)


def inline_row_add(data: dict, prefix: str, **values) -> None:
    number = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = number + 1
    data |= {f"{prefix}-{number}-{name}": value for name, value in values.items()}


def delete_selected(client: Client, model: str, pks: list[int]) -> None:
    post(client, admin_url(model, "changelist"), {"action": "delete_selected", "_selected_action": pks, "post": "yes"})


def csv_import(resource, text: str) -> None:
    result = resource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()


def title_form(title: Title, **changes) -> dict:
    """The workspace's title form, filled in with the title's facts and `changes`."""
    facts = {name: getattr(title, name) for name in TITLE_FACTS} | changes
    return {name: "" if value is None else value for name, value in facts.items()}


TITLE_CSV_HEADER = (
    "slug,exhibitor,kind,english_title,original_title,genres,episodes,episode_minutes,original_language,"
    "subtitle_languages,dubbing_languages,year,status,synopsis,trailer_url\n"
)
EXHIBITOR_CSV_HEADER = (
    "slug,name,name_zh_hant,name_zh_hans,region,pavilion,company_type,hall,stand,description,website\n"
)
NEW_TITLE = {
    "kind": "series",
    "english_title": "Starlit Bay",
    "original_title": "Starlit Bay",
    "genres": ["romance"],
    "episodes": 10,
    "episode_minutes": 45,
    "original_language": "zh",
    "year": 2026,
    "status": "completed",
}
NEW_TITLE_CSV = "starlit-bay-2026,jade,series,Starlit Bay,Starlit Bay,romance,10,45,zh,,,2026,completed,,\n"
# "Moonlit Pier" becomes a drama film called "Starlit Pier".
NEW_FACTS = {
    "kind": "feature",
    "english_title": "Starlit Pier",
    "original_title": "Starlit Pier",
    "genres": ["drama"],
    "episodes": None,
}
NEW_FACTS_CSV = "moonlit,jade,feature,Starlit Pier,Starlit Pier,drama,,45,zh,,,2025,completed,,\n"
RENAMED_CSV = "jade,Emerald Pictures,,,CN,,distributor,1A,J01,,\n"
WORLDWIDE_BUT_CHINA = {
    "media": ["svod"],
    "territories": ["CN"],
    "worldwide_except": True,
    "available_from": "2026-04-01",
}


def _moonlit_rights(w: World) -> RightsAvailability:
    return w.moonlit.rights.get()


def _title_admin_edit(edit: Callable[[dict], None]):
    return lambda w: admin_save(w.organiser, admin_url("title", "change", w.moonlit.pk), edit)


def _set_facts_in_admin(data: dict) -> None:
    data |= {**NEW_FACTS, "genres": "drama", "episodes": ""}


def _set_worldwide_but_china(data: dict, prefix: str = "") -> None:
    data |= {f"{prefix}territories": "CN", f"{prefix}worldwide_except": "on"}


def _create_in_admin(w: World) -> None:
    def fill(data: dict) -> None:
        data |= {**NEW_TITLE, "exhibitor": w.jade.pk, "slug": "starlit-bay-2026", "genres": "romance"}
        inline_row_add(data, "rights", media="svod", territories="VN", available_from="2026-04-01")

    admin_save(w.organiser, admin_url("title", "add"), fill)


def _rename_in_admin(w: World) -> None:
    def rename(data: dict) -> None:
        data |= {"name": "Emerald Pictures", "region": RegionFactory(code="CN").pk}

    admin_save(w.organiser, admin_url("exhibitor", "change", w.jade.pk), rename)


CREATED = after(
    search={"starlit": ["starlit-bay-2026"], "jade": ["moonlit", "starlit-bay-2026"]},
    counts={
        "all": {
            "total": 3,
            "kind": {"feature": 1, "series": 2},
            "genre": {"drama": 1, "romance": 2},
            "region": {"HK": 2, "TH": 1},
        }
    },
    recommended={"harbour": 60.0, "moonlit": 30.0, "starlit-bay-2026": 0.0},
)
# Organisers can give a new title its rights in the same form: SVOD in Vietnam.
CREATED_WITH_RIGHTS = after(
    search=CREATED["search"],
    counts={"all": {**CREATED["counts"]["all"], "media": {"svod": 3}}, "svod in VN": {"total": 2}},
    available={"svod in VN": ["harbour", "starlit-bay-2026"]},
    recommended={"harbour": 60.0, "moonlit": 30.0, "starlit-bay-2026": 30.0},
)
FACTS_CHANGED = after(
    search={"moonlit": [], "starlit": ["moonlit"]},
    counts={"all": {"kind": {"feature": 2}, "genre": {"drama": 2}}},
)
RIGHTS_ADDED = after(
    counts={"svod in VN": {"total": 2}},
    available={"svod in VN": ["harbour", "moonlit"]},
    recommended={"harbour": 60.0, "moonlit": 60.0},
)
RIGHTS_WORLDWIDE = RIGHTS_ADDED  # worldwide but China: open in Thailand and now Vietnam too
RIGHTS_GONE = after(
    counts={"all": {"media": {"svod": 1}}, "svod in TH": {"total": 1}},
    available={"svod in TH": ["harbour"], "anything in TH": ["harbour"]},
    recommended={"harbour": 60.0, "moonlit": 0.0},
)
TITLE_GONE = after(
    search={"moonlit": [], "jade": []},
    counts={
        "all": {"total": 1, "kind": {"feature": 1}, "genre": {"drama": 1}, "region": {"TH": 1}, "media": {"svod": 1}},
        "svod in TH": {"total": 1},
    },
    available={"svod in TH": ["harbour"], "anything in TH": ["harbour"]},
    recommended={"harbour": 60.0},
)
RENAMED = after(search={"jade": [], "emerald": ["moonlit"]}, directory={"jade": [], "emerald": ["jade"]})
RENAMED_AND_MOVED = after(
    search={"jade": [], "emerald": ["moonlit"]},
    directory={"jade": [], "emerald": ["jade"]},
    counts={"all": {"region": {"CN": 1, "TH": 1}}},
)
EXHIBITOR_GONE = after(
    search=TITLE_GONE["search"],
    counts=TITLE_GONE["counts"],
    available=TITLE_GONE["available"],
    recommended=TITLE_GONE["recommended"],
    directory={"jade": []},
)

CHANGES = [
    # A title is created.
    pytest.param(lambda w: post(w.rep, reverse("workspace:title_new"), NEW_TITLE), CREATED, id="create-workspace"),
    pytest.param(_create_in_admin, CREATED_WITH_RIGHTS, id="create-admin-with-inline-rights"),
    pytest.param(lambda w: csv_import(TitleResource, TITLE_CSV_HEADER + NEW_TITLE_CSV), CREATED, id="create-csv"),
    # Its facts change.
    pytest.param(
        lambda w: post(w.rep, reverse("workspace:title", args=["moonlit"]), title_form(w.moonlit, **NEW_FACTS)),
        FACTS_CHANGED,
        id="facts-workspace",
    ),
    pytest.param(_title_admin_edit(_set_facts_in_admin), FACTS_CHANGED, id="facts-admin"),
    pytest.param(lambda w: csv_import(TitleResource, TITLE_CSV_HEADER + NEW_FACTS_CSV), FACTS_CHANGED, id="facts-csv"),
    # A rights row is added.
    pytest.param(
        lambda w: post(
            w.rep,
            reverse("workspace:rights_add", args=["moonlit"]),
            {"media": ["svod"], "territories": ["VN"], "available_from": "2026-04-01"},
        ),
        RIGHTS_ADDED,
        id="rights-add-workspace",
    ),
    pytest.param(
        _title_admin_edit(
            lambda data: inline_row_add(data, "rights", media="svod", territories="VN", available_from="2026-04-01")
        ),
        RIGHTS_ADDED,
        id="rights-add-admin-inline",
    ),
    pytest.param(
        lambda w: admin_save(
            w.organiser,
            admin_url("rightsavailability", "add"),
            lambda data: data.update(title=w.moonlit.pk, media="svod", territories="VN", available_from="2026-04-01"),
        ),
        RIGHTS_ADDED,
        id="rights-add-admin",
    ),
    # A rights row changes.
    pytest.param(
        lambda w: post(
            w.rep, reverse("workspace:rights_edit", args=["moonlit", _moonlit_rights(w).pk]), WORLDWIDE_BUT_CHINA
        ),
        RIGHTS_WORLDWIDE,
        id="rights-edit-workspace",
    ),
    pytest.param(
        _title_admin_edit(lambda data: _set_worldwide_but_china(data, "rights-0-")),
        RIGHTS_WORLDWIDE,
        id="rights-edit-admin-inline",
    ),
    pytest.param(
        lambda w: admin_save(
            w.organiser, admin_url("rightsavailability", "change", _moonlit_rights(w).pk), _set_worldwide_but_china
        ),
        RIGHTS_WORLDWIDE,
        id="rights-edit-admin",
    ),
    pytest.param(
        lambda w: admin_save(
            w.organiser,
            admin_url("rightsavailability", "change", _moonlit_rights(w).pk),
            lambda data: data.update(title=w.harbour.pk),
        ),
        RIGHTS_GONE,
        id="rights-moved-to-another-title-admin",
    ),
    # A rights row is deleted.
    pytest.param(
        lambda w: post(w.rep, reverse("workspace:rights_delete", args=["moonlit", _moonlit_rights(w).pk])),
        RIGHTS_GONE,
        id="rights-delete-workspace",
    ),
    pytest.param(
        _title_admin_edit(lambda data: data.update({"rights-0-DELETE": "on"})), RIGHTS_GONE, id="rights-delete-inline"
    ),
    pytest.param(
        lambda w: post(w.organiser, admin_url("rightsavailability", "delete", _moonlit_rights(w).pk), {"post": "yes"}),
        RIGHTS_GONE,
        id="rights-delete-admin",
    ),
    pytest.param(
        lambda w: delete_selected(w.organiser, "rightsavailability", [_moonlit_rights(w).pk]),
        RIGHTS_GONE,
        id="rights-delete-selected-admin",
    ),
    # A title is deleted.
    pytest.param(
        lambda w: post(w.rep, reverse("workspace:title_delete", args=["moonlit"])),
        TITLE_GONE,
        id="title-delete-workspace",
    ),
    pytest.param(
        lambda w: post(w.organiser, admin_url("title", "delete", w.moonlit.pk), {"post": "yes"}),
        TITLE_GONE,
        id="title-delete-admin",
    ),
    pytest.param(
        lambda w: delete_selected(w.organiser, "title", [w.moonlit.pk]), TITLE_GONE, id="title-delete-selected-admin"
    ),
    # An exhibitor is renamed (and, by organisers, moved to another region).
    pytest.param(
        lambda w: post(
            w.rep, reverse("workspace:profile"), {"name": "Emerald Pictures", "company_type": "distributor"}
        ),
        RENAMED,
        id="exhibitor-rename-workspace",
    ),
    pytest.param(_rename_in_admin, RENAMED_AND_MOVED, id="exhibitor-rename-admin"),
    pytest.param(
        lambda w: csv_import(ExhibitorResource, EXHIBITOR_CSV_HEADER + RENAMED_CSV),
        RENAMED_AND_MOVED,
        id="exhibitor-rename-csv",
    ),
    # An exhibitor is deleted.
    pytest.param(
        lambda w: post(w.organiser, admin_url("exhibitor", "delete", w.jade.pk), {"post": "yes"}),
        EXHIBITOR_GONE,
        id="exhibitor-delete-admin",
    ),
    pytest.param(
        lambda w: delete_selected(w.organiser, "exhibitor", [w.jade.pk]), EXHIBITOR_GONE, id="exhibitor-delete-selected"
    ),
    # The region an exhibitor is from changes its name and code: its documents and its titles' facets carry them.
    pytest.param(
        lambda w: admin_save(
            w.organiser,
            admin_url("region", "change", w.jade.region_id),
            lambda data: data.update(name="Macau", code="MO"),
        ),
        after(directory={"macau": ["jade"]}, counts={"all": {"region": {"MO": 1, "TH": 1}}}),
        id="region-rename-admin",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CHANGES)
def test_a_change_shows_at_once_wherever_it_is_made(world, change, expected):
    # Read everything once first, as buyers would have: the counts are now in the cache.
    assert shown(observe(world.market, world.buyer), BEFORE) == BEFORE
    change(world)
    seen = observe(world.market, world.buyer)
    assert shown(seen, expected) == expected
    assert seen == observe_rebuilt(world.market, world.buyer)  # nothing else is stale either


def test_loading_the_demo_again_puts_back_what_was_changed_and_everything_derived_follows():
    from demo.loader import demo_market_load

    market = demo_market_load()
    buyer = BuyerProfile.objects.get(user__email="buyer@example.com")
    title = Title.objects.filter(exhibitor__market=market, rights__worldwide_except=False).order_by("slug").first()
    row = title.rights.filter(worldwide_except=False).order_by("pk").first()
    medium, territory = row.media[0], row.territories[0]
    name = title.english_title
    questions = {
        "searches": [name, "renamed"],
        "counted": {"all": ({}, None), "here": ({"media": [medium]}, territory)},
        "available": {"here": ([medium], territory)},
        "recommendations": 10_000,  # every title, with its score
    }
    # Someone renames the title and deletes its rights through the services, then the demo is loaded again.
    title_update(title=title, data={"english_title": "Renamed", "original_title": "Renamed"})
    rights_rows_delete(ids=title.rights.values_list("pk", flat=True))
    changed = observe(market, buyer, **questions)
    assert title.slug in changed["search"]["renamed"] and title.slug not in changed["available"]["here"]

    demo_market_load()
    seen = observe(market, buyer, **questions)
    assert title.slug in seen["search"][name] and title.slug not in seen["search"]["renamed"]
    assert title.slug in seen["available"]["here"]
    assert seen["counts"]["here"]["total"] == changed["counts"]["here"]["total"] + 1
    assert seen["recommended"][title.slug] >= changed["recommended"][title.slug]
    assert seen == observe_rebuilt(market, buyer, **questions)
