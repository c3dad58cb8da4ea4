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
import time
import unicodedata
from pathlib import Path

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


# ── Linear time for every pattern (item 8) ────────────────────────────────────
# Every compiled pattern of the module (tuples of them too) runs over texts built to make a
# backtracking pattern blow up: each literal word of the pattern followed by a long run of one
# filler. At two run lengths, eight times apart, a linear pattern takes about 8 × as long, a
# quadratic one 64 ×. The word before a run is what makes a pattern try hard: 60,000 digits
# after 编号第 took PROPOSAL_NO 27 s. A pattern that digest.py only ever matches where it
# stands (RANGE_TO.match(text, end)) is timed that way, at the start of each word and run;
# any other is searched through the whole text, as finditer, sub and split do.

FILLERS = ["1", "12,", "1.", "一", "十", "两", " ", "\u2009", "\u3000", "\t", "a", "A1", "-", "—", "建设",
           "《", "“", "（", "(", "：", "\n", "每", "第", "年", "%", "个", "万", "号"]
RUN, GROWTH = 200, 8                 # the shorter run, and how many times longer the other is
MAX_WORDS = 24                       # literal words of a pattern tried (patterns of units have hundreds)
SLOW = 0.005                         # seconds: below this the longer text took too little time to judge
END_OF_RUN = "☃"                     # ends a run without completing a match (第111… then 号 would)
SOURCE = Path(digest.__file__).read_text(encoding="utf-8")


def module_patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for name, value in vars(digest).items():
        if isinstance(value, re.Pattern):
            found.append((name, value))
        elif isinstance(value, tuple) and value and all(isinstance(item, re.Pattern) for item in value):
            found += [(f"{name}[{k}]", item) for k, item in enumerate(value)]
    return found


def only_anchored(name: str) -> bool:
    """Does digest.py only ever match this pattern where it stands (NAME.match, NAME.fullmatch)?"""
    base = name.split("[")[0]
    uses = re.findall(rf"\b{base}\b(\.\w+\()?", SOURCE)
    return all(use in (".match(", ".fullmatch(", ".pattern") for use in uses[1:])    # uses[0] defines it


def literal_words(pattern: re.Pattern) -> list[str]:
    words = sorted(set(re.findall(f"[{digest.CJK}〔〕［］《》“”（）：，。、；]+", pattern.pattern)))
    return [""] + words[::max(1, len(words) // MAX_WORDS)][:MAX_WORDS]


def scan_time(scan, text: str, starts: list[int], rounds: int = 2) -> float:
    best = float("inf")
    for _ in range(rounds):
        begin = time.perf_counter()
        scan(text, starts)
        best = min(best, time.perf_counter() - begin)
    return best


def searched(pattern: re.Pattern):
    def scan(text: str, starts: list[int]) -> None:
        for _ in pattern.finditer(text):
            pass
    return scan


def matched(pattern: re.Pattern):
    def scan(text: str, starts: list[int]) -> None:
        for start in starts:
            pattern.match(text, start)
            pattern.fullmatch(text, start)
    return scan


def test_there_are_patterns_to_scan():
    names = [name for name, _ in module_patterns()]
    assert {"CLAIM", "DATE", "PROPOSAL_NO[0]", "NON_CLAIM_SPANS[0]"} <= set(names) and len(names) > 30
    assert only_anchored("RANGE_TO") and not only_anchored("CLAIM") and not only_anchored("PROPOSAL_NO[0]")


@pytest.mark.parametrize("name, pattern", module_patterns(), ids=[name for name, _ in module_patterns()])
def test_every_module_pattern_runs_in_linear_time(name, pattern):
    words, scan = literal_words(pattern), (matched if only_anchored(name) else searched)(pattern)
    quadratic = []
    for filler in FILLERS:
        times = []
        for run in (RUN, RUN * GROWTH):
            text, starts = "", []
            for word in words:
                starts += [len(text), len(text) + len(word)]
                text += word + filler * run + END_OF_RUN
            times.append(scan_time(scan, text, starts))
        short, long = times
        if long > SLOW and long > 3 * GROWTH * short:
            quadratic.append(f"{filler!r}: {short * 1000:.1f} ms → {long * 1000:.1f} ms")
    assert quadratic == []
