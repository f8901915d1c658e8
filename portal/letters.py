"""Messages and decision letters in the reader's language, on the page and as PDF.

A stored message or decision letter names its text by message id with parameters (``letters.TEMPLATES``) beside
the Danish text as sent. :func:`message_letter` and :func:`decision_letter` render the id in the request's
language (an English reader reads English, and the page says that the Danish text is the binding one); a row from
before there were ids shows its stored Danish text as it was sent (``Letter.as_stored``). :func:`letter_pdf` lays
a letter out as a PDF with fpdf2 (pure Python; the core font Helvetica writes Danish letters through Latin-1).
"""

from __future__ import annotations

from typing import Any

from fpdf import FPDF

from portal.i18n import date_long, gettext, locale_code
from scheduling.services import letters
from scheduling.services.letters import Letter, Paragraph, Section
from scheduling.services.queries import DecisionView, MessageView


def _stored(subject: str, body: str) -> Letter:
    """A text from before message ids: its Danish paragraphs as they were sent."""
    sections = tuple(
        Section(None, tuple(Paragraph(line) for line in block.split("\n") if line.strip()))
        for block in body.split("\n\n") if block.strip()
    )
    return Letter(subject, sections, as_stored=True)


def _render(message_id: str | None, params: Any) -> Letter | None:
    if message_id is None or params is None or message_id not in letters.TEMPLATES:
        return None
    return letters.render(message_id, params, gettext, locale_code())


def message_letter(message: MessageView) -> Letter:
    """The message in the reader's language (or, for an old one, as it was sent)."""
    return _render(message.message_id, message.params) or _stored(message.subject, message.body)


def decision_letter(decision: DecisionView) -> Letter | None:
    """The decision's letter in the reader's language (or, for an old one, as it was sent); None without one."""
    rendered = _render(decision.letter_id, decision.letter_params)
    if rendered is not None or not decision.letter:
        return rendered
    subject, _, body = decision.letter.partition("\n\n")
    return _stored(subject, body)


def translated(letter: Letter) -> bool:
    """Shown in another language than the Danish it was sent in (the page says the Danish text is binding)."""
    return not letter.as_stored and locale_code() != "da"


# ---- PDF ---------------------------------------------------------------------------------------------------------

_SUBSTITUTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2013": "-", "\u2014": "-",
    "\u2011": "-", "\u2212": "-", "\u2026": "...", "\u2022": "*", "\u20ac": "EUR", "\u202f": " ", "\u2009": " ",
})


def _pdf_text(text: str) -> str:
    """``text`` as the core font writes it (Latin-1, which holds æ, ø, å and §): typographic quotes and dashes
    become their plain forms, any other character "?"."""
    return text.translate(_SUBSTITUTES).encode("latin-1", errors="replace").decode("latin-1")


class _LetterPdf(FPDF):
    def __init__(self, sender: str) -> None:
        super().__init__(format="A4")
        self.sender = sender
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        self.set_font("Helvetica", "B", 12)
        self.cell(0, 7, _pdf_text(self.sender), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(0, 0, 0)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, _pdf_text(gettext("Side %(page)s", page=self.page_no())), align="C")

    def paragraph(self, text: str, style: str = "", size: int = 11) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, 5.5, _pdf_text(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def letter_pdf(letter: Letter, sender: str) -> bytes:
    """The letter as an A4 PDF with ``sender`` (the organisation's name) in the header of every page."""
    pdf = _LetterPdf(sender)
    pdf.set_title(letter.subject)
    pdf.set_author(sender)
    pdf.set_lang(locale_code())
    pdf.add_page()
    if translated(letter):
        pdf.paragraph(gettext("Dette er en oversættelse. Den danske tekst er den, der gælder."), "I", 9)
    if letter.appeal_by is not None:
        pdf.paragraph(gettext("Sidste frist for at klage: %(day)s", day=date_long(letter.appeal_by)), "B", 10)
    pdf.paragraph(letter.subject, "B", 15)
    for section in letter.sections:
        if section.heading:
            pdf.ln(2)
            pdf.paragraph(section.heading, "B", 12)
        for paragraph in section.paragraphs:
            pdf.paragraph(paragraph.plain)
    return bytes(pdf.output())

