"""How the archive is deployed: gunicorn settings, the Docker image and compose file, production
mode served by gunicorn (headers, static files, /healthz, JSON logs), and a database restart."""

import contextlib
import json
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOST = "referater.example.dk"
SECRET = "a-long-random-test-secret-key-that-is-not-used-anywhere-0123456789"


def clean_env(**extra):
    """The environment for a child Django process: ours, less what only the test run needs."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_DEBUG"}}
    return {**env, **extra}


def production_env(tmp_path, **extra):
    return clean_env(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        **extra,
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, headers=None, timeout=5):
    """(status, headers, body) of a GET that follows no redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@contextlib.contextmanager
def gunicorn(env, *, workers=2, log=None):
    """gunicorn with gunicorn.conf.py on a free 127.0.0.1 port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "minutes_site.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Ready when a worker answers, not when the port accepts: the master listens before its
        # workers have loaded Django, and on a slow or busy machine that takes seconds.
        deadline = time.monotonic() + 60
        while True:
            try:
                get(f"{base}/healthz", {"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=10)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# gunicorn.conf.py ----------------------------------------------------------------------------


def gunicorn_config(monkeypatch, **env):
    for name in ["GUNICORN_WORKERS", "GUNICORN_MAX_WORKERS", "GUNICORN_BIND", "DJANGO_LOG_FORMAT"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_runs_two_workers_per_cpu_plus_one_within_a_cap(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert gunicorn_config(monkeypatch)["workers"] == 5
    assert gunicorn_config(monkeypatch, GUNICORN_MAX_WORKERS="3")["workers"] == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    assert gunicorn_config(monkeypatch)["workers"] == 9  # the default cap
    assert gunicorn_config(monkeypatch, GUNICORN_WORKERS="4")["workers"] == 4


def test_gunicorn_times_out_logs_to_stdout_and_binds_where_told(monkeypatch):
    config = gunicorn_config(monkeypatch, GUNICORN_BIND="127.0.0.1:9001")
    assert config["timeout"] == 60 and config["graceful_timeout"] < config["timeout"]
    assert config["accesslog"] == "-"
    assert config["bind"] == ["127.0.0.1:9001"]
    assert "logconfig_dict" not in config
    assert gunicorn_config(monkeypatch, DJANGO_LOG_FORMAT="json")["logconfig_dict"]["formatters"]["json"]


# Dockerfile and docker-compose.yml ----------------------------------------------------------


def test_the_image_is_built_with_the_readmes_own_steps():
    dockerfile = (ROOT / "Dockerfile").read_text()
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    runs = " ".join(re.findall(r"^RUN (.+?)(?<!\\)$", dockerfile, re.MULTILINE | re.DOTALL))
    assert "make install EXTRAS=" in runs and "make install EXTRAS=" in readme
    assert re.search(r"^install:", makefile, re.MULTILINE) and re.search(r"^migrate:", makefile, re.MULTILINE)
    assert "collectstatic --noinput" in runs
    cmd = json.loads(re.search(r"^CMD (\[.+\])$", dockerfile, re.MULTILINE).group(1))
    assert cmd == [".venv/bin/gunicorn", "--config", "gunicorn.conf.py", "minutes_site.wsgi"]
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_compose_runs_postgres_a_release_step_and_the_web_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:15")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    # The release step is the README's migrate command, once the database answers.
    release = services["release"]
    assert release["command"] == ["make", "migrate", "EXTRAS="]
    assert "make migrate EXTRAS=" in (ROOT / "README.md").read_text()
    assert release["depends_on"]["db"]["condition"] == "service_healthy"
    web = services["web"]
    assert web["depends_on"]["release"]["condition"] == "service_completed_successfully"
    assert web["environment"]["DJANGO_DEBUG"] == "0"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert any(v.endswith(":/app/var/media") for v in web["volumes"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["db"]["volumes"])
    assert set(compose["volumes"]) == {"db", "media"}
    # Every worker shares one page cache, and the site waits for it.
    assert web["environment"]["DJANGO_CACHE_URL"].startswith("redis://cache:")
    assert services["cache"]["image"].startswith("redis:")
    assert web["depends_on"]["cache"]["condition"] == "service_healthy"


# Production mode under gunicorn ---------------------------------------------------------------


@pytest.fixture(scope="module")
def static_settings(tmp_path_factory):
    """A settings module like production's, with STATIC_ROOT in a temporary folder, collected."""
    folder = tmp_path_factory.mktemp("settings")
    (folder / "deploy_test_settings.py").write_text(
        f"from minutes_site.settings import *  # noqa\nSTATIC_ROOT = {str(folder / 'static')!r}\n"
    )
    env = production_env(
        folder,
        PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]),
        DJANGO_SETTINGS_MODULE="deploy_test_settings",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    manifest = json.loads((folder / "static" / "staticfiles.json").read_text())
    return env, manifest["paths"]


