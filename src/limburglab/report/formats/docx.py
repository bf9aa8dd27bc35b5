"""Word (.docx) through python-docx: real styles from the report model, never parsed markup.

The title is in the Title style, sections in Heading 1, question titles in Heading 2, points
in List Bullet, List Bullet 2, … by depth, elaborations under a point in List Continue,
tallies as Word tables, and the groups behind a point in a small grey character style. With
`--template huisstijl.docx` the document starts from the organisation's own file: its styles,
page setup, header and footer are kept and its body is replaced. The same report gives the
same bytes: the package's timestamps and the document properties come from the sessions.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from limburglab.errors import ReportError
from limburglab.messages import say, t
from limburglab.report.formats.package import ZIP_EPOCH, fixed_zip

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from limburglab.report.merge import Block, Entry, Note
    from limburglab.report.model import Report

#: The deepest list level with a style of its own (Word has List Bullet … List Bullet 5).
DEEPEST = 5
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
GREY = (0x6B, 0x6B, 0x6B)

#: Characters that XML 1.0 cannot hold at all; they are left out rather than fail the report.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, template: Path | None = None) -> bytes:
    return WordReport(report, template).bytes()


def xml_text(text: str) -> str:
    """`text` without the control characters that no XML file may contain."""
    return _NOT_XML.sub("", text)


class WordReport:
    """One report written into one python-docx Document."""

    def __init__(self, report: Report, template: Path | None) -> None:
        self.report = report
        self.doc = _open(template)
        self.tags = say(report.language, "report.docx_tags_style")
        self.styles = {style.name for style in self.doc.styles}

    def bytes(self) -> bytes:
        self.document()
        self.properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return fixed_zip(buffer.getvalue(), self.report.timestamp)

    # --- the content -------------------------------------------------------------------------

    def document(self) -> None:
        report, words = self.report, self.report.words
        self.paragraph(report.title, "Title")
        when = [x for x in (report.programme, report.date, report.place) if x]
        if when:
            self.paragraph(" · ".join(when), "Subtitle")
        for text in report.intro:
            self.paragraph(text)
        for section in report.sections:
            self.paragraph(f"{section.number} {section.title}", "Heading 1")
            for block in section.blocks:
                self.block(block)
        self.paragraph(words["groups"], "Heading 1")
        for group in report.groups:
            line = self.paragraph(group.label, "List Bullet")
            if group.details:
                line.add_run(xml_text(f" — {group.details}"))

    def block(self, block: Block) -> None:
        words = self.report.words
        if block.show_title:
            self.paragraph(block.title, "Heading 2")
        if block.kind == "list":
            for entry in block.entries:
                self.entry(entry, 1)
        elif block.kind == "paragraphs":
            for note in block.paragraphs:
                self.note(note, None)
        elif block.kind == "counts":
            table = self.table([words["choice"], words["count"]])
            for count in block.counts:
                cells = _cells(table)
                self.cell(cells[0], count.label)
                self.tagged(self.cell(cells[1], count.text), count.sources)
        elif block.kind == "ranking":
            if block.summary:
                self.paragraph(block.summary)
            headers = ["place", "choice", "average_position", "points", "ranked_by"]
            table = self.table([words[h] for h in headers])
            for rank in block.ranking:
                row = [rank.place, rank.label, rank.average_text, rank.points, len(rank.groups)]
                for cell, value in zip(_cells(table), row, strict=True):
                    self.cell(cell, str(value))
        elif block.kind == "votes":
            table = self.table([words["choice"], words["dots"]])
            for vote in block.votes:
                cells = _cells(table)
                self.cell(cells[0], vote.label)
                self.cell(cells[1], str(vote.dots))
        elif block.summary:
            self.paragraph(block.summary)

    def entry(self, entry: Entry, level: int) -> None:
        line = self.paragraph("", _level_style("List Bullet", level))
        for part in entry.parts:
            line.add_run(xml_text(part.text))
            self.tagged(line, part.sources)
        for under in entry.below:
            if under.note is not None:
                self.note(under.note, level)
            elif under.list is not None:
                if under.list.heading:
                    heading = self.paragraph("", _level_style("List Continue", level))
                    heading.add_run(xml_text(f"{under.list.heading}:")).italic = True
                for child in under.list.entries:
                    self.entry(child, level + 1)

    def note(self, note: Note, level: int | None) -> None:
        """A paragraph answer: its label in italics, its own line breaks kept."""
        style = _level_style("List Continue", level) if level else None
        paragraph = self.paragraph("", style)
        if note.label:
            paragraph.add_run(xml_text(f"{note.label}: ")).italic = True
        self.lines(paragraph, note.text)
        self.tagged(paragraph, note.sources)

    # --- python-docx ---------------------------------------------------------------------------

    def paragraph(self, text: str, style: str | None = None) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=self.style(style) if style else None)
        if text:
            paragraph.add_run(xml_text(text))
        return paragraph

    def lines(self, paragraph: Paragraph, text: str) -> None:
        """Each line of `text` as its own run, with a line break (not a new paragraph) between."""
        for number, line in enumerate(text.split("\n")):
            run = paragraph.add_run()
            if number:
                run.add_break()
            run.add_text(xml_text(line.strip()))

    def tagged(self, paragraph: Paragraph, sources: str) -> None:
        if sources:
            paragraph.add_run(xml_text(f" ({sources})"), style=self.tag_style())

    def table(self, headers: list[str]) -> Table:
        table = self.doc.add_table(rows=1, cols=len(headers))
        if "Light List Accent 1" in self.styles:
            table.style = self.doc.styles["Light List Accent 1"]
        elif "Table Grid" in self.styles:
            table.style = self.doc.styles["Table Grid"]
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            self.cell(cell, header).runs[0].bold = True
        _repeat_header(table)
        table_: Table = table
        return table_

    def cell(self, cell: Any, text: str) -> Paragraph:
        paragraph: Paragraph = cell.paragraphs[0]
        paragraph.add_run(xml_text(text))
        return paragraph

    def style(self, name: str) -> Any:
        """The style `name`, from the template if it has one; else a plain stand-in."""
        if name not in self.styles:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import Cm, Pt

            base = name.rstrip(" 0123456789")
            level = int(name[len(base) :] or 1)
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if base in ("Title", "Heading"):
                style.font.bold = True
                style.font.size = Pt({"Title": 24, "Heading": 16}[base] - 2 * (level - 1))
            elif base.startswith("List"):
                style.paragraph_format.left_indent = Cm(0.63 * level)
            self.styles.add(name)
        return self.doc.styles[name]

    def tag_style(self) -> Any:
        if self.tags not in self.styles:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import Pt, RGBColor

            style = self.doc.styles.add_style(self.tags, WD_STYLE_TYPE.CHARACTER)
            style.font.size = Pt(8.5)
            style.font.color.rgb = RGBColor(*GREY)
            self.styles.add(self.tags)
        return self.doc.styles[self.tags]

    # --- properties ----------------------------------------------------------------------------

    def properties(self) -> None:
        report = self.report
        moment = dt.datetime.fromtimestamp(max(report.timestamp, ZIP_EPOCH), dt.timezone.utc)
        props = self.doc.core_properties
        props.title = xml_text(report.title)
        props.author = xml_text(", ".join(report.organisers))
        props.subject = xml_text(report.programme)
        props.language = LANGUAGES.get(report.language, report.language)
        props.created = props.modified = moment.replace(tzinfo=None)
        props.last_modified_by = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.revision = 1
        _default_language(self.doc, props.language)


# --- helpers --------------------------------------------------------------------------------------


def _cells(table: Table) -> list[Any]:
    cells: list[Any] = table.add_row().cells  # type: ignore[no-untyped-call]
    return cells


def _level_style(base: str, level: int) -> str:
    level = min(level, DEEPEST)
    return base if level == 1 else f"{base} {level}"


def _open(template: Path | None) -> Document:
    """A new document from python-docx's own template, or the user's with its body emptied."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if template is None:
        return docx.Document()
    try:
        doc = docx.Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReportError(t("report.docx_template_bad", path=template)) from None
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


def _repeat_header(table: Table) -> None:
    """The header row is repeated on every page a long table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _default_language(doc: Document, language: str) -> None:
    """The proofing language of all text, so that Word checks Dutch spelling as Dutch."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
