"""The local Neo4j is locked down, and no credential reaches a message.

scripts/neo4j turns authentication on with a generated password kept in its home
(owner-only), restricts the HTTP API's allowed origin, never deletes what it did not
write and stops only its own java process; accgraph finds the password by itself.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
from click.testing import CliRunner

from accgraph.cli import main, run_errors
from accgraph.loader.backends import BackendError, local_password_file, neo4j_settings, redact

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
HTTP_PORT = os.environ.get("NEO4J_HTTP_PORT", "7474")
SECRET = "s3cr%40t-pw"  # "s3cr@t-pw" in a URI


# --- accgraph: the password, and no credential in any message --------------------------------


@pytest.fixture()
def local_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCGRAPH_NEO4J_HOME", str(tmp_path))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    (tmp_path / "password").write_text("generated-pw\n")
    return tmp_path


def test_local_server_password_is_read_from_the_home(local_home, monkeypatch):
    assert local_password_file() == local_home / "password"
    for uri in ("bolt://127.0.0.1:7705", "neo4j://localhost:7687", "bolt://[::1]:7687"):
        assert neo4j_settings(uri)["password"] == "generated-pw", uri
    assert neo4j_settings("neo4j+s://xxxx.databases.neo4j.io")["password"] is None  # never sent elsewhere
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    assert neo4j_settings("bolt://127.0.0.1:7687")["password"] == "from-env"


def test_default_home_matches_the_script(monkeypatch, tmp_path):
    monkeypatch.delenv("ACCGRAPH_NEO4J_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert local_password_file() == tmp_path / ".cache" / "accgraph" / "neo4j" / "password"


def test_uri_userinfo_becomes_the_credentials(local_home):
    cfg = neo4j_settings(f"bolt://reader:{SECRET}@127.0.0.1:7687/")
    assert (cfg["uri"], cfg["user"], cfg["password"]) == ("bolt://127.0.0.1:7687/", "reader", "s3cr@t-pw")


def test_redact_hides_userinfo_and_secrets():
    assert redact("at bolt://neo4j:pw@h:1 and neo4j+s://u@x/ ok", "token") == "at bolt://***@h:1 and neo4j+s://***@x/ ok"
    assert redact("a token here", "token") == "a *** here"
    assert redact("bolt://neo4j:p@ss@host:7687/x@y") == "bolt://***@host:7687/x@y"


@pytest.mark.parametrize("command", [["query", "immunities"], ["load"], ["viz", "immunity", "-o", "x.html"],
                                     ["browser", "link", "immunities"]])
def test_password_in_uri_is_never_printed(command, local_home, tmp_path):
    result = CliRunner().invoke(main, command + ["--backend", "neo4j", "--uri", f"bolt://neo4j:{SECRET}@127.0.0.1:1"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert "s3cr" not in result.output and "%40" not in result.output
    assert result.output.startswith("Error: cannot connect to Neo4j at bolt://127.0.0.1:1: ")
    assert result.output.count("\n") == 1


def test_http_uri_is_one_clear_line(local_home):
    result = CliRunner().invoke(main, ["query", "immunities", "--backend", "neo4j", "--uri", "http://127.0.0.1:7474"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == ("Error: invalid Neo4j URI 'http://127.0.0.1:7474': the scheme must be one of bolt://, "
                             "bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc:// "
                             "(Bolt, e.g. bolt://127.0.0.1:7687)\n")


def test_driver_errors_are_one_redacted_line():
    from neo4j.exceptions import ServiceUnavailable

    @run_errors
    def fails():
        raise ServiceUnavailable("Couldn't reach bolt://neo4j:pw@127.0.0.1:7687\nwhile loading")

    with pytest.raises(click.ClickException) as info:
        fails()
    assert info.value.message == "Neo4j: Couldn't reach bolt://***@127.0.0.1:7687 while loading"


def test_backend_errors_are_redacted_by_the_cli():
    @run_errors
    def fails():
        raise BackendError("no luck with neo4j://me:pw@host:7687")

    with pytest.raises(click.ClickException, match=r"^no luck with neo4j://\*\*\*@host:7687$"):
        fails()


# --- scripts/neo4j, without a server ---------------------------------------------------------


def script(home: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "ACCGRAPH_NEO4J_HOME": str(home), "ACCGRAPH_NEO4J_NO_APT": "1",
            "NEO4J_BOLT_PORT": "1", "NEO4J_HTTP_PORT": "2", **(env or {})}
    return subprocess.run([str(SCRIPT), *args], env=full, capture_output=True, text=True, timeout=120)


def test_fetch_never_deletes_a_lib_it_did_not_write(tmp_path):
    lib = tmp_path / "home" / "lib"
    lib.mkdir(parents=True)
    (lib / "mine.jar").write_text("not from scripts/neo4j")
    result = script(tmp_path / "home", "fetch")
    assert result.returncode == 1
    assert "exists but was not fetched by scripts/neo4j" in result.stderr
    assert (lib / "mine.jar").read_text() == "not from scripts/neo4j"


def test_fetch_checks_checksums_strictly_and_keeps_the_home_private(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "mvn").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/mvn-args"\nexit 1\n')
    (bin_dir / "mvn").chmod(0o755)
    home = tmp_path / "home"
    result = script(home, "fetch", env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert result.returncode == 1 and "mvn dependency:copy-dependencies failed" in result.stderr
    args = (tmp_path / "mvn-args").read_text().split("\n")
    assert "--strict-checksums" in args or "-C" in args
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert not list(home.glob("lib*"))  # the failed download left nothing behind


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_stop_kills_only_our_java_process(tmp_path):
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True)
    # Not java, but its command line mentions the entry point and the home.
    impostor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", ENTRY_POINT,
                                 f"--home-dir={home}", f"--config-dir={home}/conf", "--console-mode"])
    try:
        (home / "run" / "accgraph-neo4j.pid").write_text(f"{impostor.pid}\n")
        assert script(home, "status").returncode == 3
        result = script(home, "stop")
        assert result.returncode == 0 and "not running" in result.stdout
        assert impostor.poll() is None  # still alive
    finally:
        impostor.kill()
        impostor.wait()


# --- the running server (scripts/neo4j start) ---------------------------------------------------


@pytest.fixture(scope="module")
def local_server():
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    if urlsplit(uri).hostname not in ("127.0.0.1", "localhost") or not local_password_file().exists():
        if os.environ.get("ACCGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(f"scripts/neo4j's server is required here, but {local_password_file()} does not exist")
        pytest.skip("no server started by scripts/neo4j")
    return uri


@pytest.mark.neo4j
def test_home_and_password_file_are_private(local_server):
    path = local_password_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(path.read_text().strip()) >= 24


@pytest.mark.neo4j
def test_bolt_needs_the_password(local_server, neo4j):
    import neo4j as driver

    for auth in (None, ("neo4j", "neo4j"), ("neo4j", "wrong")):
        with driver.GraphDatabase.driver(local_server, auth=auth) as d:
            with pytest.raises(driver.exceptions.AuthError):
                d.verify_connectivity()
    assert neo4j.read("RETURN 1 AS one") == [{"one": 1}]  # accgraph found the password itself


@pytest.mark.neo4j
def test_http_api_needs_the_password_and_other_origins_get_no_cors(local_server):
    body = b'{"statements":[{"statement":"MATCH (n) DETACH DELETE n"}]}'
    req = urllib.request.Request(f"http://127.0.0.1:{HTTP_PORT}/db/neo4j/tx/commit", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Origin": "http://evil.example"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert info.value.code == 401
    assert info.value.headers.get("Access-Control-Allow-Origin") in (None, f"http://127.0.0.1:{HTTP_PORT}")
    preflight = urllib.request.Request(f"http://127.0.0.1:{HTTP_PORT}/db/neo4j/tx/commit", method="OPTIONS",
                                       headers={"Origin": "http://evil.example",
                                                "Access-Control-Request-Method": "POST"})
    try:
        headers = urllib.request.urlopen(preflight, timeout=10).headers
    except urllib.error.HTTPError as exc:
        headers = exc.headers
    assert headers.get("Access-Control-Allow-Origin") in (None, f"http://127.0.0.1:{HTTP_PORT}")
