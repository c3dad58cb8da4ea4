"""Reading: encodings detected, PDFs recognised by content, standard input, unreadable inputs refused."""

import io

import pytest

from conftest import SAMPLES, digest
from pdfmaker import letter_pdf

LETTER = "关于第12号建议的答复\n尊敬的张委员：\n现答复如下：\n一、加强保障\n全区建成养老服务站一百二十余家，投入资金 1.2 亿元。\n此函。\n某某区民政局\n2025年3月1日\n"


TRADITIONAL = "關於第12號建議的答覆\n尊敬的張委員：\n現答覆如下：\n一、加強保障\n全區建成養老服務站一百二十餘家，投入資金 1.2 億元。\n此函。\n某某區民政局\n2025年3月1日\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5"],
                         ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "gbk", "big5"])
def test_decode_detects_the_encoding(encoding):
    text = LETTER if encoding != "big5" else TRADITIONAL
    assert digest.decode(text.encode(encoding), "letter.txt") == text


def test_decode_utf16_without_bom():
    assert digest.decode(LETTER.encode("utf-16-le"), "x.txt") == LETTER


def test_binary_garbage_is_refused():
    with pytest.raises(digest.DigestError, match="binary"):
        digest.decode(bytes(range(256)) * 40, "junk.bin")


def test_load_reads_standard_input():
    document = digest.load("-", stdin=io.BytesIO(LETTER.encode("gb18030")))
    assert document.kind == "text"
    assert any("一百二十余家" in line.text for page in document.pages for line in page)


def test_form_feeds_separate_pages():
    pages = digest.text_pages("第一页\n正文\f第二页")
    assert [[line.text for line in page] for page in pages] == [["第一页", "正文"], ["第二页"]]


def test_pdf_is_recognised_by_content_not_name(tmp_path):
    paragraphs = [line for line in LETTER.splitlines() if line]
    misnamed = tmp_path / "letter.txt"
    misnamed.write_bytes(letter_pdf(paragraphs))
    document = digest.load(str(misnamed))
    assert document.kind == "pdf"
    assert any("is a PDF" in note for note in document.notes)


def test_pdf_lines_keep_their_geometry():
    document = digest.load(str(SAMPLES / "futian-2025134.pdf"))
    first_body_line = next(line for page in document.pages for line in page if line.text.startswith("区政协会议"))
    assert first_body_line.x0 > 100 and first_body_line.size == pytest.approx(16, abs=0.5)


@pytest.mark.parametrize("make, reason", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "empty.txt", (d / "empty.txt").write_bytes(b""))[0], "empty"),
    (lambda d: (d / "blank.txt", (d / "blank.txt").write_bytes(b" \n\r\n\t"))[0], "empty"),
], ids=["missing", "directory", "empty", "blank"])
def test_unreadable_inputs_raise_digest_error(tmp_path, make, reason):
    with pytest.raises(digest.DigestError, match=reason):
        digest.load(str(make(tmp_path)))
