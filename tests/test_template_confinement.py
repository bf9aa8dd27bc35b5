"""A facilitator's own template sees only its own folder, and rendering has a time limit."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limburglab.cli import app
from limburglab.report.formats import confine

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "samenwerken"
SECRET = "GEHEIME-SLEUTEL-123"
FORBIDDEN = (
    "mag een sjabloon niet lezen: alleen bestanden in de eigen map van het sjabloon, niet "
    "verborgen (.naam) en niet via een link naar buiten"
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home folder with a secret in a hidden folder, one outside, and a template folder."""
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa").write_text(SECRET, "utf-8")
    (tmp_path / "buiten.txt").write_text(SECRET, "utf-8")
    (tmp_path / "sjablonen").mkdir()
    (tmp_path / "sjablonen" / "deel.txt").write_text("Gedeeld stuk", "utf-8")
    (tmp_path / "sjablonen" / "link.txt").symlink_to(tmp_path / "buiten.txt")
    (tmp_path / "sjablonen" / "sshlink").symlink_to(tmp_path / ".ssh")
    return tmp_path


def report(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), *map(str, args)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "name",
    [".ssh/id_rsa", "../.ssh/id_rsa", "../buiten.txt", "link.txt", "sshlink/id_rsa", "/etc/passwd"],
)
@pytest.mark.parametrize("where", ["home", "folder"])
def test_a_jinja_template_cannot_read_outside_its_folder(
    home: Path, tmp_path: Path, name: str, where: str
) -> None:
    folder = home if where == "home" else home / "sjablonen"
    template = folder / "eigen.md.j2"
    template.write_text(f'{{% include "{name}" %}}\n', "utf-8")

    code, output = report("--template", template, "-o", tmp_path / "v.md")

    assert code == 1
    assert SECRET not in output
    assert not (tmp_path / "v.md").exists()
    if where == "folder" and not name.startswith("/"):
        assert FORBIDDEN in output or "bestaat niet" in output or "niet gevonden" in output


def test_a_jinja_template_may_include_a_file_of_its_own_folder(home: Path, tmp_path: Path) -> None:
    template = home / "sjablonen" / "eigen.md.j2"
    template.write_text('{% include "deel.txt" %} — {{ report.title }}\n', "utf-8")

    code, output = report("--template", template, "-o", tmp_path / "v.md")

    assert code == 0, output
    assert (tmp_path / "v.md").read_text("utf-8") == "Gedeeld stuk — Samenwerken\n"


@pytest.mark.parametrize(
    "name", [".ssh/id_rsa", "../buiten.txt", "link.txt", "sshlink/id_rsa", "/etc/hostname"]
)
def test_a_typst_template_cannot_read_outside_its_folder(
    home: Path, tmp_path: Path, name: str
) -> None:
    folder = home if name == ".ssh/id_rsa" else home / "sjablonen"
    template = folder / "eigen.typ"
    template.write_text(f'#read("{name}")\n', "utf-8")

    code, output = report("--template", template, "-o", tmp_path / "v.pdf")

    assert code == 1
    assert SECRET not in output
    assert not (tmp_path / "v.pdf").exists()
    assert output.startswith(f"{template}:1:")


def test_a_typst_template_may_read_a_file_of_its_own_folder(home: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    template = home / "sjablonen" / "eigen.typ"
    template.write_text('#read("deel.txt")\n', "utf-8")

    code, output = report("--template", template, "-o", tmp_path / "v.pdf")

    assert code == 0, output
    assert "Gedeeld stuk" in PdfReader(tmp_path / "v.pdf").pages[0].extract_text()


def test_allowed_file_refuses_every_way_out(home: Path) -> None:
    folder = home / "sjablonen"
    assert confine.allowed_file(folder, "deel.txt") == (folder / "deel.txt").resolve()
    for name in (".x", "a/../../buiten.txt", "link.txt", "sshlink/id_rsa", "/etc/passwd", ""):
        with pytest.raises(ValueError):
            confine.allowed_file(folder, name)


LOOPS = {
    "md": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "pdf": "#for a in range(100000) { for b in range(100000) { [x] } }",
}


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_rendering_stops_after_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setattr(confine, "RENDER_SECONDS", 1.0)
    template = tmp_path / ("eigen.md.j2" if fmt == "md" else "eigen.typ")
    template.write_text(LOOPS[fmt], "utf-8")

    start = time.monotonic()
    code, output = report("--template", template, "-o", tmp_path / f"v.{fmt}")

    assert time.monotonic() - start < 5
    assert code == 1
    assert output == (
        "het verslag maken duurde langer dan 1 seconden en is gestopt; kijk of het sjabloon een "
        "lus heeft die te lang doorgaat\n"
    )
    assert not (tmp_path / f"v.{fmt}").exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".v.")]


@pytest.mark.parametrize("where", ["diep/er/in", "sjablonen", "."])
def test_a_typst_error_names_the_users_own_file_from_any_working_directory(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Typst names files relative to the working directory, and compiles a copy in a temporary
    folder: the message still names the template (or the file it includes) and the line."""
    folder = home / "sjablonen"
    (folder / "eigen.typ").write_text('#include "delen/stuk.typ"\n', "utf-8")
    (folder / "delen").mkdir()
    (folder / "delen" / "stuk.typ").write_text("Goed\n\n#onbekend\n", "utf-8")
    (home / where).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(home / where)

    code, output = report("--template", folder / "eigen.typ", "-o", tmp_path / "v.pdf")

    assert code == 1
    assert output == (
        f"{folder / 'delen' / 'stuk.typ'}:3:1: fout in het sjabloon: unknown variable: onbekend. "
        "Pas het sjabloon aan en probeer het opnieuw.\n"
    )


def test_the_time_limit_holds_on_any_thread(tmp_path: Path) -> None:
    """No alarm signal: the limit works off the main thread too (and on Windows)."""
    import threading

    from limburglab.errors import ReportError

    caught: list[BaseException] = []

    def render() -> None:
        try:
            with confine.deadline(0.2):
                while True:
                    pass
        except ReportError as exc:
            caught.append(exc)

    thread = threading.Thread(target=render)
    start = time.monotonic()
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    assert time.monotonic() - start < 2
    assert [str(e) for e in caught] == [
        "het verslag maken duurde langer dan 0.2 seconden en is gestopt; kijk of het sjabloon "
        "een lus heeft die te lang doorgaat"
    ]


def test_a_render_within_the_limit_is_never_stopped_afterwards() -> None:
    for _ in range(50):
        with confine.deadline(1.0):
            pass
    time.sleep(0.05)  # any timer left would strike here
    with confine.deadline(0.2):
        assert sum(range(1000)) == 499500
