"""The session file as written: every character as typed, the same text however it is made,
never over a file someone else changed, through links, and a rescue copy when the disk refuses."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from limburglab.session import file as session_file
from limburglab.session import tree
from limburglab.session.file import FlowRef, Meta, Session

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Co")), max_size=60)
ENTRY = st.one_of(
    TEXT,
    st.fixed_dictionaries(
        {"text": TEXT},
        optional={
            "uitleg": TEXT,
            "voorbeelden": st.lists(
                st.one_of(TEXT, st.fixed_dictionaries({"text": TEXT, "effect": TEXT})), max_size=3
            ),
        },
    ),
)
ANSWERS = st.dictionaries(
    st.sampled_from(["drijfveren", "basis", "no", "on"]),
    st.dictionaries(
        st.sampled_from(["punten", "conclusie", "yes", "cijfer"]),
        st.one_of(TEXT, st.lists(ENTRY, min_size=1, max_size=6), st.integers()),
        min_size=1,
        max_size=3,
    ),
    max_size=3,
)


def session(path: Path, answers: Any = None) -> Session:
    return Session(
        flow=FlowRef("f", "1", "0" * 64, "f.yaml"),
        meta=Meta(workshop="W", group="Groep 🎉"),
        answers=answers or {},
        path=path,
    )


@settings(max_examples=300, deadline=None)
@given(answers=ANSWERS)
def test_the_file_reads_back_as_typed_and_equals_a_plain_dump(answers: Any) -> None:
    """(Private-use characters, which the fast writer uses to carry emoji, are left out: text
    holding them is written more slowly, equal in meaning but not always in form.)"""
    written = session(Path("s.yaml"), copy.deepcopy(answers))
    text = written._yaml()
    assert yaml.safe_load(text)["answers"] == answers
    assert text == session_file.dump(written.to_dict()).removesuffix("...\n")
    # The second time, kept pieces make the same text.
    assert written._yaml() == text


def test_emoji_are_written_as_typed(tmp_path: Path) -> None:
    saved = session(tmp_path / "s.yaml", {"basis": {"basis": ["Blij 😀", "r1\nr2 🎉"]}})
    saved.save()
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "Groep 🎉" in text
    assert "Blij 😀" in text
    assert "\\U0001F" not in text
    with_private_use = session(tmp_path / "p.yaml", {"s": {"l": ["\ue001 😀", "gewoon 🎉"]}})
    with_private_use.save()
    loaded = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    assert loaded["answers"] == {"s": {"l": ["\ue001 😀", "gewoon 🎉"]}}


def test_changing_an_entry_never_changes_an_entry_object_in_place() -> None:
    answers: tree.Answers = {"s": {"l": ["a", {"text": "b", "v": ["c"]}]}}
    first, second = answers["s"]["l"]
    tree.put(answers, ("s", "l", 1, "v"), ["c", "d"])
    tree.put_entry(answers, ("s", "l", 0), "A")
    assert second == {"text": "b", "v": ["c"]}  # the old object is as it was
    assert answers["s"]["l"] == ["A", {"text": "b", "v": ["c", "d"]}]
    assert first == "a"


def test_a_file_changed_by_someone_else_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    saved = session(path, {"s": {"a": "een"}})
    saved.save()
    path.write_text(path.read_text(encoding="utf-8") + "# met de hand\n", encoding="utf-8")
    saved.put("s", "b", "twee")
    side = saved.save()
    assert side != path and side.parent == tmp_path and side.name.startswith("s.")
    assert path.read_text(encoding="utf-8").endswith("# met de hand\n")
    assert yaml.safe_load(side.read_text(encoding="utf-8"))["answers"] == {
        "s": {"a": "een", "b": "twee"}
    }
    assert saved.save() == side  # it stays there


def test_a_link_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "echt").mkdir()
    target = tmp_path / "echt" / "s.yaml"
    session(target).save()
    link = tmp_path / "s.yaml"
    link.symlink_to(target)
    loaded = session_file.load(link)
    loaded.put("s", "a", "via de link")
    loaded.save()
    assert link.is_symlink()
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["answers"] == {
        "s": {"a": "via de link"}
    }


def test_a_rescue_copy_goes_to_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    saved = session(tmp_path / "weg" / "s.yaml", {"s": {"a": "bewaard"}})
    rescue = saved.rescue()
    assert rescue is not None and rescue.parent == tmp_path / "data" / "limburglab" / "rescue"
    assert yaml.safe_load(rescue.read_text(encoding="utf-8"))["answers"] == {"s": {"a": "bewaard"}}


def test_a_rescue_copy_names_its_flow_file_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    saved = session(tmp_path / "sessies" / "s.yaml", {"s": {"a": "bewaard"}})
    saved.flow.source = "../flow.yaml"
    rescue = saved.rescue()
    assert rescue is not None
    source = yaml.safe_load(rescue.read_text(encoding="utf-8"))["flow"]["source"]
    assert source == str((tmp_path / "flow.yaml").resolve())


def test_a_file_rewritten_with_the_same_content_is_not_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    saved = session(path, {"s": {"a": "een"}})
    saved.save()
    path.write_bytes(path.read_bytes())  # a sync tool writes the same file anew
    saved.put("s", "b", "twee")
    assert saved.save() == path
