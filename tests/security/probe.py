"""Sending one request the way an attacker would, and reading what came back.

Every request runs in a savepoint that is rolled back afterwards, so each starts from the same world and what it
changed can be read (the digest) before it is undone.
"""

import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.security.world import World, changed, digest

ROOT = Path(__file__).resolve().parents[2]


class RecordingClient(Client):
    """A test client that answers a view's exception with the 500 page, as in production, and keeps the exception on
    the response for the report."""

    def __init__(self, **kwargs):
        super().__init__(raise_request_exception=False, **kwargs)

    def check_exception(self, response):
        response.exc_info = self.exc_info
        super().check_exception(response)


def client_for(user) -> RecordingClient:
    client = RecordingClient()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Outcome:
    status: int
    location: str
    body: bytes
    error: str  # the exception behind a 500, in a line or two
    changed: list[str] = field(default_factory=list)

    @property
    def server_error(self) -> bool:
        return self.status >= 500

    def first_lines(self, count: int = 3) -> str:
        if self.error:
            return self.error
        text = self.body.decode("utf-8", "replace").strip()
        return " | ".join(line.strip() for line in text.splitlines()[:count] if line.strip())[:300]


def describe_exception(exc_info) -> str:
    """The exception, where it was raised and, when that is in a library, the project's own frame that called."""
    if not exc_info:
        return ""
    _, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    if not frames:
        return f"{type(value).__name__}: {str(value)[:200]}"

    def where(frame) -> str:
        name = frame.filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        return f"{name}:{frame.lineno} ({frame.name})"

    ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename]
    text = f"{type(value).__name__}: {str(value)[:200]} at {where(frames[-1])}"
    if ours and ours[-1] is not frames[-1]:
        text += f", from {where(ours[-1])}"
    return text


def _body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def send(
    client: Client,
    method: str,
    url: str,
    data=None,
    *,
    htmx: bool = False,
    world: World | None = None,
    before: dict | None = None,
) -> Outcome:
    """One request, undone afterwards; with a world and its digest, what it changed of the victims' rows."""
    headers = {"HX-Request": "true"} if htmx else {}
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)  # a sign-out or language switch must not outlive the request
    try:
        with transaction.atomic():
            written = _rows_written() if world is not None else 0
            try:
                request = client.post if method == "POST" else client.get
                response = request(url, data or {}, headers=headers)
                body = _body(response)
                error = describe_exception(getattr(response, "exc_info", None)) if response.status_code >= 500 else ""
                outcome = Outcome(response.status_code, response.get("Location", ""), body, error)
            except Exception as exc:  # noqa: BLE001 - anything that escapes the handler is a server error to report
                outcome = Outcome(500, "", b"", describe_exception((type(exc), exc, exc.__traceback__)))
            # Only a request that wrote something can have changed the victims' rows (a cheap check first).
            if world is not None and before is not None and _rows_written() != written:
                outcome.changed = changed(before, digest(world))
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return outcome


def _rows_written() -> int:
    """Rows inserted, updated or deleted so far in this transaction (PostgreSQL counts them as it goes)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables")
        return cursor.fetchone()[0]


def is_login_redirect(outcome: Outcome) -> bool:
    return outcome.status in (301, 302, 303, 307) and urlsplit(outcome.location).path == reverse("account_login")


# --- Reading pages: links and forms ------------------------------------------------------------------------


@dataclass
class FormField:
    name: str
    kind: str  # text, hidden, select, checkbox, radio, textarea, submit, file, ...
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: list[FormField]
    htmx: bool = False
    element_id: str = ""

    def page_values(self) -> dict[str, list[str]]:
        """What a browser would send if the form were submitted as the page shows it (first submit button), with
        the first choice of a radio group that has none chosen (a slot, a day), as a person would pick one."""
        values: dict[str, list[str]] = {}
        button_taken = False
        for f in self.fields:
            if f.kind == "radio" and not any(r.checked for r in self.fields if r.kind == "radio" and r.name == f.name):
                values.setdefault(f.name, [f.value or "on"])
            elif f.kind in ("checkbox", "radio"):
                if f.checked:
                    values.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "select":
                chosen = f.selected or (f.options[:1] if not f.multiple else [])
                values.setdefault(f.name, []).extend(chosen)
            elif f.kind in ("submit", "image"):
                if not button_taken:
                    values.setdefault(f.name, []).append(f.value)
                    button_taken = True
            elif f.kind in ("file", "reset", "button"):
                continue
            else:
                values.setdefault(f.name, []).append(f.value)
        return values

    def field_names(self) -> tuple[str, ...]:
        return tuple(sorted({f.name for f in self.fields}))


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: FormField | None = None
        self._option: dict | None = None
        self._textarea: FormField | None = None
        self._orphans: list[tuple[str, FormField]] = []  # fields naming their form by id

    def _add(self, attrs: dict, form_field: FormField) -> None:
        if attrs.get("form"):
            self._orphans.append((attrs["form"], form_field))
        elif self._form is not None:
            self._form.fields.append(form_field)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").upper()
            action = a.get("action", "")
            htmx = False
            for attribute, verb in (("hx-post", "POST"), ("hx-get", "GET")):
                if attribute in a:
                    htmx = True
                    if not action:
                        action, method = a[attribute], verb
            self._form = Form(method=method, action=action, fields=[], htmx=htmx, element_id=a.get("id", ""))
            self.forms.append(self._form)
        elif tag in ("input", "button"):
            name = a.get("name")
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            if name and "disabled" not in a:
                self._add(a, FormField(name=name, kind=kind, value=a.get("value", ""), checked="checked" in a))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self._select = FormField(name=a["name"], kind="select", multiple="multiple" in a)
            self._add(a, self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
        elif tag == "textarea" and a.get("name") and "disabled" not in a:
            self._textarea = FormField(name=a["name"], kind="textarea")
            self._add(a, self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select":
            if self._option is not None:
                self._close_option()
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]  # HTML drops the first newline of a textarea
            self._textarea = None
        elif tag == "form":
            self._form = None

    def _close_option(self):
        option, self._option = self._option, None
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self._select.options.append(value)
        if option["selected"]:
            self._select.selected.append(value)

    def close(self):
        super().close()
        by_id = {form.element_id: form for form in self.forms if form.element_id}
        for form_id, form_field in self._orphans:
            if form_id in by_id:
                by_id[form_id].fields.append(form_field)


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def same_origin_path(href: str, base: str) -> str | None:
    """The path and query of a link on this site, or None for another site, a fragment or a non-HTTP scheme."""
    url = urljoin("http://testserver" + base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def route_key(path_and_query: str) -> tuple | None:
    """What makes two links the same page for the crawl: the resolved route and the query's parameter names."""
    parts = urlsplit(path_and_query)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    name = match.view_name or match.route
    return (name, tuple(sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})))
