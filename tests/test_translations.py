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


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hant", "註冊"), ("zh-hans", "注册"), ("en", "Sign up")]
)
def test_compiled_catalogues_are_used(language, expected):
    with translation.override(language):
        assert translation.gettext("Sign up") == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("zh-hant", "開始使用"), ("zh-hans", "开始使用")])
def test_home_page_speaks_the_browsers_language(language, text):
    html = Client().get("/", headers={"accept-language": language}).content.decode()
    assert text in html
