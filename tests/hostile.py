"""A hostile corpus, written byte by byte: PDFs that attack their reader, and PDFs of any text.

Each PDF is built from its objects, so a test says exactly what is in the file:
a page tree that points at itself, form XObjects nested ten deep, a stream that
inflates to far more than its size, a text layer that carries terminal escapes.
The text font is a Type0 font with an identity CMap and a ToUnicode map of its
own, so any Unicode text (Chinese, control characters) extracts back as written.
"""

from __future__ import annotations

import zlib

TEXT_FONT = 3       # the object number of the font every page here uses


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of these object bodies (numbered from 1), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, attributes: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data, attributes = zlib.compress(data, 9), attributes + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), attributes, data)


def shown(text: str) -> bytes:
    """Text as a Tj operand in the identity font: its UTF-16BE code units, in hex."""
    return b"<%s>" % text.encode("utf-16-be").hex().upper().encode()


def text_font(text: str) -> list[bytes]:
    """The font objects (numbers 3, 4, 5): a Type0 font whose codes are UTF-16 code units."""
    units = sorted({text.encode("utf-16-be")[k:k + 2] for k in range(0, len(text.encode("utf-16-be")), 2)})
    pairs = b"\n".join(b"<%s> <%s>" % (unit.hex().encode(), unit.hex().encode()) for unit in units)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Identity-Text def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"%d beginbfchar\n%s\nendbfchar\nendcmap CMapName currentdict /CMapName defineresource pop end end"
            % (len(units), pairs))
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>",
        stream(cmap),
    ]


def text_pdf(pages: list[list[tuple[float, float, str]]], size: float = 12) -> bytes:
    """Pages of text runs (x, y from the bottom, text): the layout is exactly what the test says."""
    everything = "".join(text for page in pages for _, _, text in page) or " "
    first_page = 6
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in range(len(pages))), len(pages)),
               *text_font(everything)]
    for k, runs in enumerate(pages):
        content = b"\n".join(b"BT /F1 %g Tf %g %g Td %s Tj ET" % (size, x, y, shown(text)) for x, y, text in runs)
        objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (TEXT_FONT, first_page + 2 * k + 1), stream(content)]
    return pdf(objects)


def letter_pages(paragraphs: list[str], per_line: int = 38, size: float = 12, lines_a_page: int = 50,
                 left: float = 72) -> list[list[tuple[float, float, str]]]:
    """Paragraphs set as lines of `per_line` characters, a first-line indent of two, onto pages."""
    lines = []
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        lines += [text[i:i + per_line] for i in range(0, len(text), per_line)]
    pages = [lines[i:i + lines_a_page] for i in range(0, len(lines), lines_a_page)]
    return [[(left, 770 - 14 * row, line) for row, line in enumerate(page)] for page in pages]


def self_referent_page_tree() -> bytes:
    """A page tree that is a reference to itself (2 0 obj 2 0 R): pdfminer resolves it forever."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"2 0 R"])


def nested_forms(depth: int = 12, fan_out: int = 8, text: str = "答") -> bytes:
    """Form XObjects each drawing the next `fan_out` times, `depth` deep: fan_out ** depth glyphs from 2 KB."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", *text_font(text)]
    first_form = 8
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X %d 0 R >> >> "
                b"/Contents 7 0 R >>" % first_form, stream(b"/X Do")]
    for level in range(depth):
        number = first_form + level
        if level + 1 < depth:
            body, resources = b" ".join([b"/X Do"] * fan_out), b"/XObject << /X %d 0 R >>" % (number + 1)
        else:
            body, resources = b"BT /F1 12 Tf 72 720 Td %s Tj ET" % shown(text), b"/Font << /F1 %d 0 R >>" % TEXT_FONT
        objects.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>"
                              % resources))
    return pdf(objects)


def inflating(megabytes: int = 1024) -> bytes:
    """A page whose content stream is a few MB of zlib that inflates to `megabytes` of spaces."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(squeezer.compress(chunk) for _ in range(megabytes)) + squeezer.flush()
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)])


def long_show(characters: int = 2_400_000, text: str = "答") -> bytes:
    """One Tj of millions of characters, in a small compressed stream."""
    return text_pdf_stream(b"BT /F1 12 Tf 72 720 Td " + shown(text * characters) + b" Tj ET", text)


def text_pdf_stream(content: bytes, text: str) -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", *text_font(text),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 7 0 R >>", stream(content, compress=True)])


def many_pages(count: int) -> bytes:
    """A PDF of `count` pages, each with a line of its own (a line on every page is a running header)."""
    return text_pdf([[(72, 720, f"正文{chr(0x5000 + 3 * k)}{chr(0x5001 + 3 * k)}。")] for k in range(count)])


def two_column_pages(paragraphs: list[str], title: str, per_line: int = 16, size: float = 12,
                     lines_a_column: int = 40, stagger: float = 0) -> list[list[tuple[float, float, str]]]:
    """A title across the page, then paragraphs in two columns of `per_line` characters, the left
    column filled first. `stagger` moves the right column's lines off the left one's baselines."""
    lines = []
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        lines += [text[i:i + per_line] for i in range(0, len(text), per_line)]
    pages = []
    for start in range(0, len(lines), 2 * lines_a_column):
        left, right = lines[start:start + lines_a_column], lines[start + lines_a_column:start + 2 * lines_a_column]
        runs = [(72, 790, title)] if not pages else []
        runs += [(72, 760 - 16 * row, line) for row, line in enumerate(left)]
        runs += [(72 + per_line * size + 40, 760 - 16 * row - stagger, line) for row, line in enumerate(right)]
        pages.append(runs)
    return pages
