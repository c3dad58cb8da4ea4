"""Reading: encodings detected, PDFs recognised by content, standard input, and hostile input —
scans, encrypted and corrupt PDFs, garbage, wrong names, traditional characters, pathological lines."""

import gc
import io
import os
import re

import pytest

from conftest import SAMPLES, digest, hard_wrap, summary
from pdfmaker import encrypted, letter_pdf, scanned_pdf

LETTER = "关于第12号建议的答复\n尊敬的张委员：\n现答复如下：\n一、加强保障\n全区建成养老服务站一百二十余家，投入资金 1.2 亿元。\n此函。\n某某区民政局\n2025年3月1日\n"


TRADITIONAL = "關於第12號建議的答覆\n尊敬的張委員：\n現答覆如下：\n一、加強保障\n全區建成養老服務站一百二十餘家，投入資金 1.2 億元。\n此函。\n某某區民政局\n2025年3月1日\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5"],
                         ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "gbk", "big5"])
def test_decode_detects_the_encoding(encoding):
    text = LETTER if encoding != "big5" else TRADITIONAL
    assert digest.decode(text.encode(encoding), "letter.txt") == (text, ())


def test_decode_utf16_without_bom():
    assert digest.decode(LETTER.encode("utf-16-le"), "x.txt") == (LETTER, ())


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


# ── Hostile input ──────────────────────────────────────────────────────────────

PARAGRAPHS = [line for line in LETTER.splitlines() if line]


def load_bytes(tmp_path, raw: bytes, name: str = "letter.pdf", password=None) -> digest.Document:
    path = tmp_path / name
    path.write_bytes(raw)
    return digest.load(str(path), password)


def test_scanned_pdf_says_to_run_ocr(tmp_path):
    with pytest.raises(digest.DigestError) as error:
        load_bytes(tmp_path, scanned_pdf())
    assert error.value.reason == "no text layer (scanned PDF?) — run OCR first, e.g. ocrmypdf"


def test_encrypted_pdf_with_an_empty_user_password_opens(tmp_path):
    document = load_bytes(tmp_path, encrypted(letter_pdf(PARAGRAPHS), ""))
    assert digest.digest(document).claims[0].value == 120


def test_encrypted_pdf_asks_for_password_then_opens_with_it(tmp_path):
    raw = encrypted(letter_pdf(PARAGRAPHS), "secret")
    with pytest.raises(digest.DigestError, match="--password"):
        load_bytes(tmp_path, raw)
    with pytest.raises(digest.DigestError, match="password is wrong"):
        load_bytes(tmp_path, raw, password="guess")
    assert digest.digest(load_bytes(tmp_path, raw, password="secret")).meta.date == "2025-03-01"


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],
    lambda raw: raw[:400] + bytes(range(256)) * 4,
    lambda raw: b"%PDF-1.7\n",
], ids=["truncated", "garbled", "header-only"])
def test_corrupt_pdf_is_a_one_line_error(tmp_path, damage):
    raw = damage((SAMPLES / "futian-2025134.pdf").read_bytes())
    with pytest.raises(digest.DigestError) as error:
        load_bytes(tmp_path, raw)
    assert "\n" not in error.value.reason


def test_the_garbage_collector_rests_while_a_run_reads_a_pdf_and_only_then(tmp_path, monkeypatch):
    seen, read_page = [], digest.pdf_lines
    monkeypatch.setattr(digest, "pdf_lines", lambda page, path: seen.append(gc.isenabled()) or read_page(page, path))
    load_bytes(tmp_path, (SAMPLES / "futian-2025134.pdf").read_bytes())
    assert seen == [True] * 4                       # a program that imports digest keeps its collector
    seen.clear()
    with digest.tuned_process("json"):              # the command line's run
        load_bytes(tmp_path, (SAMPLES / "futian-2025134.pdf").read_bytes())
        assert seen == [False] * 4 and gc.isenabled()
        with pytest.raises(digest.DigestError):
            load_bytes(tmp_path, b"%PDF-1.7\n")
        assert gc.isenabled()


def test_pdf_named_file_holding_text_is_read_as_text_with_a_warning(tmp_path):
    document = load_bytes(tmp_path, LETTER.encode("utf-8"), name="letter.pdf")
    letter = digest.digest(document)
    assert document.kind == "text" and letter.meta.date == "2025-03-01"
    assert any("holds text" in warning for warning in letter.warnings)


def test_permission_denied_is_reported(monkeypatch, tmp_path):
    # The suite may run as root, who reads everything: the refusal is simulated.
    path = tmp_path / "secret.txt"
    path.write_text(LETTER, encoding="utf-8")
    refuse = lambda *args, **kwargs: (_ for _ in ()).throw(PermissionError(13, "denied"))
    monkeypatch.setattr(digest, "open", refuse, raising=False)          # digest's own open, not the builtin
    with pytest.raises(digest.DigestError, match="permission denied"):
        digest.load(str(path))


@pytest.mark.parametrize("raw", [bytes(range(256)) * 64, b"\x89PNG\r\n\x1a\n" + bytes(4000), b"\x00" * 1000],
                         ids=["bytes", "png", "zeros"])
def test_binary_garbage_is_a_one_line_error(tmp_path, raw):
    with pytest.raises(digest.DigestError):
        load_bytes(tmp_path, raw, name="junk.txt")


