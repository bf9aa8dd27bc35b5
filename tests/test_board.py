"""The board: view models from session files, the routes, the token rule, pushed changes."""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
import yaml
from starlette.testclient import TestClient
from typer.testing import CliRunner

from limburglab.board import state
from limburglab.board.app import create_app, page_html
from limburglab.board.server import bind
from limburglab.board.state import Board, Sources
from limburglab.cli import app as cli_app
from limburglab.flow import load as load_flow
from limburglab.session import Meta, Session
from limburglab.session.lock import SessionLock

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "samenwerken"
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "{{ 7*7 }}"]
MOMENT = dt.datetime(2026, 11, 29, 14, 10, 0, tzinfo=dt.timezone.utc)


def new_session(path: Path, group: str = "Groep 1") -> Session:
    flow = load_flow("samenwerken")
    meta = Meta(workshop="Samenwerken", date="2026-11-29", round=1, group=group)
    session = Session.start(flow, meta, path)
    session.save()
    return session


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def session_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": 1,
        "flow": {"id": "samenwerken", "version": "1", "sha256": "", "source": "samenwerken"},
        "meta": {"workshop": "Samenwerken", "date": "2026-11-29", "round": 1, "group": "Groep 1"},
        "status": "in_progress",
        "started_at": "2026-11-29T14:00:00+00:00",
        "updated_at": "2026-11-29T14:09:00+00:00",
        "current": "voorwaarden.voorwaarden[1].toelichting",
        "timing": {
            "drijfveren": {"planned": 600, "actual": 600},
            "voorwaarden": {"planned": 900, "actual": 700},
        },
        "answers": {
            "drijfveren": {"drijfveren": ["Overleven"]},
            "voorwaarden": {
                "voorwaarden": [
                    "Gemotiveerd zijn",
                    {"text": "Ruimte geven aan elkaar", "subpunten": ["Rol van de besturen"]},
                ]
            },
        },
    }
    data.update(changes)
    return data


# --- view models ------------------------------------------------------------------------------


def test_the_board_reads_places_as_the_session_writes_them() -> None:
    """One reader of `current` for the session and the board (`tree.parse_loc`)."""
    from limburglab.session import tree

    for loc in [("voorwaarden", "voorwaarden", 1, "toelichting"), ("basis", "conclusie_basis")]:
        assert tree.parse_loc(tree.format_loc(loc)) == loc
    place = state.locate(load_flow("samenwerken"), {}, "voorwaarden.voorwaarden[0].toelichting")
    assert place is not None
    assert (place.section.id, place.question.id) == ("voorwaarden", "toelichting")
    assert place.active == [("voorwaarden", 0)]


def test_group_view_shows_the_current_section_clock_points_and_question(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "s.yaml", session_data())
    session, extras = state.read_session(path)
    with SessionLock(path):  # `run` has it open: its clock runs
        view = state.group_view(session, load_flow("samenwerken"), extras, MOMENT)

    assert view["section"] == {
        "id": "voorwaarden",
        "number": 3,
        "total": 5,
        "title": "Voorwaarden voor samenwerking",
    }
    # 700 s recorded at the last save, plus the minute since it.
    assert view["clock"] == {"elapsed": 760.0, "planned": 900, "running": True}
    stopped = state.group_view(session, load_flow("samenwerken"), extras, MOMENT)
    assert stopped["clock"] == {"elapsed": 700.0, "planned": 900, "running": False}
    (block,) = view["blocks"]
    assert [e["text"] for e in block["entries"]] == ["Gemotiveerd zijn", "Ruimte geven aan elkaar"]
    assert [e["active"] for e in block["entries"]] == [False, True]
    assert block["entries"][1]["lists"] == [
        {
            "label": "Subpunten",
            "entries": [{"text": "Rol van de besturen", "notes": [], "lists": [], "active": False}],
        }
    ]
    assert view["question"]["prompt"] == "Toelichting bij „Ruimte geven aan elkaar”"


def test_a_list_being_added_to_highlights_its_newest_entry(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "s.yaml", session_data(current="voorwaarden.voorwaarden"))
    session, extras = state.read_session(path)
    view = state.group_view(session, load_flow("samenwerken"), extras, MOMENT)
    assert [e["active"] for e in view["blocks"][0]["entries"]] == [False, True]
    assert view["question"]["prompt"] == "Welke voorwaarde voor samenwerking noemt de groep?"


def test_a_complete_session_stops_the_clock(tmp_path: Path) -> None:
    data = session_data(status="complete")
    del data["current"]
    session, extras = state.read_session(write_yaml(tmp_path / "s.yaml", data))
    view = state.group_view(session, load_flow("samenwerken"), extras, MOMENT)
    assert view["complete"] is True
    assert view["clock"] == {"elapsed": 700.0, "planned": 900, "running": False}
    assert view["question"] is None


