"""Letters as people get them (issue 11), item by item: web pages, Word files, scans and photos read
by OCR, Markdown, read-once paths, and a Python that lacks a package."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib

import pytest

import docmaker
import pdfmaker
import scanmaker
from conftest import SAMPLES, SCRIPT, digest

SAMPLE_TXT, SAMPLE_PDF = SAMPLES / "futian-2025134.txt", SAMPLES / "futian-2025134.pdf"


def overview(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)


@functools.lru_cache(maxsize=None)
def counted(path=SAMPLE_TXT) -> tuple[int, int]:
    """The sections and claims of a sample as digested from its file: what the same letter read
    another way must give."""
    letter = digest.digest(digest.load(str(path)))
    return len(letter.sections), len(letter.claims)


# ── Read-once paths (item 5) ──────────────────────────────────────────────────
# Process substitution, /dev/stdin and a FIFO can be read once: they are read into memory by the
# main process and recognised by their content, a PDF handed to a reader with its bytes. The command
# runs in this process; what writes into the pipe or the FIFO is another (`cat`), as in a shell, so
# that no reader process forked from this one holds its writing end.

def test_process_substitution_is_read_once_and_recognised_by_content(run_main):
    # <(cat letter.pdf): the read end of a pipe from cat, named /dev/fd/N
    with subprocess.Popen(["cat", str(SAMPLE_PDF)], stdout=subprocess.PIPE) as cat:
        result = run_main(str(SAMPLE_TXT), f"/dev/fd/{cat.stdout.fileno()}", "-f", "json", "--overview-only")
    rows = overview(result)
    assert (result.returncode, result.stderr) == (0, b"")
    assert rows[1]["source"].startswith("/dev/fd/") and (rows[1]["sections"], rows[1]["claims"]) == counted(SAMPLE_PDF)
    assert rows[1]["warnings"] == rows[0]["warnings"]           # no "its name says otherwise": it has no name


@contextlib.contextmanager
def standard_input_piped_from(path):
    """Descriptor 0 of this process the read end of a pipe from `cat path` (`cat path | digest.py`),
    and put back after."""
    saved = os.dup(0)
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE) as cat:
        os.dup2(cat.stdout.fileno(), 0)
        try:
            yield
        finally:
            os.dup2(saved, 0)
            os.close(saved)


def test_dev_stdin_is_read_once(run_main):
    with standard_input_piped_from(SAMPLE_PDF):
        result = run_main("/dev/stdin", "-f", "json")
    record = json.loads(result.stdout)
    assert result.returncode == 0 and (len(record["sections"]), len(record["claims"])) == counted(SAMPLE_PDF)


def unblock(fifo) -> None:
    """Open the FIFO for writing and close it: a reader waiting on it (for a writer long gone) reads its end."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("sample", [SAMPLE_PDF, SAMPLE_TXT], ids=["pdf", "text"])
def test_a_fifo_is_read_once(tmp_path, run_main, sample):
    # Opening a FIFO to look at it and then again to read it would end its writer, or wait forever:
    # after a minute the FIFO is let go, so that the test fails rather than hangs.
    fifo = tmp_path / "letter"
    os.mkfifo(fifo)
    watchdog = threading.Timer(60, unblock, [fifo])
    watchdog.start()
    with subprocess.Popen(["sh", "-c", 'exec cat "$0" > "$1"', str(sample), str(fifo)]) as writer:
        try:
            result = run_main(str(fifo), "-f", "json")
        finally:
            watchdog.cancel()
            unblock(fifo)                       # a writer still waiting for a reader ends too
        writer.wait(timeout=10)
    record = json.loads(result.stdout)
    assert (result.returncode, result.stderr) == (0, b"")
    assert (len(record["sections"]), len(record["claims"])) == counted(sample)


# ── Formats it does not read (item 2) ─────────────────────────────────────────

CONVERT = "convert it first, e.g. soffice --headless --convert-to docx {path}"


