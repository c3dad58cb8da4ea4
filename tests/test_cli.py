"""The script end to end, through a subprocess: formats, exit codes, stdin, several paths, golden digests."""

import json
import re

import pytest

from conftest import GOLDEN, SAMPLE_LETTERS, SAMPLES, dump_summary, run_cli, summary

SAMPLE_TXT, SAMPLE_PDF = str(SAMPLES / "futian-2025134.txt"), str(SAMPLES / "futian-2025134.pdf")


@pytest.mark.parametrize("name", SAMPLE_LETTERS)
def test_sample_matches_its_golden_digest(name):
    result = run_cli(str(SAMPLES / name), "--format", "json")
    assert result.returncode == 0, result.stderr
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert summary(json.loads(result.stdout)) == expected, dump_summary(json.loads(result.stdout))


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
                      f"digest: error: {tmp_path}: is a directory"]
    assert json.loads(result.stdout)["source"] == SAMPLE_TXT


def test_usage_error_exits_2():
    result = run_cli("--format", "yaml", SAMPLE_TXT)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_no_traceback_on_garbage(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = run_cli(str(junk))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert re.fullmatch(rb"digest: error: .*junk\.pdf: .+\n", result.stderr)