def test_the_draft_being_typed_is_shown(tmp_path: Path) -> None:
    data = session_data(
        skipped=["basis.basis"], draft={"path": "voorwaarden.voorwaarden", "text": "Half"}
    )
    session, extras = state.read_session(write_yaml(tmp_path / "s.yaml", data))
    assert extras == {"draft": {"path": "voorwaarden.voorwaarden", "text": "Half"}}
    view = state.group_view(session, load_flow("samenwerken"), extras, MOMENT)
    assert view["draft"] == "Half"


def test_a_broken_file_keeps_its_last_good_state_with_a_notice(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "s.yaml", session_data())
    board = Board(Sources(paths=(path,)), clock=lambda: MOMENT)
    assert board.view()["view"] == "group"

    path.write_text(path.read_text(encoding="utf-8") + "answers: [kapot\n", encoding="utf-8")
    view = board.view()
    assert view["view"] == "group"
    assert view["blocks"][0]["entries"][0]["text"] == "Gemotiveerd zijn"
    (notice,) = view["notices"]
    assert notice.startswith("s.yaml is nu niet te lezen (s.yaml:")
    assert "laatste goede versie" in notice


def test_a_file_broken_from_the_start_waits_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("format: 1\nanswers: [\n", encoding="utf-8")
    view = Board(Sources(paths=(path,))).view()
    assert view["view"] == "waiting"
    assert "s.yaml is nu niet te lezen" in view["notices"][0]


def test_plenary_view_is_the_merged_report_model() -> None:
    view = Board(Sources(paths=(EXAMPLES,))).view()
    assert view["view"] == "plenary"
    assert [g["label"] for g in view["groups"]] == ["Groep 2, ronde 1", "Groep 1, ronde 2"]
    assert view["sections"][0]["title"] == "Drijfveren om samen te werken"
    kinds = {b["kind"] for s in view["sections"] for b in s["blocks"]}
    assert {"list", "counts", "ranking"} <= kinds
    assert view["notices"] == []


def test_the_plenary_after_tidy_shows_the_secretarys_edits_as_the_report_does(
    tmp_path: Path,
) -> None:
    """The folder holds the edits (`bewerkingen.yaml`), the event and the flow beside the
    sessions: none of them is a session, and the board shows the points as the report does,
    with the merges, rewordings and conclusions."""
    for source in EXAMPLES.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / "samenwerken.yaml").write_text(
        (REPO / "workshops" / "samenwerken.yaml").read_text("utf-8"), "utf-8"
    )
    (tmp_path / "bewerkingen.yaml").write_text(
        "- correct: Groter bereik / doelgroep\n"
        "  text: Groter bereik en nieuwe doelgroepen\n"
        "- conclusion: Samen sterker.\n"
        "  section: basis\n",
        "utf-8",
    )
    view = Board(Sources(paths=(tmp_path,))).view()
    assert view["notices"] == []
    assert [g["label"] for g in view["groups"]] == ["Groep 2, ronde 1", "Groep 1, ronde 2"]
    shown = json.dumps(view["sections"], ensure_ascii=False)
    assert "Groter bereik en nieuwe doelgroepen" in shown
    assert "Groter bereik / doelgroep" not in shown
    assert "Samen sterker." in shown
    report = CliRunner().invoke(cli_app, ["report", str(tmp_path)])
    assert "Groter bereik en nieuwe doelgroepen" in report.stdout


def test_a_broken_edits_file_is_a_notice_and_the_rest_is_shown(tmp_path: Path) -> None:
    for source in EXAMPLES.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / "bewerkingen.yaml").write_text("- correct: [\n", "utf-8")
    view = Board(Sources(paths=(tmp_path,))).view()
    assert view["view"] == "plenary"
    assert len(view["groups"]) == 2
    (notice,) = view["notices"]
    assert notice.startswith("bewerkingen.yaml:")


def test_plenary_leaves_out_another_flow_and_an_unreadable_file(tmp_path: Path) -> None:
    for source in EXAMPLES.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    other = session_data()
    other["flow"] = {"id": "evaluatie", "version": "1", "sha256": "", "source": "evaluatie"}
    other["answers"] = {}
    write_yaml(tmp_path / "zz-andere.yaml", other)
    (tmp_path / "zz-kapot.yaml").write_text("answers: [\n", "utf-8")
    (tmp_path / ".zz.yaml.lock").write_text("", "utf-8")
    view = Board(Sources(paths=(tmp_path,))).view()
    assert len(view["groups"]) == 2
    assert len(view["notices"]) == 2
    broken, other = view["notices"]
    assert "zz-kapot.yaml is nu niet te lezen" in broken
    assert "andere flow (evaluatie)" in other


