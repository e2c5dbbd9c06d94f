"""URL converters shared by every app's URL conf (registered in filmart.urls)."""

# A bigint holds 18 digits safely; a longer number names nothing and must be a 404, not a database error.
ID_DIGITS = 18


class IdConverter:
    """A database id in a path: 1 to 18 ASCII digits. Django's `int` takes any length, and a 5,000-digit id
    would reach PostgreSQL as an out-of-range bigint (a 500)."""

    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TokenConverter:
    """A secret token in a path (calendar feeds, team invitations): what secrets.token_urlsafe makes. Anything
    else, a NUL byte among it, names nothing and is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{1,128}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def parse_id(value: object) -> int | None:
    """An id from a form or query string, by the same rule as the <id:...> converter; None for anything else
    ("²" is a digit to str.isdigit() but not to int(), and a 5,000-digit number is no bigint)."""
    if isinstance(value, str) and 1 <= len(value) <= ID_DIGITS and value.isascii() and value.isdigit():
        return int(value)
    return None
