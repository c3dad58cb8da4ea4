"""Write a letter as a Word file the way an office typist does, and stand-ins for the formats we refuse.

`letter_docx` lays a letter out as a .docx with python-docx (imported only when called; the tests that
use it need `pip install python-docx`): a centred title, 仿宋 body paragraphs with a two-character
first-line indent, the signature and date flush right, a small table of figures, a page-number footer.
With `auto_numbering` the top-level headings `一、…` (and second-level `（一）…`) get their numbers from
Word's automatic numbering — a real numbering.xml definition (`numFmt chineseCounting`, `lvlText "%1、"`)
and `<w:numPr>` on the paragraph — so the paragraph's own text no longer contains `一、`, exactly as in a
document typed with Word's 编号 button. A heading is only numbered automatically when the automatic
number equals the typed one, so the rendered document always reads as the letter.

`letter_doc_like` returns small files recognisable as the formats digest.py does not read: legacy Word
`.doc` and WPS `.wps` (both OLE2 compound files), `.rtf` and `.ofd` (a zip with OFD.xml).

The bytes are reproducible: fixed document properties and zip timestamps.

    python tests/docmaker.py letter.txt letter.docx     # one paragraph a line in letter.txt
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
from pathlib import Path

CN_DIGITS = "一二三四五六七八九十"
TOP = re.compile(r"^([一二三四五六七八九十]+)、")
SUB = re.compile(r"^（([一二三四五六七八九十]+)）")
FIXED_TIME = (2025, 1, 1, 0, 0, 0)

BODY_FONT, HEADING_FONT, SUB_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"
DEFAULT_TABLE = [["指标", "2024年", "2025年"], ["完成数量（个）", "12", "15"]]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (chineseCounting as Word renders it, up to 99).

    >>> [chinese_number(n) for n in (1, 9, 10, 11, 20, 21)]
    ['一', '九', '十', '十一', '二十', '二十一']
    """
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def _numbering_xml(abstract_id: int, suffix: str) -> str:
    def level(ilvl: int, text: str, font: str, indent: int) -> str:
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
                f'<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/></w:rPr></w:lvl>')
    levels = level(0, "%1、", HEADING_FONT, 640) + level(1, "（%2）", SUB_FONT, 640)
    levels += "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                      f'<w:lvlText w:val="%{k + 1}."/><w:lvlJc w:val="left"/></w:lvl>' for k in range(2, 9))
    return ('<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'w:abstractNumId="{abstract_id}"><w:nsid w:val="5A1C3E07"/><w:multiLevelType w:val="multilevel"/>'
            f'<w:tmpl w:val="0F1E2D3C"/>{levels}</w:abstractNum>')