def test_an_empty_folder_waits_for_sessions(tmp_path: Path) -> None:
    view = Board(Sources(paths=(tmp_path,), lang="en")).view()
    assert view["view"] == "waiting"
    assert view["message"].startswith("No sessions yet.")
    assert view["words"]["over"] == "over"


def test_run_board_shows_only_a_session_started_after_it(tmp_path: Path) -> None:
    new_session(tmp_path / "oud.yaml", group="Oud")
    board = Board(Sources(paths=(), new_in=tmp_path, since="2999-01-01T00:00:00+00:00"))
    assert board.view()["view"] == "waiting"
    board = Board(Sources(paths=(), new_in=tmp_path, since="2000-01-01T00:00:00+00:00"))
    assert board.view()["group"] == "Oud"


def test_lock_and_temporary_files_do_not_concern_the_board(tmp_path: Path) -> None:
    board = Board(Sources(paths=(tmp_path,)))
    assert board.concerns(tmp_path / "sessie.yaml")
    assert not board.concerns(tmp_path / ".sessie.yaml.lock")
    assert not board.concerns(tmp_path / ".sessie.yaml.x1y2.tmp")
    assert not board.concerns(tmp_path / "notities.txt")


# --- routes -----------------------------------------------------------------------------------


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "s.yaml", session_data())


def client_for(path: Path, **options: Any) -> TestClient:
    app = create_app(Board(Sources(paths=(path,))), watch=False, **options)
    return TestClient(app, base_url="http://127.0.0.1")


def test_the_page_is_served_with_a_strict_content_security_policy(session_file: Path) -> None:
    with client_for(session_file) as client:
        response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'sha256-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_page_fetches_nothing_from_outside_and_never_parses_html() -> None:
    html = page_html()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in html
    assert len(html.encode()) <= 60_000


def test_state_is_the_view_as_json(session_file: Path) -> None:
    with client_for(session_file) as client:
        data = client.get("/state").json()
    assert data["view"] == "group"
    assert data["words"]["question_now"] == "Nu gevraagd"


def test_hostile_answer_text_is_data_in_the_state(tmp_path: Path) -> None:
    data = session_data(current="voorwaarden.voorwaarden")
    data["answers"]["voorwaarden"]["voorwaarden"] = HOSTILE
    path = write_yaml(tmp_path / "s.yaml", data)
    with client_for(path) as client:
        texts = [e["text"] for e in client.get("/state").json()["blocks"][0]["entries"]]
    assert texts == HOSTILE


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("POST", "/", 405),
        ("PUT", "/state", 405),
        ("DELETE", "/events", 405),
        ("GET", "/../s.yaml", 404),
        ("GET", "/s.yaml", 404),
        ("GET", "/static/s.yaml", 404),
    ],
)
def test_nothing_changes_and_no_path_is_served(
    session_file: Path, method: str, url: str, status: int
) -> None:
    before = session_file.read_bytes()
    with client_for(session_file) as client:
        assert client.request(method, url).status_code == status
    assert session_file.read_bytes() == before


def test_a_loopback_board_refuses_other_host_names(session_file: Path) -> None:
    with client_for(session_file, allowed_hosts=["127.0.0.1", "localhost"]) as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("url", ["/", "/state", "/events", "/nowhere"])
def test_with_a_token_every_request_without_it_gets_403(session_file: Path, url: str) -> None:
    with client_for(session_file, token="geheim-123") as client:
        assert client.get(url).status_code == 403
        assert client.get(url + "?token=fout").status_code == 403
    with client_for(session_file, token="geheim-123") as client:
        if url != "/events":  # the stream never ends; it is read below with a real server
            expected = 404 if url == "/nowhere" else 200
            assert client.get(url + "?token=geheim-123").status_code == expected


# --- pushed changes, with a real server -------------------------------------------------------


@contextmanager
def serving(board: Board, token: str | None = None) -> Iterator[str]:
    sock = bind("127.0.0.1", None)
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(board, token=token),
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=0.2,
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the board did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Events:
    """The views pushed on /events, read in a thread."""

    def __init__(self, url: str) -> None:
        self.views: queue.Queue[dict[str, Any]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, args=(url,), daemon=True)
        self.thread.start()

    def _read(self, url: str) -> None:
        try:
            with httpx.stream("GET", url, timeout=30) as response:
                assert response.status_code == 200
                assert response.headers["content-type"].startswith("text/event-stream")
                for line in response.iter_lines():
                    if line.startswith("data: "):
                        self.views.put(json.loads(line[6:]))
        except httpx.HTTPError:
            return  # the server stopped at the end of the test

    def next(self, timeout: float) -> dict[str, Any]:
        return self.views.get(timeout=timeout)


def texts(view: dict[str, Any]) -> list[str]:
    return [e["text"] for b in view.get("blocks", []) for e in b.get("entries", [])]