@pytest.mark.parametrize("kind, name, said", [
    ("doc", "letter.doc", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),
    ("wps", "letter.wps", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),
    ("doc", "letter.txt", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),     # by content, not name
    ("rtf", "letter.rtf", f"an RTF document: {CONVERT}"),
    ("ofd", "letter.ofd", "an OFD document: save it as PDF from an OFD reader first, then digest the PDF"),
], ids=["doc", "wps", "doc-named-txt", "rtf", "ofd"])
def test_a_format_it_does_not_read_is_one_line_that_says_what_to_do(tmp_path, capsys, kind, name, said):
    path = tmp_path / name
    path.write_bytes(docmaker.letter_doc_like(kind))
    assert digest.main([str(path), str(SAMPLE_TXT), "-f", "json", "--overview-only"]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {path}: {said.format(path=path)}\n"
    assert [row["error"] is None for row in json.loads(out)] == [False, True]


def test_the_command_quotes_a_name_with_spaces_and_says_file_for_standard_input(tmp_path, monkeypatch, capsys):
    path = tmp_path / "第 12 号 答复.doc"
    path.write_bytes(docmaker.letter_doc_like("doc"))
    digest.main([str(path)])
    assert capsys.readouterr().err.endswith(f"--convert-to docx '{path}'\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(docmaker.letter_doc_like("wps"))))
    digest.main(["-"])
    assert capsys.readouterr().err.endswith("--convert-to docx FILE\n")


@pytest.mark.parametrize("parts, said", [
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"},
     f"an OpenDocument text (.odt): {CONVERT}"),
    ({"notes.txt": "不是信"}, "a zip archive, not a letter"),
], ids=["odt", "zip"])
def test_other_zips_are_named_too(tmp_path, capsys, parts, said):
    path = tmp_path / "letter.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    assert digest.main([str(path)]) == 1
    assert capsys.readouterr().err == f"digest: error: {path}: {said.format(path=path)}\n"


# ── A Python that lacks a package (item 6) ────────────────────────────────────
# digest.py run as a script where importing the package fails, as it does where it is not installed;
# the reader processes, forked from it, lack it too.

LACKING = ("import runpy, sys\n"
           "for name in {names!r}: sys.modules[name] = None\n"          # import fails as where it is missing
           "sys.argv = {argv!r}\n"
           "runpy.run_path(sys.argv[0], run_name='__main__')\n")


@pytest.mark.parametrize("names, letter, options, said", [
    (["jieba"], SAMPLE_TXT, [], "{path}: needs jieba, which is not installed: pip install -r requirements.txt"),
    (["pdfplumber"], SAMPLE_PDF, [], "{path}: needs pdfplumber, which is not installed: pip install -r requirements.txt"),
    (["rich"], SAMPLE_TXT, ["-f", "table"], "needs rich, which is not installed: pip install -r requirements.txt"),
], ids=["jieba", "pdfplumber", "rich"])
def test_a_missing_package_is_one_line_naming_it_and_the_install_command(tmp_path, names, letter, options, said):
    runner = tmp_path / "lacking.py"
    runner.write_text(LACKING.format(names=names, argv=[str(SCRIPT), str(letter), *options]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(runner)], capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == f"digest: error: {said.format(path=letter)}\n"


# ── The sample letter in other formats: the same sections and claims as its text ──

NAMED_CLAIMS = {(2700, "P", "exact"), (20000, "P", "over"), (59, "P", "exact"), (1003, "个", "exact"), (70, "名", "exact")}


def outline_of(letter: digest.Letter) -> dict:
    """What must not change with the format: the header, the sections, and each claim read whole."""
    squeeze = lambda text: "".join((text or "").split())
    return {"meta": {key: squeeze(value) for key, value in dataclasses.asdict(letter.meta).items()},
            "sections": [(s.number, s.numeral, squeeze(s.heading)) for s in letter.sections],
            "claims": [(c.value, c.value_max, str(c.unit), c.qualifier, c.change, squeeze(c.subject), c.section)
                       for c in letter.claims]}


@functools.lru_cache(maxsize=None)
def as_text(name: str) -> dict:
    return outline_of(digest.digest(digest.load(str(SAMPLES / name))))


def whole_paragraphs(name: str) -> list[str]:
    """A sample's paragraphs as a person writes them in another format: whole, where the text
    sample was cut at a PDF's page breaks."""
    return list(digest.clean(digest.load(str(SAMPLES / name))))


# ── Markdown (item 4) ─────────────────────────────────────────────────────────

TOP = re.compile("^[一二三四五六七八九十]+、")


def markdown(paragraphs: list[str], heading: str, between: str) -> str:
    lines = [f"# {paragraphs[0]}"] + [heading.format(p) if TOP.match(p) else p for p in paragraphs[1:]]
    return between.join(lines) + "\n"


@pytest.mark.parametrize("heading, between", [("## {}", "\n\n"), ("**{}**", "\n"), ("### **{}**", "\n\n")],
                         ids=["atx-headings", "bold-headings", "bold-atx-headings"])
def test_a_markdown_letter_has_the_sections_and_claims_of_its_text(tmp_path, heading, between):
    path = tmp_path / "letter.md"
    path.write_text(markdown(whole_paragraphs("futian-2025134.txt"), heading, between), encoding="utf-8")
    document = digest.load(str(path))
    assert document.kind == "markdown" and as_text("futian-2025134.txt") == outline_of(digest.digest(document))


def test_markdown_on_standard_input_is_known_by_its_headings():
    text = markdown(whole_paragraphs("futian-2025134.txt"), "## {}", "\n\n")
    document = digest.load("-", stdin=io.BytesIO(text.encode("utf-8")))
    assert document.kind == "markdown" and len(digest.digest(document).sections) == 7


def test_numbered_markdown_headings_read_as_the_plain_texts():
    # 1. is an ordered list in Markdown, and a section marker in a letter that has no 一、.
    paragraphs = [TOP.sub(lambda found: f"{digest.chinese_value(found.group()[:-1])}. ", p) for p in
                  whole_paragraphs("futian-2025134.txt")]
    text = digest.digest(digest.Document("x.txt", "text", digest.text_pages("\n".join(paragraphs))))
    marked = markdown([p.replace("2700P", "**2700P**") for p in paragraphs], "{}", "\n\n")
    letter = digest.digest(digest.Document("x.md", "markdown", digest.markdown_pages(marked)))
    assert [s.marker for s in letter.sections] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert outline_of(letter) == outline_of(text)


# ── Web pages (item 1) ────────────────────────────────────────────────────────
# Each page in tests/pages holds a sample letter in a layout government sites use (README there).

PAGES = SAMPLES.parent / "tests" / "pages"


@pytest.mark.parametrize("page", sorted(path.name for path in PAGES.glob("*.html")))
def test_a_web_page_gives_the_digest_of_its_letters_text(page):
    document = digest.load(str(PAGES / page))
    assert document.kind == "html" and not document.notes
    assert outline_of(digest.digest(document)) == as_text(page.split(".")[0] + ".txt")


@pytest.mark.parametrize("page", ["futian-2025134.table.html", "futian-2025134.gb2312.html"])
def test_the_sample_letter_as_a_web_page_has_its_seven_sections_and_five_named_claims(page):
    letter = digest.digest(digest.load(str(PAGES / page)))
    assert len(letter.sections) == 7
    assert NAMED_CLAIMS <= {(claim.value, str(claim.unit), claim.qualifier) for claim in letter.claims}


def test_the_page_chrome_stays_out_of_the_letter():
    letter = digest.digest(digest.load(str(PAGES / "futian-2025134.table.html")))
    for chrome in ("浏览次数", "索引号", "分享到", "当前位置", "ICP备", "function", "相关链接"):
        assert chrome not in letter.body


def page(body: str, title: str = "关于第12号建议的答复_建议提案_某区人民政府") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/zwgk'>政务公开</a></div>{body}"
            "<div class='foot'>主办单位：某区人民政府办公室 网站标识码：4403040001</div></body></html>").encode("utf-8")


LETTER_DIV = ("<div id='zoom'><p>尊敬的张委员：</p><p>&emsp;&emsp;您提出的关于加快发展社区养老服务的建议收悉，现答复如下：</p>"
              "<p>一、加强保障</p><p>&emsp;&emsp;截至目前，全区已建成社区养老服务站 20 个，覆盖全部街道。</p>{table}"
              "<p>此函。</p><p style='text-align:right'>某区民政局<br>2025年3月1日</p></div><p>浏览次数：128</p>")


def test_the_pages_title_stands_in_when_the_letter_has_none(tmp_path):
    path = tmp_path / "letter.html"
    path.write_bytes(page(LETTER_DIV.format(table=""), title="某区民政局关于第12号建议的答复_建议提案_某区人民政府"))
    letter = digest.digest(digest.load(str(path)))
    assert letter.meta.title == "某区民政局关于第12号建议的答复" and letter.meta.proposal_no == "12"
    assert [claim.value for claim in letter.claims] == [20]             # 128 is the page's counter


def test_a_table_in_the_letter_comes_out_a_row_a_line(tmp_path):
    table = ("<table><tr><th>指标</th><th>2024年</th><th>2025年</th></tr>"
             "<tr><td>服务站（个）</td><td>12</td><td>20</td></tr></table>")
    path = tmp_path / "letter.htm"
    path.write_bytes(page(LETTER_DIV.format(table=table)))
    lines = [line.text for line in digest.load(str(path)).pages[0]]
    assert lines[lines.index("指标 2024年 2025年") + 1] == "服务站（个） 12 20"


def test_a_page_is_known_by_its_content_on_standard_input_and_a_fragment_by_its_name(tmp_path):
    document = digest.load("-", stdin=io.BytesIO(page(LETTER_DIV.format(table=""))))
    assert document.kind == "html" and document.title == "关于第12号建议的答复"
    fragment = tmp_path / "fragment.html"
    fragment.write_text(LETTER_DIV.format(table=""), encoding="gb18030")
    assert [claim.value for claim in digest.digest(digest.load(str(fragment))).claims] == [20]


def test_a_page_built_to_make_the_parser_work_without_end_fails_alone_at_the_time_limit(tmp_path, capsys):
    # Python's html.parser takes time quadratic in a run of "<!--" (minutes over a few hundred KB):
    # pages are read in reader processes, within the time limit.
    path = tmp_path / "comments.html"
    path.write_bytes(b"<html><body>" + b"<!--" * 200_000)
    assert digest.main([str(path), str(SAMPLE_TXT), "--limit", "seconds=0.5", "-f", "json", "--overview-only"]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {path}: took more than 0.5 s to read (limit seconds: raise it with --limit seconds=N)\n"
    assert [row["error"] is None for row in json.loads(out)] == [False, True]


# ── Word files (item 2) ───────────────────────────────────────────────────────
# tests/docmaker.py writes a letter as Word does: headings numbered by Word's automatic numbering
# (their text holds no 一、), a table of figures, a footer with the page number.

def word_file(tmp_path, name: str = "futian-2025134.txt", file: str = "letter.docx", **layout) -> str:
    path = tmp_path / file
    path.write_bytes(docmaker.letter_docx(whole_paragraphs(name), **layout))
    return str(path)


def test_the_sample_letter_as_a_word_file_has_the_sections_and_claims_of_its_text(tmp_path):
    document = digest.load(word_file(tmp_path))
    letter = digest.digest(document)
    assert document.kind == "docx" and len(letter.sections) == 7
    assert NAMED_CLAIMS <= {(claim.value, str(claim.unit), claim.qualifier) for claim in letter.claims}
    assert outline_of(letter) == as_text("futian-2025134.txt")


MARKER = re.compile("[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")


@pytest.mark.parametrize("numbering", [dict(number_suffix="nothing"), dict(number_suffix="tab"),
                                       dict(number_suffix="space"), dict(auto_numbering=False)],
                         ids=["auto-nothing", "auto-tab", "auto-space", "typed"])
def test_automatic_numbers_read_as_the_typed_ones_at_both_levels(tmp_path, numbering):
    # pudong numbers its sections 一、 and their parts （一）（二）, restarting in each section.
    document = digest.load(word_file(tmp_path, "pudong-2025-0356.txt", **numbering))
    markers = [found.group() for line in document.pages[0] if (found := MARKER.match(line.text))]
    assert markers[:5] == ["一、", "（一）", "（二）", "二、", "三、"]
    assert outline_of(digest.digest(document)) == as_text("pudong-2025-0356.txt")


def test_a_table_comes_out_a_row_a_line_where_it_stands(tmp_path):
    lines = [line.text for line in digest.load(word_file(tmp_path)).pages[0]]
    at = lines.index("指标 2024年 2025年")
    assert lines[at + 1] == "完成数量（个） 12 15" and lines[at - 2].startswith("七、")


def test_a_word_file_is_known_by_its_content(tmp_path):
    misnamed = word_file(tmp_path, file="letter.txt")
    assert digest.load(misnamed).kind == "docx"
    document = digest.load("-", stdin=io.BytesIO((tmp_path / "letter.txt").read_bytes()))
    assert document.kind == "docx" and len(digest.digest(document).sections) == 7


def rezipped(raw: bytes, **parts: bytes) -> bytes:
    """A Word file with some of its parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, parts.get(name.replace("/", "_").replace(".", "_"), source.read(name)))
    return out.getvalue()


@pytest.mark.parametrize("damage, said", [
    (lambda raw: raw[: len(raw) // 2], "a zip archive that cannot be opened (a Word file cut short?)"),
    (lambda raw: rezipped(raw, word_document_xml=b"<document><body><p></body></document>"),
     "not a readable Word file (mismatched tag: line 1, column"),
    (lambda raw: rezipped(raw, word_document_xml=b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><x>&lol;</x>'),
     "not a readable Word file (its XML declares entities)"),
    (lambda raw: rezipped(raw, word_document_xml=b"<x>" + b" " * 3_000_000 + b"</x>"),
     "inflates to more than 2 MB (limit inflated: raise it with --limit inflated=N)"),
], ids=["cut-short", "broken-xml", "entities", "inflates"])
def test_a_damaged_or_hostile_word_file_is_one_line(tmp_path, capsys, damage, said):
    path = tmp_path / "letter.docx"
    path.write_bytes(damage(docmaker.letter_docx(whole_paragraphs("futian-2025134.txt"))))
    assert digest.main([str(path), str(SAMPLE_TXT), "--limit", "inflated=2", "-f", "json", "--overview-only"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"digest: error: {path}: {said}") and err.count("\n") == 1
    assert [row["error"] is None for row in json.loads(out)] == [False, True]


# ── Directories ───────────────────────────────────────────────────────────────

def test_a_directory_picks_up_web_pages_and_word_files_too(tmp_path, run_main):
    (tmp_path / "a.txt").write_bytes(SAMPLE_TXT.read_bytes())
    (tmp_path / "b.html").write_bytes((PAGES / "futian-2025134.table.html").read_bytes())
    (tmp_path / "c.htm").write_bytes((PAGES / "futian-2025134.gb2312.html").read_bytes())
    word_file(tmp_path, file="d.docx")
    (tmp_path / "e.png").write_bytes(b"\x89PNG\r\n\x1a\n")            # a picture in the folder is no letter
    rows = overview(run_main(str(tmp_path), "-f", "json", "--overview-only"))
    assert [(os.path.basename(row["source"]), row["sections"], row["claims"]) for row in rows] == [
        (name, *counted()) for name in ("a.txt", "b.html", "c.htm", "d.docx")]


# ── Scans and photos, read by OCR (item 3) ────────────────────────────────────
# tests/scanmaker.py makes a scan of a PDF as a scanner would: page images with noise, a slight
# rotation and a red seal over the signature. Real OCR runs on two letters only (a few seconds a
# page); the reader machinery around it is tested with a stand-in for the engine.

needs_ocr = pytest.mark.skipif(not digest.ocr_installed(), reason="needs rapidocr-onnxruntime (requirements-ocr.txt)")
SHORT_LETTER = ["关于第12号建议的答复", "尊敬的张委员：", "现答复如下：", "一、加强保障",
                "全区建成养老服务站一百二十余家，投入资金 1.2 亿元。", "此函。", "某某区民政局", "2025年3月1日"]


@pytest.fixture(scope="session")
def futian_scan(tmp_path_factory):
    path = tmp_path_factory.mktemp("scans") / "futian-2025134.scan.pdf"
    path.write_bytes(scanmaker.scanned_letter(SAMPLE_PDF.read_bytes(), dpi=150, seed=0))
    return path


@needs_ocr
def test_the_sample_letter_scanned_reads_by_ocr_like_its_text(futian_scan):
    steps = digest.ProgressBar(1)
    [document] = digest.load_all([str(futian_scan)], None, 2, digest.Limits(), steps)
    letter = digest.digest(document)
    assert document.scanned == (1, 2, 3, 4) and (steps.pages, steps.done) == (4, 4)
    assert len(letter.sections) == 7
    assert NAMED_CLAIMS <= {(claim.value, str(claim.unit), claim.qualifier) for claim in letter.claims}
    assert outline_of(letter) == as_text("futian-2025134.txt")      # every claim: recall and precision 1
    assert letter.warnings[0] == "read by OCR (pages 1–4): check its figures against the scan"


@needs_ocr
@pytest.mark.parametrize("kind", ["PNG", "JPEG", "TIFF"])
def test_a_photo_or_a_scan_sent_as_an_image_is_read_by_ocr(tmp_path, kind):
    path = tmp_path / f"letter.{kind.lower()}"
    path.write_bytes(scanmaker.scanned_image(pdfmaker.letter_pdf(SHORT_LETTER), fmt=kind, dpi=100, seed=1))
    [document] = digest.load_all([str(path)], None, 1)
    letter = digest.digest(document)
    assert document.kind == "image" and [s.heading for s in letter.sections] == ["加强保障"]
    assert [(claim.value, str(claim.unit)) for claim in letter.claims] == [(120, "家"), (1.2, "亿元")]
    assert (letter.meta.sender, letter.meta.date) == ("某某区民政局", "2025-03-01")


def image_pdf(pages: int) -> bytes:
    """A PDF of images only, as a scanner writes one (what the images show does not matter here)."""
    from PIL import Image, ImageDraw
    images = []
    for k in range(pages):
        image = Image.new("RGB", (300, 420), "white")
        ImageDraw.Draw(image).rectangle([40, 40 + 20 * k, 260, 60 + 20 * k], fill="black")
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()


def page_by_pid(path, raw, number, *rest):
    """A stand-in for the OCR engine: the page's number and the process that read it."""
    if number == 3 and "stuck" in path:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})     # as a long call into C would
        time.sleep(60)
    time.sleep(0.2)
    return (digest.Line(f"第{number}页由{os.getpid()}读出。", 80, 500, 16),)


