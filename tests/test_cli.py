"""The script end to end, through a subprocess: formats, exit codes, stdin, several paths, golden digests."""

import hashlib
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import SAMPLE_LETTERS, SAMPLES, run_cli
from pdfmaker import letter_pdf, scanned_pdf

SAMPLE_TXT, SAMPLE_PDF = str(SAMPLES / "futian-2025134.txt"), str(SAMPLES / "futian-2025134.pdf")


def test_piped_output_is_markdown_without_ansi():
    result = run_cli(SAMPLE_PDF, env={"TERM": "xterm-256color"})
    assert result.returncode == 0 and result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert out.startswith("# ") and "\x1b[" not in out


def test_forced_table_in_a_pipe_has_no_colour():
    out = run_cli(SAMPLE_TXT, "--format", "table").stdout.decode("utf-8")
    assert "\x1b[" not in out and "本地部署算力" in out


def test_standard_input():
    data = (SAMPLES / "futian-2025134.pdf").read_bytes()
    record = json.loads(run_cli("-", "-f", "json", stdin=data).stdout)
    assert record["source"] == "-" and len(record["sections"]) == 7


def test_several_paths_give_an_array_in_order():
    records = json.loads(run_cli(SAMPLE_TXT, SAMPLE_PDF, "-f", "json").stdout)
    assert [r["source"] for r in records] == [SAMPLE_TXT, SAMPLE_PDF]


def test_a_bad_path_is_one_line_on_stderr_and_the_rest_are_digested(tmp_path):
    result = run_cli(str(tmp_path / "missing.txt"), SAMPLE_TXT, str(tmp_path), "-f", "json")
    assert result.returncode == 1
    errors = result.stderr.decode("utf-8").splitlines()
    assert errors == [f"digest: error: {tmp_path / 'missing.txt'}: no such file",
                      f"digest: error: {tmp_path}: is a directory with no letters (.pdf, .txt, .md, .html, .htm, .docx) in it"]
    assert [record["source"] for record in json.loads(result.stdout)] == [SAMPLE_TXT]