def test_a_saved_change_reaches_the_page_within_one_second(tmp_path: Path) -> None:
    path = tmp_path / "sessie.yaml"
    session = new_session(path)
    with serving(Board(Sources(paths=(path,)))) as url:
        events = Events(url + "/events")
        assert texts(events.next(timeout=10)) == []
        time.sleep(0.3)  # the watcher is running
        session.current = "drijfveren.drijfveren"
        session.put("drijfveren", "drijfveren", ["Samen sterker"])
        saved = time.monotonic()
        session.save()
        view = events.next(timeout=1.0)
        assert time.monotonic() - saved < 1.0
        assert texts(view) == ["Samen sterker"]
        assert view["blocks"][0]["entries"][0]["active"] is True


def test_a_folder_board_follows_new_and_broken_files(tmp_path: Path) -> None:
    with serving(Board(Sources(paths=(tmp_path,)))) as url:
        events = Events(url + "/events")
        assert events.next(timeout=10)["view"] == "waiting"
        time.sleep(0.3)
        first = new_session(tmp_path / "groep-1.yaml")
        first.put("basis", "basis", ["Elkaar ontmoeten"])
        first.save()
        view = events.next(timeout=2)
        while view["view"] != "plenary" or not view["sections"]:
            view = events.next(timeout=2)
        (tmp_path / "groep-1.yaml").write_text("answers: [\n", encoding="utf-8")
        view = events.next(timeout=2)
        assert view["view"] == "plenary"
        assert "groep-1.yaml is nu niet te lezen" in view["notices"][0]


def test_the_stream_needs_the_token_too(tmp_path: Path) -> None:
    path = tmp_path / "sessie.yaml"
    new_session(path)
    with serving(Board(Sources(paths=(path,))), token="t0k3n") as url:
        assert httpx.get(url + "/events", timeout=5).status_code == 403
        events = Events(url + "/events?token=t0k3n")
        assert events.next(timeout=10)["view"] == "group"


# --- the command ------------------------------------------------------------------------------


def test_a_missing_path_is_a_message_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli_app, ["board", str(tmp_path / "weg.yaml"), "--no-open"])
    assert result.exit_code == 1
    assert result.output == (
        f"{tmp_path / 'weg.yaml'} bestaat niet; geef een sessiebestand of een map met sessies\n"
    )


def test_without_sessions_folder_the_board_says_what_to_give(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli_app, ["board", "--no-open"])
    assert result.exit_code == 1
    assert "hier is geen map sessions" in result.output
    assert "Traceback" not in result.output


def test_a_port_in_use_is_a_message(runner: CliRunner, tmp_path: Path) -> None:
    taken = bind("127.0.0.1", None)
    try:
        port = taken.getsockname()[1]
        result = runner.invoke(cli_app, ["board", str(tmp_path), "--no-open", "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert f"poort {port} op 127.0.0.1 is niet beschikbaar" in result.output


def test_run_without_board_imports_none_of_it(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from limburglab import cli
        sys.argv = ["limburglab", "run", "--plain", "--group", "G", "--leader", "L",
                    "--organisation", "O", "--round", "1", "--participants", "3",
                    "--date", "2026-11-29", "--session", {str(tmp_path / "s.yaml")!r}]
        try:
            cli.main()
        except SystemExit:
            pass
        heavy = ("limburglab.board", "starlette", "uvicorn", "watchfiles", "segno")
        assert "limburglab.live.run" in sys.modules
        print(sorted(m for m in sys.modules if m.startswith(heavy)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
    assert "Welke drijfveer" in done.stderr


def test_another_host_needs_the_token_and_prints_a_qr_code(tmp_path: Path) -> None:
    path = tmp_path / "sessie.yaml"
    new_session(path)
    env = {**os.environ, "LIMBURGLAB_LANG": "nl"}
    board = subprocess.Popen(
        [sys.executable, "-m", "limburglab", "board", str(path), "--no-open", "--host", "0.0.0.0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert board.stdout is not None
        first = board.stdout.readline()
        assert first.startswith("Het bord: http://")
        url = first.split(": ", 1)[1].strip()
        token = url.split("?token=", 1)[1]
        assert len(token) >= 20
        assert board.stdout.readline().startswith("Scan deze code")
        qr = [board.stdout.readline() for _ in range(5)]
        assert all("█" in line or "▀" in line or "▄" in line for line in qr[1:4])
        port = url.split(":")[2].split("/")[0]
        local = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 20
        while True:
            try:
                status = httpx.get(local, timeout=2).status_code
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert status == 403
        assert httpx.get(local + "state?token=" + token, timeout=5).status_code == 200
    finally:
        board.terminate()
        board.wait(timeout=10)
