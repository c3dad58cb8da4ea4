"""The command end to end: formats, exit codes, stdin, several paths, streaming, terminals. Most
tests call main() in this process (conftest's run_main where a test once ran the command); a
subprocess where the process is the point (pipes, a closed pipe, signals, the executable bit, what
a fresh interpreter imports and sets up)."""

import hashlib
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time

import pytest
from rich.cells import cell_len

from conftest import SAMPLE_LETTERS, SAMPLES, SCRIPT, digest, on_a_terminal, run_cli
from pdfmaker import letter_pdf, scanned_pdf

SAMPLE_TXT, SAMPLE_PDF = str(SAMPLES / "futian-2025134.txt"), str(SAMPLES / "futian-2025134.pdf")


WARNING = "claim “40 款” (AI 产品) is dated 2025-10, after the letter's own date 2025-09-26"


def test_piped_output_is_markdown_without_ansi(run_main):
    result = run_main(SAMPLE_PDF, env={"TERM": "xterm-256color"})
    assert result.returncode == 0 and result.stderr.decode("utf-8") == f"digest: warning: {SAMPLE_PDF}: {WARNING}\n"
    out = result.stdout.decode("utf-8")
    assert out.startswith("\n# ") and "\x1b[" not in out


def test_forced_table_in_a_pipe_has_no_colour(run_main):
    out = run_main(SAMPLE_TXT, "--format", "table").stdout.decode("utf-8")
    assert "\x1b[" not in out and "本地部署算力" in out


def test_standard_input(run_main):
    data = (SAMPLES / "futian-2025134.pdf").read_bytes()
    record = json.loads(run_main("-", "-f", "json", stdin=data).stdout)
    assert record["source"] == "-" and len(record["sections"]) == 7


def test_several_paths_give_an_array_in_order(run_main):
    records = json.loads(run_main(SAMPLE_TXT, SAMPLE_PDF, "-f", "json").stdout)
    assert [r["source"] for r in records] == [SAMPLE_TXT, SAMPLE_PDF]


def test_a_bad_path_is_one_line_on_stderr_and_the_rest_are_digested(tmp_path, run_main):
    result = run_main(str(tmp_path / "missing.txt"), SAMPLE_TXT, str(tmp_path), "-f", "json", "-q")
    assert result.returncode == 1
    errors = result.stderr.decode("utf-8").splitlines()
    assert errors == [f"digest: error: {tmp_path / 'missing.txt'}: no such file",
                      f"digest: error: {tmp_path}: is a directory with no letters (.pdf, .txt, .md, .html, .htm, .docx) in it"]
    assert [record["source"] for record in json.loads(result.stdout)] == [SAMPLE_TXT]


def test_usage_error_exits_2(run_main):
    result = run_main("--format", "yaml", SAMPLE_TXT)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_no_traceback_on_garbage(tmp_path, run_main):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = run_main(str(junk))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert re.fullmatch(rb"digest: error: .*junk\.pdf: .+\n", result.stderr)