def test_jobs_spread_a_scans_pages_over_the_readers(tmp_path, monkeypatch):
    monkeypatch.setattr(digest, "ocr_installed", lambda: True)
    monkeypatch.setattr(digest, "ocr_page", page_by_pid)
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(4))
    steps = digest.ProgressBar(1)
    [document] = digest.load_all([str(path)], None, 2, digest.Limits(), steps)
    lines = [page[0].text for page in document.pages]
    assert [line[:3] for line in lines] == ["第1页", "第2页", "第3页", "第4页"]
    readers = {line[4:-3] for line in lines}
    assert len(readers) == 2 and str(os.getpid()) not in readers
    assert (steps.total, steps.pages, steps.done) == (5, 4, 4)


def test_a_page_over_the_time_limit_fails_its_letter_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(digest, "ocr_installed", lambda: True)
    monkeypatch.setattr(digest, "ocr_page", page_by_pid)
    (tmp_path / "stuck.pdf").write_bytes(image_pdf(4))
    (tmp_path / "good.pdf").write_bytes(image_pdf(1))
    documents = list(digest.load_all([str(tmp_path / "stuck.pdf"), str(tmp_path / "good.pdf")], None, 2,
                                     digest.Limits(seconds=1)))
    assert documents[0].reason == "page 3: took more than 1 s to read (limit seconds: raise it with --limit seconds=N)"
    assert documents[1].scanned == (1,)


