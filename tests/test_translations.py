import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_both_chinese_catalogues_exist():
    assert {path.parts[-3] for path in CATALOGUES} == {"zh_Hant", "zh_Hans"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing and not fuzzy, {"untranslated": missing, "fuzzy": fuzzy}


@pytest.mark.parametrize(("language", "expected"), [("zh-hant", "註冊"), ("zh-hans", "注册"), ("en", "Sign up")])
def test_compiled_catalogues_are_used(language, expected):
    with translation.override(language):
        assert translation.gettext("Sign up") == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("zh-hant", "開始使用"), ("zh-hans", "开始使用")])
def test_home_page_speaks_the_browsers_language(language, text):
    html = Client().get("/", headers={"accept-language": language}).content.decode()
    assert text in html


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extract the strings afresh from a copy of the code and compare: nothing new may lack a translation."""
    if not shutil.which("xgettext"):
        message = "GNU gettext (xgettext) is needed to extract strings: apt-get install gettext"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    base = Path(settings.BASE_DIR)
    apps = [path.parent.name for path in base.glob("*/apps.py")]  # every app of the project, new ones too
    for name in ["manage.py", "templates", "locale", "filmart", *apps]:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {
        **os.environ,
        "DATABASE_URL": settings.DATABASE_URL,
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "filmart.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hant", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    for language in ["zh_Hant", "zh_Hans"]:
        extracted = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [entry.msgid for entry in extracted if not entry.translated() or entry.fuzzy]
        assert not missing, f"{language} lacks translations (run `make messages`, then translate): {missing}"


@pytest.mark.parametrize(
    "language, day, short",
    [
        ("en", "Sunday 17 March", "Sun 17 Mar"),
        ("zh-hant", "3月17日 星期日", "3月17日（星期日）"),
        ("zh-hans", "3月17日 星期日", "3月17日（星期日）"),
    ],
)
def test_days_are_written_in_each_languages_own_order(language, day, short):
    from datetime import date

    from django.utils import formats

    with translation.override(language):
        assert formats.date_format(date(2030, 3, 17), "DAY_FORMAT") == day
        assert formats.date_format(date(2030, 3, 17), "SHORT_DAY_FORMAT") == short


def test_every_language_defines_every_date_format_of_the_app():
    from importlib import import_module

    names = [
        {
            name
            for name in dir(import_module(f"web.formats.{translation.to_locale(code)}.formats"))
            if name.isupper()
        }
        for code, _name in settings.LANGUAGES
    ]
    assert names[0] and all(found == names[0] for found in names)


@pytest.mark.parametrize(
    "language, original, shown, beside",
    [
        ("en", "庆余年", "Joy of Life", "庆余年"),
        ("zh-hans", "慶餘年", "庆余年", "Joy of Life"),
        ("zh-hant", "庆余年", "慶餘年", "Joy of Life"),
        ("zh-hant", "오징어 게임", "Joy of Life", "오징어 게임"),  # not Chinese: the English title leads
        ("en", "Joy of Life", "Joy of Life", ""),
    ],
)
def test_a_title_shows_the_name_that_fits_the_reader(language, original, shown, beside):
    from types import SimpleNamespace

    from web.i18n import title_names

    title = SimpleNamespace(original_title=original, english_title="Joy of Life")
    assert title_names(title, language) == (shown, beside)


@pytest.mark.django_db
def test_the_title_page_leads_with_the_readers_script(client):
    from tests.factories import MarketFactory, TitleFactory, UserFactory

    MarketFactory()
    client.force_login(UserFactory(role="buyer", language=""))
    title = TitleFactory(original_title="慶餘年", english_title="Joy of Life", original_language="zh")
    response = client.get(f"/titles/{title.slug}/", headers={"accept-language": "zh-hans"})
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "<h1>庆余年</h1>" in page and '<p class="alt-name">Joy of Life</p>' in page