def test_closed_pipe_ends_quietly():
    process = subprocess.Popen([sys.executable, str(SAMPLES.parent / "digest.py"), SAMPLE_PDF, SAMPLE_TXT],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    process.stdout.read(10)                     # `| head -c 10`
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


def test_interrupt_exits_130_without_traceback():
    process = subprocess.Popen([sys.executable, str(SAMPLES.parent / "digest.py"), "-"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)                             # it waits on standard input
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and b"Traceback" not in stderr


def test_inputs_are_never_modified_and_nothing_is_written(tmp_path, monkeypatch, run_main):
    letter = tmp_path / "letter.pdf"
    shutil.copy(SAMPLE_PDF, letter)
    before = hashlib.sha256(letter.read_bytes()).hexdigest(), sorted(tmp_path.iterdir())
    monkeypatch.chdir(tmp_path)
    assert run_main(str(letter), "-f", "json").returncode == 0
    assert (hashlib.sha256(letter.read_bytes()).hexdigest(), sorted(tmp_path.iterdir())) == before


def test_not_a_letter_exits_0_with_a_warning(tmp_path, run_main):
    page = tmp_path / "page.txt"
    page.write_text("Welcome to our site.\nWe served 1200 customers last year.\n", encoding="utf-8")
    result = run_main(str(page), "-f", "json")
    assert result.returncode == 0
    assert any("does not look like a reply letter" in w for w in json.loads(result.stdout)["warnings"])


@pytest.mark.parametrize("make", [
    lambda d: (d / "empty.txt", (d / "empty.txt").write_bytes(b""))[0],
    lambda d: (d / "junk.bin", (d / "junk.bin").write_bytes(bytes(range(256)) * 16))[0],
    lambda d: (d / "scan.pdf", (d / "scan.pdf").write_bytes(scanned_pdf()))[0],
], ids=["empty", "garbage", "scan"])
def test_each_bad_input_is_one_line_and_the_good_ones_still_come_out(tmp_path, make, run_main):
    bad = make(tmp_path)
    result = run_main(SAMPLE_TXT, str(bad), SAMPLE_PDF, "-f", "json", "-q")
    assert result.returncode == 1
    assert re.fullmatch(rf"digest: error: {re.escape(str(bad))}: [^\n]+\n", result.stderr.decode("utf-8"))
    assert [r["source"] for r in json.loads(result.stdout)] == [SAMPLE_TXT, SAMPLE_PDF]


# ── Many letters ──────────────────────────────────────────────────────────────

def letters_folder(tmp_path):
    """A folder of letters: the samples, one in a sub-directory, and files that are not letters."""
    for name in SAMPLE_LETTERS:
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "older").mkdir()
    shutil.copy(SAMPLES / "futian-2025134.pdf", tmp_path / "older" / "a-copy.pdf")
    (tmp_path / "notes.xlsx").write_bytes(b"not a letter format")
    return tmp_path


def test_a_directory_means_its_letters_sorted_by_name(tmp_path, run_main):
    folder = letters_folder(tmp_path)
    records = json.loads(run_main(str(folder), "-f", "json").stdout)
    assert [r["source"] for r in records] == [str(folder / name) for name in SAMPLE_LETTERS]
    recursive = json.loads(run_main(str(folder), "-r", "-f", "json").stdout)
    assert str(folder / "older" / "a-copy.pdf") in [r["source"] for r in recursive]


def test_several_letters_end_with_an_overview(tmp_path, capsys):
    assert digest.main([SAMPLE_PDF, str(tmp_path / "missing.txt"), SAMPLE_TXT]) == 1
    letters, _, overview = capsys.readouterr().out.rpartition("\n# Overview of 3 letters\n")
    assert letters.startswith("\n# 关于对区政协提案") and letters.count("\n# ") == 2
    assert f"| {tmp_path / 'missing.txt'} |  | error: no such file |" in overview
    assert f"| {SAMPLE_PDF} | 2025-09-26 | 福田区科技和工业信息化局 | 2025134 | 7 | 22 | 1 |" in overview


def test_the_overview_comes_first_when_asked_for(capsys):
    assert digest.main([SAMPLE_PDF, SAMPLE_TXT, "--overview-first", "-q"]) == 0
    assert capsys.readouterr().out.startswith("\n# Overview of 2 letters\n")


def test_overview_only(tmp_path, capsys):
    assert digest.main([SAMPLE_PDF, str(tmp_path / "missing.txt"), "--overview-only", "-f", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["claims"], r["error"]) for r in rows] == [
        (SAMPLE_PDF, 22, None), (str(tmp_path / "missing.txt"), None, "no such file")]
    digest.main([SAMPLE_PDF, SAMPLE_TXT, "--overview-only"])
    markdown = capsys.readouterr().out
    assert markdown.startswith("\n# Overview of 2 letters") and markdown.count("\n# ") == 1


def test_parallel_workers_give_the_same_result(tmp_path, run_main):
    for k in range(4):
        paragraphs = ["关于第1号建议的答复", "尊敬的王委员：", "现答复如下：", "一、加强保障",
                      f"建成养老服务站 {k + 3} 个，投入资金 {k + 1}.5 亿元。", "此函。", "某局", "2025年1月2日"]
        (tmp_path / f"letter-{k}.pdf").write_bytes(letter_pdf(paragraphs))
    one = run_main(str(tmp_path), SAMPLE_PDF, SAMPLE_TXT, "-f", "json", "--jobs", "1")
    two = run_main(str(tmp_path), SAMPLE_PDF, SAMPLE_TXT, "-f", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and len(json.loads(two.stdout)) == 6


def test_jobs_must_be_positive(run_main):
    assert run_main(SAMPLE_TXT, "--jobs", "0").returncode == 2


def test_progress_bar_only_on_a_terminal_and_never_on_stdout(tmp_path, monkeypatch, capfd, run_main):
    folder = letters_folder(tmp_path)
    plain = run_main(str(folder), "-f", "json")
    assert b"digesting" not in plain.stderr
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "100")
    _, shown = on_a_terminal(monkeypatch, [str(folder), "-f", "json"], streams=("stderr",))
    assert capfd.readouterr().out == plain.stdout.decode("utf-8")
    assert "digesting" in shown


def test_text_letters_do_not_import_pdfplumber_and_plain_ones_not_jieba(tmp_path):
    # One fresh interpreter, letter after letter: what each one adds to what the process imported.
    quiet = tmp_path / "thanks.txt"
    quiet.write_text("尊敬的王委员：\n感谢您的关心。\n此函。\n某局\n2025年1月2日\n", encoding="utf-8")
    probe = ("import sys, io, contextlib; sys.path.insert(0, {root!r}); import digest\n"
             "for path in {paths!r}:\n"
             "    with contextlib.redirect_stdout(io.StringIO()): digest.main([path, '-f', 'json'])\n"
             "    print(sorted(m for m in ('pdfplumber', 'jieba') if m in sys.modules))")
    paths = [str(quiet), SAMPLE_PDF, SAMPLE_TXT]
    result = subprocess.run([sys.executable, "-c", probe.format(root=str(SAMPLES.parent), paths=paths)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split("\n")[:3] == [
        "[]",               # a letter without claims or sections needs no jieba
        "['jieba']",        # a reader process reads a PDF, with pdfplumber: this process never imports it
        "['jieba']",        # nor for a text letter
    ]


def test_a_run_sets_jiebas_tables_aside_and_a_module_user_keeps_the_process_as_it_was():
    # In a run, jieba's tables are set aside from the garbage collector (else every full collection,
    # and reading a PDF sets off many, walks them again); a program that imports digest keeps its
    # collector and jieba's global tokenizer as they were.
    probe = ("import gc, sys; sys.path.insert(0, {root!r}); import digest, jieba\n"
             "digest.digest_text(open({letter!r}, encoding='utf-8').read()); digest.keyword_extractor()\n"
             "print(gc.get_freeze_count(), gc.isenabled(), jieba.dt.initialized)\n"
             "with digest.tuned_process('json'): digest.settle()\n"
             "print(gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", probe.format(root=str(SAMPLES.parent), letter=SAMPLE_TXT)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["0", "True", "False", "True"]


def test_jiebas_dictionary_cache_lives_in_the_users_cache_directory(tmp_path):
    result = run_cli(SAMPLE_TXT, "-f", "json", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == 0
    assert [p.name for p in (tmp_path / "digest-py").iterdir()] == ["jieba.cache"]


def test_inline_script_metadata_matches_requirements():
    header = (SAMPLES.parent / "digest.py").read_text(encoding="utf-8").split("# ///")[1]
    declared = json.loads(re.search(r"dependencies = (\[.*\])", header).group(1))
    required = [line.strip() for line in (SAMPLES.parent / "requirements.txt").read_text().splitlines() if line.strip()]
    assert declared == required


# ── Streaming (issue 12, item 1) ──────────────────────────────────────────────

QUIET_LETTER = ("尊敬的张委员：\n感谢您对民政工作的关心和支持。我局将认真研究您提出的意见，进一步改进工作方法。\n"
                "此函。\n某某区民政局\n2025年3月1日\n")        # no sections, no claims, no warnings: no jieba either


def test_each_digest_comes_out_as_soon_as_its_letter_is_done(tmp_path):
    # The second letter is standard input, held open: the first letter's digest must be out before it ends.
    first = tmp_path / "first.txt"
    first.write_text(QUIET_LETTER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(SCRIPT), str(first), "-", "-f", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert select.select([process.stdout], [], [], 60)[0], "nothing written while the batch goes on"
        assert json.loads(process.stdout.readline())["source"] == str(first)
    finally:
        rest, _ = process.communicate(QUIET_LETTER.encode("utf-8"), timeout=60)
    assert process.returncode == 0 and json.loads(rest)["source"] == "-"


def test_json_lines_writes_a_line_for_every_letter(tmp_path, capsys, futian):
    missing = str(tmp_path / "missing.txt")
    assert digest.main([SAMPLE_TXT, missing, SAMPLE_TXT, "-f", "jsonl", "-q"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["source"] for record in records] == [SAMPLE_TXT, missing, SAMPLE_TXT]
    assert records[1] == {"source": missing, "error": "no such file"}
    assert records[0] == json.loads(digest.render("json", [futian["txt"]]))


def test_json_keeps_todays_contract(tmp_path, capsys):
    assert digest.main([str(tmp_path / "missing.txt"), "-f", "json"]) == 1
    assert capsys.readouterr().out == ""                            # JSON Lines says {"source", "error"}
    digest.main([SAMPLE_TXT, "-f", "json", "-q"])
    assert json.loads(capsys.readouterr().out)["source"] == SAMPLE_TXT


@pytest.mark.parametrize("fmt, bom", [("csv", b"\xef\xbb\xbf"), ("jsonl", b"{")])
def test_data_formats_are_utf8_whatever_the_locale(monkeypatch, fmt, bom):
    terminal_in_gbk = io.TextIOWrapper(io.BytesIO(), encoding="gbk")                # LANG=zh_CN.GBK
    monkeypatch.setattr(sys, "stdout", terminal_in_gbk)
    assert digest.main([SAMPLE_TXT, "-f", fmt, "-q"]) == 0
    terminal_in_gbk.flush()
    written = terminal_in_gbk.buffer.getvalue()
    assert written.startswith(bom) and "可调用算力资源" in written.decode("utf-8")


def test_csv_from_the_command_line_is_a_row_a_claim(capsys, futian):
    assert digest.main([SAMPLE_TXT, SAMPLE_PDF, "-f", "csv", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffsource,numeral,heading,value,value_max,unit,qualifier,change,subject,as_of,text\r\n")
    assert out.count("\r\n") == 1 + len(futian["txt"].claims) + len(futian["pdf"].claims)


def test_a_letter_from_standard_input_is_titled_from_the_letter(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(QUIET_LETTER.encode("utf-8"))))
    assert digest.main(["-"]) == 0
    assert capsys.readouterr().out.startswith("\n# stdin\n\n- **Proposal:** —")


# ── Terminals (item 3), on a pseudo-terminal ──────────────────────────────────

SGR = re.compile(r"\x1b\[([0-9;]*)m")
BOX = re.compile("[─│┌┐└┘├┤┬┴┼]")


def colours(text: str) -> set[int]:
    """The colour codes among the escape codes written (30–49, 90–107), not bold or a reset."""
    codes = {int(code) for found in SGR.findall(text) for code in found.split(";") if code}
    return {code for code in codes if 30 <= code <= 49 or 90 <= code <= 107}


@pytest.mark.parametrize("columns", [60, 100, 160])
def test_on_a_terminal_the_table_fills_its_width(monkeypatch, capsys, columns):
    status, shown = on_a_terminal(monkeypatch, [SAMPLE_TXT], columns)
    plain = SGR.sub("", shown)
    widths = [cell_len(line) for line in plain.splitlines()]
    assert status == 0 and BOX.search(plain) and colours(shown) and "\x1b[1m" in shown
    assert max(widths) <= columns and (max(widths) > 100) == (columns > 100)
    assert ("│ 一 │ 加强工作规划，完善人工智能政策体系 │" in plain) == (columns > 100)      # a heading on one line
    assert f"warning: {WARNING}" in plain.replace("\n", " ") and capsys.readouterr().err == ""   # shown once


def test_no_color_takes_the_colour_away_and_nothing_else(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _, shown = on_a_terminal(monkeypatch, [SAMPLE_TXT])
    assert colours(shown) == set() and "\x1b[1m" in shown and BOX.search(shown)


def test_a_dumb_terminal_gets_plain_text_with_ascii_lines(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    _, shown = on_a_terminal(monkeypatch, [SAMPLE_TXT])
    assert "\x1b" not in shown and not BOX.search(shown) and "+----+" in shown


def test_force_color_colours_a_table_in_a_pipe_but_chooses_no_format(monkeypatch, capsys):
    monkeypatch.setenv("FORCE_COLOR", "1")
    digest.main([SAMPLE_TXT, "-f", "table", "-q"])
    assert colours(capsys.readouterr().out)
    digest.main([SAMPLE_TXT, "-q"])
    out = capsys.readouterr().out
    assert out.startswith("\n# ") and "\x1b" not in out                 # a pipe still gets Markdown


class Stream:
    def __init__(self, tty: bool, encoding: str = "utf-8"):
        self.tty, self.encoding = tty, encoding

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("tty, environment, expected", [
    (True, {}, (True, True, True, 100)),
    (True, {"NO_COLOR": "1"}, (True, False, True, 100)),
    (True, {"TERM": "dumb"}, (False, False, False, 100)),
    (True, {"TTY_COMPATIBLE": "0"}, (False, False, False, 100)),
    (False, {}, (False, False, False, 100)),
    (False, {"FORCE_COLOR": "1"}, (True, True, True, 100)),
    (False, {"FORCE_COLOR": ""}, (False, False, False, 100)),
    (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, (True, False, True, 100)),
    (False, {"TTY_COMPATIBLE": "1"}, (True, True, True, 100)),
    (True, {"COLUMNS": "172"}, (True, True, True, 172)),
    (False, {"COLUMNS": "64"}, (False, False, False, 64)),
], ids=["terminal", "no-color", "dumb", "tty-compatible-0", "pipe", "force-color", "force-color-empty",
        "no-color-wins", "tty-compatible-1", "columns", "columns-in-a-pipe"])
def test_terminal_conventions(tty, environment, expected):
    output = digest.output_for(Stream(tty), {"TERM": "xterm", **environment}, 1, "last")
    assert (output.bold, output.color, output.lines, output.width) == expected


def test_box_lines_only_where_the_locale_can_write_them():
    assert not digest.output_for(Stream(True, "ascii"), {"TERM": "xterm"}, 1, "last").lines
    assert digest.output_for(Stream(True, "gbk"), {"TERM": "xterm"}, 1, "last").lines


# ── Quieter and stricter (item 5) ─────────────────────────────────────────────

def test_warnings_go_to_standard_error_unless_quiet(tmp_path, capsys):
    assert digest.main([SAMPLE_TXT]) == 0
    assert capsys.readouterr().err == f"digest: warning: {SAMPLE_TXT}: {WARNING}\n"
    assert digest.main([SAMPLE_TXT, str(tmp_path / "missing.txt"), "-q"]) == 1
    assert capsys.readouterr().err == f"digest: error: {tmp_path / 'missing.txt'}: no such file\n"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_data_formats_keep_their_warnings_to_themselves(fmt, capsys):
    # A script may read them with 2>&1: the warnings are in the data, not around it.
    assert digest.main([SAMPLE_TXT, "-f", fmt]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if fmt == "json":
        assert json.loads(out)["warnings"] == [WARNING]


def test_strict_exits_3_on_a_warning(tmp_path, capsys):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text(QUIET_LETTER, encoding="utf-8")
    assert digest.main([SAMPLE_TXT, "--strict"]) == 3
    assert digest.main([str(quiet), "--strict"]) == 0
    assert digest.main([SAMPLE_TXT, str(tmp_path / "missing.txt"), "--strict"]) == 1      # an error outranks it
    assert digest.main([SAMPLE_TXT]) == 0


def quiet_batch(tmp_path, count=4):
    for k in range(count):
        (tmp_path / f"letter-{k}.txt").write_text(QUIET_LETTER, encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("quiet", [False, True], ids=["shown", "quiet"])
def test_quiet_hides_the_progress_bar(tmp_path, monkeypatch, capsys, quiet):
    _, shown = on_a_terminal(monkeypatch, [quiet_batch(tmp_path), "-f", "json"] + ["-q"] * quiet, streams=("stderr",))
    assert ("digesting" in shown) != quiet and len(json.loads(capsys.readouterr().out)) == 4


def test_the_progress_bar_never_draws_over_the_digest(tmp_path, monkeypatch):
    _, shown = on_a_terminal(monkeypatch, [quiet_batch(tmp_path), "-f", "jsonl"], streams=("stdout", "stderr"))
    assert "digesting" not in shown[shown.index('{"source"'):] and shown.count('{"source"') == 4


def test_help_has_examples_exit_statuses_and_the_key_to_the_symbols(capsys):
    with pytest.raises(SystemExit) as stop:
        digest.main(["--help"])
    shown = capsys.readouterr().out
    assert stop.value.code == 0 and "examples:" in shown and "-f csv > claims.csv" in shown
    for symbol, name in [(">", "over"), ("<", "under"), ("≈", "about"), ("≥", "at_least"), ("≤", "at_most"),
                         ("↑", "up"), ("↓", "down")]:
        assert f"{symbol} {name}" in shown
    assert "8–12万元" in shown
    for status in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^  {status} +\S", shown, re.MULTILINE)


def test_the_script_is_a_command():
    assert os.access(SCRIPT, os.X_OK) and SCRIPT.read_bytes().startswith(b"#!/usr/bin/env python3\n")
    result = subprocess.run([str(SCRIPT), "--version"], capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith(b"digest ")


def test_the_password_can_come_from_the_environment(tmp_path, monkeypatch, capsys):
    from pypdf import PdfReader, PdfWriter
    paragraphs = ["关于第1号建议的答复", "尊敬的王委员：", "现答复如下：", "一、加强保障", "建成养老服务站 3 个。",
                  "此函。", "某局", "2025年1月2日"]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf(paragraphs))))
    writer.encrypt(user_password="政协密码", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as file:
        writer.write(file)
    assert digest.main([str(path), "-f", "json"]) == 1 and "--password" in capsys.readouterr().err
    monkeypatch.setenv("DIGEST_PDF_PASSWORD", "政协密码")
    assert digest.main([str(path), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["addressee"] == "王委员"
    assert digest.main([str(path), "-f", "json", "--password", "错误密码"]) == 1        # the option wins


def failing(*args, **kwargs):
    raise ZeroDivisionError("a bug met on an unseen letter")


def test_a_bug_is_one_line_and_the_other_letters_go_on(monkeypatch, capsys):
    monkeypatch.setenv("DIGEST_DEBUG", "0")                 # (so that what main sets is undone after)
    monkeypatch.setattr(digest, "body_claims", failing)
    assert digest.main([SAMPLE_TXT, "-f", "json"]) == 1
    assert capsys.readouterr().err == (f"digest: error: {SAMPLE_TXT}: internal error, please report it "
                                       "(ZeroDivisionError: a bug met on an unseen letter)\n")


@pytest.mark.parametrize("asked", [["--traceback"], ["DIGEST_DEBUG=1"]])
def test_traceback_or_digest_debug_shows_where_a_bug_is(monkeypatch, capfd, asked):
    monkeypatch.setenv("DIGEST_DEBUG", "0")                 # (so that what main sets is undone after)
    if asked == ["DIGEST_DEBUG=1"]:
        monkeypatch.setenv("DIGEST_DEBUG", "1")
        asked = []
    monkeypatch.setattr(digest, "body_claims", failing)
    with pytest.raises(ZeroDivisionError):                  # the main process stops on it
        digest.main([SAMPLE_TXT, "-f", "json", *asked])
    monkeypatch.setattr(digest, "pdf_pages", failing)      # a reader process (forked) meets it
    capfd.readouterr()
    assert digest.main([SAMPLE_PDF, "-f", "json", "--jobs", "1", *asked]) == 1
    error = capfd.readouterr().err
    assert "Traceback (most recent call last)" in error and 'in failing' in error
    assert error.endswith(f"digest: error: {SAMPLE_PDF}: internal error, please report it "
                          "(ZeroDivisionError: a bug met on an unseen letter)\n")
