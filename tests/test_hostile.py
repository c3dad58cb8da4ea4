"""Hostile input (issue 10): nothing from a letter reaches the terminal, nothing hangs or eats the
machine, nothing is silently wrong. The corpus is generated here (tests/hostile.py writes the PDFs
byte by byte); a seeded fuzz of mutated PDFs runs in CI (DIGEST_FUZZ=2000 for a longer run)."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

import hostile
from conftest import SAMPLES, SCRIPT, digest, digest_text, on_a_terminal

# ── Terminal escapes and rich markup (items 1, 2) ─────────────────────────────

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[6n\x9b31m"
MARKUP = r"\[link=evil.example/提案]提案\[/link][conceal]藏[/conceal][/red]"     # no colon: a heading ends at one
HOSTILE_LETTER = (f"关于第12号建议的答复\n尊敬的张委员：\n现答复如下：\n一、加强保障{MARKUP}{ESCAPES}\n"
                  "全区建成养老服务站 20\u200c000 个，\u202e投入资金 1.2 亿元，覆盖 3\u00ad000 户。\n"
                  f"此函。\n某某区民政局\u2066{ESCAPES}\n2025年3月1日\n")
# Without sections or claims: a subprocess digests it without loading jieba (a second and a half).
THANKS_LETTER = (f"尊敬的张委员：\n感谢您的关心和支持{ESCAPES}{MARKUP}！"
                 + "我局将认真研究您提出的意见，进一步改进工作方法，提高服务水平。" * 6
                 + f"\n此函。\n某某区民政局{ESCAPES}\n2025年3月1日\n")
SGR = re.compile(r"\x1b\[[0-9;]*m")          # colour, which a coloured table writes itself
SHOWN_SENDER = "某某区民政局␛]0;pwned␇␛[2J␛[6n\\u009b31m"       # the sender's escapes, made visible


def as_rendered(markdown: str) -> str:
    """Markdown as a note shows it: its backslash escapes read."""
    return re.sub(r"\\(.)", r"\1", markdown)


def acting_characters(text: str) -> list[str]:
    """What a terminal would act on: control characters other than a newline, format characters."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@pytest.fixture
