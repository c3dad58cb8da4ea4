"""Rendering: each format says the same digest; Markdown and piped tables are clean; JSON keys hold;
JSON Lines and CSV for other tools; the terminal's table at every width; letters written as they come."""

import csv
import io
import json
import re

import pytest
from rich.cells import cell_len

from conftest import SAMPLES, digest, digest_text

ANSI = re.compile(r"\x1b\[")
BOX = re.compile("[─│┌┐└┘├┤┬┴┼━┃╭╮╰╯]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
MISSING = digest.DigestError("missing.txt", "no such file")
BARE = ("尊敬的王委员：\n感谢您对民政工作的关心和支持。我局将认真研究您提出的意见，进一步改进工作。\n"
        "此函。\n某某区民政局\n2025年1月2日\n")                     # no sections, no claims


@pytest.fixture(scope="module")
def letters():
    """Every sample letter digested: titles, senders, headings and file names of every length."""
    return [digest.digest(digest.load(str(path))) for path in sorted(SAMPLES.iterdir()) if path.suffix == ".txt"]


def test_json_has_the_contract_keys(futian):
    record = json.loads(digest.render("json", [futian["txt"]]))
    assert set(record) >= {"source", "meta", "opening", "sections", "closing", "claims", "warnings"}
    assert set(record["meta"]) >= {"title", "proposal_no", "proposal_title", "addressee", "sender", "date"}
    section = record["sections"][1]
    assert set(section) >= {"number", "numeral", "heading", "text", "keywords", "claims"}
    assert (section["number"], section["numeral"]) == (2, "二") and 3 <= len(section["keywords"]) <= 5
    claim = next(c for c in record["claims"] if c["value"] == 20000)
    assert claim == {**claim, "unit": "P", "qualifier": "over", "subject": "可调用算力资源", "section": 2,
                     "text": "超 20000P", "as_of": None}
    assert "20000P" in claim["sentence"]


def test_json_is_utf8_with_chinese_unescaped_and_an_array_for_several(futian):
    text = digest.render("json", [futian["txt"], futian["pdf"]])
    assert "本地部署算力" in text and "\\u" not in text
    assert isinstance(json.loads(text), list)


def test_json_keeps_its_contract_an_object_for_one_input_an_array_for_a_batch(futian):
    assert json.loads(digest.render("json", [futian["txt"]]))["source"].endswith(".txt")
    assert [r["source"] for r in json.loads(digest.render("json", [MISSING, futian["txt"]]))] == [futian["txt"].source]
    assert json.loads(digest.render("json", [MISSING, MISSING])) == []
    assert digest.render("json", [MISSING]) == ""           # standard error names it; JSON Lines always says


def test_json_values_are_numbers(futian):
    record = json.loads(digest.render("json", [futian["pdf"]]))
    assert all(isinstance(c["value"], (int, float)) for c in record["claims"])
    assert {c["value"] for c in record["claims"]} >= {2700, 0.37, 99.99}


def test_json_lines_is_a_line_for_every_letter_failures_too(futian):
    lines = digest.render("jsonl", [futian["txt"], MISSING, futian["pdf"]]).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [futian["txt"].source, "missing.txt", futian["pdf"].source]
    assert records[1] == {"source": "missing.txt", "error": "no such file"}
    assert records[0] == json.loads(digest.render("json", [futian["txt"]]))
    rows = [json.loads(line) for line in digest.render("jsonl", [futian["txt"], MISSING], overview="only").splitlines()]
    assert [(row["claims"], row["error"]) for row in rows] == [(len(futian["txt"].claims), None), (None, "no such file")]


def test_json_lines_never_breaks_a_line_inside_a_value():
    letter = digest_text(BARE.replace("关心", "关\u2028心\u0085"))
    (line,) = digest.render("jsonl", [letter]).splitlines()     # splitlines splits at U+2028 and NEL too
    assert "关\u2028心\u0085" in json.loads(line)["opening"]


def csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_is_a_row_a_claim_with_its_section(futian):
    letter = futian["txt"]
    rows = csv_rows(digest.render("csv", [letter, MISSING]))
    assert list(rows[0]) == ["source", "numeral", "heading", "value", "value_max", "unit", "qualifier", "change",
                             "subject", "as_of", "text"]
    assert len(rows) == len(letter.claims)
    over = next(row for row in rows if row["value"] == "20000")
    assert over == {"source": letter.source, "numeral": "二", "heading": "强化构建算力设施集群", "value": "20000",
                    "value_max": "", "unit": "P", "qualifier": "over", "change": "", "subject": "可调用算力资源",
                    "as_of": "", "text": "超 20000P"}
    assert [row["change"] for row in rows if row["value"] == "0.37"] == ["up"]


def test_csv_quotes_and_defuses_what_a_letter_holds():
    letter = digest_text("尊敬的王委员：\n现答复如下：\n一、\"=HYPERLINK(1)\",完善\x1b[2J体系\n建成养老服务站 12 个，投入 8 万至 12 万元。\n"
                         "此函。\n某某区民政局\n2025年1月2日\n")
    rows = csv_rows(digest.render("csv", [letter]))
    assert [(row["value"], row["value_max"], row["unit"]) for row in rows] == [("12", "", "个"), ("8", "12", "万元")]
    heading = rows[0]["heading"]
    assert heading.startswith('"=HYPERLINK(1)",') and "␛[2J" in heading       # quoted by csv, printable
    assert digest.spreadsheet_cell("=1+1") == "'=1+1" and digest.spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"


def test_csv_overview_only_is_a_row_a_letter(futian):
    rows = csv_rows(digest.render("csv", [futian["txt"], MISSING], overview="only"))
    assert [(row["source"], row["claims"], row["error"]) for row in rows] == [
        (futian["txt"].source, str(len(futian["txt"].claims)), ""), ("missing.txt", "", "no such file")]


def test_markdown_is_clean_for_notes(futian):
    text = digest.render("markdown", [futian["pdf"]])
    assert not ANSI.search(text) and not BOX.search(text)
    assert text.startswith("\n# 关于对区政协提案 2025134")
    assert "| 二 | 强化构建算力设施集群 |" in text
    assert "- **Date:** 2025-09-26" in text
    assert text.count("\n| ") - 2 >= len(futian["pdf"].claims) + len(futian["pdf"].sections)


def test_markdown_appended_to_a_note_never_runs_together(futian):
    note = "- [ ] read the replies\n" + digest.render("markdown", [futian["txt"]]) + digest.render("markdown", [futian["pdf"]])
    assert note.count("\n\n# ") == 2 and "replies\n\n# 关于" in note


def test_markdown_prints_no_empty_table():
    text = digest.render("markdown", [digest_text(BARE)])
    assert "|" not in text and "**Sections**" not in text and "**Claims**" not in text


def test_a_letter_from_standard_input_is_titled_from_the_letter_or_stdin(futian):
    untitled = digest.Letter(**{**vars(digest_text(BARE)), "source": "-"})
    assert digest.render("markdown", [untitled]).startswith("\n# stdin\n")
    titled = digest.Letter(**{**vars(futian["txt"]), "source": "-"})
    assert digest.render("markdown", [titled]).startswith("\n# 关于对区政协提案 2025134")


def test_markdown_escapes_pipes():
    assert digest.md_cell("a|b\nc") == r"a\|b c"


MARKDOWN_HOSTILE = "加强`保障`|<img src=x onerror=alert(1)>[点此](x)\\|完善"


def test_markdown_cells_keep_a_letter_from_breaking_the_table_or_injecting_html():
    letter = digest_text(f"尊敬的王委员：\n现答复如下：\n一、{MARKDOWN_HOSTILE}\n建成养老服务站 12 个。\n"
                         "此函。\n某某区民政局\n2025年1月2日\n")
    row = next(line for line in digest.render("markdown", [letter]).splitlines() if line.startswith("| 一 |"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5                    # the four cells' own bars
    assert re.findall(r"(?<!\\)[<`\[\]]", row) == []                  # no HTML, code or link
    assert re.sub(r"\\(.)", r"\1", row).count(MARKDOWN_HOSTILE) == 1     # rendered, it reads as written


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_table_fits_100_columns_and_shows_every_claim(futian, color):
    text = digest.render("table", [futian["pdf"]], color=color, bold=color, lines=color)
    plain = ANSI.sub("", SGR.sub("", text))
    assert max(cell_len(line) for line in plain.splitlines()) <= 100
    for claim in futian["pdf"].claims:
        assert claim.compact().split(" ")[0] in plain
    assert bool(ANSI.search(text)) == color


def test_plain_table_uses_no_box_drawing(futian):
    assert not BOX.search(digest.render("table", [futian["txt"]], color=False))


def cells(line: str) -> list[str]:
    """A table line's cells (ASCII or box lines), stripped."""
    return [cell.strip() for cell in re.split(r"[│|]", line)[1:-1]]


def alone(text: str) -> list[str]:
    """Lines of table cells that hold one character alone, or open with closing punctuation (not
    the section numerals' column, nor the overview's numbers, nor — for a value a letter lacks)."""
    found = []
    for line in text.splitlines():
        for cell in cells(line)[1:]:
            if (len(cell) == 1 and not cell.isdigit() and cell != "—") or cell[:1] in digest.CLOSING_PUNCTUATION:
                found.append(line)
    return found


@pytest.mark.parametrize("width", [60, 72, 80, 100, 120, 160, 200])
def test_the_table_is_readable_at_every_width(letters, width):
    text = digest.render("table", letters + [MISSING], width=width, lines=True)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert alone(text) == []
    overview = text[text.index("Overview of"):]
    for letter in letters:
        assert letter.source.rsplit("/", 1)[1] in overview            # a file's name whole, on one line
        assert letter.meta.date in overview                           # a date never cut
    heads = cells(overview.splitlines()[2])
    assert heads[:3] == ["File", "Date", "Sender"] and ("Sections" in heads) == (width >= 120)


def test_a_wide_terminal_is_used_and_headings_stay_on_one_line(futian):
    wide = digest.render("table", [futian["txt"]], width=160, lines=True)
    assert max(cell_len(line) for line in wide.splitlines()) > 100
    assert all(section.heading in wide for section in futian["txt"].sections)


def test_a_narrow_terminal_drops_the_keywords_first(futian):
    heads = lambda width: next(cells(line) for line in digest.render("table", [futian["txt"]], width=width).splitlines()
                               if "Heading" in line)
    assert heads(60) == ["#", "Heading", "Claims"] and heads(100) == ["#", "Heading", "Claims", "Keywords"]


def test_a_long_path_is_shortened_from_the_left(futian):
    deep = digest.Letter(**{**vars(futian["txt"]), "source": "/srv/letters/" + "年度/" * 30 + "futian-2025134.txt"})
    overview = digest.render("table", [deep, MISSING], width=80, overview="only")
    assert re.search(r"\| \.\.\.[^ |]*/futian-2025134\.txt +\|", overview)


@pytest.mark.parametrize("text, width, lines", [
    ("规划建设算力中心", 14, ["规划建设算力", "中心"]),                 # rich alone: 规划建设算力中 / 心
    ("加强工作规划，完善体系", 12, ["加强工作规", "划，完善体系"]),    # not a line that opens with ，
    ("规划建设算力中心", 16, ["规划建设算力中心"]),
    ("算力 调度 集群 资源 平台", 12, ["算力 调度", "集群 资源", "平台"]),
], ids=["lone-character", "opening-comma", "fits", "words"])
def test_wrapping_leaves_no_character_alone(text, width, lines):
    from rich.console import Console
    from rich.text import Text
    console = Console(file=io.StringIO(), width=width)
    console.print(digest.Wrapped(Text(text)))
    assert [line.rstrip() for line in console.file.getvalue().splitlines()] == lines


def test_every_format_is_in_the_renderer_table():
    assert set(digest.RENDERERS) == {"table", "markdown", "json", "jsonl", "csv"}


def test_renderers_give_pieces_that_join_to_the_whole(futian):
    pieces = list(digest.render_json([futian["pdf"]], digest.Output()))
    assert len(pieces) > len(futian["pdf"].claims)
    assert json.loads("".join(pieces)) == json.loads(digest.render("json", [futian["pdf"]]))


@pytest.mark.parametrize("fmt", list(digest.RENDERERS))
def test_each_letter_is_written_before_the_next_is_digested(futian, fmt):
    pulled = []

    def letters():
        for letter in (futian["txt"], futian["pdf"]):
            pulled.append(letter.source)
            yield letter

    written = ""
    for piece in digest.RENDERERS[fmt](letters(), digest.Output(inputs=2)):
        written += piece
        if len(pulled) == 1 and "本地部署算力" in written:
            break
    assert pulled == [futian["txt"].source]                          # the first letter out, the second not begun


@pytest.mark.parametrize("overview, order", [("last", ["letter", "letter", "overview"]),
                                             ("first", ["overview", "letter", "letter"]),
                                             ("only", ["overview"])])
def test_the_overview_comes_last_unless_asked_for_first(futian, overview, order):
    text = digest.render("markdown", [futian["txt"], MISSING, futian["pdf"]], overview=overview)
    headings = re.findall(r"^# (Overview|关于)", text, re.MULTILINE)
    assert ["overview" if heading == "Overview" else "letter" for heading in headings] == order
