"""A crawler for the browser tests: from a few start pages it follows the same-origin links a person could
click, opens each kind of page once (one exhibitor page stands for all 760) and never submits a form."""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlsplit

from django.urls import Resolver404, resolve

# Not pages to check: signing out would end the crawl's session; Django admin has its own templates and
# stylesheet (only its index, the organisers' way in, is checked); calendar feeds and exports are files.
SKIPPED_PREFIXES = ("/accounts/logout/", "/admin/", "/calendar/", "/media/", "/static/")
KEPT_ADDRESSES = ("/admin/",)
SKIPPED_SUFFIXES = ("/download/",)

# Every link on the page, and whether it downloads a file rather than opening a page.
LINKS_SCRIPT = "() => Array.from(document.querySelectorAll('a[href]'), a => [a.href, a.hasAttribute('download')])"


def page_kind(path: str, query: str = "") -> tuple[str, str | None]:
    """What makes two addresses the same kind of page, the URL pattern and the names of the query parameters;
    and the pattern's name."""
    try:
        match = resolve(path)
        route, name = match.route, match.view_name
    except Resolver404:
        route, name = path, None
    names = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True)})
    return route + (f"?{'&'.join(names)}" if names else ""), name


def file_name(role: str, kind: str) -> str:
    """A screenshot's name from the role and the kind of page: "rep-manage-titles-slug-rights-pk"."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"<(?:\w+:)?(\w+)>", r"\1", kind).lower())
    return "-".join([role, *(words or ["home"])])


def followable(path: str, download: bool) -> bool:
    last_segment = path.rstrip("/").rsplit("/", 1)[-1]
    return path in KEPT_ADDRESSES or not (
        download
        or path.startswith(SKIPPED_PREFIXES)
        or path.endswith(SKIPPED_SUFFIXES)
        # A dot in the last segment is a file (.ics, .csv, .svg), not a page.
        or "." in last_segment
    )


@dataclass
class Crawl:
    """Breadth first from the start pages; each kind of page once, at most `limit` of them."""

    origin: str
    start: list[str]
    limit: int = 60
    queued: set[str] = field(default_factory=set)
    queue: deque = field(default_factory=deque)
    # kind -> (address, URL pattern name) of every page visited
    reached: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # (page, link) pairs whose query string starts with a second "?": a template put "?" before {% querystring %}
    malformed: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self):
        for address in self.start:
            self.offer(address)

    def offer(self, url: str, download: bool = False, found_on: str = "") -> None:
        url, _ = urldefrag(url)
        parts = urlsplit(url)
        if parts.scheme and f"{parts.scheme}://{parts.netloc}" != self.origin:
            return  # another site, or mailto:, tel:, webcal:, javascript:
        if parts.query.startswith("?"):
            self.malformed.append((found_on, url.removeprefix(self.origin)))
        if not followable(parts.path, download):
            return
        kind, _ = page_kind(parts.path, parts.query)
        if kind not in self.queued:
            self.queued.add(kind)
            self.queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))

    def offer_links(self, page, found_on: str) -> None:
        for href, download in page.evaluate(LINKS_SCRIPT):
            self.offer(href, download, found_on)

    def arrive(self, url: str) -> str | None:
        """The kind of page a visit ended on (after any redirect), or None when that kind was seen already."""
        parts = urlsplit(url)
        kind, name = page_kind(parts.path, parts.query)
        if kind in self.reached:
            return None
        self.queued.add(kind)
        self.reached[kind] = (url.removeprefix(self.origin), name)
        return kind

    def __iter__(self):
        while self.queue and len(self.reached) < self.limit:
            yield self.queue.popleft()
