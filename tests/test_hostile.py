"""Hostile input (issue 10): nothing from a letter reaches the terminal, nothing hangs or eats the
machine, nothing is silently wrong. The corpus is generated here (tests/hostile.py writes the PDFs
byte by byte); a seeded fuzz of mutated PDFs runs in CI (DIGEST_FUZZ=2000 for a longer run)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import unicodedata

import pytest

from conftest import SCRIPT, digest, digest_text

# ── Terminal escapes and rich markup (items 1, 2) ─────────────────────────────

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[6n\x9b31m"
MARKUP = r"\[link=evil.example/提案]提案\[/link][conceal]藏[/conceal][/red]"     # no colon: a heading ends at one
HOSTILE_LETTER = (f"关于第12号建议的答复\n尊敬的张委员：\n现答复如下：\n一、加强保障{MARKUP}{ESCAPES}\n"
                  "全区建成养老服务站 20\u200c000 个，\u202e投入资金 1.2 亿元，覆盖 3\u00ad000 户。\n"
                  f"此函。\n某某区民政局\u2066{ESCAPES}\n2025年3月1日\n")
SGR = re.compile(r"\x1b\[[0-9;]*m")          # colour, which a coloured table writes itself


def acting_characters(text: str) -> list[str]:
    """What a terminal would act on: control characters other than a newline, format characters."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@pytest.fixture
def hostile_path(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(HOSTILE_LETTER, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_no_format_lets_a_letter_act_on_the_terminal(hostile_path, fmt, capsys):
    assert digest.main([hostile_path, "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert acting_characters(out) == []
    if fmt != "json":
        assert "某某区民政局␛]0;pwned␇␛[2J␛[6n\\u009b31m" in out        # shown, and inert


def test_json_escapes_what_it_keeps(hostile_path, capsys):
    digest.main([hostile_path, "-f", "json"])
    record = json.loads(capsys.readouterr().out)
    section = record["sections"][0]
    assert (section["heading"] + section["text"]).startswith(f"加强保障{MARKUP}{ESCAPES}")     # nothing lost
    assert record["meta"]["sender"] == f"某某区民政局{ESCAPES}"


def test_a_coloured_table_writes_only_its_own_colours(hostile_path):
    letter = digest.digest(digest.load(hostile_path))
    out = digest.render("table", [letter, letter], color=True)
    assert acting_characters(SGR.sub("", out)) == []


def test_letter_text_reaches_rich_as_text_not_markup(hostile_path):
    letter = digest.digest(digest.load(hostile_path))
    out = digest.render("table", [letter], width=400)       # [/red] alone would raise MarkupError
    assert MARKUP in out


def test_characters_that_split_a_figure_or_hide_it_are_removed_in_cleaning(hostile_path):
    letter = digest.digest(digest.load(hostile_path))
    assert [(claim.value, claim.unit) for claim in letter.claims] == [(20000, "个"), (1.2, "亿元"), (3000, "户")]


def test_a_file_name_is_one_printable_line_on_stderr(tmp_path, capsys):
    forged = tmp_path / "a\ndigest: error: forged\x1b[2J.txt"
    assert digest.main([str(forged)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and acting_characters(err) == []
    assert "a␊digest: error: forged␛[2J.txt: no such file" in err


def test_every_character_that_acts_on_a_terminal_is_made_printable():
    acting = [chr(code) for code in range(0x110000)
              if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp", "Cs") and chr(code) != "\n"]
    shown = digest.printable("".join(acting) + "\n")
    assert acting_characters(shown) == [] and "\n" not in shown
    assert digest.printable(shown) == shown


def test_the_terminal_sees_no_escape_but_the_tables_colours(hostile_path):
    parent, child = pty.openpty()
    process = subprocess.Popen([sys.executable, str(SCRIPT), hostile_path], stdout=child, stderr=child,
                               env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"})
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:                 # the terminal's other end closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8")
    assert "加强保障" in text and acting_characters(SGR.sub("", text).replace("\r", "")) == []


# ── Silently wrong text (item 6) ──────────────────────────────────────────────

LETTER = "关于第12号建议的答复\n尊敬的张委员：\n现答复如下：\n一、加强保障\n全区建成养老服务站一百二十余家，投入资金 1.2 亿元。\n此函。\n某某区民政局\n2025年3月1日\n"


BETWEEN = len(LETTER[:20].encode("utf-8"))      # between two characters of line 3


@pytest.mark.parametrize("damage, line", [
    (lambda raw: raw[:BETWEEN] + b"\xff" + raw[BETWEEN:], 3),         # odd length: once refused as binary
    (lambda raw: raw[:BETWEEN] + b"\xff\xfe" + raw[BETWEEN:], 3),     # even: once read as UTF-16
    (lambda raw: raw + "谢".encode("utf-8")[:2], 9),                   # a last character cut in half
], ids=["stray-byte", "stray-pair", "cut-last-character"])
def test_mostly_utf8_is_utf8_with_its_bad_bytes_replaced_and_named(damage, line):
    text, notes = digest.decode(damage(LETTER.encode("utf-8")), "letter.txt")
    assert text.replace("\ufffd", "") == LETTER and text.count("\ufffd") >= 1
    assert len(notes) == 1 and f"(line {line})" in notes[0] and "not UTF-8" in notes[0]


def test_a_utf8_bom_on_a_gbk_body_reads_the_body_as_gbk_and_says_so():
    text, notes = digest.decode(b"\xef\xbb\xbf" + LETTER.encode("gbk"), "letter.txt")
    assert text == LETTER and "byte-order mark" in notes[0]


def test_the_warning_reaches_the_digest(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.encode("utf-8")[:-3] + b"\xe6\x97")
    letter = digest.digest(digest.load(str(path)))
    assert letter.meta.addressee == "张委员" and any("not UTF-8" in warning for warning in letter.warnings)