def hostile_path(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(HOSTILE_LETTER, encoding="utf-8")
    return str(path)


@pytest.fixture
def thanks_path(tmp_path):
    path = tmp_path / "thanks.txt"
    path.write_text(THANKS_LETTER, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_no_format_lets_a_letter_act_on_the_terminal(hostile_path, fmt, capsys):
    assert digest.main([hostile_path, "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert acting_characters(out) == []
    if fmt != "json":
        assert SHOWN_SENDER in (as_rendered(out) if fmt == "markdown" else out)        # shown, and inert


def test_a_pdf_text_layer_cannot_act_on_the_terminal_either(tmp_path, capsys):
    path = tmp_path / "letter.pdf"
    path.write_bytes(hostile.text_pdf(hostile.letter_pages(HOSTILE_LETTER.splitlines())))
    assert digest.main([str(path), "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert acting_characters(out) == [] and SHOWN_SENDER in as_rendered(out)


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
    figures = lambda letter: [(claim.value, str(claim.unit), claim.subject) for claim in letter.claims]
    visible = re.sub("[\u200c\u202e\u00ad\u2066]", "", HOSTILE_LETTER)
    letter = digest.digest(digest.load(hostile_path))
    assert figures(letter) == figures(digest_text(visible))
    assert {20000, 1.2, 3000} <= {claim.value for claim in letter.claims} and not {20, 3} & {c.value for c in letter.claims}


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


def test_the_terminal_sees_no_escape_but_the_tables_colours(thanks_path, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    status, text = on_a_terminal(monkeypatch, [thanks_path, "missing\x1b]0;pwned\x07.txt"], streams=("stdout", "stderr"))
    assert status == 1
    assert "某某区民政局␛]0;pwned␇" in text and "missing␛]0;pwned␇.txt" in text
    assert acting_characters(SGR.sub("", text).replace("\r", "")) == []


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
        elif isinstance(value, tuple) and value and all(isinstance(item, tuple) and item and isinstance(item[0], re.Pattern)
                                                        for item in value):    # (pattern, replacement) tables
            found += [(f"{name}[{k}]", item[0]) for k, item in enumerate(value)]
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
    assert len(names) > 30 and any(name.endswith("[1]") for name in names)     # tuples of patterns too
    assert 0 < sum(map(only_anchored, names)) < len(names)                     # some only matched in place


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


# ── Hangs and bombs (items 3, 4) ──────────────────────────────────────────────
# Each attack sits in a batch between two good letters; the limits are lowered so that the
# test is quick, and the error must name the limit and how to raise it.

GOOD_PARAGRAPHS = [line for line in LETTER.splitlines() if line]


@pytest.fixture
def good_letters(tmp_path):
    text, pdf = tmp_path / "good.txt", tmp_path / "good.pdf"
    text.write_text(LETTER, encoding="utf-8")
    pdf.write_bytes(hostile.text_pdf(hostile.letter_pages(GOOD_PARAGRAPHS)))
    return str(text), str(pdf)


BOMBS = {
    "page-tree-refers-to-itself": (hostile.self_referent_page_tree, "seconds=0.3", "took more than 0.3 s to read"),
    "nested-forms": (lambda: hostile.nested_forms(depth=5, fan_out=10), "characters=5000",
                     "draws more than 5000 characters and forms"),
    "inflates": (lambda: hostile.inflating(megabytes=24), "inflated=4", "inflates to more than 4 MB"),
    "long-show": (lambda: hostile.long_show(200_000), "characters=20000", "draws more than 20000 characters and forms"),
    "many-pages": (lambda: hostile.many_pages(12), "pages=10", "has more than 10 pages"),
}


@pytest.mark.parametrize("bomb, jobs", [(bomb, "2") for bomb in BOMBS] + [("page-tree-refers-to-itself", "1")])
def test_a_letter_over_a_limit_fails_alone_with_one_line_that_says_how_to_raise_it(
        tmp_path, good_letters, capsys, bomb, jobs):
    make, setting, said = BOMBS[bomb]
    path = tmp_path / f"{bomb}.pdf"
    path.write_bytes(make())
    name = setting.partition("=")[0]
    assert digest.main([good_letters[0], str(path), good_letters[1], "--limit", setting, "-j", jobs,
                        "-f", "json", "--overview-only"]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {path}: {said} (limit {name}: raise it with --limit {name}=N)\n"
    rows = json.loads(out)
    assert [row["error"] is None for row in rows] == [True, False, True] and rows[2]["claims"] == 2


@pytest.mark.parametrize("make, reason", [
    (lambda d: (d / "big.txt", (d / "big.txt").write_bytes(LETTER.encode("utf-8") * 20_000))[0],
     "is larger than 1 MB (limit size: raise it with --limit size=N)"),
    (lambda d: (d / "sparse.pdf", os.truncate(d / "sparse.pdf", 100 << 30) if (d / "sparse.pdf").touch() is None else 0)[0],
     "is larger than 1 MB (limit size: raise it with --limit size=N)"),
], ids=["big", "sparse-100-GB"])
def test_the_size_limit_stops_reading(tmp_path, good_letters, capsys, make, reason):
    path = make(tmp_path)
    assert digest.main([str(path), good_letters[0], "--limit", "size=1", "-f", "json"]) == 1
    assert capsys.readouterr().err == f"digest: error: {path}: {reason}\n"


def test_dev_zero_is_refused_at_the_size_limit(capsys):
    assert digest.main(["/dev/zero", "--limit", "size=2"]) == 1
    assert capsys.readouterr().err == "digest: error: /dev/zero: is larger than 2 MB (limit size: raise it with --limit size=N)\n"


def test_limits_come_from_the_environment_and_the_command_line_wins(monkeypatch, tmp_path, capsys):
    path = tmp_path / "pages.pdf"
    path.write_bytes(hostile.many_pages(4))
    monkeypatch.setenv("DIGEST_LIMITS", "pages=3, seconds=30")
    assert digest.main([str(path), "-f", "json"]) == 1
    assert "has more than 3 pages" in capsys.readouterr().err
    assert digest.main([str(path), "-f", "json", "--limit", "pages=4"]) == 0


@pytest.mark.parametrize("setting", ["pages", "pages=0", "pages=-1", "pages=inf", "colour=3", "pages=many"])
def test_a_bad_limit_is_a_usage_error(setting, capsys):
    with pytest.raises(SystemExit) as stop:
        digest.main(["x.txt", "--limit", setting])
    assert stop.value.code == 2 and "Traceback" not in capsys.readouterr().err


def test_pages_are_let_go_as_they_are_read(tmp_path, monkeypatch):
    # Memory holds one page's layout at a time: a page read before is closed (its layout dropped).
    seen, read_page = [], digest.pdf_lines
    def spy(page, path):
        held = [hasattr(earlier, "_layout") for earlier in seen]
        seen.append(page)
        assert not any(held)
        return read_page(page, path)
    monkeypatch.setattr(digest, "pdf_lines", spy)
    path = tmp_path / "pages.pdf"
    path.write_bytes(hostile.many_pages(5))
    assert len(digest.load(str(path)).pages) == 5 and len(seen) == 5


# ── Readers that die or will not stop (items 3, 5) ────────────────────────────

def dies_on_its_letter(path, *rest):
    """A reader's letter that kills it, as running out of memory does."""
    if "doomed" in path:
        os.kill(os.getpid(), signal.SIGKILL)
    return digest.document_of(path, open(path, "rb").read())


def stuck_in_c(path, *rest):
    """A reader stuck where its own timer cannot stop it (signals blocked, as in a long C call)."""
    if "stuck" in path:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return digest.document_of(path, open(path, "rb").read())


def pdf_batch(tmp_path, names):
    paths = []
    for name in names:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(hostile.text_pdf(hostile.letter_pages(GOOD_PARAGRAPHS)))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_reader_that_dies_fails_its_own_letter_only(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(digest, "load_or_error", dies_on_its_letter)
    paths = pdf_batch(tmp_path, ["a", "doomed", "b", "c"])
    documents = list(digest.load_all(paths, None, jobs))
    assert [isinstance(document, digest.Document) for document in documents] == [True, False, True, True]
    assert documents[1].reason == "the process reading it was killed (SIGKILL, out of memory?)"


def test_a_reader_that_will_not_stop_is_ended_at_its_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(digest, "load_or_error", stuck_in_c)
    paths = pdf_batch(tmp_path, ["stuck", "a", "b"])
    documents = list(digest.load_all(paths, None, 1, digest.Limits(seconds=0.2)))
    assert [isinstance(document, digest.Document) for document in documents] == [False, True, True]
    assert documents[0].reason.startswith("took more than 0.2 s to read")


def test_where_no_process_can_be_started_pdfs_are_read_in_this_one(tmp_path, monkeypatch):
    # A read-only /dev/shm or a process limit: the batch goes on in one process.
    import multiprocessing.process
    refuse = lambda self: (_ for _ in ()).throw(OSError(30, "Read-only file system"))
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    paths = pdf_batch(tmp_path, ["a", "b"])
    assert all(isinstance(document, digest.Document) for document in digest.load_all(paths, None, 2))


def test_a_pdf_on_standard_input_is_read_by_a_reader_within_its_limits(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(hostile.self_referent_page_tree())))
    assert digest.main(["-", "--limit", "seconds=0.3"]) == 1
    assert capsys.readouterr().err == "digest: error: -: took more than 0.3 s to read (limit seconds: raise it with --limit seconds=N)\n"


# ── Interrupts (item 5): real signals against real reader pools ───────────────

def readers_of(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return {int(child) for child in listing.read().split()}
    except OSError:
        return set()


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def batch_with_a_hang(tmp_path, good_letters, jobs: str, **streams) -> tuple[subprocess.Popen, set[int]]:
    """digest.py on a batch whose second PDF hangs pdfminer, once its readers are at work."""
    hang = tmp_path / "hang.pdf"
    hang.write_bytes(hostile.self_referent_page_tree())
    process = subprocess.Popen([sys.executable, str(SCRIPT), good_letters[1], str(hang), good_letters[0],
                                good_letters[1], good_letters[0], "-j", jobs],
                               start_new_session=True, **streams)
    deadline = time.monotonic() + 60
    while not readers_of(process.pid) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    readers = readers_of(process.pid)
    assert readers, "no reader process started"
    time.sleep(0.3)                          # the hanging letter is being read
    return process, readers


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize("stop, status, said", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
                         ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_signal_stops_a_batch_its_readers_with_it(tmp_path, good_letters, stop, status, said, jobs):
    process, readers = batch_with_a_hang(tmp_path, good_letters, jobs, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)         # as a terminal sends Ctrl-C: to every process of the group
    else:
        process.send_signal(stop)            # as `kill` does: to the main process alone
    out, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (status, f"digest: {said}\n".encode())
    # Nothing half-written: the first letter's digest, whole, if it was done before the hang, else nothing.
    first = digest.render("markdown", [digest.digest(digest.load(good_letters[1]))])
    assert out.decode("utf-8") in ("", first)
    assert not any(map(running, readers))


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads processes from /proc (Linux)")
def test_an_interrupt_clears_the_progress_bar(tmp_path, good_letters):
    parent, child = pty.openpty()
    process, readers = batch_with_a_hang(tmp_path, good_letters, "2", stdout=subprocess.DEVNULL, stderr=child,
                                         env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(child)
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=30) == 130
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    drawn, bar, after = shown.decode("utf-8").rpartition("digesting")
    assert bar and "\x1b[2K" in after and after.endswith("digest: interrupted\r\n")   # drawn, then erased
    assert "Traceback" not in shown.decode("utf-8") and not any(map(running, readers))


def test_a_signal_the_run_was_started_ignoring_stays_ignored(thanks_path, monkeypatch, capsys):
    class Probe:
        def isatty(self):
            return False

        def write(self, piece):
            print(signal.getsignal(signal.SIGHUP) == signal.SIG_IGN, file=sys.stderr)

        def flush(self):
            pass
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", Probe())
            digest.main([thanks_path])
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert capsys.readouterr().err == "True\n"                          # as under nohup



# ── One line where a traceback was (item 9) ───────────────────────────────────

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_is_one_line(thanks_path, monkeypatch, capsys):
    with open("/dev/full", "w") as full, monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", full)
        status = digest.main([thanks_path])
    assert (status, capsys.readouterr().err) == (
        1, "digest: error: standard output: cannot write the digest (No space left on device)\n")


def test_a_closed_standard_output_is_one_line(good_letters):
    result = subprocess.run([sys.executable, str(SCRIPT), good_letters[0]], stderr=subprocess.PIPE, timeout=120,
                            preexec_fn=lambda: os.close(1))                       # digest.py >&-
    assert (result.returncode, result.stderr) == (
        1, b"digest: error: standard output is closed: there is nowhere to write the digest\n")


def test_a_closed_standard_error_changes_nothing_else(tmp_path, thanks_path, capfd):
    letters = [thanks_path] * 4 + [str(tmp_path / "missing.txt")]                # a batch, and a failure
    closed = subprocess.run([sys.executable, str(SCRIPT), *letters], capture_output=True, timeout=120,
                            preexec_fn=lambda: os.close(2))                       # digest.py 2>&-
    open_ = subprocess.CompletedProcess(letters, digest.main(letters), capfd.readouterr().out.encode("utf-8"))
    assert (closed.returncode, closed.stdout) == (open_.returncode, open_.stdout) == (1, open_.stdout)
    assert b"Overview of 5 letters" in closed.stdout and b"digest:" not in closed.stdout


def test_a_closed_standard_input_is_one_line(monkeypatch, good_letters, capsys):
    monkeypatch.setattr(sys, "stdin", None)                                       # digest.py - <&-
    assert digest.main(["-", good_letters[0], "-f", "json"]) == 1
    out, err = capsys.readouterr()
    assert err == "digest: error: -: standard input is closed\n" and json.loads(out)[0]["source"] == good_letters[0]


@pytest.mark.parametrize("fmt", ["markdown", "table", "json"])
def test_characters_the_locale_cannot_encode_are_escaped_not_a_traceback(tmp_path, monkeypatch, fmt):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER.replace("加强保障", "加强保障😀"), encoding="utf-8")
    terminal = io.TextIOWrapper(io.BytesIO(), encoding="gbk")                     # LANG=zh_CN.GBK
    monkeypatch.setattr(sys, "stdout", terminal)
    assert digest.main([str(path), "-f", fmt]) == 0
    terminal.flush()
    written = terminal.buffer.getvalue()
    if fmt == "json":                 # JSON is UTF-8, whatever the locale
        assert json.loads(written.decode("utf-8"))["sections"][0]["heading"] == "加强保障😀"
    else:
        assert "加强保障\\U0001f600" in written.decode("gbk")


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_file_name_in_another_encoding_is_shown_byte_by_byte(tmp_path, capsys, fmt):
    named = os.path.join(os.fsencode(tmp_path), "答复".encode("gbk") + b".txt")  # a GBK name under UTF-8
    with open(named, "wb") as file:
        file.write(LETTER.encode("utf-8"))
    path, missing = os.fsdecode(named), os.fsdecode(named + b".missing")
    assert digest.main([path, missing, "-f", fmt]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {tmp_path}/\\xb4\\xf0\\xb8\\xb4.txt.missing: no such file\n"
    if fmt == "json":
        assert json.loads(out)[0]["source"] == path
    else:
        assert "\\xb4\\xf0\\xb8\\xb4.txt" in as_rendered(out)


def test_a_name_too_long_is_one_line(good_letters, capsys):
    assert digest.main(["x" * 300 + ".txt", good_letters[0], "-f", "json"]) == 1
    assert capsys.readouterr().err == f"digest: error: {'x' * 300}.txt: cannot read (File name too long)\n"


def refused(monkeypatch, function: str, barred: str):
    """os.<function> refuses `barred`, as a directory without search or read permission does
    (the suite may run as root, who is refused nothing: the refusal is simulated)."""
    real = getattr(os, function)
    def refuse(path, *args, **kwargs):
        if os.fspath(path) == barred:
            raise PermissionError(13, "Permission denied", barred)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, function, refuse)


def test_a_path_that_cannot_be_looked_at_is_one_line(tmp_path, monkeypatch, good_letters, capsys):
    barred = str(tmp_path / "barred" / "letter.txt")
    refused(monkeypatch, "stat", barred)
    assert digest.main([barred, good_letters[0], "-f", "json"]) == 1
    assert capsys.readouterr().err == f"digest: error: {barred}: cannot read (Permission denied)\n"


@pytest.mark.parametrize("recursive", [False, True], ids=["given", "under-r"])
def test_a_directory_that_cannot_be_read_is_one_line(tmp_path, monkeypatch, good_letters, capsys, recursive):
    barred = tmp_path / "letters" / "barred" if recursive else tmp_path / "barred"
    barred.mkdir(parents=True)
    (barred / "hidden.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "letters" / "good.txt").write_text(LETTER, encoding="utf-8") if recursive else None
    refused(monkeypatch, "scandir", str(barred))
    given = [str(tmp_path / "letters"), "-r"] if recursive else [str(barred), good_letters[0]]
    assert digest.main([*given, "-f", "json"]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {barred}: cannot read the directory (Permission denied)\n"
    assert len(json.loads(out)) == 1


def test_a_tree_a_thousand_levels_deep(tmp_path):
    deepest = str(tmp_path)
    for _ in range(1000):                     # os.makedirs would recurse as deep
        deepest = os.path.join(deepest, "d")
        os.mkdir(deepest)
    letter = os.path.join(deepest, "letter.txt")
    with open(letter, "w", encoding="utf-8") as file:
        file.write(LETTER)
    try:
        assert digest.expand([str(tmp_path)], recursive=True) == [letter]
    finally:                                  # taken down here: shutil.rmtree, cleaning up after pytest, recurses
        os.remove(letter)
        while deepest != str(tmp_path):
            os.rmdir(deepest)
            deepest = os.path.dirname(deepest)


def test_an_unusable_dictionary_cache_leaves_nothing_and_says_nothing(tmp_path, good_letters):
    (tmp_path / "digest-py" / "jieba.cache").mkdir(parents=True)         # where the cache file should be
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run([sys.executable, str(SCRIPT), good_letters[0]], capture_output=True, timeout=120,
                            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TMPDIR": str(scratch)})
    assert (result.returncode, result.stderr) == (0, b"") and b"120" in result.stdout
    assert list(scratch.iterdir()) == [] and [p.name for p in (tmp_path / "digest-py").iterdir()] == ["jieba.cache"]


# ── Smaller (item 11) ─────────────────────────────────────────────────────────

def test_an_empty_path_names_no_file(capsys):
    assert digest.main([""]) == 1
    assert capsys.readouterr().err == 'digest: error: "": an empty path names no file\n'


def test_a_text_letter_that_mentions_the_pdf_header_is_text(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER.replace("现答复如下：", "附件须为 %PDF-1.7 格式。现答复如下："), encoding="utf-8")
    document = digest.load(str(path))
    assert document.kind == "text" and digest.digest(document).meta.addressee == "张委员"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_chinese_password_opens_any_encryption(tmp_path, algorithm):
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(hostile.text_pdf(hostile.letter_pages(GOOD_PARAGRAPHS)))))
    writer.encrypt(user_password="政协密码", owner_password="owner", algorithm=algorithm)
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as file:
        writer.write(file)
    with pytest.raises(digest.DigestError, match="password is wrong"):
        digest.load(str(path), "错误密码")
    assert digest.digest(digest.load(str(path), "政协密码")).meta.addressee == "张委员"


# ── stderr is part of the contract (item 10): a seeded fuzz of mutated PDFs ────
# DIGEST_FUZZ=2000 for a longer run than CI's; DIGEST_FUZZ_SEED for another draw.

FUZZ = int(os.environ.get("DIGEST_FUZZ", 40))
FUZZ_SEED = int(os.environ.get("DIGEST_FUZZ_SEED", 10))
FUZZ_LIMITS = ("--limit", "seconds=0.5", "--limit", "characters=200000", "--limit", "inflated=64")
ERROR_LINE = re.compile(r"digest: (?P<kind>error|warning): (?P<path>\S+\.pdf): (?P<reason>[^\n]{1,200})")


def mutated(raw: bytes, rng) -> bytes:
    """A PDF damaged as files are in the wild, and as an attacker would: bytes flipped, cut,
    repeated, zeroed, numbers changed, references turned on themselves."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        damage = rng.choice(["flip", "cut", "repeat", "zero", "number", "self-reference", "truncate"])
        if damage == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif damage == "cut":
            del data[at:at + rng.randint(1, 200)]
        elif damage == "repeat":
            data[at:at] = data[at:at + rng.randint(1, 400)] * rng.randint(2, 20)
        elif damage == "zero":
            data[at:at + rng.randint(1, 64)] = bytes(min(64, len(data) - at))
        elif damage == "number":
            found = [m for m in re.finditer(rb"\d+", bytes(data))]
            if found:
                number = rng.choice(found)
                data[number.start():number.end()] = str(rng.choice([0, 1, 2, 99999999, -1, 2 ** 31])).encode()
        elif damage == "self-reference":
            found = [m for m in re.finditer(rb"(\d+) 0 obj", bytes(data))]
            if found:
                obj = rng.choice(found)
                data[obj.end():obj.end()] = b" %s 0 R " % obj.group(1)
        else:
            del data[at:]
        if not data:
            data = bytearray(b"%PDF-1.7\n")
    return bytes(data)


def test_mutated_pdfs_give_a_digest_or_one_short_line_each(tmp_path, good_letters, run_main):
    import random
    rng = random.Random(FUZZ_SEED)
    seeds = [hostile.text_pdf(hostile.letter_pages(GOOD_PARAGRAPHS)), hostile.many_pages(3),
             hostile.nested_forms(depth=3, fan_out=4)]
    folder = tmp_path / "fuzz"
    folder.mkdir()
    for k in range(FUZZ):
        (folder / f"{k:04d}.pdf").write_bytes(mutated(rng.choice(seeds), rng))
    result = run_main(str(folder), *FUZZ_LIMITS, "-f", "json", "--overview-only")
    rows = json.loads(result.stdout)
    failed = {row["source"] for row in rows if row["error"]}
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(rows) == FUZZ and result.returncode == (1 if failed else 0)
    assert [ERROR_LINE.fullmatch(line) is not None for line in lines] == [True] * len(lines), lines
    errors = [ERROR_LINE.fullmatch(line) for line in lines if ERROR_LINE.fullmatch(line)["kind"] == "error"]
    assert sorted(error["path"] for error in errors) == sorted(failed)


# ── Two columns (item 7) ──────────────────────────────────────────────────────

COLUMN_LETTER = ["尊敬的王建国委员：", "您提出的《关于加强社区养老服务的提案》收悉，现答复如下：",
                 "一、扩大服务供给", "全区建成社区养老服务站一百二十余家，新增床位 1500 张，覆盖老年人口约 8.6 万人。",
                 "二、强化资金保障", "2025年安排专项资金 3200 万元，其中运营补贴 1800 万元，较上年增长 12%。",
                 "三、提升服务质量", "组织护理员培训 46 场，累计培训 2300 人次，持证上岗率达到 95% 以上。",
                 "下一步，我局将继续推进养老服务体系建设。", "感谢您对民政工作的关心和支持！", "某某区民政局", "2025年7月10日"]
COLUMN_TITLE = "关于区政协第0356号提案的答复"


@pytest.mark.parametrize("stagger, lines_a_column", [(0, 12), (5, 12), (0, 6)],
                         ids=["aligned", "staggered", "over-two-pages"])
def test_a_two_column_letter_is_read_column_by_column(stagger, lines_a_column):
    in_one = digest.digest(digest.document_of("one.pdf", hostile.text_pdf(
        hostile.letter_pages([COLUMN_TITLE] + COLUMN_LETTER))))
    in_two = digest.digest(digest.document_of("two.pdf", hostile.text_pdf(
        hostile.two_column_pages(COLUMN_LETTER, COLUMN_TITLE, lines_a_column=lines_a_column, stagger=stagger))))
    assert in_two.body == in_one.body and in_two.meta == in_one.meta and len(in_two.claims) == 9


def test_a_page_in_one_column_has_no_gutter():
    import pdfplumber
    for name in ("futian-2025134.pdf", "jinjiang-2025-047.pdf"):
        with pdfplumber.open(SAMPLES / name) as pdf:
            for page in pdf.pages:
                rows = [row for row in page.extract_text_lines(return_chars=True) if row["chars"]]
                assert digest.column_gutter(rows, page.bbox) is None, (name, page.page_number)