def _set_font(run_or_style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    font = run_or_style.font
    font.name = name
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def letter_docx(paragraphs: list[str], *, auto_numbering: bool = True, signature_lines: int = 2,
                table: list[list[str]] | None = DEFAULT_TABLE, table_after: int | None = None,
                number_suffix: str = "nothing") -> bytes:
    """Paragraphs → .docx bytes. The first paragraph is the title; the last `signature_lines` are set
    flush right. `table` (rows of cells; None for no table) goes after paragraph index `table_after`
    (default: after the first body paragraph of the last numbered section, else before the signature).
    `number_suffix` is what Word puts after an automatic number: "nothing", "space" or "tab"."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing = Pt(28.95)
    normal.paragraph_format.space_after = Pt(0)

    num_id = 0
    if auto_numbering:  # one multilevel list: 一、 at level 0, （一） at level 1
        numbering = document.part.numbering_part.element
        abstract_id = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))), default=-1)
        num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0)
        abstract = parse_xml(_numbering_xml(abstract_id, number_suffix))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(
            '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))

    def number(paragraph, level: int) -> None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id

    title, *body = paragraphs
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run(title), TITLE_FONT, 22)
    placed: list = [p]  # placed[k] is paragraphs[k]
    document.add_paragraph()  # the blank line under the title

    top = sub = 0
    last_top_index = None
    for k, text in enumerate(body):
        p = document.add_paragraph()
        placed.append(p)
        fmt = p.paragraph_format
        if k >= len(body) - signature_lines:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(32)
            _set_font(p.add_run(text), BODY_FONT)
            continue
        m_top, m_sub = TOP.match(text), SUB.match(text)
        if m_top and len(text) < 60:
            top, sub, last_top_index = top + 1, 0, k
            if auto_numbering and m_top.group(1) == chinese_number(top):
                number(p, 0)
                text = text[m_top.end():]
            else:
                fmt.first_line_indent = Pt(32)
            _set_font(p.add_run(text), HEADING_FONT)
        elif m_sub and top:
            sub += 1
            if auto_numbering and m_sub.group(1) == chinese_number(sub):
                number(p, 1)
                text = text[m_sub.end():]
            else:
                fmt.first_line_indent = Pt(32)
            _set_font(p.add_run(text), BODY_FONT)
        else:
            if not (k == 0 and text.endswith(("：", ":"))):  # the salutation sits flush left
                fmt.first_line_indent = Pt(32)
            _set_font(p.add_run(text), BODY_FONT)

    if table:
        if table_after is None:  # placed[] counts the title, body[] does not
            if last_top_index is not None and last_top_index + 1 < len(body) - signature_lines:
                table_after = last_top_index + 2
            else:
                table_after = max(0, len(body) - signature_lines)
        anchor = placed[table_after]
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(table):
            for c, cell_text in enumerate(row):
                cell = grid.cell(r, c)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                _set_font(cell.paragraphs[0].add_run(cell_text), BODY_FONT, 14, bold=(r == 0))
        anchor._p.addnext(grid._tbl)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:t xml:space="preserve">— </w:t></w:r>'))
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>'):
        footer._p.append(parse_xml(
            f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:r>'))
    footer._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:t xml:space="preserve"> —</w:t></w:r>'))

    import datetime
    props = document.core_properties
    props.author = props.last_modified_by = "Administrator"
    props.created = props.modified = datetime.datetime(2025, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps, so the same letter gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- formats digest.py refuses ------------------------------------------------------------------

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, *, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM,
               start=END, size=0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1 if kind else 0, left, right, child)
            + bytes(16) + struct.pack("<I", 0) + bytes(16) + struct.pack("<IQ", start, size))


def ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal, valid OLE2 compound file (version 3, 512-byte sectors) holding up to three streams,
    each padded to 4096 bytes so that none lives in the mini stream.

    >>> data = ole2({"WordDocument": b"x"})
    >>> data[:8] == OLE2_MAGIC, len(data)
    (True, 5632)
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))[:3]  # directory order
    sectors_each = 8
    fat = [FATSECT, END]
    entries = [None]  # the root entry is written last, when its child is known
    data = b""
    for k, name in enumerate(names):
        first = 2 + k * sectors_each
        fat += [first + j + 1 for j in range(sectors_each - 1)] + [END]
        data += streams[name][:4096].ljust(4096, b"\0")
        entries.append((name, first, 4096))  # below 4096 a stream would belong in the mini stream
    fat += [FREE] * (128 - len(fat))
    # a degenerate but valid tree: every stream is the right sibling of the one before it
    directory = b""
    for k, (name, first, size) in enumerate(entries[1:], start=1):
        right = k + 1 if k < len(names) else NOSTREAM
        directory += _dir_entry(name, 2, right=right, start=first, size=size)
    directory = _dir_entry("Root Entry", 5, child=1 if names else NOSTREAM) + directory
    directory = directory.ljust(512, b"\0")
    header = (OLE2_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    return header + struct.pack("<128I", *fat) + directory + data


def _rtf(paragraphs: list[str]) -> bytes:
    def escape(text: str) -> str:
        return "".join(ch if ord(ch) < 128 and ch not in "\\{}" else
                       ("\\" + ch if ord(ch) < 128 else "".join(f"\\'{b:02x}" for b in ch.encode("gbk")))
                       for ch in text)
    body = "".join(f"\\pard\\qj\\fi640 {escape(p)}\\par\n" for p in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052"
            "{\\fonttbl{\\f0\\fnil\\fcharset134 \\'b7\\'c2\\'cb\\'ce_GB2312;}}\n"
            "\\viewkind4\\uc2\\f0\\fs32\n" + body + "}\n").encode("ascii")


def _ofd(paragraphs: list[str]) -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    texts = "".join(
        f'<ofd:TextObject ID="{10 + k}" Boundary="28 {37 + 10 * k} 160 8" Font="3" Size="5.6">'
        f'<ofd:TextCode X="0" Y="5.6">{p[:28]}</ofd:TextCode></ofd:TextObject>' for k, p in enumerate(paragraphs[:20]))
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocInfo><ofd:DocID>5b1f0c3e9a7d4e2f8c6b0a1d2e3f4a5b</ofd:DocID><ofd:Creator>Suwell OFD</ofd:Creator>'
                   '<ofd:CreationDate>2025-01-01</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                   '</ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>60</ofd:MaxUnitID>'
                              '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                              '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                                          f'<ofd:Layer ID="2">{texts}</ofd:Layer></ofd:Content></ofd:Page>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, FIXED_TIME), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


SAMPLE = ["关于区政协提案第0001号的答复", "尊敬的委员：", "您提出的提案收悉，现答复如下：",
          "一、基本情况", "全区已建成示范点12个。", "某某区某某局", "2025年6月30日"]


def letter_doc_like(kind: str, paragraphs: list[str] | None = None) -> bytes:
    """Small bytes recognisable as a format digest.py refuses: "doc", "wps", "rtf" or "ofd".

    >>> letter_doc_like("doc")[:8].hex(), letter_doc_like("wps")[:8].hex()
    ('d0cf11e0a1b11ae1', 'd0cf11e0a1b11ae1')
    >>> letter_doc_like("rtf")[:6], letter_doc_like("ofd")[:2]
    (b'{\\\\rtf1', b'PK')
    """
    paragraphs = paragraphs or SAMPLE
    if kind == "doc":
        fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(28)  # the Word 97-2003 FIB's magic and version
        text = "\r".join(paragraphs).encode("utf-16-le")
        return ole2({"WordDocument": fib + text, "1Table": bytes(64),
                     "\x05SummaryInformation": b"\xfe\xff" + bytes(46)})
    if kind == "wps":
        # WPS 文字 saves .wps as an OLE2 file with a Word-compatible WordDocument stream plus its own
        fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(28)
        return ole2({"WordDocument": fib + "\r".join(paragraphs).encode("utf-16-le"), "1Table": bytes(64),
                     "WpsCustomData": b"KSOProductBuildVer\x002052-11.1.0.14309"})
    if kind == "rtf":
        return _rtf(paragraphs)
    if kind == "ofd":
        return _ofd(paragraphs)
    raise ValueError(f"unknown kind {kind!r}: doc, wps, rtf or ofd")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    text = Path(argv[1]).read_text(encoding="utf-8")
    Path(argv[2]).write_bytes(letter_docx([line.strip() for line in text.splitlines() if line.strip()]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