def test_usage_error_exits_2():
    result = run_cli("--format", "yaml", SAMPLE_TXT)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_no_traceback_on_garbage(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = run_cli(str(junk))
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


def test_inputs_are_never_modified_and_nothing_is_written(tmp_path):
    letter = tmp_path / "letter.pdf"
    shutil.copy(SAMPLE_PDF, letter)
    before = hashlib.sha256(letter.read_bytes()).hexdigest(), sorted(tmp_path.iterdir())
    subprocess.run([sys.executable, str(SAMPLES.parent / "digest.py"), str(letter), "-f", "json"],
                   cwd=tmp_path, capture_output=True, check=True, timeout=120)
    assert (hashlib.sha256(letter.read_bytes()).hexdigest(), sorted(tmp_path.iterdir())) == before


def test_not_a_letter_exits_0_with_a_warning(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Welcome to our site.\nWe served 1200 customers last year.\n", encoding="utf-8")
    result = run_cli(str(page), "-f", "json")
    assert result.returncode == 0
    assert any("does not look like a reply letter" in w for w in json.loads(result.stdout)["warnings"])


@pytest.mark.parametrize("make", [
    lambda d: (d / "empty.txt", (d / "empty.txt").write_bytes(b""))[0],
    lambda d: (d / "junk.bin", (d / "junk.bin").write_bytes(bytes(range(256)) * 16))[0],
    lambda d: (d / "scan.pdf", (d / "scan.pdf").write_bytes(scanned_pdf()))[0],
], ids=["empty", "garbage", "scan"])
def test_each_bad_input_is_one_line_and_the_good_ones_still_come_out(tmp_path, make):
    bad = make(tmp_path)
    result = run_cli(SAMPLE_TXT, str(bad), SAMPLE_PDF, "-f", "json")
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


def test_a_directory_means_its_letters_sorted_by_name(tmp_path):
    folder = letters_folder(tmp_path)
    records = json.loads(run_cli(str(folder), "-f", "json").stdout)
    assert [r["source"] for r in records] == [str(folder / name) for name in SAMPLE_LETTERS]
    recursive = json.loads(run_cli(str(folder), "-r", "-f", "json").stdout)
    assert str(folder / "older" / "a-copy.pdf") in [r["source"] for r in recursive]


def test_several_letters_start_with_an_overview(tmp_path):
    out = run_cli(SAMPLE_PDF, str(tmp_path / "missing.txt"), SAMPLE_TXT).stdout.decode("utf-8")
    overview, _, rest = out.partition("\n## ")
    assert overview.startswith("# Overview of 3 letters")
    assert "| missing.txt" not in overview and "error: no such file" in overview
    assert f"| {SAMPLE_PDF} | 2025-09-26 | 福田区科技和工业信息化局 | 2025134 | 7 | 22 | 1 |" in overview
    assert rest.count("\n## ") == 1


def test_overview_only(tmp_path):
    result = run_cli(SAMPLE_PDF, str(tmp_path / "missing.txt"), "--overview-only", "-f", "json")
    rows = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(r["source"], r["claims"], r["error"]) for r in rows] == [
        (SAMPLE_PDF, 22, None), (str(tmp_path / "missing.txt"), None, "no such file")]
    markdown = run_cli(SAMPLE_PDF, SAMPLE_TXT, "--overview-only").stdout.decode("utf-8")
    assert markdown.startswith("# Overview of 2 letters") and "\n## " not in markdown


def test_parallel_workers_give_the_same_result(tmp_path):
    for k in range(4):
        paragraphs = ["关于第1号建议的答复", "尊敬的王委员：", "现答复如下：", "一、加强保障",
                      f"建成养老服务站 {k + 3} 个，投入资金 {k + 1}.5 亿元。", "此函。", "某局", "2025年1月2日"]
        (tmp_path / f"letter-{k}.pdf").write_bytes(letter_pdf(paragraphs))
    one = run_cli(str(tmp_path), SAMPLE_PDF, SAMPLE_TXT, "-f", "json", "--jobs", "1")
    two = run_cli(str(tmp_path), SAMPLE_PDF, SAMPLE_TXT, "-f", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and len(json.loads(two.stdout)) == 6


def test_jobs_must_be_positive():
    assert run_cli(SAMPLE_TXT, "--jobs", "0").returncode == 2


def test_progress_bar_only_on_a_terminal_and_never_on_stdout(tmp_path):
    folder = letters_folder(tmp_path)
    plain = run_cli(str(folder), "-f", "json")
    assert plain.stderr == b""
    main_end, terminal = pty.openpty()
    process = subprocess.run([sys.executable, str(SAMPLES.parent / "digest.py"), str(folder), "-f", "json"],
                             stdout=subprocess.PIPE, stderr=terminal, timeout=120,
                             env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(terminal)
    shown = os.read(main_end, 65536)
    os.close(main_end)
    assert process.stdout == plain.stdout
    assert b"digesting" in shown


def test_text_letters_do_not_import_pdfplumber_and_plain_ones_not_jieba(tmp_path):
    quiet = tmp_path / "thanks.txt"
    quiet.write_text("尊敬的王委员：\n感谢您的关心。\n此函。\n某局\n2025年1月2日\n", encoding="utf-8")
    probe = ("import sys, io, contextlib; sys.path.insert(0, {root!r}); import digest\n"
             "with contextlib.redirect_stdout(io.StringIO()): digest.main([{path!r}, '-f', 'json'])\n"
             "print(sorted(m for m in ('pdfplumber', 'jieba') if m in sys.modules))")
    run = lambda path: subprocess.run([sys.executable, "-c", probe.format(root=str(SAMPLES.parent), path=path)],
                                      capture_output=True, text=True, timeout=120).stdout.strip()
    assert run(SAMPLE_TXT) == "['jieba']"
    assert run(str(quiet)) == "[]"
    assert run(SAMPLE_PDF) == "['jieba']"          # a reader process reads a PDF, with pdfplumber


def test_jiebas_tables_are_set_aside_from_the_garbage_collector():
    # Else every full collection, and reading a PDF sets off many, walks them again.
    probe = ("import gc, sys; sys.path.insert(0, {root!r}); import digest\n"
             "before = len(gc.get_objects()); digest.keyword_extractor(); print(before, len(gc.get_objects()))")
    result = subprocess.run([sys.executable, "-c", probe.format(root=str(SAMPLES.parent))],
                            capture_output=True, text=True, timeout=120)
    before, after = map(int, result.stdout.split())
    assert after < before


def test_jiebas_dictionary_cache_lives_in_the_users_cache_directory(tmp_path):
    result = run_cli(SAMPLE_TXT, "-f", "json", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == 0
    assert [p.name for p in (tmp_path / "digest-py").iterdir()] == ["jieba.cache"]


def test_inline_script_metadata_matches_requirements():
    header = (SAMPLES.parent / "digest.py").read_text(encoding="utf-8").split("# ///")[1]
    declared = json.loads(re.search(r"dependencies = (\[.*\])", header).group(1))
    required = [line.strip() for line in (SAMPLES.parent / "requirements.txt").read_text().splitlines() if line.strip()]
    assert declared == required