def test_production_mode_sends_the_security_headers_and_redirects_to_https(static_settings):
    env, _ = static_settings
    with gunicorn(env) as base:
        status, headers, _ = get(f"{base}/healthz", {"Host": HOST})
        assert status == 301 and headers["Location"] == f"https://{HOST}/healthz"
        status, headers, body = get(f"{base}/healthz", {"Host": HOST, "X-Forwarded-Proto": "https"})
        assert status == 200 and json.loads(body) == {"status": "ok"}
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        status, _, _ = get(f"{base}/healthz", {"Host": "evil.example.com", "X-Forwarded-Proto": "https"})
        assert status == 400


def test_static_files_are_hashed_compressed_and_cached_for_a_year(static_settings):
    env, paths = static_settings
    css = next(hashed for name, hashed in paths.items() if name.startswith("css/"))
    assert re.search(r"\.[0-9a-f]{12}\.css$", css)
    with gunicorn(env) as base:
        status, headers, _ = get(
            f"{base}/static/{css}",
            {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
        )
    assert status == 200
    assert "max-age=31536000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"


def test_the_images_healthcheck_passes_in_production_mode_and_fails_without_a_database(
    static_settings, tmp_path
):
    env, _ = static_settings
    command = re.search(r'CMD python3 -c "(.+)"$', (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1)
    with gunicorn(env) as base:
        port = base.rsplit(":", 1)[1]
        check = subprocess.run(
            [sys.executable, "-c", command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")],
            env=env,
            capture_output=True,
            timeout=30,
        )
        assert check.returncode == 0, check.stderr
    # /healthz asks the database: with none to be had it answers 503, and the check fails.
    no_db = {**env, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2"}
    with gunicorn(no_db) as base:
        status, _, body = get(f"{base}/healthz", {"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=15)
        assert status == 503 and json.loads(body)["status"] == "error"


def test_logs_are_json_lines_on_stdout_when_asked(static_settings, tmp_path):
    env, _ = static_settings
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out, gunicorn({**env, "DJANGO_LOG_FORMAT": "json"}, log=out) as base:
        get(f"{base}/healthz", {"Host": HOST, "X-Forwarded-Proto": "https"})
        get(f"{base}/healthz", {"Host": "evil.example.com", "X-Forwarded-Proto": "https"})  # Django logs it
        time.sleep(0.5)
    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert all({"timestamp", "level", "logger", "message"} <= set(r) for r in records)
    loggers = {r["logger"] for r in records}
    assert {"gunicorn.error", "gunicorn.access", "django.security.DisallowedHost"} <= loggers
    access = [r["message"] for r in records if r["logger"] == "gunicorn.access"]
    assert any('"GET /healthz HTTP/1.1" 200' in line for line in access)


def test_django_logs_json_lines_from_management_commands_too(tmp_path):
    script = "import logging; logging.getLogger('minutes.test').warning('hej %s', 'verden')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=clean_env(DJANGO_LOG_FORMAT="json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert (record["level"], record["logger"], record["message"]) == ("WARNING", "minutes.test", "hej verden")


def test_an_unknown_log_format_is_refused_at_start():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_env(DJANGO_LOG_FORMAT="xml"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "DJANGO_LOG_FORMAT" in result.stderr


def test_the_deploy_check_passes_with_json_logs_and_a_replica(tmp_path):
    env = production_env(
        tmp_path, DJANGO_LOG_FORMAT="json", DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'r.sqlite3'}"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_page_cache_is_shared_through_redis_when_a_cache_url_is_given(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default'])"
    )
    for extra, backend in [
        ({"DJANGO_CACHE_URL": "redis://cache:6379/0"}, "django.core.cache.backends.redis.RedisCache"),
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
    ]:
        env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="minutes_site.settings", **extra)
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert backend in result.stdout
        if extra:
            assert "redis://cache:6379/0" in result.stdout


# A database restart ---------------------------------------------------------------------------


def local_cluster():
    """(version, name) of the PostgreSQL cluster on this machine that the tests use, or None."""
    try:
        out = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    from django.db import connection

    port = str(connection.settings_dict.get("PORT") or 5432)
    for line in out.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[2] == port and fields[3] == "online":
            return fields[0], fields[1]
    return None


def pg_ctl(cluster, action):
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            *cluster,
            action,
            *(["-m", "fast"] * (action == "stop")),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def pg_ready(settings_dict):
    host, port = settings_dict.get("HOST") or "127.0.0.1", str(settings_dict.get("PORT") or 5432)
    return subprocess.run(["pg_isready", "-q", "-h", host, "-p", port], timeout=10).returncode == 0


def others_busy():
    """Whether another database on the server is in the middle of something (a shared server)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname <> current_database() "
            "AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.postgres
def test_the_site_answers_within_5_s_of_the_database_coming_back(static_settings, transactional_db):
    """PostgreSQL restarted under a running gunicorn: no restart of gunicorn, answers again in <= 5 s."""
    from django.db import connection

    from tests.factories import AgendaItemFactory

    # Restarting PostgreSQL cuts off every database on the server: CI does it (its own server, tests
    # run one after the other); elsewhere only when asked, and not while other databases are busy.
    if not (os.environ.get("CI") or os.environ.get("MINUTES_RESTART_POSTGRES")):
        pytest.skip("restarts PostgreSQL: runs in CI, or with MINUTES_RESTART_POSTGRES=1")
    cluster = local_cluster()
    if cluster is None or os.geteuid() != 0:
        pytest.skip("needs the local PostgreSQL cluster and the right to restart it (pg_ctlcluster)")
    if others_busy() and not os.environ.get("CI"):
        pytest.skip("another database on this PostgreSQL server is busy; not restarting a shared server")
    meeting = AgendaItemFactory().meeting
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env, _ = static_settings
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    pages = [f"/meetings/{meeting.pk}/", "/healthz"]
    with gunicorn({**env, "DATABASE_URL": url}, workers=2) as base:
        for _ in range(6):  # every worker holds a persistent connection
            assert all(get(base + page, headers)[0] == 200 for page in pages)
        try:
            pg_ctl(cluster, "stop")
            assert get(base + "/healthz", headers)[0] == 503
            pg_ctl(cluster, "start")
            deadline = time.monotonic() + 60
            while not pg_ready(db) and time.monotonic() < deadline:
                time.sleep(0.05)
            back = time.monotonic()
            answered = {}
            while len(answered) < len(pages) and time.monotonic() - back < 30:
                for page in pages:
                    if page not in answered and get(base + page, headers, timeout=5)[0] == 200:
                        answered[page] = time.monotonic() - back
                time.sleep(0.05)
        finally:
            if not pg_ready(db):
                pg_ctl(cluster, "start")
            connection.close()  # the test's own connection died with the server
        print(f"answers again after the database is back: {answered}")
        assert set(answered) == set(pages)
        assert max(answered.values()) <= 5
        # And it keeps answering: every worker got a fresh connection.
        assert all(get(base + page, headers)[0] == 200 for _ in range(6) for page in pages)
