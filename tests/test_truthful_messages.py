"""A message about data is derived from the data (issue 19, item 2): what `run` and `resume` say
happened to the session file is checked here against the file itself; and a hard-linked session
keeps its link (item 4)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from limburglab import flow as flows
from limburglab.errors import WriteError
from limburglab.session import file as sessions
from processes import limburglab

META = ["--group", "G", "--leader", "L", "--date", "2026-01-01", "--organisation", "Org"]
META += ["--round", "1", "--participants", "6"]
#: evaluatie: cijfer, goed (list), [beter], acties (list), volgende_datum; then the review.
FINISHED = "7\nGoed punt\n" + "\n" * 8


def said(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def answers(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def finished(tmp_path: Path) -> Path:
    done = limburglab(
        tmp_path, "run", "evaluatie", "--plain", "--session", "s.yaml", *META, stdin=FINISHED
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "s.yaml"
    # "afgerond en opgeslagen": the file says complete and holds the answers.
    assert "Sessie afgerond en opgeslagen in s.yaml" in said(done)
    assert answers(path)["status"] == "complete"
    assert answers(path)["answers"] == {"terugblik": {"cijfer": 7, "goed": ["Goed punt"]}}
    return path


def test_an_edit_of_a_finished_session_is_said_to_be_saved(finished: Path) -> None:
    before = answers(finished)
    # Change one answer (the 5th: Volgende bijeenkomst), confirm, then stop at the review.
    done = limburglab(finished.parent, "resume", "s.yaml", "--plain", stdin="2\n5\n2026-02-02\n")
    after = answers(finished)

    assert after["answers"] != before["answers"]
    assert after["answers"]["vervolg"] == {"volgende_datum": "2026-02-02"}  # type: ignore[index]
    assert "is niet veranderd" not in said(done)
    assert "de wijzigingen in de afgeronde sessie zijn opgeslagen in s.yaml" in said(done)


def test_a_finished_session_looked_at_is_said_to_be_unchanged(finished: Path) -> None:
    before = finished.read_bytes()
    done = limburglab(finished.parent, "resume", "s.yaml", "--plain", stdin="2\n\n")

    assert "de afgeronde sessie in s.yaml is niet veranderd" in said(done)
    assert finished.read_bytes() == before


def test_an_edit_back_to_the_same_text_is_said_to_be_unchanged(finished: Path) -> None:
    """What counts is the file, not the path through the code: an answer changed and changed
    back (here: the same number typed again) leaves the answers as they were."""
    before = answers(finished)
    done = limburglab(finished.parent, "resume", "s.yaml", "--plain", stdin="2\n1\n7\n")

    assert answers(finished)["answers"] == before["answers"]
    assert "is niet veranderd" in said(done)


def test_stopping_says_saved_only_with_every_answer_in_the_file(tmp_path: Path) -> None:
    done = limburglab(
        tmp_path, "run", "evaluatie", "--plain", "--session", "s.yaml", *META, stdin="7\nEén...\n"
    )
    assert done.returncode == 1
    assert "de gegeven antwoorden zijn opgeslagen" in said(done)
    assert answers(tmp_path / "s.yaml")["answers"] == {
        "terugblik": {"cijfer": 7, "goed": ["Eén..."]}
    }


def test_a_save_that_fails_says_so_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from limburglab.session import yamltext

    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    session.put("terugblik", "cijfer", 7)
    session.save()
    before = path.read_bytes()
    session.put("terugblik", "goed", ["nieuw"])

    monkeypatch.setattr(yamltext, "_FORMS", (lambda data, width: "kapot: [\n",))
    with pytest.raises(WriteError, match="niet vervangen"):
        session.save()
    assert path.read_bytes() == before
    rescue = session.rescue()
    assert rescue is not None
    assert yaml.safe_load(rescue.read_text("utf-8"))["answers"]["terugblik"]["goed"] == ["nieuw"]


def test_a_hard_linked_session_keeps_its_link(tmp_path: Path) -> None:
    """A session file with a second name (a hard link, as some backup and sync set-ups make)
    is written in place: both names show every save, nothing is left beside it."""
    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    session.put("terugblik", "cijfer", 7)
    session.save()
    other = tmp_path / "kopie.yaml"
    os.link(path, other)
    inode = path.stat().st_ino

    session.put("terugblik", "goed", ["via beide namen", "Enzovoort..."])
    session.save()

    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_bytes() == path.read_bytes()
    assert answers(other)["answers"]["terugblik"]["goed"] == ["via beide namen", "Enzovoort..."]  # type: ignore[index]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopie.yaml", "s.yaml"]
    assert sessions.load(other, flow).answers == session.answers


def test_a_hard_linked_session_that_cannot_be_proven_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from limburglab.session import yamltext

    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    session.save()
    os.link(path, tmp_path / "kopie.yaml")
    before = path.read_bytes()
    session.put("terugblik", "cijfer", 8)
    monkeypatch.setattr(yamltext, "_FORMS", (lambda data, width: "kapot: [\n",))
    with pytest.raises(WriteError):
        session.save()
    assert path.read_bytes() == before == (tmp_path / "kopie.yaml").read_bytes()


def test_a_live_answer_that_cannot_be_written_is_said_not_saved_and_rescued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failed-save path of a live session, for a text that would not read back (half a
    UTF-16 pair, which the input refuses but a prompt library might pass on): said at once,
    the file keeps what it held, and at the end the rescue copy holds the answers."""
    from limburglab.errors import Interrupted
    from limburglab.live.run import LiveSession
    from limburglab.session import walker
    from test_walker import ScriptedPrompter

    class Prompter(ScriptedPrompter):
        def _next(self, kind: str, prompt: str, default: object = None, **extra: object) -> object:
            if not self.script:
                raise EOFError
            return super()._next(kind, prompt, default, **extra)

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    prompter = Prompter([7, "half \ud800 teken"])
    live = LiveSession(flow, session, prompter, clock=lambda: 0.0)
    session.save()

    with pytest.raises(Interrupted) as stopped, live.interrupts():
        live.walk(walker.first_slot(flow, session.answers))

    assert any("Niet opgeslagen!" in warning for warning in prompter.warnings)
    assert any("UTF-16" in warning for warning in prompter.warnings)
    on_disk = answers(path)["answers"]
    assert on_disk == {"terugblik": {"cijfer": 7}}  # what could be written, and nothing else
    assert "kon niet worden opgeslagen" in str(stopped.value)
    rescue = next((tmp_path / "data" / "limburglab" / "rescue").glob("s.*.yaml"))
    assert str(rescue) in str(stopped.value)
    assert answers(rescue)["answers"]["terugblik"]["goed"] == ["half \ufffd teken"]
    # Not "with every answer": the copy says which characters it could not keep.
    assert "met alle antwoorden" not in str(stopped.value)
    assert "staan daarin als \ufffd" in str(stopped.value)