def sample_variants() -> dict[str, bytes]:
    text = (SAMPLES / "futian-2025134.txt").read_text(encoding="utf-8")
    full_width = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789P"})
    return {
        "utf-8-bom": text.encode("utf-8-sig"),
        "utf-16": text.encode("utf-16"),
        "utf-16-le-no-bom": text.encode("utf-16-le"),
        "gb18030": text.encode("gb18030"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "full-width": full_width.encode("utf-8"),
        "hard-wrapped": hard_wrap([p.strip() for p in text.splitlines() if p.strip()], 24, 20, "— {} —").encode("utf-8"),
    }


@pytest.mark.parametrize("variant", list(sample_variants()))
def test_encodings_and_line_ends_give_the_same_digest(tmp_path, futian, variant):
    letter = digest.digest(load_bytes(tmp_path, sample_variants()[variant], name="letter.txt"))
    expected, got = summary(digest.letter_dict(futian["txt"])), summary(digest.letter_dict(letter))
    strip = lambda record: [{**c, "text": c["text"].replace(" ", "")} for c in record["claims"]]
    assert got["sections"] == expected["sections"] and got["meta"] == expected["meta"]
    assert strip(got) == strip(expected)


TRADITIONAL_LETTER = """關於區政協第0356號提案的答覆
尊敬的王建國委員：
您提出的《關於加快發展普惠性托育服務的提案》收悉，現答覆如下：
一、擴大托育資源供給
截至2025年6月底，全區共有托育機構一百八十六家，提供托位約1.1萬個，其中普惠性托位不少於6000個。
二、加強服務質量監管
全年檢查不少於兩次，累計培訓保育人員3200餘人次，家長滿意度達98.5%以上。
三、加大政策支持力度
2024年共發放運營補貼2,350萬元，單個機構補貼最高不超過壹佰萬元。
下一步，我委將繼續推動托育服務發展。
感謝您對衛生健康工作的關心和支持！
上海市浦東新區衛生健康委員會
2025年7月10日
"""


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_traditional_letter_is_digested_like_a_simplified_one(tmp_path, encoding):
    letter = digest.digest(load_bytes(tmp_path, TRADITIONAL_LETTER.encode(encoding), name="letter.txt"))
    assert letter.meta.addressee == "王建國委員" and letter.meta.proposal_no == "0356"
    assert letter.meta.sender == "上海市浦東新區衛生健康委員會" and letter.meta.date == "2025-07-10"
    assert [s.heading for s in letter.sections] == ["擴大托育資源供給", "加強服務質量監管", "加大政策支持力度"]
    assert letter.closing.startswith("下一步")
    assert [(c.value, str(c.unit), c.qualifier, c.section) for c in letter.claims] == [
        (186, "家", "exact", 1), (1.1, "万个", "about", 1), (6000, "个", "at_least", 1),
        (2, "次", "at_least", 2), (3200, "人次", "over", 2), (98.5, "%", "over", 2),
        (2350, "万元", "exact", 3), (100, "万元", "at_most", 3)]
    assert letter.claims[0].text == "一百八十六家" and letter.claims[0].subject == "托育機構"


@pytest.mark.parametrize("text", [
    "This is an English web page.\nIt has 3 paragraphs and 45% of nothing.\n",
    "年份\t数量\t金额\n2023\t12\t340\n2024\t15\t410\n",
], ids=["english", "table-of-numbers"])
def test_something_that_is_not_a_letter_is_digested_with_a_warning(text):
    letter = digest.digest(digest.Document("x.txt", "text", digest.text_pages(text)))
    assert any("does not look like a reply letter" in warning for warning in letter.warnings)


@pytest.mark.parametrize("line", [
    "1" * 200_000, "a" * 200_000, "一二三" * 70_000, "建设" * 100_000, "a1" * 100_000, "第" * 100_000 + "号",
    ("超 3 个" * 30_000), "《" * 100_000, "“" + "3" * 100_000, "每人" * 50_000, "（" + " " * 100_000,
], ids=["digits", "letters", "numerals", "cjk", "letters-digits", "ordinals", "many-claims", "brackets", "quote",
        "rates", "spaces"])
def test_pathological_long_lines_are_digested_whole(line):
    letter = digest.digest(digest.Document("x.txt", "text", digest.text_pages("尊敬的王委员：\n" + line)))
    assert re.sub(r"\s", "", letter.body) == re.sub(r"\s", "", "尊敬的王委员：" + line)


def test_text_drawn_twice_for_bold_is_read_once(tmp_path):
    letter = digest.digest(load_bytes(tmp_path, letter_pdf(PARAGRAPHS, fake_bold=True)))
    assert [s.heading for s in letter.sections] == ["加强保障"]
    assert [(c.value, str(c.unit)) for c in letter.claims] == [(120, "家"), (1.2, "亿元")]


def reported_niceness(path, password, *limits_and_bytes):
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_pdf_workers_yield_the_cpu_to_the_process_that_digests(tmp_path, monkeypatch):
    # That process is the critical path; a worker taking its core makes every letter wait.
    pdfs = []
    for k in range(2):
        (tmp_path / f"{k}.pdf").write_bytes(letter_pdf(LETTER.splitlines()))
        pdfs.append(str(tmp_path / f"{k}.pdf"))
    monkeypatch.setattr(digest, "load_or_error", reported_niceness)
    assert [niceness > os.nice(0) for niceness in digest.load_all(pdfs, None, jobs=2)] == [True, True]
