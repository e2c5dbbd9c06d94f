import os

import psycopg
import redis
from django.conf import settings

from filmart import embedded


def test_embedded_postgres_is_a_real_server_with_its_data_in_the_checkout():
    url = embedded.postgres_url()
    assert url == embedded.postgres_url()  # found running, not started twice
    data = embedded.data_root() / "postgres"
    assert (data / "PG_VERSION").exists()
    if not os.environ.get("FILMART_DATA_DIR"):
        assert data.resolve().is_relative_to(settings.BASE_DIR / ".data")
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        extensions = {row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")}
    assert int(version) >= 180000
    assert {"btree_gist", "pg_trgm"} <= extensions


def test_embedded_redis_keeps_data_across_a_restart():
    url = embedded.redis_url()
    client = redis.Redis.from_url(url + "?db=13")
    client.set("filmart:restart-probe", "kept")
    embedded.redis_stop()
    assert embedded.redis_url() == url
    client = redis.Redis.from_url(url + "?db=13")
    assert client.get("filmart:restart-probe") == b"kept"
    client.delete("filmart:restart-probe")