def test_saved_again_is_said_when_the_file_holds_every_answer_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from limburglab.errors import Interrupted
    from limburglab.live.run import LiveSession
    from limburglab.session import walker
    from test_walker import ScriptedPrompter

    class Prompter(ScriptedPrompter):
        def _next(self, kind: str, prompt: str, default: object = None, **extra: object) -> object:
            if not self.script:
                raise EOFError
            return super()._next(kind, prompt, default, **extra)

    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    session.save()
    prompter = Prompter([7, "Goed punt"])
    live = LiveSession(flow, session, prompter, clock=lambda: 0.0)
    refusals = iter([True])  # the disk refuses the first save only
    real = sessions.write_atomic

    def refusing_once(target: Path, data: bytes | str) -> None:
        if next(refusals, False):
            raise WriteError("schijf vol")
        real(target, data)

    monkeypatch.setattr(sessions, "write_atomic", refusing_once)
    with pytest.raises(Interrupted), live.interrupts():
        live.walk(walker.first_slot(flow, session.answers))

    assert any("Niet opgeslagen!" in warning for warning in prompter.warnings)
    assert f"Weer opgeslagen in {path}; er ontbreekt niets." in prompter.infos
    assert answers(path)["answers"] == {"terugblik": {"cijfer": 7, "goed": ["Goed punt"]}}


