"""Typeset a letter as a PDF the way an office suite does, for tests and samples.

A4, a large centred title wrapped over lines, 16-point body with a two-character
first-line indent, headings indented like paragraphs, the signature and date
right-aligned, and `— N —` in the footer. reportlab's built-in CID font needs no
font file, and pdfplumber extracts its text back exactly.

    python tests/pdfmaker.py letter.txt letter.pdf     # one paragraph a line in letter.txt
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
BODY, TITLE = 16, 22
LEFT, RIGHT, TOP, BOTTOM = 79.5, 521.5, 90, 740
LEADING = 25


def wrap(text: str, width: float, size: float, indent: float = 0) -> list[str]:
    lines, line, room = [], "", width - indent
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > room and line:
            lines.append(line)
            line, room = "", width
        line += ch
    return lines + [line]


def letter_pdf(paragraphs: list[str], *, signature_lines: int = 2,
               footer: str = "— {n} —", header: str | None = None, fake_bold: bool = False) -> bytes:
    """Paragraphs → PDF bytes. The first paragraph is the title; the last
    `signature_lines` are set flush right (the office and the date). `fake_bold`
    draws the text twice, a fraction of a point apart, as some office suites do."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    page, y = 1, TOP

    def new_page():
        nonlocal page, y
        pdf.setFont(FONT, 14)
        pdf.drawCentredString(A4[0] / 2, 60, footer.format(n=page))
        if header:
            pdf.drawCentredString(A4[0] / 2, 800, header)
        pdf.showPage()
        page, y = page + 1, TOP

    def draw(text: str, x: float, size: float):
        nonlocal y
        if y > BOTTOM:
            new_page()
        pdf.setFont(FONT, size)
        pdf.drawString(x, A4[1] - y, text)
        if fake_bold:
            pdf.drawString(x + 0.3, A4[1] - y, text)
        y += LEADING if size == BODY else 36

    title, *body = paragraphs
    for line in wrap(title, RIGHT - LEFT - 2 * TITLE, TITLE):
        pdf.setFont(FONT, TITLE)
        pdf.drawCentredString(A4[0] / 2, A4[1] - y, line)
        y += 36
    for k, text in enumerate(body):
        if k >= len(body) - signature_lines:
            draw(text, RIGHT - pdfmetrics.stringWidth(text, FONT, BODY) - 2 * BODY, BODY)
        elif text.endswith(("：", ":")) and len(text) < 30 and k == 0:
            draw(text, LEFT, BODY)
        else:
            lines = wrap(text, RIGHT - LEFT, BODY, indent=2 * BODY)
            draw(lines[0], LEFT + 2 * BODY, BODY)
            for line in lines[1:]:
                draw(line, LEFT, BODY)
    new_page()
    pdf.save()
    return buffer.getvalue()


def encrypted(pdf: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The same PDF, encrypted (AES-128). An empty user password opens without asking.

    pypdf, because pdfminer cannot read the text of CID fonts in reportlab's own encryption.
    """
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF of pages with shapes and no text layer, as a scanner makes them."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        pdf.rect(80, 100, 440, 640, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    paragraphs = [line.strip() for line in Path(source).read_text(encoding="utf-8").splitlines() if line.strip()]
    Path(target).write_bytes(letter_pdf(paragraphs))