def mixed_pdf() -> bytes:
    """The short letter typeset on its first page, and a scanned attachment after it."""
    import pypdf
    writer = pypdf.PdfWriter()
    for raw in (pdfmaker.letter_pdf(SHORT_LETTER), image_pdf(1)):
        writer.append(pypdf.PdfReader(io.BytesIO(raw)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_png() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("make, said", [
    (lambda: image_pdf(2), "no text layer (a scan): {}"),
    (blank_png, "an image (a scan or a photo): {}"),
], ids=["scanned-pdf", "image"])
def test_without_the_ocr_package_a_scan_is_one_line_naming_it(tmp_path, monkeypatch, make, said):
    monkeypatch.setattr(digest, "ocr_installed", lambda: False)
    path = tmp_path / "scan"
    path.write_bytes(make())
    with pytest.raises(digest.DigestError) as error:
        digest.load(str(path))
    assert error.value.reason == said.format(
        "reading it needs the optional OCR package rapidocr-onnxruntime: pip install -r requirements-ocr.txt")


def test_without_the_ocr_package_the_text_pages_are_digested_and_the_scanned_ones_named(tmp_path, monkeypatch):
    monkeypatch.setattr(digest, "ocr_installed", lambda: False)
    path = tmp_path / "letter.pdf"
    path.write_bytes(mixed_pdf())
    letter = digest.digest(digest.load(str(path)))
    assert [claim.value for claim in letter.claims] == [120, 1.2]
    assert letter.warnings[0] == ("page 2 without a text layer (a scan) not read: reading it needs the optional "
                                  "OCR package rapidocr-onnxruntime: pip install -r requirements-ocr.txt")


def test_a_python_without_the_ocr_package_says_how_to_install_it(tmp_path):
    scan, runner = tmp_path / "scan.pdf", tmp_path / "lacking.py"
    scan.write_bytes(image_pdf(1))
    runner.write_text(LACKING.format(names=["rapidocr_onnxruntime"], argv=[str(SCRIPT), str(scan)]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(runner)], capture_output=True, timeout=120)
    assert result.returncode == 1 and result.stderr.decode("utf-8") == (
        f"digest: error: {scan}: no text layer (a scan): reading it needs the optional OCR package "
        "rapidocr-onnxruntime: pip install -r requirements-ocr.txt\n")


def test_the_progress_bar_shows_a_single_scan_page_by_page(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr(sys, "stderr", Terminal())
    with digest.progress_bar(1) as steps:
        assert sys.stderr.getvalue() == ""                  # one letter: no bar
        steps.expect(4)                                    # a scan of four pages: seconds each
        steps.advance()                                    # its first page read: 1 of 5 steps
    shown = sys.stderr.getvalue()
    assert "digesting" in shown and " 20%" in shown and shown.endswith("\x1b[2K")    # cleared at the end


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG image of that size: enough to know its size, not to draw it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_an_image_too_large_to_read_is_refused_unread(tmp_path, capsys):
    path = tmp_path / "huge.png"
    path.write_bytes(png_header(12_000, 12_000))
    assert digest.main([str(path), "-j", "1"]) == 1
    assert capsys.readouterr().err == f"digest: error: {path}: an image of 12000 × 12000 pixels, too large to read\n"


def test_a_multipage_tiff_is_a_page_a_frame(tmp_path, monkeypatch):
    from PIL import Image
    monkeypatch.setattr(digest, "ocr_installed", lambda: True)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "TIFF", save_all=True, append_images=[Image.new("RGB", (60, 80))])
    document = digest.document_of("scan.tif", buffer.getvalue())
    assert (document.kind, document.unread, len(document.pages)) == ("image", (1, 2), 2)
