"""The "Truy vấn (queries)" page in real Chromium against `cancu serve` on the seeds: a query run from
its form shows the rows `cancu query run` gives, hostile values stay literals, and from disk the page
says how to start the server."""

from __future__ import annotations

import csv
import io
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bolt_servers import free_port

pytestmark = pytest.mark.browser

HOSTILE = '76/NQ-CP" } ; DROP ALL ; <script>window.pwned=1</script> \\ \'x'


def cancu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)


def start_serve(out: Path, port: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "cancu.cli", "serve", str(out), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/queries.html", timeout=2) as resp:
                resp.read()
            return proc
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"cancu serve exited: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.2)
    proc.kill()
    pytest.fail("cancu serve did not answer within 60 s")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


@pytest.fixture(scope="module")
def seeds_out(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cancu.api import build

    out = tmp_path_factory.mktemp("served-seeds")
    build([str(seeds_dir)], out)
    return out


@pytest.fixture(scope="module")
def served(seeds_out: Path) -> Iterator[str]:
    port = free_port()
    proc = start_serve(seeds_out, port)
    yield f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=20)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    p = ctx.new_page()
    p.errors = []
    p.on("console", lambda msg: msg.type == "error" and p.errors.append(msg.text))
    p.on("pageerror", lambda exc: p.errors.append(str(exc)))
    p.on("dialog", lambda d: (p.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield p
    ctx.close()


def table_rows(section: Any) -> list[tuple[str, ...]]:
    section.locator("table.answer").wait_for(timeout=30_000)
    return [tuple(r.locator("td").all_text_contents()) for r in section.locator("table.answer tbody tr").all()]


def cli_rows(out: Path, name: str, *params: str) -> tuple[list[str], list[tuple[str, ...]]]:
    args = [a for p in params for a in ("--param", p)]
    res = cancu("query", "run", name, *args, "--out-dir", str(out), "--format", "csv")
    assert res.returncode == 0, res.stderr
    header, *rows = list(csv.reader(io.StringIO(res.stdout)))
    return header, [tuple(r) for r in rows]


def test_a_query_run_from_its_form_shows_the_cli_rows(served: str, seeds_out: Path, page: Any) -> None:
    page.goto(f"{served}/queries.html")
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    section = page.locator("#q-legal-bases-by-year")
    assert section.locator("select[name=province] option").count() == 5  # the seeds' five provinces
    section.locator("select[name=province]").select_option("Bắc Kạn")
    section.locator("button[type=submit]").click()
    got = table_rows(section)
    header, want = cli_rows(seeds_out, "legal-bases-by-year", "province=Bắc Kạn")
    assert section.locator("table.answer th").all_text_contents() == header
    assert want and sorted(got) == sorted(want)
    assert sorted(want) != sorted(cli_rows(seeds_out, "legal-bases-by-year", "province=Tây Ninh")[1])

    # sorting by a column, twice for descending
    numbers = header.index("number")
    section.locator("table.answer th button", has_text="number").click()
    section.locator("table.answer th button", has_text="number").click()
    shown = [r[numbers] for r in table_rows(section)]
    assert shown == sorted(shown, reverse=True) and len(set(shown)) > 1

    # the CSV download holds the table
    with page.expect_download() as info:
        section.locator("a.csv").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    down_header, *down = list(csv.reader(io.StringIO(text)))
    assert down_header == header and sorted(map(tuple, down)) == sorted(want)
    assert not page.errors, page.errors


def test_a_hostile_value_stays_one_literal_shown_escaped(served: str, page: Any) -> None:
    page.goto(f"{served}/queries.html")
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    scripts = page.locator("script").count()
    section = page.locator("#q-plans-standing-on")
    section.locator("input[name=number]").fill(HOSTILE)
    section.locator("button[type=submit]").click()
    assert table_rows(section) == []  # no document has that number; the query ran, nothing was dropped
    sent = section.locator("details.sent pre").text_content() or ""
    assert '"76/NQ-CP\\" } ; DROP ALL ; <script>window.pwned=1</script> \\\\ \'x"' in sent
    # the example value still finds its plans: the store is whole
    section.locator("input[name=number]").fill("76/NQ-CP")
    section.locator("button[type=submit]").click()
    section.locator("table.answer[data-rows]:not([data-rows='0'])").wait_for(timeout=30_000)

    free = page.locator("#free")
    free.locator("textarea").fill('SELECT ?x WHERE { BIND("<img src=x><script>window.pwned=1</script>" AS ?x) }')
    free.locator("button[type=submit]").click()
    assert table_rows(free) == [("<img src=x><script>window.pwned=1</script>",)]
    assert page.locator("table.answer img").count() == 0
    assert page.locator("script").count() == scripts
    assert not page.errors, page.errors


def test_a_bad_query_is_an_error_line_not_a_crash(served: str, page: Any) -> None:
    page.goto(f"{served}/queries.html")
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    free = page.locator("#free")
    free.locator("textarea").fill("SELECT WHERE {")
    free.locator("button[type=submit]").click()
    free.locator(".msg.warn").wait_for(timeout=30_000)
    assert "400" in (free.locator(".msg.warn").text_content() or "")


def test_from_disk_the_page_says_how_to_start_the_server(seeds_out: Path, open_page: Any) -> None:
    w = open_page(seeds_out / "queries.html")
    w.page.wait_for_selector('body[data-ready="1"]', state="attached")
    assert w.page.locator("#offline").is_visible()
    assert "cancu serve" in (w.page.locator("#offline").text_content() or "")
    assert w.page.locator("button[type=submit]:disabled").count() == w.page.locator("button[type=submit]").count()
    w.check()  # nothing was fetched


def test_the_index_links_to_the_queries_page(seeds_out: Path) -> None:
    assert 'href="queries.html"' in (seeds_out / "index.html").read_text(encoding="utf-8")


def test_few_allowed_values_are_lists_with_the_example_chosen(seeds_out: Path) -> None:
    html = (seeds_out / "queries.html").read_text(encoding="utf-8")
    form = html[html.index('id="q-provinces-following-agency"'):]
    form = form[:form.index("</form>")]
    assert '<option value="bo-noi-vu" selected>' in form and '<option value="2022" selected>' in form
    assert '<option value="ubnd-tinh">' in form and "<input" not in form
    plans = html[html.index('id="q-plans-standing-on"'):]
    assert '<input name="number" type="text" placeholder="76/NQ-CP">' in plans[:plans.index("</form>")]


@pytest.mark.parametrize("path", ["/.oxigraph/loaded-from", "/%2Eoxigraph/loaded-from", "/plans/../.oxigraph/CURRENT"])
def test_hidden_folders_are_not_served(served: str, path: str) -> None:
    with urllib.request.urlopen(f"{served}/index.html", timeout=5) as resp:
        assert resp.status == 200  # the server is there; only the store is hidden
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(f"{served}{path}", timeout=5)
    assert exc.value.code == 404


def test_ctrl_c_stops_both_servers(seeds_out: Path) -> None:
    port = free_port()
    proc = start_serve(seeds_out, port)
    oxigraph = children(proc.pid)
    assert oxigraph, "the Oxigraph server runs as cancu serve's child"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    for pid in oxigraph:
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower():
            assert time.monotonic() < deadline, f"the Oxigraph server {pid} outlived cancu serve"
            time.sleep(0.1)


def test_a_port_in_use_is_one_line(seeds_out: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        res = cancu("serve", str(seeds_out), "--port", str(s.getsockname()[1]))
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "is in use" in res.stderr and "Traceback" not in res.stderr


def test_serve_without_a_build_is_one_line(tmp_path: Path) -> None:
    res = cancu("serve", str(tmp_path), "--port", "0")
    assert res.returncode == 1 and "no graph.nt" in res.stderr




def test_an_empty_field_is_an_error_not_the_example(served: str, page: Any) -> None:
    """As on the command line, a parameter is required: the placeholder's example is never sent for it."""
    page.goto(f"{served}/queries.html")
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    section = page.locator("#q-plans-standing-on")
    section.locator("input[name=number]").fill("")
    section.locator("button[type=submit]").click()
    section.locator(".msg.warn").wait_for(timeout=30_000)
    assert "number needs a value" in (section.locator(".msg.warn").text_content() or "")
    assert section.locator("table.answer").count() == 0