def test_a_decision_is_appended_to_the_edits_file_only_when_it_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tidy` says "opgeslagen" per decision that `edits.append` put on disk: the new text is
    read back first (it must end in exactly the new decisions), the file after."""
    from limburglab.report import edits
    from limburglab.session import yamltext

    path = tmp_path / "bewerkingen.yaml"
    first = edits.Edit("merge", ["no", "Enzovoort..."], text="1.10", question="goed")
    edits.append(path, [first])
    second = edits.Edit("conclusion", text="Tot slot:\n...\n\n", section="terugblik")
    edits.append(path, [second])
    assert yaml.safe_load(path.read_text("utf-8")) == [first.as_yaml(), second.as_yaml()]
    loaded = edits.load(path, flows.load("evaluatie")).edits
    assert [(e.kind, e.points, e.text) for e in loaded] == [
        ("merge", ["no", "Enzovoort..."], "1.10"),
        ("conclusion", [], "Tot slot:\n..."),  # the edits file's reader trims a text
    ]

    before = path.read_bytes()
    monkeypatch.setattr(yamltext, "_FORMS", (lambda data, width: "- kapot: [\n",))
    with pytest.raises(WriteError):
        edits.append(path, [edits.Edit("omit", ["weg"])])
    assert path.read_bytes() == before


def test_a_save_in_place_that_stopped_halfway_is_never_read_as_the_whole_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refuses halfway through writing a hard-linked session in place: the save is
    said to have failed, the whole new text is beside it, and the session file is refused
    (naming that copy) until someone has chosen — even where the cut-off file still reads."""
    flow = flows.load("evaluatie")
    path = tmp_path / "s.yaml"
    session = sessions.Session.start(flow, sessions.Meta(group="G"), path)
    session.put("terugblik", "goed", [f"punt {n}" for n in range(40)])
    session.save()
    os.link(path, tmp_path / "kopie.yaml")
    session.put("terugblik", "goed", [f"punt {n}" for n in range(41)])
    real_open = Path.open

    class CutOff:
        """A file that takes the first half of what is written, then refuses."""

        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> CutOff:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[: data.rfind(b"\n", 0, len(data) // 2) + 1])  # type: ignore[attr-defined]
            self.handle.truncate()  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")

    def cutting_open(file: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        return CutOff(handle) if mode == "r+b" else handle

    monkeypatch.setattr(Path, "open", cutting_open)
    with pytest.raises(WriteError, match="de schijf is vol"):
        session.save()
    monkeypatch.setattr(Path, "open", real_open)

    copy = sessions.saving_path(path)
    assert answers(copy)["answers"]["terugblik"]["goed"][-1] == "punt 40"  # type: ignore[index]
    assert yaml.safe_load(path.read_text("utf-8"))  # cut off where it still reads …
    with pytest.raises(sessions.SessionFileError) as refused:  # … and refused all the same
        sessions.load(path, flow)
    assert f"{path}:1:1: een opslag van dit bestand is halverwege gestopt" in str(refused.value)
    assert str(copy) in str(refused.value)

    copy.replace(path)  # the secretary keeps the complete one
    assert sessions.load(path, flow).answers == session.answers


def test_a_copy_that_could_not_be_written_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from limburglab import files

    path = tmp_path / "s.yaml"
    path.write_bytes(b"oud\n")
    copy = tmp_path / ".s.yaml.saving"

    def refusing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", refusing_fsync)
    with pytest.raises(WriteError):
        files.write_in_place(path, b"nieuw\n", copy)
    assert path.read_bytes() == b"oud\n" and not copy.exists()
