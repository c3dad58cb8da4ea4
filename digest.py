#!/usr/bin/env python3
# /// script
# requires-python = ">=3.10"
# dependencies = ["pdfplumber>=0.11", "jieba>=0.42.1", "rich>=13"]
# ///
# Optional, not listed above: scans and photos are read by OCR where rapidocr-onnxruntime 1.4.4 is
# installed (pip install -r requirements-ocr.txt); without it, a scan is one line that says so.
"""digest: read a Chinese government reply letter (答复函 / 回函) and digest it.

A reply letter answers a proposal of a CPPCC member or a people's congress
deputy. digest.py reads one as text, Markdown, PDF, a web page, a Word file or
a scan, puts back together what extraction and hard wrapping broke, finds the
header (who answered whom, about which proposal, when), splits the letter into
its numbered sections (一、二、…) and pulls out every quantitative claim: the
value, its unit or measure word, its qualifier (超 / 余 / 近 / 不足 …), what is
counted, and where it sits.

    $ python digest.py samples/futian-2025134.pdf | head -12

    # 关于对区政协提案 2025134 《关于大力开展“AI+”行动 加快打造人工智能先锋城市核心区的建议》的回函

    - **Proposal:** 2025134 《关于大力开展“AI+”行动 加快打造人工智能先锋城市核心区的建议》
    - **Addressee:** 胡为民委员
    - **Sender:** 福田区科技和工业信息化局
    - **Date:** 2025-09-26
    ...
    | 二 | 强化构建算力设施集群 | 3个 本地算力资源中心 · 2个 算力调度平台 · 2700P 本地部署算力 · >20000P 可调用算力资源 · …

The pipeline is load → clean → split → extract → render; only reading and
the command line touch files and streams. Each letter's digest is written as
soon as it is done: as a table, Markdown, JSON, JSON Lines or CSV. As a module:

    >>> letter = digest_text("张明委员：\\n一、加强保障\\n全区建成养老服务站 120 余家。")
    >>> letter.sections[0].heading, [claim.compact() for claim in letter.claims]
    ('加强保障', ['>120家 养老服务站'])

Contents, in the order of the file:

    Patterns and tables   what a reply letter looks like: characters, parts, cleaning,
                          opening and closing, header (claims and subjects: their sections)
    Data model            Document, Line, Parts, Section, Claim, Unit, Meta, Letter
    The pipeline          digest(): clean → split → read_meta → body_claims → warnings_for
    Reading               load(): bytes → Document; web pages, Word files, scans (OCR)
    Cleaning              clean(): pages of lines → paragraphs
    Structure             split(), read_meta(): paragraphs → parts and header
    Claims                extract(): a figure as written → Claim; what is no claim
    Subjects              what a figure counts
    Language support      jieba: part-of-speech tags and keywords
    Checks                warnings_for(): what a careful reader would flag
    Rendering             RENDERERS: table, Markdown, JSON, JSON Lines, CSV
    Many letters          digest_all(): letters in order, read by reader processes
    Command line          main(), run()
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import contextlib
import csv
import dataclasses
import datetime
import functools
import gc
import io
import itertools
import json
import math
import os
import re
import shlex
import signal
import stat
import statistics
import sys
import threading
import time
import unicodedata
import zlib
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generator, Iterable, Iterator, Literal, Mapping, Sequence, TypeVar, cast

if TYPE_CHECKING:                       # names for the types only: each is imported where it is used
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess
    from rich.progress import Progress, TaskID

T = TypeVar("T")

__version__ = "0.1.0"
# The surface a program that imports digest may rely on: the pipeline's stages and their data.
# The rest (the tables, the rules' helpers) is open to read and test, and may change.
__all__ = [
    "digest", "digest_text", "digest_all", "load", "clean", "split", "read_meta", "extract", "render",
    "main", "run", "Document", "Line", "Parts", "Section", "Claim", "Unit", "Meta", "Letter", "Limits",
    "DigestError", "RENDERERS", "__version__",
]

# ── Patterns and tables ──────────────────────────────────────────────────────
# What a reply letter looks like. A fix for an unseen letter should be an edit
# to one of these tables, not a new branch in the code below. Here: the tables of
# characters, of the parts of a letter, of cleaning, of the opening and closing and
# of the header; those of claims and subjects head their own sections below.

def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, so 万元 wins over 万."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


# ── Tables: characters ──

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_TEXT = f"[{CJK}，。、；：！？“”《》（）]"     # a Chinese character or Chinese punctuation

# Full-width digits and Latin letters read as ASCII (the letter's punctuation stays).
WIDTH_FOLD: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
WIDTH_FOLD |= {cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)}
WIDTH_FOLD |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}
WIDTH_FOLD |= {ord("％"): "%", ord("﹪"): "%", ord("．"): ".", ord("\u00a0"): " ", ord("\u2002"): " ", ord("\u2003"): " "}

# Traditional and financial (大写) characters that matter for numbers, units,
# qualifiers and the letter's formulas, folded one-for-one onto simplified ones.
# Matching runs on the folded copy; spans are cut from the letter as written. Pairs: 兩两 is 兩 → 两.
SIMPLIFIED = str.maketrans(dict((pair[0], pair[1]) for pair in """
兩两 萬万 億亿 壹一 貳二 贰二 參三 叁三 肆四 伍五 陸六 陆六 柒七 捌八 玖九 拾十 佰百 仟千 個个 項项 場场 類类 處处 條条
間间 餘余 約约 過过 於于 為为 達达 與与 數数 據据 員员 會会 議议 區区 號号 復复 際际 發发 佈布 動动 們们 經经 對对 關关
實实 現现 規规 劃划 設设 備备 計计 總总 額额 較较 長长 產产 業业 務务 資资 該该 這这 還还 線线 網网 點点 師师 醫医 藥药
術术 屆届 華华 縣县 鎮镇 鄉乡 廳厅 辦办 謝谢 來来 將将 進进 聯联 繫系 電电 話话 頁页 級级 複复 積积 門门 戶户 養养 機机
構构 張张 強强 標标 準准 單单 書书 證证 樓楼 車车 鐵铁 軌轨 圖图 館馆 劇剧 團团 樂乐 礎础 織织 綜综 營营 銷销 賽赛 戰战
態态 環环 衛卫 頭头 歲岁
""".split()))

# Invisible format characters (Unicode's Cf): zero-width spaces and joiners, the soft
# hyphen, bidi controls, tag characters. They carry no text a reader sees, and inside a
# figure (20\u200c000P) they would split it: cleaning removes them.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
INVISIBLE = re.compile(f"[{FORMAT_CHARACTERS}]")
# What must never reach a terminal as it is: control characters (C0, DEL, C1: ESC ] sets the
# title, ESC [6n types into the shell), format characters, line and paragraph separators,
# and the lone surrogates that stand for the bytes of a file name the locale cannot decode.
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{FORMAT_CHARACTERS}]")
UNDECODED_BYTES = range(0xDC80, 0xDD00)     # how Python's surrogateescape carries such a byte
CONTROL_PICTURES = 0x2400                   # ␀…␟: a C0 control shown as a symbol of its own

SPACES = "[ \t\u3000]"
SENTENCE_END = "。！？!?；;"
PARAGRAPH_END = re.compile(r"[。！？!?；;：:…][”’」』）)》\]]*$")

# Chinese numerals: digits, and the units that multiply them.
CN_DIGITS = "零〇一二两三四五六七八九"
CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNIT = {"万": 10**4, "亿": 10**8}
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
# Chinese numerals read digit by digit (二〇二五) when there are at least this many; two (三五个)
# are a vague "three or five".
DIGIT_BY_DIGIT = 3

# Years: as a date line writes one (2025 or 二〇二五), and one that is plausible for a letter, which
# tells a year from an amount (2025 年 from 4517.26 万元).
WRITTEN_YEAR = r"\d{4}|[〇零一二三四五六七八九]{4}"
PLAUSIBLE_YEAR = r"(?:19|20)\d{2}"
YEAR = rf"{PLAUSIBLE_YEAR}|[〇零一二][〇零一二三四五六七八九]{{3}}"

# ── Tables: the parts of a letter ──

# Numbered headings, GB/T 9704 levels: 一、 → （一） → 1. → （1）.
CN_NUMERAL = "[一二三四五六七八九十]{1,3}"
TOP_MARKER = re.compile(rf"^({CN_NUMERAL}){SPACES}*[、．.]{SPACES}*")
PAREN_MARKER = re.compile(rf"^[（(]({CN_NUMERAL})[）)]{SPACES}*")
ARABIC_MARKER = re.compile(rf"^(\d{{1,2}}){SPACES}*[、．.](?!\d){SPACES}*")       # 1、 where a letter has no 一、
# The levels a letter's top sections may be numbered in, tried in order, with how many a letter must have.
SECTION_LEVELS = ((TOP_MARKER, 1), (PAREN_MARKER, 2), (ARABIC_MARKER, 2))
HEADING_END = re.compile("[。！？!?：:]")
CLAUSE_END = re.compile("[，,；;]")   # where an over-long heading without a full stop is cut
MAX_HEADING = 200                   # characters: a heading is the first sentence, unless there is none this long

# Notes around the signature that are neither the signing office nor the letter's text.
SIGN_OFF_NOTE = re.compile(r"[（(]?(?:联系人|联系电话|联系方式|抄送|附件|办理结果|签发人|公开方式|承办单位|单位负责人|承办人|审核人)")

# Marks of the letter's head (GB/T 9704) on lines of their own: the document number
# (粤人社建〔2025〕31号) and the class of the reply (A类, 类别：B, 答复类别：B: what was asked is done).
HEAD_MARK = re.compile(r"^(?:.{0,16}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号|[ABC]\s*类"
                       r"|(?:答复|办理结果|办理)?类\s*别\s*[:：]\s*[A-D]类?)$")
# Who the letter is to: a person by name and title (胡为民委员), or a body (致公党市委会, 市住房和城乡建设局).
ADDRESS_FORMS = "委员|代表|同志|先生|女士|主任|主席|议员|各位"
# The titles of those who propose (委员 of the CPPCC, 代表 of a congress): with a name, a line of its
# own is the addressee even without its colon (高松代表).
PROPOSERS = "委员|代表"
BODIES = ("委员会|党委会|市委会|省委会|区委会|县委会|基层委员会|支部|总支|学社|联合会|工商联|协会|商会|"
          "民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|局|委|厅|办公室|政府|中心|院|公司")
# An office as it names itself in a letterhead, a title or a 承办单位 line.
OFFICE = rf".{{2,30}}?(?:{BODIES}|办)"

# ── Tables: cleaning ──

# Page furniture that is never the letter's text: — 1 —, - 2 -, 第 3 页, 3/4.
PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        [—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}      # — 1 —  /  - 2 -
      | 第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?   # 第 3 页（共 4 页）
      | \d{1,4}\s*/\s*\d{1,4}                       # 3/4
      | (?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?
    )\s*$""",
    re.VERBOSE,
)

# A page flattened into one line: the space after a paragraph's last 。 or ： is its line break.
FLATTENED_LINE = 300       # characters: shorter lines are a paragraph each, whatever their spaces
FLATTENED_BREAKS = 3       # a paragraph may have a stray space after a full stop or two; a flattened page has many
FLATTENED_BREAK = re.compile(rf"(?<=[。！？!?：:；;]){SPACES}+(?=\S)")

# A text wrapped at a fixed width: at least this many lines of one length, each at least this long.
FIXED_WIDTH_LINES, FIXED_WIDTH_LEAST = 5, 16
# What typesetters never break across lines: a number with its separators, a Latin word.
UNBROKEN_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%‰﹪％、\-—–~～/+]*[，。、；：！？）》”,;:!?)]?")   # punctuation never starts a line

# characters: a line no longer than this may stand alone — a heading on its own line, a running
# header, the signing office's name; a longer one is the letter's text.
SHORT_LINE = 40

# Paragraphs that always stand alone: a line never runs on into them.
STANDALONE_START = re.compile(
    rf"""^(?:
        {CN_NUMERAL}{SPACES}*[、．.] | \d{{1,2}}[、．.](?!\d)       # 一、 1、
      | [（(](?:{CN_NUMERAL}|\d{{1,2}})[）)]          # （一） （1）
      | 尊敬的 | 此函 | 特此 | 专此 | 此复
      | [^，。；！？,;]{{1,30}}(?:{ADDRESS_FORMS}|{BODIES})们?[：:]$ | [^，。；！？,;：:\s]{{1,10}}(?:{PROPOSERS})$   # the addressee
      | {SIGN_OFF_NOTE.pattern}
      | {HEAD_MARK.pattern}
      | (?:{WRITTEN_YEAR}){SPACES}*年.{{1,12}}日$ | (?:{PLAUSIBLE_YEAR})\d{{4}}$   # the date line
    )""",
    re.VERBOSE,
)

# ── Tables: opening and closing ──

CLOSING_FORMULA = re.compile(r"^(?:此函|特此函[复覆]|专此答[复覆]|特此答[复覆]|此[复覆]|特此回[复覆]|专此函[复覆])[。.!！]?$")

# Where the closing begins: the paragraph that turns from the answer to the future or to thanks.
CLOSING_START = re.compile(r"^(?:下一步|下步|今后|下阶段|接下来|最后|再次感谢|衷心感谢|感谢|此函|特此|专此|此复)")
# A letter whose sections each end with what will be done (一、… 下一步，… 二、… 下一步，…) keeps the
# last one in the last section: its closing starts at the thanks or the formula.
NEXT_STEPS = re.compile(r"^(?:下一步|下步|今后|下阶段|接下来)")
OPENING_END = re.compile(r"答[复覆]如下|回[复覆]如下|函[复覆]如下|说明如下|报告如下")

# ── Tables: the header ──

ADDRESSEE = re.compile(rf"^(?:尊敬的?)?([^，。；！？,;]{{1,40}}?)[：:]$|^(?:尊敬的?)?([^，。；！？,;：:]{{1,20}}(?:{ADDRESS_FORMS})们?)$")
PROPOSAL_NO = (
    re.compile(r"第\s*([A-Za-z]?\d\d[A-Za-z0-9\-]*)\s*号"),     # \d\d, not \d{2,}: the rest may be digits too
    re.compile(r"(?:提案|建议|议案)(?:编号|号)?\s*(?:[:：]\s*)?([A-Za-z]?\d{3,}[A-Za-z0-9\-]*)"),
    re.compile(r"编号\s*[:：]\s*([A-Za-z0-9\-]{3,})"),
)
BOOK_TITLE = re.compile(r"《([^《》]{1,200})》")
# The proposal's own title, where the opening names it: 您提出的《…》, 你们提出的“…”, 您提出的关于…的建议收悉.
PROPOSED = re.compile(r"(?:提出的|所提的?|所提出的|您的|你们的|您|你们)(?:关于)?(?=[《“\"]|关于)")
UNQUOTED_TITLE = re.compile(r"关于.{2,120}?的(?:建议|提案|议案|提议|意见)(?=收悉|已|，|,|。|（|\(|$)")
# Elsewhere in the head: 关于“…”的提案, or a 《…》 that names a proposal.
PROPOSAL_TITLE = (re.compile(r"关于[“\"]([^”\"]{2,80})[”\"]的(?:提案|建议|议案)"),
                  re.compile(r"《([^《》]{1,200}(?:提案|建议|议案|提议|意见))》"), BOOK_TITLE)
TITLE_START = re.compile("关于|答复|回函|复函|意见")
# A letterhead that names the signer after the office: 宝鸡市生态环境局 签发人:赵永怀.
SIGNER = re.compile(rf"^(?P<office>{OFFICE}){SPACES}*签发人")
# The office that handled the proposal, named in a line of its own: 承办单位:清原县住房和城乡建设局.
HANDLED_BY = re.compile(r"^(?:承办单位|办理单位|主办单位|答复单位)\s*[:：]\s*(?P<office>[^，。；:：\s]{2,40})")
# A title that begins with the office that wrote it: 重庆市生态环境局关于…的答复函.
TITLE_OFFICE = re.compile(rf"^(?P<office>{OFFICE}){SPACES}*(?:关于|对)")
COMPACT_DATE = re.compile(rf"(?P<year>{PLAUSIBLE_YEAR})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])")

DATE = re.compile(
    rf"""(?P<year>{WRITTEN_YEAR}){SPACES}*年{SPACES}*
         (?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){SPACES}*月{SPACES}*
         (?:(?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){SPACES}*日)?""",
    re.VERBOSE,
)
AS_OF = re.compile(rf"(?:截至|截止|截止到|截止至|至|到){SPACES}*{DATE.pattern}", re.VERBOSE)
# An office's name run into the end of the paragraph above the date: …示范样板。辽宁省发展和改革委员会
SIGNATURE_RUN_IN = re.compile(rf"[。！？!?](?P<office>{OFFICE})$")
# A signature and date run into the end of the last paragraph, as a web page that lost its breaks
# shows them: …关心和支持。银川市水务局2025年7月8日
SIGNED_AT_END = re.compile(rf"(?<=[。！？!?])(?P<office>{OFFICE}){SPACES}*(?P<date>{DATE.pattern})$", re.VERBOSE)
# A signature written on the date's line: 新平县水利局 2021年9月17日.
SIGNED_ON_DATE_LINE = re.compile(rf"(?P<office>[^，。；！？,;:：\s]{{2,40}}){SPACES}+(?P<date>{DATE.pattern})", re.VERBOSE)

MAX_SENTENCE = 400      # characters: a "sentence" without punctuation is cut into blocks of this size


# ── Data model ───────────────────────────────────────────────────────────────

class DigestError(Exception):
    """An input that cannot be digested; `main` prints it as one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)          # both in args, so it crosses process boundaries
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class LimitExceeded(BaseException):
    """A letter went over one of its limits while it was read.

    A BaseException, as KeyboardInterrupt is: it must stop pdfminer where it stands, and
    pdfminer catches Exception in places and carries on."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Limits:
    """What reading one letter may cost; a letter that goes over one fails alone, with one line.
    Each is raised with --limit NAME=N or DIGEST_LIMITS="NAME=N,…"."""
    size: float = field(default=100, metadata={"over": "is larger than {} MB"})
    inflated: float = field(default=256, metadata={"over": "inflates to more than {} MB"})
    pages: float = field(default=2000, metadata={"over": "has more than {} pages"})
    characters: float = field(default=500_000, metadata={"over": "draws more than {} characters and forms"})
    seconds: float = field(default=60, metadata={"over": "took more than {} s to read"})

    def reason(self, name: str) -> str:
        """What going over a limit says: which limit, and how to raise it."""
        over = next(limit.metadata["over"] for limit in dataclasses.fields(self) if limit.name == name)
        return f"{over.format(format_value(getattr(self, name)))} (limit {name}: raise it with --limit {name}=N)"

    def in_bytes(self, name: str) -> int:
        """A limit given in MB, in bytes."""
        return int(getattr(self, name) * (1 << 20))


@dataclass(frozen=True)
class Line:
    """A line as read. PDF lines carry their geometry; text lines do not; where a format marks its
    paragraphs (a Word paragraph, a web page's block, a blank line in Markdown), `starts` says so."""
    text: str
    x0: float | None = None
    x1: float | None = None
    size: float | None = None
    starts: bool | None = None                 # True: the line starts a paragraph; None: the format does not say


def placed(measure: float | None) -> float:
    """A PDF line's x0, x1 or size: pdf_lines and row_line (OCR) give every line they read all three."""
    assert measure is not None, "a PDF line without its geometry"
    return measure


@dataclass(frozen=True)
class Document:
    """What `load` read: pages of lines, before any cleaning."""
    source: str
    kind: str                                  # "pdf", "text", "markdown", "html", "docx" or "image"
    pages: tuple[tuple[Line, ...], ...]
    notes: tuple[str, ...] = ()                # what reading noticed (mislabelled file, bad page)
    title: str | None = None                   # a web page's title for the letter: stands in when it has none
    unread: tuple[int, ...] = ()               # pages that are images of text (a scan), still to be read by OCR
    scanned: tuple[int, ...] = ()              # pages that were read by OCR


@dataclass(frozen=True)
class Unit:
    """A figure's unit, in its parts: magnitude 万 + measure 千瓦; what a rate is per (元/平方米,
    元/人·月); a fraction's denominator (三分之二 is 2 per 3: /3). str() gives the unit as JSON writes it."""
    measure: str = ""
    magnitude: str = ""
    per: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.magnitude + self.measure + ("/" + "·".join(self.per) if self.per else "")


@dataclass(frozen=True)
class Claim:
    """A stated quantity: 超 20000P → value 20000, unit P, qualifier over, subject 可调用算力资源."""
    value: int | float
    unit: Unit
    qualifier: str
    subject: str
    section: int | None
    text: str
    sentence: str
    as_of: str | None = None
    value_max: int | float | None = None       # the upper end of a range: 8 万至 12 万元
    change: str | None = None                  # "up" / "down" when the figure is the size of a rise or a fall
    start: int = field(default=0, compare=False)   # offset in the letter's body

    def compact(self) -> str:
        """`>20000P 可调用算力资源`, `8–12万元 …`, `↓12.6% …`: the form used in tables."""
        figure = f"{CHANGE_SYMBOL[self.change]}{QUALIFIER_SYMBOL[self.qualifier]}{value_span(self)}{self.unit}"
        return f"{figure} {self.subject}".strip()


@dataclass(frozen=True)
class Section:
    """A top-level numbered section (一、…), its sub-levels inside its text."""
    number: int
    numeral: str
    heading: str                               # its closing 。 included when it shares the paragraph
    text: str
    keywords: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    marker: str = ""                           # 一、 as written
    span: tuple[int, int] = (0, 0)             # the whole section, marker included, in the body


@dataclass(frozen=True)
class Outline:
    """Where the parts of a letter lie, as paragraph indices."""
    headings: tuple[int, ...]          # paragraphs that start a numbered section
    closing: int                       # first paragraph of the closing (len(paragraphs) if none)
    level: re.Pattern | None           # the marker of the top-level sections
    date_at: int | None = None         # the signing date
    senders: tuple[int, ...] = ()      # the signing office(s), just above the date


@dataclass(frozen=True)
class Parts:
    """What `split` makes of a letter's paragraphs: its body, and the parts that partition it.
    The sections are placed (number, heading, text, span) but hold no claims or keywords yet."""
    paragraphs: tuple[str, ...]
    body: str                                  # the paragraphs joined by newlines
    opening: str
    sections: tuple[Section, ...]
    closing: str
    outline: Outline                           # where the parts lie, as paragraph indices


@dataclass(frozen=True)
class Meta:
    """Who answered whom, about which proposal, when; None where the letter does not say."""
    title: str | None = None
    proposal_no: str | None = None
    proposal_title: str | None = None
    addressee: str | None = None
    sender: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Letter:
    """A digested letter: its parts partition `body`, nothing of the text left out."""
    source: str
    body: str                                  # the cleaned letter, paragraphs joined by newlines
    meta: Meta
    opening: str
    sections: tuple[Section, ...]
    closing: str
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...]


# ── The pipeline ─────────────────────────────────────────────────────────────
# load → clean → split → extract → render. Each stage is a pure function of what the one before
# made; only `load` (reading) and the command line touch files and streams.

def digest(document: Document) -> Letter:
    """A Document → a Letter: clean, split, read the header, extract the claims, flag what is doubtful."""
    paragraphs = clean(document)                            # pages of lines → paragraphs (Cleaning)
    if not paragraphs:
        raise DigestError(document.source, "no text in the letter")
    parts = split(paragraphs)                               # → opening, numbered sections, closing (Structure)
    meta = read_meta(parts)                                 # → who answered whom, about what, when
    if meta.title is None and document.title:               # a web page's title stands in, at the letter's head
        parts = split((document.title, *paragraphs))
        meta = read_meta(parts)
        meta = dataclasses.replace(meta, title=meta.title or document.title)
    claims = body_claims(parts.body, parts.sections)        # → every figure, with what it counts (Claims, Subjects)
    sections = tuple(dataclasses.replace(section, keywords=keywords, claims=own) for section, keywords, own
                     in zip(parts.sections, section_keywords(parts.sections), claims_by_section(parts.sections, claims)))
    warnings = document.notes + warnings_for(meta, sections, claims)                 # (Checks)
    return Letter(document.source, parts.body, meta, parts.opening, sections, parts.closing, tuple(claims), warnings)


def digest_text(text: str, source: str = "<text>") -> Letter:
    """A letter's text → its Letter: the pipeline without a file.

    >>> letter = digest_text("张明委员：\\n一、加强保障\\n全区建成养老服务站 120 余家。\\n某某区民政局\\n2025年3月1日")
    >>> [claim.compact() for claim in letter.claims], letter.meta.sender
    (['>120家 养老服务站'], '某某区民政局')
    """
    return digest(Document(source, "text", text_pages(text)))


def claims_by_section(sections: Sequence[Section], claims: Sequence[Claim]) -> list[tuple[Claim, ...]]:
    # By position, not by number: a letter may number two sections alike (一、二、二、).
    starts = [section.span[0] for section in sections]
    grouped: list[list[Claim]] = [[] for _ in sections]
    for claim in claims:
        if claim.section is not None:
            grouped[bisect.bisect_right(starts, claim.start) - 1].append(claim)
    return [tuple(group) for group in grouped]


def body_claims(body: str, sections: Sequence[Section]) -> list[Claim]:
    """Claims of the whole body, each tagged with the section it stands in."""
    regions, at = [], 0
    for section in sections:
        regions += [(at, section.span[0], None), (section.span[0], section.span[1], section.number)]
        at = section.span[1]
    regions.append((at, len(body), None))
    # One letter asks about the same short clause again and again (a list, a table written out):
    # its tags are looked up once. The cache lives as long as the letter, so no letter reads faster
    # for the ones before it.
    segmenter = functools.lru_cache(maxsize=LETTER_TAG_CACHE)(tag_words)
    claims = []
    for start, end, number in regions:
        claims += extract(body[start:end], number, start, segmenter)
    return claims


# ── Reading ──────────────────────────────────────────────────────────────────
# bytes → Document. The only stage that touches the file system.

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
LEGACY_ENCODINGS = ("gb18030", "big5")
DECODING_SAMPLE = 20000   # characters: enough to judge an encoding, or to tell binary from text
# A text is UTF-8 with a few bad bytes (a stray byte, a last character cut in half) when its
# valid multi-byte characters outnumber its bad sequences this many times; a text in a legacy
# encoding read as UTF-8 has more bad sequences than valid ones.
MOSTLY_UTF8 = 20
# How tools write a password beyond Latin-1 into older PDF encryption: pypdf and most tools as
# UTF-8, tools on a Chinese Windows in its code page.
PASSWORD_ENCODINGS = ("utf-8", "gb18030")
SHOWN_PLACES = 5          # lines named in a warning about bad bytes


def load(path: str, password: str | None = None, stdin: io.BufferedIOBase | None = None,
         limits: Limits = Limits()) -> Document:
    """Read a letter from a path, or from standard input when the path is '-'."""
    return document_of(path, read_bytes(path, limits, stdin), password, limits)


def document_of(path: str, raw: bytes, password: str | None = None, limits: Limits = Limits()) -> Document:
    """A letter's bytes → its Document, read as what its content says it is (a PDF, or text in the
    encoding it is in), whatever its name says; a format digest does not read is one line that says
    what to do with it."""
    if not raw.strip():
        raise DigestError(path, "empty file")
    notes: list[str] = []
    suffix = Path(path).suffix.lower()
    kind = file_format(raw)
    if kind in UNREAD_FORMATS:
        raise DigestError(path, UNREAD_FORMATS[kind].format(name=shlex.quote(path) if path != "-" else "FILE"))
    if kind == "docx":
        return Document(path, "docx", (word_lines(raw, path, limits),), tuple(notes))
    if kind == "image":
        if not ocr_installed():
            raise DigestError(path, f"an image (a scan or a photo): {NO_OCR}")
        frames = image_frames(raw, path, limits)
        return Document(path, "image", ((),) * frames, tuple(notes), unread=tuple(range(1, frames + 1)))
    if kind == "pdf":
        if suffix and suffix != ".pdf":         # a name without one (/dev/stdin, /dev/fd/63) says nothing
            notes.append(f"{path} is a PDF, though its name says otherwise; read as PDF")
        pages, scans = read_pdf(raw, path, password, limits)
        if any("(cid:" in line.text for page in pages for line in page):
            notes.append("some characters have no Unicode map in the PDF and read as (cid:N)")
        if scans and not ocr_installed():
            notes.append(f"{pages_named(scans)} without a text layer (a scan) not read: {NO_OCR}")
            scans = ()
        return Document(path, "pdf", pages, tuple(notes), unread=scans)
    if suffix == ".pdf":
        notes.append(f"{path} is named .pdf but holds text; read as text")
    text, decoding_notes = decode(raw, path)
    notes += decoding_notes
    if HTML_START.search(text, 0, HTML_HEAD) or suffix in HTML_SUFFIXES and ANY_TAG.search(text):
        try:
            with time_limit(limits.seconds):
                title, lines = web_page_letter(text, path)
        except LimitExceeded as over:
            raise DigestError(path, limits.reason(over.name)) from None
        return Document(path, "html", (lines,), tuple(notes), title=title)
    if suffix in MARKDOWN_SUFFIXES or MARKDOWN_HEADING.search(text, 0, DECODING_SAMPLE):
        return Document(path, "markdown", markdown_pages(text), tuple(notes))
    return Document(path, "text", text_pages(text), tuple(notes))


def read_bytes(path: str, limits: Limits = Limits(), stdin: io.BufferedIOBase | None = None) -> bytes:
    """A file's bytes, never more than the size limit: /dev/zero and a sparse 100 GB file stop there."""
    most = limits.in_bytes("size")
    if path == "-":
        source = stdin or (sys.stdin.buffer if sys.stdin else None)
        if source is None:
            raise DigestError(path, "standard input is closed")
        raw = source.read(most + 1)
    else:
        raw = read_file(path, most, limits)
    if len(raw) > most:
        raise DigestError(path, limits.reason("size"))
    return raw


def read_file(path: str, most: int, limits: Limits) -> bytes:
    try:
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size > most:
                raise DigestError(path, limits.reason("size"))      # its size says enough: nothing is read
            return file.read(most + 1)
    except FileNotFoundError:
        raise DigestError(path, "no such file") from None
    except IsADirectoryError:
        raise DigestError(path, "is a directory") from None
    except PermissionError:
        raise DigestError(path, "permission denied") from None
    except OSError as error:
        raise DigestError(path, f"cannot read ({error.strerror or type(error).__name__})") from None


def looks_like_pdf(raw: bytes) -> bool:
    """Does a PDF's header open the file, or follow only bytes that are not text? (PDF readers take
    the header anywhere in the first kilobyte, for tools that put a binary prefix before it; a text
    letter that mentions %PDF- near its top is still text.)

    >>> looks_like_pdf(b"%PDF-1.7"), looks_like_pdf(b"\\x00\\x05junk%PDF-1.4"), looks_like_pdf("附：%PDF-1.4 格式".encode())
    (True, True, False)
    """
    at = raw.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    prefix = raw[:at]
    return not prefix.strip() or re.search(rb"[\x00-\x08\x0e-\x1f]", prefix) is not None


# What a file is, told by its first bytes (a name can lie): those read otherwise than as text.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"),      # PNG, JPEG
    (b"II*\x00", "image"), (b"MM\x00*", "image"),                       # TIFF, in either byte order
    (b"PK\x03\x04", "zip"),                 # .docx, .odt, .ofd: which one, the names inside say
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),  # Word 97–2003 .doc and WPS .wps, also .xls and .ppt
    (b"{\\rtf", "rtf"),
)
READ_BY_READERS = frozenset({"pdf", "image", "zip"})    # …and web pages (see read_by_readers)
# The parts that tell a zip's format, and the stream that tells an OLE2 file's, by their names.
ZIP_FORMATS = (("word/document.xml", "docx"), ("OFD.xml", "ofd"), ("content.xml", "odt"))
WORD_STREAM = "WordDocument".encode("utf-16-le")     # as an OLE2 directory names it (WPS Office's .wps too)
# Formats digest.py does not read, and what to do with them: the line a user sees ({name}: the file).
CONVERT_FIRST = "convert it first, e.g. soffice --headless --convert-to docx {name}"
UNREAD_FORMATS = {
    "doc": f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT_FIRST}",
    "rtf": f"an RTF document: {CONVERT_FIRST}",
    "odt": f"an OpenDocument text (.odt): {CONVERT_FIRST}",
    "ofd": "an OFD document: save it as PDF from an OFD reader first, then digest the PDF",
    "ole2": "an Office 97–2003 file that holds no Word document (a spreadsheet or slides?), not a letter",
    "zip": "a zip archive, not a letter",
    "damaged zip": "a zip archive that cannot be opened (a Word file cut short?)",
}


def file_format(raw: bytes) -> str:
    """What the bytes are: "pdf", "image", "docx", one of UNREAD_FORMATS, or "text".

    >>> file_format(b"%PDF-1.7"), file_format(b"\\xff\\xd8\\xff\\xe0 JFIF"), file_format("答复如下".encode())
    ('pdf', 'image', 'text')
    >>> file_format(b"{\\\\rtf1\\\\ansi ..."), file_format(b"PK\\x03\\x04 not really a zip")
    ('rtf', 'damaged zip')
    """
    kind = signature(raw)
    if kind == "zip":
        return zip_format(raw)
    return "doc" if kind == "ole2" and WORD_STREAM in raw else kind


def signature(head: bytes) -> str:
    """What a file's first bytes say it is: "pdf", a kind in SIGNATURES, or "text"."""
    if looks_like_pdf(head):
        return "pdf"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), "text")


def read_by_readers(head: bytes, path: str) -> bool:
    """Is a letter with these first bytes read by a reader process, within its limits? A PDF, a scan,
    a Word file and a web page are: a library, or Python's HTML parser, can be made to work without
    end by a file built for it (html.parser takes minutes over 100 KB of "<!--"); text is not.

    >>> read_by_readers(b"%PDF-1.7", "x.txt"), read_by_readers(b"<!DOCTYPE html><html>", "-"), read_by_readers(b"abc", "x.txt")
    (True, True, False)
    """
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = head.decode("utf-16" if utf16 else "latin-1", errors="ignore")
    return (signature(head) in READ_BY_READERS or HTML_START.search(text, 0, HTML_HEAD) is not None
            or Path(path).suffix.lower() in HTML_SUFFIXES)


def zip_format(raw: bytes) -> str:
    import zipfile  # only zips pay for it
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "damaged zip"
    return next((kind for part, kind in ZIP_FORMATS if part in names), "zip")


def decode(raw: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Bytes → text and what the reading noticed: a BOM if there is one (and it tells the
    truth), else UTF-8, else mostly UTF-8 (bad bytes replaced, with a warning), else the legacy
    encoding that reads best.

    >>> decode("答复如下".encode("gb18030"), "x.txt")
    ('答复如下', ())
    >>> decode(("现答复如下：" * 4).encode("utf-8")[:-1], "x.txt")[1]
    ('1 byte sequence that is not UTF-8 was replaced with U+FFFD (line 1)',)
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return bom_text(raw, bom, encoding, path)
    return utf8_text(raw, path) or (legacy_text(raw, path), ())


def utf8_text(raw: bytes, path: str) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8, or mostly UTF-8 (its bad bytes replaced, and a warning); None when it is not UTF-8."""
    try:
        return checked_text(raw.decode("utf-8"), path), ()
    except UnicodeDecodeError:
        pass
    lenient = mostly_utf8(raw)
    return None if lenient is None else (checked_text(lenient[0], path), (replaced_note(raw, lenient[1]),))


def bom_text(raw: bytes, bom: bytes, encoding: str, path: str) -> tuple[str, tuple[str, ...]]:
    body = raw[len(bom):]
    if encoding != "utf-8-sig":
        text = raw.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - raw.decode(encoding, errors="ignore").count("\ufffd")
        return checked_text(text, path), (f"{plural(bad, 'byte sequence')} not valid {encoding.upper()} "
                                          f"replaced with U+FFFD",) if bad else ()
    # A BOM put on by a tool that did not convert the text: the text is in its own encoding.
    return utf8_text(body, path) or (legacy_text(body, path), (
        "the file starts with a UTF-8 byte-order mark, but its text is not UTF-8; read in the legacy encoding that fits it",))


def mostly_utf8(raw: bytes) -> tuple[str, list[int]] | None:
    """UTF-8 with each bad sequence replaced by U+FFFD, and where the runs of bad bytes start;
    None when they are too many for the text to be UTF-8 at all."""
    bad: list[int]
    pieces, bad, at, view = [], [], 0, memoryview(raw)
    while True:
        try:
            pieces.append(codecs.utf_8_decode(view[at:], "strict", True)[0])
            break
        except UnicodeDecodeError as error:
            pieces += [codecs.utf_8_decode(view[at:at + error.start], "strict", True)[0], "\ufffd"]
            if error.start or not bad:      # bad bytes right after bad bytes are one place, not two
                bad.append(at + error.start)
            at += error.end
        if len(bad) > MOSTLY_UTF8 and len(bad) * MOSTLY_UTF8 > at:
            return None                     # not UTF-8: no need to read to the end to know it
    text = "".join(pieces)
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return (text, bad) if len(bad) * MOSTLY_UTF8 <= multibyte else None


def replaced_note(raw: bytes, bad: Sequence[int]) -> str:
    lines = ", ".join(str(raw.count(b"\n", 0, offset) + 1) for offset in bad[:SHOWN_PLACES])
    more = ", …" if len(bad) > SHOWN_PLACES else ""
    were = "was" if len(bad) == 1 else "were"
    return (f"{plural(len(bad), 'byte sequence')} that {'is' if len(bad) == 1 else 'are'} not UTF-8 {were} "
            f"replaced with U+FFFD (line{'s' if len(bad) > 1 else ''} {lines}{more})")


def legacy_text(raw: bytes, path: str) -> str:
    readings = []
    for encoding in bom_less_utf16(raw) + LEGACY_ENCODINGS:
        try:
            readings.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise DigestError(path, "not text in any encoding digest knows (UTF-8/16, GB18030, Big5): binary file?")
    return checked_text(max(readings, key=reading_score), path)


def bom_less_utf16(raw: bytes) -> tuple[str, ...]:
    # Chinese in UTF-16 has few zero bytes, so both byte orders are tried and scored.
    return ("utf-16-le", "utf-16-be") if len(raw) % 2 == 0 else ()


def reading_score(text: str) -> float:
    """How much a decoding looks like real Chinese: the share of common characters.

    A wrong legacy decoding turns text into rare characters; GB2312's level 1
    and Big5's frequent block hold the characters letters are written in.
    """
    sample = text[:DECODING_SAMPLE]
    hanzi = [ch for ch in sample if CJK_CHAR.match(ch)]
    if not hanzi:
        return -sum(not ch.isprintable() and ch not in "\r\n\t\f" for ch in sample)
    return sum(map(is_common_hanzi, hanzi)) / len(hanzi)


def is_common_hanzi(ch: str) -> bool:
    for encoding, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            if low <= int.from_bytes(ch.encode(encoding), "big") <= high:
                return True
        except UnicodeEncodeError:
            continue
    return False


def checked_text(text: str, path: str) -> str:
    sample = text[:DECODING_SAMPLE]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if "\x00" in sample or control > len(sample) // 20:
        raise DigestError(path, "binary data, not a letter")
    if not text.strip():
        raise DigestError(path, "empty file")
    return text


def text_pages(text: str) -> tuple[tuple[Line, ...], ...]:
    """Text → pages of lines; form feeds (from pdftotext) separate pages.

    >>> [[line.text for line in page] for page in text_pages("一、加强保障\\r\\n正文。\\f二、强化落实")]
    [['一、加强保障', '正文。'], ['二、强化落实']]
    """
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    return tuple(tuple(Line(line) for line in page.split("\n")) for page in pages)


# Markdown: a letter written in it is read without its marks, which are no part of the letter's
# text, so that `## 一、…`, `**一、…**` and `1. ` give the sections the plain text gives. A file is
# Markdown by its name, or by a heading or a bold line where a paragraph starts.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
MARKDOWN_HEADING = re.compile(r"^ {0,3}(?:#{1,6} +|\*\*|__)\S", re.MULTILINE)
MARKDOWN_ALONE = re.compile(r"^ {0,3}(?:#{1,6}(?: |$)|(?:=+|-+) *$|(\*\*|__).{1,200}\1 *$)")   # a heading, a bold line
MARKDOWN_MARKS = (              # (what, replaced by), in order, on each line
    (re.compile(r"^ {0,3}(?:(?:[-*_] *){3,}|=+ *)$"), ""),       # a rule (---, ***) or a heading's underline (===)
    (re.compile(r"^ {0,3}#{1,6}(?: +|$)|(?<! ) +#+ *$"), ""),    # a heading's marks: ## 一、加强规划 ##
    (re.compile(r"^ {0,3}(?:> ?)+"), ""),                        # a quotation's
    (re.compile(r"^ {0,3}[-*+] +"), ""),                         # a bullet
    (re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).){1,200}?)(?<=\S)\1"), r"\2"),   # bold: **一、加强规划**
    (re.compile(r"!?\[([^\[\]]{0,200})\]\([^()\s]{0,500}\)"), r"\1"),       # a link: [附件](url) → 附件
    (re.compile(r"(?<! ) {2,}$|\\$"), ""),                      # a hard line break
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), r"\1"),        # an escape: 1\. → 1.
    (re.compile(r"^ +"), ""),                                    # its indents, which are syntax (U+3000 is the letter's)
)


def markdown_pages(text: str) -> tuple[tuple[Line, ...], ...]:
    """A Markdown letter's lines, its marks taken off; a blank line, or a heading, ends a paragraph
    (lines that follow one another may still be one, wrapped: punctuation decides, as in text).

    >>> lines = markdown_pages("# 关于第 12 号建议的答复\\n\\n## 一、加强规划\\n**二、强化保障**\\n全区建成 3 个。")[0]
    >>> [(line.text, line.starts) for line in lines]
    [('关于第 12 号建议的答复', True), ('', None), ('一、加强规划', True), ('二、强化保障', True), ('全区建成 3 个。', True)]
    """
    lines, after_break = [], True
    for line in text_pages(text.replace("\f", "\n"))[0]:
        alone = bool(MARKDOWN_ALONE.match(line.text))
        written = line.text
        for mark, replacement in MARKDOWN_MARKS:
            written = mark.sub(replacement, written)
        lines.append(Line(written, starts=True if after_break or alone else None) if written.strip() else Line(""))
        after_break = alone or not written.strip()
    return (tuple(lines),)


# ── Reading: web pages ──
# A page saved from a government site holds the letter in one element, among menus, breadcrumbs,
# 索引号 tables, counters, share buttons, related links and footers. The page is cut into blocks of
# text (at block tags and <br>); the letter is the element whose blocks score highest together —
# their Chinese characters, less three for each in a link, less ten a block (a short block, no more
# than its own) — and a block of page chrome inside it is dropped. Measured against lxml, selectolax,
# trafilatura and readability-lxml on 15 pages in the layouts such sites use (tests/pages), the
# standard library's parser with this rule kept every paragraph of every letter and no chrome, as
# lxml and selectolax did with the same rule; trafilatura and readability kept 索引号 tables, menus or
# a repeated office line, or lost paragraphs (README). Bytes are decoded as a text file is (UTF-8
# first, whatever the page declares).

HTML_HEAD = 1024                # characters in which a page's <!doctype html>, <html>, <head> or <body> opens
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
ANY_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]{0,20}[\s/>]")      # a fragment named .html is a page too
BLOCK_TAGS = frozenset("""address article aside blockquote body center dd div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul""".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
UNSEEN_TAGS = frozenset("script style noscript textarea select template svg iframe object button head title".split())
CLOSED_BY_NEXT = frozenset({"p", "li", "td", "th", "tr", "dt", "dd"})     # an unclosed <p> ends at the next <p>
MAX_NESTING = 200               # elements open at once; a real page nests some 30 deep
CELL_TAGS = frozenset({"td", "th"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SOURCE_WRAP = re.compile(rf"(?<=[{CJK}，。、；：！？“”《》（）])[ \t\r\f]*\n\s*(?=[{CJK}，。、；：！？“”《》（）])")
WHITE = re.compile(r"[\s\u00a0\u2002\u2003\u3000]+")
# Page chrome of Chinese government sites, as a block of its own: counters, the labels of the 索引号
# table, share, print and QR lines, navigation and footers. Only blocks shorter than CHROME_LINE are
# judged: a paragraph of the letter may mention 发布时间 or 访问量.
PAGE_CHROME = re.compile(r"""
    (?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[：:]\s*\d | (?:阅读|点击)\s*[\d,]+\s*$ | 责任编辑
  | ^\s*(?:索引号|发布(?:机构|日期|时间)|成文日期|信息来源|来源[：:]|主题分类|所属主题|文章来源)
  | 分享到 | 扫一扫 | 打印本页 | 关闭窗口 | 【打印】 | 【关闭】 | 字[号体]\s*[：:] | 我要纠错 | 网站声明
  | 网站标识码 | ICP备 | 公网安备 | 版权所有 | 主办单位 | ^\s*主办[：:] | 技术支持
  | 当前位置 | 您现在的位置 | 上一篇 | 下一篇 | 相关链接 | 相关文章 | ^\s*(?:内容)?摘要[：:]
""", re.VERBOSE)
CHROME_LINE = 200
LINK_WEIGHT, BLOCK_COST, CHROME_COST = 3, 10, 50
TITLE_PARTS = re.compile(r"(?<!\s)\s*[-_|—]+\s*")        # 标题_栏目_网站名


@dataclass(frozen=True)
class Block:
    """A run of a page's text between block tags or <br>s, with where it stands."""
    text: str
    element: int                    # the innermost element open around it (0: none), by the order elements opened
    link: int                       # its Chinese characters inside links
    starts: bool | None             # True after a block tag, None after a <br> (the page does not say)
    cell: tuple[int, int] | None    # (row, cell) of the innermost table cell it stands in


class PageBlocks:
    """Cuts a page into Blocks as html.parser reports its tags and text; notes which element opened
    in which, and the page's titles. Elements nested deeper than MAX_NESTING count as their parent
    (a page of 60,000 nested <div>s is no letter, and would make each block cost its depth)."""

    def __init__(self):
        self.open: list[tuple[str, int, bool]] = []     # (tag, id, hidden) of each open element
        self.parents: dict[int, int] = {}               # element → the element it opened in (0: none)
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.link = self.hidden = self.links = 0
        self.starts: bool | None = True
        self.titles = {"meta": "", "h1": "", "title": ""}    # <meta name="ArticleTitle">, the first <h1>, <title>
        self.in_title = self.in_h1 = 0
        self.h1_read = False

    def start(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        given = dict(attributes)
        if tag == "meta" and (given.get("name") or "").lower() == "articletitle":
            self.titles["meta"] = self.titles["meta"] or WHITE.sub(" ", given.get("content") or "").strip()
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                self.flush(starts=None if tag == "br" else True)
            return
        if tag in CLOSED_BY_NEXT and any(name == tag for name, _, _ in self.open[-3:]):
            self.end(tag)
        if tag in BLOCK_TAGS:
            self.flush()
        if len(self.open) >= MAX_NESTING:
            return
        hidden = tag in UNSEEN_TAGS or "hidden" in given or bool(HIDDEN_STYLE.search(given.get("style") or ""))
        element = len(self.parents) + 1
        self.parents[element] = self.open[-1][1] if self.open else 0
        self.open.append((tag, element, hidden))
        self.count(tag, hidden, +1)

    def end(self, tag: str) -> None:
        if not any(name == tag for name, _, _ in self.open):
            return                                       # a stray end tag
        while self.open:
            if self.open[-1][0] in BLOCK_TAGS:
                self.flush()
            name, _, hidden = self.open.pop()
            self.count(name, hidden, -1)
            self.h1_read |= name == "h1" and bool(self.titles["h1"].strip())
            if name == tag:
                return

    def count(self, tag: str, hidden: bool, step: int) -> None:
        self.hidden += step * hidden
        self.links += step * (tag == "a")
        self.in_title += step * (tag == "title")
        self.in_h1 += step * (tag == "h1")

    def text(self, data: str) -> None:
        if self.in_title:
            self.titles["title"] += data
        if self.in_h1 and not self.h1_read:
            self.titles["h1"] += data
        if self.hidden:
            return
        self.pieces.append(data)
        if self.links:
            self.link += len(CJK_CHAR.findall(data))

    def flush(self, starts: bool | None = True) -> None:
        """The text since the last boundary is a block; `starts` is what this boundary says of the next."""
        text = WHITE.sub(" ", SOURCE_WRAP.sub("", "".join(self.pieces))).strip()
        if text:
            rows = [element for name, element, _ in self.open if name == "tr"]
            cells = [element for name, element, _ in self.open if name in CELL_TAGS]
            cell = (rows[-1], cells[-1]) if rows and cells else None
            element = self.open[-1][1] if self.open else 0
            self.blocks.append(Block(text, element, self.link, self.starts, cell))
            self.starts = starts
        else:
            self.starts = self.starts or starts        # <p><br>: a block tag among the boundaries wins
        self.pieces, self.link = [], 0


def web_page_letter(page: str, path: str) -> tuple[str | None, tuple[Line, ...]]:
    """A web page → the title it gives the letter, and the letter's lines: the blocks of the
    element that holds it, each a line (a table's row on one).

    >>> page = ("<html><title>关于第12号建议的答复_政务公开_某区政府</title><body><div class=nav><a>首页</a>"
    ...         "<a>政务公开</a></div><div id=zoom><p>尊敬的张委员：</p><p>&emsp;&emsp;您提出的关于加快发展"
    ...         "社区养老服务的建议收悉，现答复如下：</p><p>&emsp;&emsp;截至目前，全区已建成社区养老服务站"
    ...         " 20 个，覆盖全部街道。<br>此函。</p></div><p>浏览次数：128</p></body></html>")
    >>> title, lines = web_page_letter(page, "x.html")
    >>> title, [line.text[:12] for line in lines]
    ('关于第12号建议的答复', ['尊敬的张委员：', '您提出的关于加快发展社区', '截至目前，全区已建成社区', '此函。'])
    """
    from html.parser import HTMLParser      # only pages pay for it

    blocks = PageBlocks()
    parser = HTMLParser(convert_charrefs=True)
    # The parser calls these on itself; set on the instance, they hand its events to PageBlocks.
    # (mypy allows no assignment to a method, and the stubs name start's second parameter attrs.)
    parser.handle_starttag, parser.handle_endtag, parser.handle_data = blocks.start, blocks.end, blocks.text  # type: ignore[method-assign, assignment]
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError) as error:       # what html.parser raises on markup it cannot take
        raise DigestError(path, f"not a readable web page ({describe(error)})") from None
    blocks.flush()
    return page_title(blocks.titles), letter_lines(letter_blocks(blocks.blocks, blocks.parents))


def letter_blocks(blocks: Sequence[Block], parents: dict[int, int]) -> list[Block]:
    """The blocks of the element whose blocks score best together, less page chrome and blocks
    that are mostly link text; a page with no element worth a letter gives all its blocks."""
    score: Counter[int] = Counter()
    for block in blocks:
        score[block.element] += block_value(block)
    for element in reversed(parents):                   # an element opens after the one it is in
        score[parents[element]] += score[element]
    best = max(score, key=lambda element: (score[element], element), default=0)    # a tie: the inner one
    held = {0} | set(parents) if score[best] <= 0 else {best}
    for element in parents:
        if parents[element] in held:
            held.add(element)
    return [block for block in blocks if block.element in held
            and not page_chrome(block) and 2 * block.link < max(1, len(CJK_CHAR.findall(block.text)))]


def block_value(block: Block) -> int:
    if page_chrome(block):
        return -CHROME_COST
    chinese = len(CJK_CHAR.findall(block.text))
    return chinese - LINK_WEIGHT * block.link - min(chinese, BLOCK_COST)


def page_chrome(block: Block) -> bool:
    """Is the block the page's, not the letter's? (浏览次数：128, 索引号, 分享到, ICP备…)

    >>> [page_chrome(Block(text, 0, 0, True, None)) for text in
    ...  ("发布时间：2025-05-28 浏览次数：2871", "（责任编辑：周晓）", "网站访问量达到 120 万次。", "此函。")]
    [True, True, False, False]
    """
    return len(block.text) < CHROME_LINE and PAGE_CHROME.search(block.text) is not None


def letter_lines(blocks: Sequence[Block]) -> tuple[Line, ...]:
    """Blocks → lines; the cells of a row of the letter's own table, a block each, on one line."""
    lines: list[Line] = []
    for row, group in itertools.groupby(blocks, key=lambda block: block.cell and block.cell[0]):
        run = list(group)
        if row is not None and len(run) > 1 and len({block.cell for block in run}) == len(run):
            lines.append(Line(" ".join(block.text for block in run), starts=True))
        else:
            lines += [Line(block.text, starts=block.starts) for block in run]
    return tuple(lines)


def page_title(titles: dict[str, str]) -> str | None:
    """The page's title for its letter: <meta name="ArticleTitle">, the first <h1>, else the longest
    part of <title> (关于…的答复_建议提案_某区政府 → 关于…的答复)."""
    title = titles["meta"] or WHITE.sub(" ", titles["h1"]).strip()
    if not title:
        parts = TITLE_PARTS.split(WHITE.sub(" ", titles["title"]).strip())
        title = max(parts, key=lambda part: len(CJK_CHAR.findall(part)), default="")
    return title or None


# ── Reading: Word files ──
# A .docx is a zip of XML parts: word/document.xml holds the paragraphs and tables in order. A
# heading numbered by Word's 编号 button holds no 一、 in its text: its number is counted from
# word/numbering.xml (and word/styles.xml, for numbered heading styles) as Word counts it.

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
WORD_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
# What a run holds besides its text, as a character; what no reader sees (properties, deleted text,
# field codes, the older copy of a drawing) is skipped.
WORD_CHARACTERS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
WORD_UNSEEN = frozenset({f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", FALLBACK})
NUMBER_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}       # what Word puts after a number; tab if it says none
CN_COUNTING = "零一二三四五六七八九"


def chinese_counting(n: int) -> str:
    """A number as Word's chineseCounting writes it (一, 十, 十二, 二十, 一百零五); decimal from 1,000.

    >>> [chinese_counting(n) for n in (1, 10, 12, 20, 105, 110, 1000)]
    ['一', '十', '十二', '二十', '一百零五', '一百一十', '1000']
    """
    if n < 10:
        return CN_COUNTING[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_COUNTING[tens]) + "十" + (CN_COUNTING[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tail = "" if not rest else "零" + CN_COUNTING[rest] if rest < 10 else ("一" if rest < 20 else "") + chinese_counting(rest)
        return CN_COUNTING[hundreds] + "百" + tail
    return str(n)


def letters_counting(alphabet: str) -> Callable[[int], str]:
    return lambda n: alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


# How Word writes a number in each of its numbering formats (w:numFmt); an unknown one as decimal.
NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({d: d + 0xFEE0 for d in range(0x30, 0x3A)}),
    "chineseCounting": chinese_counting, "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": chinese_counting, "taiwaneseCountingThousand": chinese_counting,
    "chineseLegalSimplified": lambda n: "".join("零壹贰叁肆伍陆柒捌玖"[int(d)] for d in str(n)) if n < 10 else str(n),
    "ideographTraditional": letters_counting("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": letters_counting("子丑寅卯辰巳午未申酉戌亥"),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "lowerLetter": letters_counting("abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": letters_counting("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
}


@dataclass(frozen=True)
class NumberLevel:
    """One level of a Word list: where it starts, how its number is written, and what surrounds it."""
    start: int = 1
    format: str = "decimal"
    text: str = "%1."                   # %1 … %9: the numbers of levels 1 … 9
    suffix: str = "tab"
    legal: bool = False                 # every level's number as decimal (1.1.1)
    style: str | None = None            # the paragraph style that takes this level


class Numbering:
    """Word's automatic numbers, counted paragraph by paragraph as Word counts them: lists that share
    a definition (abstractNum) share their count, unless one restarts it (startOverride)."""

    def __init__(self, numbering, styles):
        self.levels: dict[str | None, dict[int, NumberLevel]] = {}     # keyed as read: an element without its id is None
        self.lists: dict[str | None, tuple[str | None, dict[int, int]]] = {}     # numId → (abstractNumId, restarts)
        self.styles: dict[str | None, tuple[str | None, int | None, str | None]] = {}   # style → (numId, level, based on)
        for abstract in numbering.iter(f"{W}abstractNum") if numbering is not None else ():
            self.levels[attribute(abstract, "abstractNumId")] = {int(attribute(level, "ilvl") or 0): number_level(level)
                                                  for level in abstract.iter(f"{W}lvl")}
        for instance in numbering.iter(f"{W}num") if numbering is not None else ():
            restarts = {int(attribute(override, "ilvl") or 0): int(attribute(override.find(f"{W}startOverride")) or 1)
                        for override in instance.iter(f"{W}lvlOverride") if override.find(f"{W}startOverride") is not None}
            self.lists[attribute(instance, "numId")] = (attribute(instance.find(f"{W}abstractNumId")), restarts)
        for style in styles.iter(f"{W}style") if styles is not None else ():
            numbered = style.find(f"{W}pPr/{W}numPr")
            self.styles[attribute(style, "styleId")] = (
                attribute(numbered.find(f"{W}numId")) if numbered is not None else None,
                int(attribute(numbered.find(f"{W}ilvl")) or 0) if numbered is not None and numbered.find(f"{W}ilvl") is not None else None,
                attribute(style.find(f"{W}basedOn")))
        self.counts: dict[str | None, dict[int, int]] = {}
        self.restarted: set[str | None] = set()

    def label(self, paragraph) -> str:
        """The number Word shows before the paragraph (一、, （二）, 1.), with what follows it; "" if none."""
        list_id, level = self.numbered(paragraph)
        if list_id not in self.lists:
            return ""
        abstract, restarts = self.lists[list_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counts = self.counts.setdefault(abstract, {})
        if list_id not in self.restarted:
            self.restarted.add(list_id)
            for restarted, start in restarts.items():
                counts[restarted] = start - 1
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [deeper for deeper in counts if deeper > level]:
            del counts[deeper]                          # a heading restarts the numbers below it
        this = levels[level]
        if this.format in ("bullet", "none"):
            return ""                                   # a bullet's glyph is no word of the letter

        def number(found: re.Match) -> str:
            k = int(found.group(1)) - 1
            shown = levels.get(k, NumberLevel())
            value = counts.get(k, shown.start)
            return str(value) if this.legal and k != level else NUMBER_FORMATS.get(shown.format, str)(value)
        return re.sub(r"%([1-9])", number, this.text) + NUMBER_SUFFIX.get(this.suffix, "\t")

    def numbered(self, paragraph) -> tuple[str | None, int]:
        """The list and level of a paragraph: its own, or its style's (or a style it is based on)."""
        own = paragraph.find(f"{W}pPr/{W}numPr")
        style = attribute(paragraph.find(f"{W}pPr/{W}pStyle"))
        if own is not None and own.find(f"{W}numId") is not None:
            level = own.find(f"{W}ilvl")
            return attribute(own.find(f"{W}numId")), int(attribute(level) or 0) if level is not None else 0
        for _ in range(10):                             # a chain of based-on styles, not a loop
            list_id, level, based_on = self.styles.get(style, (None, None, None))
            if list_id is not None:
                return list_id, level if level is not None else self.styled_level(list_id, style)
            if based_on is None:
                break
            style = based_on
        return None, 0

    def styled_level(self, list_id: str, style: str | None) -> int:
        abstract = self.lists.get(list_id, ("", {}))[0]
        return next((k for k, level in self.levels.get(abstract, {}).items() if level.style == style), 0)


def attribute(element, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{W}{name}")


def number_level(level) -> NumberLevel:
    given = {name: attribute(level.find(f"{W}{name}")) for name in ("start", "numFmt", "lvlText", "suff", "pStyle")}
    legal = level.find(f"{W}isLgl")
    return NumberLevel(int(given["start"] or 1) if (given["start"] or "1").isdigit() else 1, given["numFmt"] or "decimal",
                       given["lvlText"] if given["lvlText"] is not None else "", given["suff"] or "tab",
                       legal is not None and attribute(legal) not in ("0", "false"), given["pStyle"])


def word_lines(raw: bytes, path: str, limits: Limits) -> tuple[Line, ...]:
    """A Word file's paragraphs and tables in order: a paragraph a line (its automatic number before
    it, a line break in it a line of its own), a table's row on one line, a text box's paragraphs after
    the paragraph that holds it."""
    parts = word_parts(raw, path, limits)
    body = parts["word/document.xml"].find(f"{W}body")
    if body is None:
        raise DigestError(path, "not a readable Word file (no document body)")
    return tuple(word_content(body, Numbering(parts["word/numbering.xml"], parts["word/styles.xml"])))


def word_parts(raw: bytes, path: str, limits: Limits) -> dict:
    """The XML parts a letter needs, each inflated within what is left of the inflated limit."""
    import zipfile                                  # only Word files pay for them
    from xml.etree import ElementTree

    room = limits.in_bytes("inflated")
    parts: dict[str, ElementTree.Element | None] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, time_limit(limits.seconds):
            for name in WORD_PARTS:
                if name not in archive.namelist():
                    parts[name] = None
                    continue
                with archive.open(name) as part:
                    xml = part.read(room + 1)
                room -= len(xml)
                if room < 0:
                    raise LimitExceeded("inflated")
                if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:   # Word writes none; entities can expand without end
                    raise DigestError(path, "not a readable Word file (its XML declares entities)")
                parts[name] = ElementTree.fromstring(xml)
    except LimitExceeded as over:
        raise DigestError(path, limits.reason(over.name)) from None
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise DigestError(path, f"not a readable Word file ({describe(error)})") from None
    return parts


def word_content(element, numbering: Numbering) -> Iterator[Line]:
    """The lines of a body, a table cell or a text box, in order."""
    for child in element:
        if child.tag == f"{W}p":
            yield from paragraph_lines(child, numbering)
        elif child.tag == f"{W}tbl":
            for row in child.findall(f"{W}tr"):            # a table in a cell is in its cell's text
                cells = [" ".join(line.text for line in word_content(cell, numbering) if line.text.strip())
                         for cell in row.findall(f"{W}tc")]
                yield Line(" ".join(cell for cell in cells if cell), starts=True)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):    # content controls: what they hold
            yield from word_content(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child, numbering)


def paragraph_lines(paragraph, numbering: Numbering) -> Iterator[Line]:
    """A paragraph's lines: its number and text, a line break starting a line of its own; its text boxes'."""
    pieces, boxes, unread = [numbering.label(paragraph)], [], list(reversed(paragraph))
    while unread:                                   # the paragraph's runs in order, without recursion
        node = unread.pop()
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag in WORD_CHARACTERS:
            pieces.append(WORD_CHARACTERS[node.tag])
        elif node.tag == f"{W}txbxContent":
            boxes.append(node)
        elif node.tag not in WORD_UNSEEN:
            unread.extend(reversed(node))
    for k, text in enumerate("".join(pieces).split("\n")):
        yield Line(text, starts=True if k == 0 else None)
    for box in boxes:
        yield from word_content(box, numbering)


# ── Reading: scans (OCR) ──
# A PDF page that is an image of text (a scan), and a photo or scan sent as an image, are read by
# OCR when the optional engine is installed: rapidocr-onnxruntime ships its Chinese models in its
# wheel and runs offline on the CPU. A page is rendered at OCR_DPI; the red channel is what the
# engine sees, so that a red seal over the signature turns pale while black type stays dark; each
# line the engine finds comes with its box, so the lines keep positions and a type size and the
# layout rules of PDFs join them. Each page is a task of its own for a reader process, within the
# time limit; the pages of a letter come back to this process and are put in place.

NO_OCR = "reading it needs the optional OCR package rapidocr-onnxruntime: pip install -r requirements-ocr.txt"
OCR_DPI = 150                   # of 100, 150 and 200 dpi, the one that read our test scans best (README)
OCR_MAX_SIDE = 2000             # pixels: the engine shrinks a larger image to this anyway
OCR_MAX_PIXELS = 100_000_000    # an image larger than this (10,000 × 10,000) is refused unread
BOX_PER_TYPE_SIZE = 1.11        # an OCR box is this many times as high as the type
TYPE_CLASS = 0.15               # lines within 15 % of the median height are body text; those above, display
SKEW_BOX = 5                    # boxes this many times wider than high tell how far a page is turned
# A box read from a seal: red ink (red over green and blue by SEAL_RED) on more than SEAL_INK of it,
# black ink (dark in the red channel, below INK) on less than SEAL_BLACK.
SEAL_RED, INK, SEAL_INK, SEAL_BLACK = 60, 128, 0.05, 0.01
# What OCR misreads, put right where the right reading is never another word (measured on the test
# scans: README). In figures: 万干瓦 → 万千瓦, 800方千瓦 → 800万千瓦, 2一4 → 2—4, 4，215 → 4,215, 土5% → ±5%,
# 元／千瓦时 → 元/千瓦时, 二①二五年 → 二〇二五年. In words: 门 read as the traditional 內 (部內, 上內服务), and
# 入 as 人 after a verb that takes it (投人, 纳人, 接人 → 投入, 纳入, 接入), unless 人 starts a word of its own
# (引进人才, 参加人员, 增加人数), and before 学, 园, 托, 驻, 库 (人学 → 入学).
OCR_MISREADINGS = (
    (re.compile(r"(?<=[\d万])干(?=[瓦米克伏])"), "千"),
    (re.compile(r"(?<=\d)方(?=[千元人户吨亩个])"), "万"),
    (re.compile(r"(?<=\d)一(?=\d)"), "—"),
    (re.compile(r"(?<=\d)，(?=\d{3}(?!\d))"), ","),
    (re.compile(r"土(?=\d)"), "±"),
    (re.compile("／"), "/"),
    (re.compile(r"(?<=[〇一二三四五六七八九])[0①○OoＯ](?=[〇一二三四五六七八九])"), "〇"),
    (re.compile("內"), "门"),
    (re.compile(r"(?<=[投纳列融嵌深输录摄编接引进加收计转并])人(?![才员口民群们士数])|人(?=[学园托驻库])"), "入"),
)


# A page number whose dashes OCR read as 一 (— 3 — → —3一): read as a page number, it is dropped as one.
OCR_PAGE_NUMBER = re.compile(r"^[—–\-－一]{1,2}\s*(\d{1,4})\s*[—–\-－一]{1,2}$")


def ocr_corrected(text: str) -> str:
    """A paragraph read by OCR, with the figures it is known to misread put right (OCR_MISREADINGS).

    >>> ocr_corrected("新增装机 120 万干瓦，共4，215件，同比下降2一4个百分点")
    '新增装机 120 万千瓦，共4,215件，同比下降2—4个百分点'
    >>> ocr_corrected("加大投人力度，引进人才，会同有关部內，二①二五年")
    '加大投入力度，引进人才，会同有关部门，二〇二五年'
    """
    for misread, meant in OCR_MISREADINGS:
        text = misread.sub(meant, text)
    return text


def dropped_markers(paragraphs: list[str]) -> list[str]:
    """OCR drops the small full stop of a section marker (一.推进… read as 一推进…). Where the letter
    marks its other sections, a paragraph between their neighbours that starts with a missing
    numeral (not 一是) gets the letter's mark back.

    >>> dropped_markers(["现答复如下：", "一推进供水。", "正文。", "二.加快治理。", "正文。", "三健全机制。", "下一步，"])
    ['现答复如下：', '一.推进供水。', '正文。', '二.加快治理。', '正文。', '三.健全机制。', '下一步，']
    """
    marked = {number: (k, found.group()[len(found.group(1)):].strip())
              for k, paragraph in enumerate(paragraphs)
              if (found := TOP_MARKER.match(paragraph)) and (number := chinese_value(found.group(1)))}
    number = 1
    while marked and number <= max(marked) + 1:
        if number not in marked:
            numeral = chinese_counting(number)
            after = max((k for n, (k, _) in marked.items() if n < number), default=-1)
            before = min((k for n, (k, _) in marked.items() if n > number), default=len(paragraphs))
            mark = Counter(mark for _, mark in marked.values()).most_common(1)[0][0]
            for k in range(after + 1, before):
                if re.match(f"{numeral}[{CJK}](?<!是)", paragraphs[k]) and not TOP_MARKER.match(paragraphs[k]):
                    paragraphs = paragraphs[:k] + [numeral + mark + paragraphs[k][len(numeral):]] + paragraphs[k + 1:]
                    marked[number] = (k, mark)
                    break
        number += 1
    return paragraphs


def ocr_installed() -> bool:
    import importlib.util
    try:
        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    except (ImportError, ValueError):
        return False


def pages_named(numbers: Sequence[int]) -> str:
    """Pages as a note names them.

    >>> pages_named([3]), pages_named([1, 2, 3, 4]), pages_named([2, 5])
    ('page 3', 'pages 1–4', 'pages 2, 5')
    """
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}–{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))


def image_frames(raw: bytes, path: str, limits: Limits) -> int:
    """How many pages an image holds (a TIFF may hold several), refused when there are too many or
    they are too large to read."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(raw)) as image:
            frames = getattr(image, "n_frames", 1)
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise DigestError(path, f"not a readable image ({describe(error)})") from None
    if frames > limits.pages:
        raise DigestError(path, limits.reason("pages"))
    if width * height > OCR_MAX_PIXELS:
        raise DigestError(path, f"an image of {width} × {height} pixels, too large to read")
    return frames


def ocr_page(path: str, raw: bytes | None, number: int, password: str | None, limits: Limits,
             threads: int) -> tuple[Line, ...]:
    """One page of a scan, read by OCR: its lines, with their positions and (unsnapped) type sizes."""
    raw = read_bytes(path, limits) if raw is None else raw
    try:
        with time_limit(limits.seconds):
            image, points = page_image(raw, number, password)
            import numpy                       # the OCR engine's own dependency
            red = numpy.asarray(image.getchannel("R").convert("RGB"))
            found, _ = ocr_engine(threads)(red, use_cls=False)
            colours = numpy.asarray(image, dtype=numpy.int16)
            found = [line for line in found or [] if not seal_text(colours, line[0])]
    except LimitExceeded as over:
        raise DigestError(path, f"{pages_named([number])}: {limits.reason(over.name)}") from None
    except ImportError:
        raise
    except Exception as error:             # a page pdfium or Pillow cannot draw, an engine that fails on it
        raise DigestError(path, f"{pages_named([number])} cannot be read by OCR ({describe(error)})") from None
    return ocr_lines(found, points)


def seal_text(colours, corners) -> bool:
    """Is what the engine read in a box the red seal's own text (专用章, the office round its rim)?
    Its ink is red, with no black in it; type under the seal keeps its black ink (a line of type
    is 5–20 % black), and stays."""
    xs, ys = [round(x) for x, _ in corners], [round(y) for _, y in corners]
    box = colours[max(0, min(ys)):max(ys) + 1, max(0, min(xs)):max(xs) + 1]
    if not box.size:
        return False
    red = box[..., 0]
    reddish = red - box[..., 1:].max(axis=-1) > SEAL_RED
    black = (red < INK) & ~reddish
    return black.mean() < SEAL_BLACK and reddish.mean() > SEAL_INK


def page_image(raw: bytes, number: int, password: str | None):
    """Page `number` of a scanned PDF or an image, as an RGB image no larger than the engine reads,
    and the points a pixel of it stands for (an image's pixels are taken at OCR_DPI: only the
    proportions of its lines matter)."""
    from PIL import Image

    if looks_like_pdf(raw):
        import pypdfium2                      # pdfplumber's renderer
        page = pypdfium2.PdfDocument(raw, password=password)[number - 1]
        scale = min(OCR_DPI / 72, OCR_MAX_SIDE / max(page.get_size()))
        return page.render(scale=scale).to_pil().convert("RGB"), 1 / scale
    image: Image.Image = Image.open(io.BytesIO(raw))
    image.seek(number - 1)
    scale = min(1.0, OCR_MAX_SIDE / max(image.size))
    size = (round(image.width * scale), round(image.height * scale))
    image.draft("RGB", size)                  # a large JPEG decodes at a fraction of its size
    image = image.convert("RGB")
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image, 72 / OCR_DPI / scale


@functools.lru_cache(maxsize=None)
def ocr_engine(threads: int):
    """The OCR engine, once a process, quiet on standard error; `threads` for its own work."""
    import logging
    import onnxruntime
    from rapidocr_onnxruntime import RapidOCR

    onnxruntime.set_default_logger_severity(3)           # its warnings are for its developers
    logging.getLogger("RapidOCR").setLevel(logging.CRITICAL + 1)
    return RapidOCR(intra_op_num_threads=threads)


def ocr_lines(found: Sequence, scale: float) -> tuple[Line, ...]:
    """The engine's boxes ([corners, text, score] each, in pixels) → lines, top to bottom, in points.

    The page is turned back by its skew (the median slope of long boxes' top edges), and boxes
    side by side (a line cut by a gap or a seal) are one line, in reading order.
    """
    slopes = [math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0]) for box, _, _ in found
              if box[1][0] - box[0][0] > SKEW_BOX * max(1.0, box[3][1] - box[0][1])]
    turn = -statistics.median(slopes) if slopes else 0.0
    cos, sin = math.cos(turn), math.sin(turn)
    boxes = []
    for corners, text, _ in found:
        xs = [x * cos - y * sin for x, y in corners]
        ys = [x * sin + y * cos for x, y in corners]
        boxes.append((min(ys), max(ys), min(xs), max(xs), text))
    rows: list[list[tuple]] = []
    for box in sorted(boxes, key=lambda box: (box[0] + box[1]) / 2):
        top, bottom = min(b[0] for b in rows[-1]) if rows else 0, max(b[1] for b in rows[-1]) if rows else 0
        if rows and min(bottom, box[1]) - max(top, box[0]) > 0.5 * min(bottom - top, box[1] - box[0]):
            rows[-1].append(box)
        else:
            rows.append([box])
    return tuple(row_line(sorted(row, key=lambda box: box[2]), scale) for row in rows)


def row_line(row: Sequence[tuple], scale: float) -> Line:
    """Boxes on one line → a Line; a gap wider than the type between two boxes stands for a space."""
    height = max(box[1] for box in row) - min(box[0] for box in row)
    text = row[0][4]
    for before, box in zip(row, row[1:]):
        text += (" " if box[2] - before[3] > height else "") + box[4]
    text = OCR_PAGE_NUMBER.sub(r"— \1 —", text)
    return Line(text, row[0][2] * scale, row[-1][3] * scale, height * scale / BOX_PER_TYPE_SIZE)


def with_ocr_pages(document: Document, read: dict[int, tuple[Line, ...]]) -> Document:
    """A Document with its scanned pages put in place, read by OCR, and a note that says so."""
    sizes = type_classes([placed(line.size) for page in read.values() for line in page])
    pages = tuple(tuple(dataclasses.replace(line, size=sizes[placed(line.size)]) for line in read[number])
                  if number in read else page for number, page in enumerate(document.pages, 1))
    if not any(line.text.strip() for page in pages for line in page):
        raise DigestError(document.source, "no text layer, and OCR found no text on its pages")
    note = f"read by OCR ({pages_named(sorted(read))}): check its figures against the scan"
    return dataclasses.replace(document, pages=pages, unread=(), scanned=tuple(sorted(read)),
                               notes=document.notes + (note,))


def type_classes(sizes: Sequence[float]) -> dict[float, float]:
    """Each type size OCR measured → the size of its class: body text (within TYPE_CLASS of the
    median), display (a title) above it, small print below, each class the median of its sizes. A
    box's height wobbles with its glyphs (brackets make one taller), and the layout rules take any
    change of size for a new paragraph.

    >>> classes = type_classes([15.7, 16.5, 16.0, 17.3, 14.7, 19.9, 22.1, 20.5, 11.0])
    >>> [classes[size] for size in (15.7, 17.3, 19.9, 22.1, 11.0)]
    [16.0, 16.0, 20.5, 20.5, 11.0]
    """
    if not sizes:
        return {}
    body = statistics.median(sizes)
    kind = lambda size: (size > body * (1 + TYPE_CLASS)) - (size < body * (1 - TYPE_CLASS))
    medians = {k: statistics.median(size for size in sizes if kind(size) == k) for k in {kind(size) for size in sizes}}
    return {size: medians[kind(size)] for size in sizes}


def read_pdf(raw: bytes, path: str, password: str | None,
             limits: Limits = Limits()) -> tuple[tuple[tuple[Line, ...], ...], tuple[int, ...]]:
    """A PDF's pages of lines, and the numbers of its pages that are scans: an image, no text."""
    try:
        with collector_paused(), limits_enforced(limits):
            pages, scans = pdf_pages(raw, path, password, limits)
    except LimitExceeded as over:
        raise DigestError(path, limits.reason(over.name)) from None
    lines = [line.text for page in pages for line in page]
    if not lines and not (scans and ocr_installed()):
        raise DigestError(path, f"no text layer (a scan): {NO_OCR}" if scans else
                          "no text layer (scanned PDF?) — run OCR first, e.g. ocrmypdf")
    if sum("(cid:" in text for text in lines) > len(lines) // 2:
        raise DigestError(path, "the PDF's fonts have no Unicode map: its text cannot be extracted")
    return pages, scans


def pdf_pages(raw: bytes, path: str, password: str | None,
              limits: Limits) -> tuple[tuple[tuple[Line, ...], ...], tuple[int, ...]]:
    """Each page's lines, a page at a time: each is closed once read, so memory holds one page's layout."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    pdf = open_pdf(raw, path, password)
    pages, scans = [], []
    try:
        for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), 1):
            if number > limits.pages:
                raise LimitExceeded("pages")
            page = Page(pdf, page_object, page_number=number)
            pages.append(pdf_lines(page, path))
            if not pages[-1] and page.images:
                scans.append(number)
            page.close()
    except (DigestError, LimitExceeded):
        raise
    except Exception as error:  # a damaged page tree shows only once pages are read
        raise DigestError(path, f"not a readable PDF ({describe(error)})") from None
    return tuple(pages), tuple(scans)


def open_pdf(raw: bytes, path: str, password: str | None):
    import pdfplumber  # only PDFs pay for it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    first: Exception | None = None
    for form in password_forms(password or ""):
        try:
            return pdfplumber.open(io.BytesIO(raw), password=form)
        except LimitExceeded:
            raise
        except Exception as error:  # another form of the password may open it
            first = first or error
    assert first is not None, "password_forms gives at least one form, and each failed"
    cause = first.args[0] if first.args and isinstance(first.args[0], Exception) else first   # pdfplumber wraps
    if isinstance(cause, (PDFPasswordIncorrect, UnicodeEncodeError)) or "password" in type(cause).__name__.lower():
        wanted = "the password is wrong" if password else "encrypted PDF: give its password with --password"
        raise DigestError(path, wanted) from None
    raise DigestError(path, f"not a readable PDF ({describe(cause)})") from None


def password_forms(password: str) -> list[str]:
    """A password as pdfminer may need it. Older encryption (RC4, AES-128) takes bytes, which
    pdfminer makes with Latin-1: a Chinese password is tried as the bytes tools write for it,
    carried in a Latin-1 string so that pdfminer hands them on unchanged."""
    forms = [password]
    with contextlib.suppress(UnicodeEncodeError):
        password.encode("latin-1")
        return forms
    return forms + [password.encode(encoding).decode("latin-1") for encoding in PASSWORD_ENCODINGS]


@contextlib.contextmanager
def limits_enforced(limits: Limits) -> Iterator[None]:
    """While a PDF is read: pdfminer inflates no more than the inflated limit, draws no more
    glyphs and forms (each a layout object held in memory: forms nested ten deep draw
    millions from 2 KB) than the characters limit, and stops when the time limit passes.

    pdfminer has no limits of its own, so its stream decoder's zlib and its layout analyser's
    glyph and form hooks are swapped for counting ones, and put back after. The time limit is an
    interval timer whose signal stops pdfminer's Python loops (a page tree that refers to
    itself); a reader stuck in C is ended from outside by the process that started it.
    """
    from pdfminer import converter, pdftypes

    budget = ReadingBudget(limits)
    analyser = converter.PDFLayoutAnalyzer
    decode, render_char, begin_figure, inflater = (pdftypes.PDFStream.decode, analyser.render_char,
                                                   analyser.begin_figure, pdftypes.zlib)

    def counted_decode(stream) -> None:
        decode(stream)
        budget.inflate(len(stream.data or b""))

    def counted_render_char(device, *args, **kwargs):
        budget.draw()
        return render_char(device, *args, **kwargs)

    def counted_begin_figure(device, *args, **kwargs):
        budget.draw()
        return begin_figure(device, *args, **kwargs)

    # Patched on purpose (mypy allows no assignment to a method, nor an object for a module).
    pdftypes.PDFStream.decode, pdftypes.zlib = counted_decode, BoundedZlib(budget)  # type: ignore[method-assign, assignment]
    analyser.render_char, analyser.begin_figure = counted_render_char, counted_begin_figure  # type: ignore[method-assign, assignment]
    try:
        with time_limit(limits.seconds):
            yield
    finally:
        pdftypes.PDFStream.decode, pdftypes.zlib = decode, inflater  # type: ignore[method-assign]
        analyser.render_char, analyser.begin_figure = render_char, begin_figure  # type: ignore[method-assign]


class ReadingBudget:
    """What is left of a letter's limits as it is read."""

    def __init__(self, limits: Limits):
        self.inflatable, self.drawable = limits.in_bytes("inflated"), int(limits.characters)

    def room(self) -> int:
        return self.inflatable

    def inflate(self, size: int) -> None:
        self.inflatable -= size
        if self.inflatable < 0:
            raise LimitExceeded("inflated")

    def draw(self) -> None:
        self.drawable -= 1
        if self.drawable < 0:
            raise LimitExceeded("characters")


class BoundedZlib:
    """zlib as pdfminer's stream decoder uses it, inflating no more than the budget has room for."""
    error = zlib.error

    def __init__(self, budget: ReadingBudget):
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        inflated = BoundedInflater(self.budget, inflater).decompress(data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")     # as zlib.decompress says it
        return inflated

    def decompressobj(self) -> BoundedInflater:
        return BoundedInflater(self.budget, zlib.decompressobj())


class BoundedInflater:
    def __init__(self, budget: ReadingBudget, inflater):
        self.budget, self.inflater, self.size = budget, inflater, 0

    def decompress(self, data: bytes) -> bytes:
        room = self.budget.room() - self.size
        inflated = self.inflater.decompress(data, room + 1)
        self.size += len(inflated)
        if len(inflated) > room:
            raise LimitExceeded("inflated")
        return inflated


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """LimitExceeded("seconds") once `seconds` pass, where this process can time itself
    (an interval timer, in the main thread of a POSIX process)."""
    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not timed:
        yield
        return

    def expired(signum, frame):
        raise LimitExceeded("seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while pdfminer builds a file's objects.

    It builds them in reference cycles that pdfplumber keeps until the file is
    closed; collections in between walk them again and again and free nothing.
    """
    was_enabled = gc.isenabled()
    if PROCESS_TUNED:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pdf_lines(page, path: str) -> tuple[Line, ...]:
    """A page's lines in reading order, with their geometry; a page set in two columns is read
    column by column, the right column's lines moved onto the left one's margin."""
    try:
        if doubled(page.chars):
            page = page.dedupe_chars(tolerance=1)
        rows = [row for row in page.extract_text_lines(return_chars=True) if row["chars"]]
        gutter = column_gutter(rows, page.bbox)
        if gutter is not None:
            rows = column_rows(page, rows, gutter)
    except Exception as error:
        raise DigestError(path, f"page {page.page_number} cannot be read ({describe(error)})") from None
    shift = column_shift(rows, gutter)
    # A line's type size is its middle glyph's: a footnote mark or a bold word does not move it.
    return tuple(Line(row["text"], row["x0"] - shift(row), row["x1"] - shift(row), type_size(row)) for row in rows)


def type_size(row: dict) -> float:
    return row["chars"][len(row["chars"]) // 2]["size"]


def column_gutter(rows: Sequence[dict], bbox: tuple[float, float, float, float]) -> float | None:
    """Where a page set in two columns divides them: a place in the middle of the page that no
    line's text runs across, with text on both sides of it at the same heights. None for a page
    in one column (its lines run across the middle; a right-aligned signature is beside nothing)."""
    if len(rows) < 2 * MIN_COLUMN_ROWS:
        return None
    left, right = bbox[0], bbox[2]
    gaps = [row_gaps(row) for row in rows]
    places = {(left + right) / 2} | {(a + b) / 2 for row_gap in gaps for a, b in row_gap
                                    if GUTTER_ZONE[0] <= ((a + b) / 2 - left) / (right - left) <= GUTTER_ZONE[1]}
    for place in sorted(places, key=lambda x: abs(x - (left + right) / 2)):
        across = sum(crosses(row, row_gap, place) for row, row_gap in zip(rows, gaps))
        if across <= len(rows) * MAX_ACROSS and side_by_side(rows, gaps, place) >= MIN_COLUMN_ROWS:
            return place
    return None


def row_gaps(row: dict) -> list[tuple[float, float]]:
    """The gaps inside a line wider than a word space: where a gutter may run through it."""
    chars, widest = row["chars"], WORD_GAP * type_size(row)
    return [(a["x1"], b["x0"]) for a, b in zip(chars, chars[1:]) if b["x0"] - a["x1"] > widest]


def crosses(row: dict, gaps: Sequence[tuple[float, float]], place: float) -> bool:
    return row["x0"] < place < row["x1"] and not any(a <= place <= b for a, b in gaps)


def side_by_side(rows: Sequence[dict], gaps: Sequence[Sequence[tuple[float, float]]], place: float) -> int:
    """How many lines have text beside them across `place`: in one row with a gap there, or as
    two rows at the same height, one on each side."""
    beside = sum(1 for row, row_gap in zip(rows, gaps) if any(a <= place <= b for a, b in row_gap))
    lefts = [row for row in rows if row["x1"] <= place]
    rights = [row["top"] for row in rows if row["x0"] >= place]
    return beside + sum(1 for row in lefts if any(abs(top - row["top"]) < type_size(row) for top in rights))


def column_rows(page, rows: Sequence[dict], gutter: float) -> list[dict]:
    """The rows of a two-column page in reading order: a line that runs across the gutter (a title)
    where it stands, and between such lines the left column's, then the right column's."""
    gaps = [row_gaps(row) for row in rows]
    across = [row for row, row_gap in zip(rows, gaps) if crosses(row, row_gap, gutter)]
    left, top, right, bottom = page.bbox
    ordered: list[dict] = []
    for row in across + [None]:
        end = row["top"] if row else bottom
        if end > top:
            for x0, x1 in ((left, gutter), (gutter, right)):
                ordered += [found for found in page.crop((x0, top, x1, end), strict=False)
                            .extract_text_lines(return_chars=True) if found["chars"]]
        if row:
            ordered.append(row)
            top = max(top, row["bottom"])
    return ordered


def column_shift(rows: Sequence[dict], gutter: float | None) -> Callable[[dict], float]:
    """How far a line moves left: a right column's lines onto the left column's margin, so that
    indents and short last lines read alike in both columns."""
    if gutter is None:
        return lambda row: 0.0
    margin = lambda side: min((row["x0"] for row in rows if side(row)), default=0.0)
    distance = margin(lambda row: row["x0"] >= gutter) - margin(lambda row: row["x1"] <= gutter)
    return lambda row: distance if row["x0"] >= gutter else 0.0


# A page in two columns: a gutter runs down the middle of the page (GUTTER_ZONE, as shares of its
# width), crossed by at most MAX_ACROSS of its lines (a title over both columns), with at least
# MIN_COLUMN_ROWS lines beside each other across it. A gap in a line wider than WORD_GAP type
# sizes is no word space.
GUTTER_ZONE = (0.3, 0.7)
MAX_ACROSS = 0.15
MIN_COLUMN_ROWS = 3
WORD_GAP = 1.5


def doubled(chars: Sequence[dict]) -> bool:
    """Is text drawn twice in the same place (fake bold)? A quick look before dedupe_chars.

    One grid cell a glyph: a doubled glyph may straddle a cell border, but a doubled
    word or heading never has all of its glyphs do so.
    """
    seen: set[tuple[str, int, int]] = set()
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        if key in seen:
            return True
        seen.add(key)
    return False


MAX_CAUSE = 60    # characters of a library's message kept in a reason: longer ones are internal repr


def describe(error: BaseException, named: bool = False) -> str:
    """A library's error in a few words: its message when short and plain, else its type's name.

    >>> describe(ValueError("No /Root object! - Is this really a PDF?")), describe(KeyError("[/'Type', b'x']"))
    ('No /Root object! - Is this really a PDF?', 'KeyError')
    """
    message = str(error).strip()
    plain = message and "\n" not in message and len(message) <= MAX_CAUSE and not re.search(r"[<>{}\[\]]|b'", message)
    if not plain:
        return type(error).__name__
    return f"{type(error).__name__}: {message}" if named else message


# ── Cleaning ─────────────────────────────────────────────────────────────────
# pages of lines → paragraphs: page furniture out, broken paragraphs joined.

def simplified(text: str) -> str:
    """The text with SIMPLIFIED's characters folded, one for one: its offsets stay the letter's.

    >>> simplified("貳萬億元，謹此感謝")
    '二万亿元，謹此感谢'
    """
    return text.translate(SIMPLIFIED)


def clean(document: Document) -> tuple[str, ...]:
    """Pages of lines → the letter's paragraphs, as its author wrote them.

    >>> clean(Document("x", "text", ((Line("累积发"), Line(""), Line("布 27 类场景。")),)))
    ('累积发布 27 类场景。',)
    """
    raw = [line for page in drop_furniture(document.pages) for line in page]
    breaks = layout_breaks(raw)
    spaced = spaces_around_latin(raw)
    cut = cut_at_fixed_width(raw)
    paragraphs: list[str] = []
    pieces: list[str] = []              # the paragraph being built; joined once, so long ones stay linear
    for line, layout_break in zip(raw, breaks):
        text = normalise(line.text)
        if not text:
            continue
        if pieces and not starts_paragraph(pieces, text, layout_break):
            pieces += [joint(pieces[-1], text, spaced, cut), text]
            continue
        if pieces:
            paragraphs.append("".join(pieces))
        pieces = [text]
    if pieces:
        paragraphs.append("".join(pieces))
    if document.scanned:                # once lines are joined: a figure OCR misread may run across two (4 / ，215)
        paragraphs = dropped_markers([ocr_corrected(paragraph) for paragraph in paragraphs])
    return signature_apart(tuple(piece for paragraph in paragraphs for piece in unflatten(paragraph)))


def unflatten(paragraph: str) -> list[str]:
    """A web page flattened into one line puts a space where each paragraph ended: put the breaks back.

    Only a long paragraph that does so several times is split, at a space after 。！？：；, and a
    signature written on the date's line (新平县水利局 2021年9月17日) stands on a line of its own.

    >>> flat = "李代表: 您提出的建议收悉。 " + "我局高度重视，认真研究办理。" * 30 + " 感谢支持。 某县水利局 2021年9月17日"
    >>> [piece[:8] for piece in unflatten(flat)]
    ['李代表:', '您提出的建议收悉', '我局高度重视，认', '感谢支持。', '某县水利局', '2021年9月1']
    """
    pieces = [paragraph]
    if len(paragraph) > FLATTENED_LINE and len(FLATTENED_BREAK.findall(paragraph)) >= FLATTENED_BREAKS:
        pieces = FLATTENED_BREAK.split(paragraph)
    signed = SIGNED_ON_DATE_LINE.fullmatch(pieces[-1].strip())
    if signed and signed.group("day"):
        pieces[-1:] = [signed.group("office"), signed.group("date")]
    return pieces


def signature_apart(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A signature run into the paragraph above the date (…示范样板。辽宁省发展和改革委员会) stands alone:
    a page that indents nothing shows no break after a last line that fills its width. So do a
    signature and date both run into the last paragraph, as a web page that lost its breaks has them.

    >>> signature_apart(("感谢您的支持。某某县水利局", "2025年5月30日"))
    ('感谢您的支持。', '某某县水利局', '2025年5月30日')
    >>> signature_apart(("尊敬的张代表：", "再次感谢您的支持。银川市水务局2025年7月8日"))
    ('尊敬的张代表：', '再次感谢您的支持。', '银川市水务局', '2025年7月8日')
    """
    for i in range(len(paragraphs) - 1, 0, -1):
        if signing_date(paragraphs[i]):
            run_in = SIGNATURE_RUN_IN.search(paragraphs[i - 1])
            if run_in and len(paragraphs[i - 1]) > len(run_in.group("office")):
                cut = run_in.start("office")
                return paragraphs[:i - 1] + (paragraphs[i - 1][:cut], paragraphs[i - 1][cut:]) + paragraphs[i:]
            break
        signed = SIGNED_AT_END.search(paragraphs[i])
        if signed and signing_date(signed.group("date")):
            cut = signed.start("office")
            return paragraphs[:i] + (paragraphs[i][:cut], signed.group("office"), signed.group("date")) + paragraphs[i + 1:]
    return paragraphs


def normalise(text: str) -> str:
    """One line: invisible format characters gone, full-width digits and letters as ASCII,
    extraction's stray spaces gone.

    >>> normalise("　　本 地 部 署 算 力 达 ２７００Ｐ "), normalise("超 20\u200c000P\u202e")
    ('本地部署算力达 2700P', '超 20000P')
    """
    text = INVISIBLE.sub("", text).translate(WIDTH_FOLD).strip(" \t\u3000")
    if spaced_out(text):
        text = re.sub(rf"(?<={CJK_TEXT}){SPACES}+(?={CJK_TEXT})", "", text)
    return re.sub(f"{SPACES}+", " ", text)


def spaces_around_latin(lines: Sequence[Line]) -> bool:
    """Does the letter put a space between Chinese and Latin or digits (达 2700P)?

    Then a line break there stands for a space the extraction lost; otherwise for nothing.
    """
    text = "\n".join(line.text for line in lines[:400])
    spaced = len(re.findall(rf"[{CJK}] [0-9A-Za-z]|[0-9A-Za-z%] [{CJK}]", text))
    tight = len(re.findall(rf"[{CJK}][0-9A-Za-z]|[0-9A-Za-z%][{CJK}]", text))
    return spaced > tight


def spaced_out(text: str) -> bool:
    # Extraction sometimes puts a space between every two characters; a letter's
    # own spaces (“AI+”行动 加快打造) are rare, so only a line full of them is repaired.
    pairs = re.findall(rf"[{CJK}]({SPACES}*)(?=[{CJK}])", text)
    return len(pairs) >= 4 and sum(1 for gap in pairs if gap) > len(pairs) // 2


def drop_furniture(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Drop page numbers, and running headers and footers repeated at the edge of pages."""
    pages = [[line for line in page if not PAGE_NUMBER.match(line.text)] for page in split_on_page_numbers(pages)]
    running = running_lines(pages)
    return [[line for line in page if furniture_key(line.text) not in running] for page in pages]


def split_on_page_numbers(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    # A text export without form feeds still marks its pages with numbers.
    split: list[list[Line]] = []
    for page in pages:
        split.append([])
        for line in page:
            split[-1].append(line)
            if PAGE_NUMBER.match(line.text):
                split.append([])
    return split


def running_lines(pages: Sequence[Sequence[Line]]) -> frozenset[str]:
    """Lines repeated at the top of the pages, or at their foot: running headers and footers.

    Top and foot are counted apart: a letterhead on the first page and the same office
    signing at the foot of the last are the letter's own lines.
    """
    tops: Counter[str] = Counter()
    feet: Counter[str] = Counter()
    for page in pages:
        texts = [line.text.strip() for line in page if line.text.strip()]
        tops.update({furniture_key(text) for text in texts[:2]})
        feet.update({furniture_key(text) for text in texts[-2:]})
    needed = max(2, (len(pages) + 1) // 2)
    return frozenset(key for edges in (tops, feet) for key, count in edges.items() if count >= needed and len(key) <= SHORT_LINE)


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def layout_breaks(lines: Sequence[Line]) -> list[bool | None]:
    """For each line, what the page layout says: True starts a paragraph, False runs on, None unknown.

    PDFs say it by geometry (a first-line indent, a short last line, a change of
    font size); text files by indentation, when they indent their paragraphs; formats
    that mark their paragraphs (Markdown, web pages, Word) by their marks.
    """
    if any(line.x0 is not None for line in lines):
        return pdf_breaks(lines)
    return [line.starts if line.starts is not None else found for line, found in zip(lines, text_breaks(lines))]


# How a PDF's geometry tells a paragraph (GB/T 9704 sets body text in one size and indents a
# paragraph's first line by two characters), in ems of the line's type:
RIGHT_EDGE = 0.9                # the body's right edge: where nine lines in ten end (a few overrun it)
FULL_LINE = 1.2                 # a line that ends within this of the right edge is full: the text runs on
INDENT = (0.8, 4.5)             # a first-line indent, from the left edge
SAME_SIZE = 0.5                 # points: type sizes closer than this are one size
LATIN_WIDTH = 0.55              # the width of a digit or Latin letter, in ems


def pdf_breaks(lines: Sequence[Line]) -> list[bool | None]:
    body = [line for line in lines if line.text and line.size]
    if not body:
        return [None] * len(lines)
    size = statistics.median(placed(line.size) for line in body)
    left = Counter(round(placed(line.x0)) for line in body if abs(placed(line.size) - size) < SAME_SIZE).most_common(1)[0][0]
    right = sorted(placed(line.x1) for line in body)[int(len(body) * RIGHT_EDGE)]
    breaks: list[bool | None] = []
    previous: Line | None = None
    for line in lines:
        if not line.text:
            breaks.append(None)
            continue
        unit = line.size or size
        indent = placed(line.x0) - left
        if previous is None:
            breaks.append(True)
        else:
            full = placed(previous.x1) >= right - FULL_LINE * (previous.size or size) or wrapped_early(previous, line, right)
            resized = abs((previous.size or size) - unit) > SAME_SIZE
            display = abs(unit - size) > SAME_SIZE and not resized    # a title wrapped in its own large type
            indented = INDENT[0] * unit <= indent <= INDENT[1] * unit
            breaks.append(resized or not (full or display) or indented and not display)
        previous = line
    return breaks


def wrapped_early(previous: Line, line: Line, right: float) -> bool:
    """Did the line end short only because the next one starts with a run that cannot be broken?
    Typesetters carry 456、124、1755 万千瓦 or 2093.617 to the next line whole.

    >>> wrapped_early(Line("装机容量分别为", 90, 480, 16), Line("456、124、1755万千瓦", 90, 300, 16), 520)
    True
    """
    run = UNBROKEN_RUN.match(line.text.lstrip())
    if not run or PARAGRAPH_END.search(previous.text) or previous.size is None:
        return False
    width = sum(LATIN_WIDTH if ch.isascii() else 1.0 for ch in run.group()) * previous.size
    return placed(previous.x1) + width > right


def text_breaks(lines: Sequence[Line]) -> list[bool | None]:
    # Only when a text indents some paragraphs is a missing indent a sign of a wrapped line.
    indented = [bool(re.match(f"{SPACES}{{2,}}|\u3000", line.text)) for line in lines]
    if sum(indented) < 2:
        return [None] * len(lines)
    return [indented[i] if lines[i].text and i and lines[i - 1].text.strip() else None
            for i in range(len(lines))]


def starts_paragraph(previous: Sequence[str], text: str, layout_break: bool | None) -> bool:
    """Does `text` start a new paragraph after the pieces of the `previous` one?

    The layout decides when it knows; otherwise a paragraph that ends without
    closing punctuation runs on (page breaks and hard wraps cut sentences),
    unless one side is a line that always stands alone.
    """
    short = len(previous) <= 3 and sum(map(len, previous)) <= SHORT_LINE
    if STANDALONE_START.match(text):
        return True
    if short and (layout_break is not False and standalone_line("".join(previous)) or is_addressee("".join(previous))):
        return True                   # where the layout says a line runs on (a full line), a heading wraps
    if layout_break is not None:
        return layout_break
    return bool(PARAGRAPH_END.search(previous[-1]))


def standalone_line(text: str) -> bool:
    # A heading on its own line (一、加强组织领导), a closing formula and a note such as
    # 办理结果：A类 end their paragraph.
    return bool(CLOSING_FORMULA.match(text) or SIGN_OFF_NOTE.match(text) or HEAD_MARK.match(text)) or (
        bool(TOP_MARKER.match(text) or PAREN_MARKER.match(text) or ARABIC_MARKER.match(text)) and len(text) <= SHORT_LINE
        and not PARAGRAPH_END.search(text) and not re.search("[。！？]", text))


def joint(left: str, right: str, spaced: bool, cut: bool = False) -> str:
    """What stood at a line break: a space between words, nothing inside Chinese or a number —
    nor inside a word, where the lines were `cut` at a fixed width (40GW / h). In a `spaced` letter
    Latin and digits keep a space from Chinese.

    >>> joint("数据可用不可", "见", True), joint("基于", "Deepseek 开发", True), joint("第02", "13号", True)
    ('', ' ', '')
    """
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    latin = lambda ch: ch.isascii() and ch.isalnum()
    if a.isdigit() and b.isdigit():
        return ""                                 # a number cut by the wrap: 02 / 13号
    if latin(a) and latin(b) and not cut or spaced and (latin(a) and CJK_CHAR.match(b) or CJK_CHAR.match(a) and latin(b)):
        return " "
    return ""


def cut_at_fixed_width(lines: Sequence[Line]) -> bool:
    """Were a text's lines cut at a fixed number of characters, words and all (an export that
    wraps at 36 characters)? Most of its long lines are then exactly as long as each other.

    >>> cut_at_fixed_width([Line("本地部署算力达 2700P，可调用算力资源超 20")] * 6 + [Line("000P。")])
    True
    """
    if any(line.x0 is not None for line in lines):
        return False                              # a typesetter breaks between words
    lengths = Counter(len(line.text.rstrip()) for line in lines if len(line.text.strip()) >= FIXED_WIDTH_LEAST)
    if not lengths:
        return False
    width, count = lengths.most_common(1)[0]
    return count >= FIXED_WIDTH_LINES and count * 2 >= sum(n for length, n in lengths.items() if length >= width - 1)


# ── Structure ────────────────────────────────────────────────────────────────
# paragraphs → header, opening, numbered sections, closing.

def outline(paragraphs: Sequence[str]) -> Outline:
    """Find the numbered sections and the closing.

    >>> outline(["尊敬的张委员：", "一、加强规划", "正文。", "二、强化保障", "正文。", "此函。"]).headings
    (1, 3)
    """
    level = next((marker for marker, least in SECTION_LEVELS if numbered(paragraphs, marker) >= least), None)
    headings = tuple(i for i, text in enumerate(paragraphs) if level and level.match(text))
    start = headings[-1] + 1 if headings else opening_end(paragraphs)
    parallel = any(NEXT_STEPS.match(paragraphs[i]) for i in range(headings[0] if headings else start, start)) or (
        bool(headings) and level is not None and NEXT_STEPS.search(level.sub("", paragraphs[headings[-1]], count=1)) is not None)   # 三、下一步工作
    closing = next((i for i in range(start, len(paragraphs))
                    if CLOSING_START.match(paragraphs[i]) and not (parallel and NEXT_STEPS.match(paragraphs[i]))),
                   len(paragraphs))
    date_at = letter_date(paragraphs, start)
    senders = sender_lines(paragraphs, date_at, start)
    signed = senders[0] if senders else date_at
    # A letter that ends without 此函 or 下一步 still ends with its signature.
    closing = closing if signed is None else min(closing, signed)
    return Outline(headings, closing, level, date_at, tuple(senders))


def numbered(paragraphs: Sequence[str], marker: re.Pattern) -> int:
    """How many paragraphs a letter numbers with `marker`; Arabic numbers count only from 1 on (1、2、).

    >>> numbered(["1、腊味小镇已列入…", "2、进一步提升…"], ARABIC_MARKER), numbered(["3、…", "4、…"], ARABIC_MARKER)
    (2, 0)
    """
    numerals = [found.group(1) for text in paragraphs if (found := marker.match(text))]
    if marker is ARABIC_MARKER and numerals[:1] != ["1"]:
        return 0
    return len(numerals)


def opening_end(paragraphs: Sequence[str]) -> int:
    # Without sections, the closing is searched for after the sentence that announces the answer.
    announced = next((i for i, text in enumerate(paragraphs) if OPENING_END.search(text)), None)
    if announced is not None:
        return announced + 1
    return min(len(paragraphs), 2)


def split(paragraphs: Sequence[str]) -> Parts:
    """Paragraphs → the letter's parts: opening, numbered sections, closing; the sections carry
    their spans in the body.

    >>> parts = split(["尊敬的张委员：", "一、加强规划", "新建 3 所学校。", "二、强化保障", "正文。", "此函。"])
    >>> [(section.numeral, section.heading, section.text) for section in parts.sections], parts.closing
    ([('一', '加强规划', '新建 3 所学校。'), ('二', '强化保障', '正文。')], '此函。')
    """
    body = "\n".join(paragraphs)
    offsets = paragraph_offsets(paragraphs)
    parts = outline([simplified(text) for text in paragraphs])   # 感謝 reads as 感谢
    first = first_section(parts)
    bounds = list(parts.headings) + [parts.closing]
    sections = tuple(section_at(paragraphs, offsets, bounds[k], bounds[k + 1], parts.level)
                     for k in range(len(parts.headings))) if parts.level else ()     # no level, no headings
    opening = body[:offsets[first]].rstrip("\n") if first < len(paragraphs) else body
    closing = body[offsets[parts.closing]:] if parts.closing < len(paragraphs) else ""
    return Parts(tuple(paragraphs), body, opening, sections, closing, parts)


def first_section(parts: Outline) -> int:
    """The paragraph where the opening ends: the first section's, or the closing's."""
    return parts.headings[0] if parts.headings else parts.closing


def paragraph_offsets(paragraphs: Sequence[str]) -> list[int]:
    offsets, at = [], 0
    for text in paragraphs:
        offsets.append(at)
        at += len(text) + 1
    return offsets + [at]


def section_at(paragraphs, offsets, first: int, end: int, level: re.Pattern) -> Section:
    lead = paragraphs[first]
    marker = level.match(lead)
    assert marker is not None, "a section starts at a heading its level marks"
    heading, after = split_heading(lead[marker.end():])
    text = "\n".join(filter(None, [after, *paragraphs[first + 1:end]]))
    numeral = marker.group(1)
    return Section(int(numeral) if numeral.isdigit() else int(chinese_value(numeral) or 0), numeral, heading, text,
                   marker=marker.group(0).strip(), span=(offsets[first], offsets[end] - 1))


def split_heading(lead: str) -> tuple[str, str]:
    """The heading and what follows it in its paragraph.

    >>> split_heading("加强组织，高位推进。党的建设全面加强。")
    ('加强组织，高位推进。', '党的建设全面加强。')

    A heading ends at its first full stop or colon; a paragraph too long to be a
    heading and without one gives its first clause.
    """
    stop = HEADING_END.search(lead, 0, MAX_HEADING)
    if stop is None and len(lead) > MAX_HEADING:
        stop = CLAUSE_END.search(lead, 0, MAX_HEADING)
    if stop is None:
        return (lead.strip(), "") if len(lead) <= MAX_HEADING else (lead[:MAX_HEADING].strip(), lead[MAX_HEADING:].strip())
    return lead[:stop.end()].strip(), lead[stop.end():].strip()


def read_meta(letter: Parts) -> Meta:
    """Who answered whom, about which proposal, when: matched on the folded paragraphs and cut from
    the letter as written.

    >>> read_meta(split(["关于区政协提案第 25 号的答复", "张明委员：", "您提出的《关于加强养老服务的建议》收悉。",
    ...                  "一、加强规划", "正文。", "某某区民政局", "2025年3月1日"]))
    Meta(title='关于区政协提案第 25 号的答复', proposal_no='25', proposal_title='关于加强养老服务的建议', addressee='张明委员', sender='某某区民政局', date='2025-03-01')
    """
    paragraphs, parts = letter.paragraphs, letter.outline
    folded = [simplified(text) for text in paragraphs]
    front = folded[:first_section(parts)]
    addressee_at = next((i for i, text in enumerate(front[:8]) if is_addressee(text)), None)
    title_start, title_end = title_lines(front, addressee_at)
    title = "".join(paragraphs[title_start:title_end]) or None
    searched = "\n".join(folded[:max(title_end, len(front))])
    written = "\n".join(paragraphs[:max(title_end, len(front))])
    date = signing_date(folded[parts.date_at]) if parts.date_at is not None else None
    return Meta(
        title=title,
        proposal_no=first_group(PROPOSAL_NO, searched, written),
        proposal_title=proposal_title(searched, written),
        addressee=addressee(paragraphs[addressee_at], front[addressee_at]) if addressee_at is not None else None,
        sender=("、".join(paragraphs[i].strip() for i in parts.senders)
                or office_named(paragraphs, folded, title_start, title_end)),
        date=date,
    )


def title_lines(front: Sequence[str], addressee_at: int | None) -> tuple[int, int]:
    """The title's paragraphs: the run just above the addressee (a letterhead may open it), below
    the marks of the head (文号, 类别, 签发人); none when that run does not read as a title.

    >>> title_lines(["甘肃省能源局", "甘能源函〔2025〕46号", "答复类别：B", "关于…提案答复的函", "九三学社甘肃省委员会："], 4)
    (3, 4)
    """
    end = min(1, len(front)) if addressee_at is None else addressee_at
    while end > 0 and is_head_mark(front[end - 1]):         # 苍溪县财政局关于…的复函 / 苍财办建〔2019〕35号
        end -= 1
    start = end
    while start > 0 and not is_head_mark(front[start - 1]):
        start -= 1
    if not any(TITLE_START.search(text) for text in front[start:end]):
        return 0, 0
    return start, end


def is_head_mark(text: str) -> bool:
    return bool(HEAD_MARK.match(text.strip()) or SIGN_OFF_NOTE.match(text) or SIGNER.match(text))


def is_addressee(text: str) -> bool:
    """尊敬的胡为民委员：, 九三学社甘肃省委员会：, 高松代表 (a name and title on a line of its own).

    >>> [is_addressee(text) for text in ("尊敬的胡为民委员：", "致公党市委会：", "高松代表", "现答复如下：")]
    [True, True, True, False]
    """
    found = ADDRESSEE.match(text)
    return bool(found) and not OPENING_END.search(text) and not is_head_mark(text) and (
        text.startswith("尊敬") or re.search(f"(?:{ADDRESS_FORMS}|{BODIES})们?[：:]$|(?:{ADDRESS_FORMS})$", text) is not None)


def addressee(text: str, folded: str) -> str:
    """Who the addressee line names, as written.

    >>> addressee("尊敬的胡为民委员：", "尊敬的胡为民委员："), addressee("致公党市委会：", "致公党市委会：")
    ('胡为民委员', '致公党市委会')
    """
    found = ADDRESSEE.match(folded)
    assert found is not None, "called on a paragraph is_addressee took"
    return text[slice(*found.span(1 if found.group(1) else 2))].strip()


def proposal_title(folded: str, written: str) -> str | None:
    """The proposal's title as the opening names it: in 《…》, in “…” (quotes inside kept), or bare.

    >>> proposal_title(*["您提出的“关于做好“十五五”电网规划的建议”收悉。"] * 2)
    '关于做好“十五五”电网规划的建议'
    >>> proposal_title(*["您提出的关于加快清洁能源发展的建议收悉，现答复如下："] * 2)
    '关于加快清洁能源发展的建议'
    """
    for named in PROPOSED.finditer(folded):
        at = named.end()
        span = (bracketed(folded, at) if folded[at] in "《“\"" else
                (lambda found: found and found.span())(UNQUOTED_TITLE.match(folded, at)))
        if span:
            return written[slice(*span)].strip()
    return first_group(PROPOSAL_TITLE, folded, written)


def bracketed(text: str, at: int) -> tuple[int, int] | None:
    """The span inside the brackets or quotes that open at text[at], nested pairs kept."""
    pairs = {"《": "》", "“": "”", '"': '"'}
    opening, closing = text[at], pairs[text[at]]
    depth = 0
    for i in range(at, min(len(text), at + 200)):
        if text[i] == closing and (depth == 1 or opening == closing):
            return at + 1, i
        depth += (text[i] == opening) - (text[i] == closing and opening != closing)
    return None


def office_named(paragraphs: Sequence[str], folded: Sequence[str], title_start: int, title_end: int) -> str | None:
    """The sender of a letter without a signature block: the office in a 承办单位 line, in a
    letterhead with 签发人, at the start of the title (××县卫生健康局关于…), or a letterhead above it.

    >>> title = "郸城县卫生健康委员会关于县十七届人大四次会议第 093 号建议的答复"
    >>> office_named([title, "刘代表："], [title, "刘代表："], 0, 1)
    '郸城县卫生健康委员会'
    """
    for i in range(len(folded) - 1, -1, -1):
        found = HANDLED_BY.match(folded[i].strip())
        if found:
            return paragraphs[i].strip()[slice(*found.span("office"))] if found else None
    for i, text in enumerate(folded[:max(title_end, 1) + 3]):
        found = SIGNER.match(text) or (TITLE_OFFICE.match(text) if title_start <= i < title_end else None)
        if found:
            return paragraphs[i][slice(*found.span("office"))].strip()
    letterhead = folded[0].strip() if folded else ""
    return paragraphs[0].strip() if re.fullmatch(OFFICE, letterhead) and len(letterhead) <= 30 else None


def first_group(patterns: Iterable[re.Pattern], folded: str, written: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(folded)
        if found:
            return written[slice(*found.span(1))].strip()
    return None


def signing_date(text: str) -> str | None:
    """A paragraph that is a full date and nothing else → YYYY-MM-DD; None for anything else,
    an impossible date (2025年13月40日) included.

    >>> signing_date("二〇二五年九月二十六日"), signing_date("20211026"), signing_date("9999年99月99日")
    ('2025-09-26', '2021-10-26', None)
    """
    text = text.strip()
    found = DATE.fullmatch(text) or COMPACT_DATE.fullmatch(text)
    if not found or not found.group("day"):
        return None
    date = iso_date(found)
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        return None
    return date


def letter_date(paragraphs: Sequence[str], floor: int) -> int | None:
    """The signing date: the last paragraph near the end, after `floor`, that is a full date and nothing else."""
    for i in range(len(paragraphs) - 1, max(floor, len(paragraphs) - 12) - 1, -1):
        if signing_date(paragraphs[i]):
            return i
    return None


def sender_lines(paragraphs: Sequence[str], date_at: int | None, floor: int) -> list[int]:
    """The signing office(s): the short unpunctuated paragraphs just above the date; a closing's
    first words (感谢…) are no office's, whatever punctuation OCR lost after them.

    >>> sender_lines(["感谢您对人力资源和社会保障工作的关心和支持", "广东省人力资源和社会保障厅", "2025年6月12日"], 2, 0)
    [1]
    """
    if date_at is None:
        return []
    offices: list[int] = []
    for i in range(date_at - 1, max(floor, date_at - 4) - 1, -1):
        text = paragraphs[i].strip()
        if (len(text) > SHORT_LINE or PARAGRAPH_END.search(text) or CLOSING_FORMULA.match(text) or TOP_MARKER.match(text)
                or SIGN_OFF_NOTE.match(text) or CLOSING_START.match(text)):
            break
        offices.insert(0, i)
    return offices


def iso_date(found: re.Match) -> str:
    """A DATE match → YYYY-MM-DD (or YYYY-MM without a day)."""
    year = found.group("year")
    year = int(year) if year.isdigit() else int("".join(str(CN_VALUE[ch]) for ch in year))
    month = to_int(found.group("month"))
    day = found.group("day")
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{to_int(day):02d}"


def to_int(text: str) -> int:
    return int(text) if text.isdigit() else int(chinese_value(text) or 0)


# ── Claims ───────────────────────────────────────────────────────────────────
# A letter's text → figures (value, unit, qualifier, range, change) → claims.
# How letters write a quantity lives in the tables below; the code reads them.

# Measure words of Modern Chinese that count things (量词): 3 个中心, 45 卷档案, 十批次, 7 部委.
# Words that are also prepositions or conjunctions after a number (对, 把, 和) are left out.
COUNT_WORDS = frozenset({
    *"个位名人口户家所座栋幢间套层处条根支张块片颗粒台部架辆艘列趟节首篇本册卷集页份封件项门科堂类种批期届轮次回遍款床盏"
     "场宗笔单例起株棵丛朵头匹只双副组群队团班道眼孔站园校村镇乡地",
    "大类", "人次", "户次", "车次", "架次", "班次", "场次", "台次", "批次", "项次", "家次", "台套", "街道", "社区",
    "部委", "地市", "等", "个等级",
})
# Count words that name what they count, when the letter names nothing else: 共 45 户 168 人.
NAMING_COUNT_WORDS = frozenset(COUNT_WORDS - set("个项类种次批件条处份期轮场例宗笔单起道节首回遍集门科堂副双只片块根等")
                               - {"大类", "批次", "项次", "个等级"})
# Lengths of time; 日 only where the sentence says it is one (压缩至 45 日), else it is a day of the month.
TIME_UNITS = frozenset({"年", "个月", "周", "星期", "天", "日", "小时", "个小时", "分钟", "秒", "毫秒", "工作日", "个工作日",
                        "学时", "课时", "季度", "个季度", "学期"})
AGE_UNITS = frozenset({"岁", "周岁"})
# Figures relative to another: a share, a multiple, a change in percentage points (and fractions: /3).
RELATIVE_UNITS = frozenset({"%", "‰", "倍", "成", "个百分点", "百分点"})
# Legal units of measurement and currencies, as letters write them (万千瓦 is 万 + 千瓦).
CURRENCIES = frozenset({"元", "角", "分钱", "美元", "欧元", "港元", "日元", "英镑"})
MEASURE_UNITS = CURRENCIES | {
    "米", "千米", "公里", "厘米", "毫米", "延米", "平方米", "平米", "平方公里", "平方千米", "公顷", "亩",
    "立方米", "立方", "方", "标方", "升", "毫升", "吨", "千克", "公斤", "克", "斤", "吨标煤", "吨标准煤",
    "瓦", "千瓦", "兆瓦", "吉瓦", "千瓦时", "兆瓦时", "度", "千伏安", "兆伏安", "摄氏度",
}
# Ratings name a class of things more often than they count: 110 千伏线路, 3A 旅游景区.
RATING_UNITS = frozenset({"千伏", "伏", "级", "星级", "kV", "V", "A"})
LATIN_UNITS = frozenset({
    "%", "‰", "℃", "P", "PB", "TB", "GB", "MB", "EB", "E", "T", "G", "M", "W", "kW", "MW", "GW", "TW",
    "kWh", "MWh", "GWh", "TWh", "kV", "V", "kVA", "MVA", "A", "Mbps", "Gbps", "Tbps", "TOPS", "PFLOPS", "EFLOPS",
    "km", "m", "km²", "m²", "m³", "m2", "m3", "t", "kg", "g", "L", "ha", "﹪",
})
UNITS = COUNT_WORDS | TIME_UNITS | AGE_UNITS | RELATIVE_UNITS | MEASURE_UNITS | RATING_UNITS
# A unit as the letter spells it → the unit: 3 分钱 is 3 分.
UNIT_SPELLINGS = {"分钱": "分", "﹪": "%"}
# Units that follow Arabic digits only: 三方 is three parties, 1200 方 is 1200 cubic metres.
ARABIC_ONLY_UNITS = frozenset({"方"}) | LATIN_UNITS

MAGNITUDES = ("万亿", "千万", "百万", "十万", "万", "亿", "千", "百")
# The magnitudes a Chinese numeral may end in that belong to its unit: 两千七百万元 is 2700 万元.
UNIT_MAGNITUDES = ("万", "亿")
# Fractions of a hundred and a thousand, spelled before the number: 百分之九十五 is 95 %.
PERCENT_WORDS = {"百分之": "%", "千分之": "‰"}
MAX_NUMBER = 20          # characters: longer runs of digits are codes or noise, never quantities

QUALIFIER_BEFORE = {
    "超过": "over", "超出": "over", "超": "over", "逾": "over", "高于": "over", "大于": "over", "多于": "over",
    ">": "over", "＞": "over", "突破": "over",
    "不足": "under", "不到": "under", "低于": "under", "少于": "under", "小于": "under", "<": "under", "＜": "under",
    "近": "under", "将近": "under", "接近": "under", "近乎": "under",          # 近 8 亿元: a little under
    "约": "about", "大约": "about", "约为": "about", "大概": "about",
    "不少于": "at_least", "至少": "at_least", "不低于": "at_least", "不小于": "at_least", "最低": "at_least",
    "不得低于": "at_least", "不得少于": "at_least", "≥": "at_least", ">=": "at_least",
    "不超过": "at_most", "最多": "at_most", "最高": "at_most", "不高于": "at_most", "至多": "at_most", "不大于": "at_most",
    "不得超过": "at_most", "不得高于": "at_most", "≤": "at_most", "<=": "at_most",
}
# Before a bare magnitude only: 上万名, 过亿元, 破千家 (上 before any other number is no qualifier).
QUALIFIER_BEFORE_MAGNITUDE = {"上": "over", "过": "over", "破": "over"}
QUALIFIER_INSIDE = {"余": "over", "多": "over", "几": "over"}      # 1500 余名, 160 多亿元, 十几个
QUALIFIER_AFTER = {"以上": "over", "有余": "over", "以下": "under", "以内": "at_most", "之内": "at_most",
                   "内": "at_most", "左右": "about", "上下": "about", "及以上": "at_least", "及以下": "at_most"}
# 内 bounds a length or a distance (三年内, 5 公里内); after a count it is a place: 2 个村内.
WITHIN = frozenset({"内", "之内", "以内"})
QUALIFIER_SYMBOL = {"exact": "", "over": ">", "under": "<", "about": "≈", "at_least": "≥", "at_most": "≤"}
CHANGE_SYMBOL = {None: "", "up": "↑", "down": "↓"}

# The basis of a rate, before the number (每平方米 260 元, 每人每月 500 元, 人均 3 万元) or after it (450 元/平方米).
PER_HEAD = {"人均": "人", "生均": "生", "户均": "户", "亩均": "亩", "年均": "年", "月均": "月", "日均": "日"}
RATE_BASES = UNITS | LATIN_UNITS | {"人口", "千人口", "万人口", "万人", "千人", "百人", "百户", "千户", "万元", "月"}
# 每个托位 1 万元: a noun after 每 and its measure word, right before the number, is the basis too.
EACH_NOUN = rf"(?:个|名|位|家|所|户|部|台|座|辆|套|间|张|项){{0,1}}[{CJK}]{{1,2}}?(?={SPACES}?[\d{CN_NUMERALS}])"
RATE_BEFORE = rf"每{SPACES}?(?:[十百千万]?(?:{alternation(RATE_BASES)})|{EACH_NOUN})?|{alternation(PER_HEAD)}"
RATE_EACH = re.compile(      # read on a rate as FIGURE matched it: 每人每月, 每个托位, 人均
    rf"每{SPACES}?(?:(?P<each>[十百千万]?(?:{alternation(RATE_BASES)}))(?={SPACES}*(?:$|每|{alternation(PER_HEAD)}))"
    rf"|(?:个|名|位|家|所|户|部|台|座|辆|套|间|张|项)?(?P<noun>[{CJK}]{{1,2}}?)(?={SPACES}*$))"
    rf"|(?P<head>{alternation(PER_HEAD)})")
BASIS_AFTER = re.compile(rf"(?:/(?:{alternation(RATE_BASES)})(?![A-Za-z])){{1,2}}")
AFTER = re.compile(f"{SPACES}?(?:{alternation(QUALIFIER_AFTER)})")
# The words that may stand between a rate and its figure: 每平方米补助 260 元, 人均补贴标准为 3 万元.
RATE_BEFORE_VERB = re.compile(
    rf"(?P<rate>(?:每{SPACES}?(?:{alternation(RATE_BASES)})|{alternation(PER_HEAD)}){{1,3}})"
    rf"(?:补助|补贴|奖励|资助|发放|支付|收取|缴纳|安排|投入)?(?:标准)?(?:为|达)?{SPACES}*$")

# Words that link a subject to a bare number: 达 2000, 为 35 (they stay exact).
LINK_WORDS = ("达到", "达", "为", "共计", "合计", "总计", "累计", "共", "至", "到", "是", "仅需", "需", "有")
# Between the two ends of a range (3—5 年, 2 万至 3 万元, 10%~15%), and between the figures of a list.
RANGE_TO = re.compile(f"(?<![ \t\u3000]){SPACES}*(?:至|到|—|–|－|-|~|～){SPACES}*")   # from a figure's end: linear in a run of spaces
LIST_JOINERS = frozenset({"、", "，", ",", "和", "及", "与", "或"})

# Words that make a figure the size of a rise or a fall (同比下降 12.6% → down) — unless a level
# follows them (提高到 85%, 降至 3% are levels reached).
CHANGE_UP = ("增长", "提高", "增加", "上升", "提升", "扩大", "延长", "上涨", "攀升", "同比增", "环比增", "高出", "多出")
CHANGE_DOWN = ("下降", "降低", "减少", "回落", "下滑", "缩小", "缩短", "压缩", "缩减", "削减", "下调", "节约", "节省",
               "减排", "同比降", "同比减", "环比降", "环比减")
CHANGE_WORDS = CHANGE_UP + CHANGE_DOWN
# Nouns that name the size of a change are subjects, and say its direction: 增幅达到 20 个百分点.
CHANGE_NOUNS = {"增幅": "up", "涨幅": "up", "增量": "up", "降幅": "down", "减幅": "down"}
CHANGE = re.compile(
    rf"(?P<word>{alternation(CHANGE_WORDS + tuple(CHANGE_NOUNS))})(?:了|幅度?(?:为|达到?)?|达到?|约)?{SPACES}*$")
# Work done to things, not a rise: 改造提升 18 万亩 upgrades 18 万亩 of farmland.
UPGRADES = ("改造提升", "提质提升", "优化提升", "改造升级", "提档升级", "提质增效")
# A change named by its noun a few words before the figure: 增幅连续两年保持在 10% 以上.
CHANGE_NAMED = re.compile(rf"(?P<word>{alternation(CHANGE_NOUNS)})[^，。；、,;]{{0,10}}$")
COMPARED_WITH = ("同比", "环比", "较上年同期", "比上年同期", "较去年同期", "比去年同期", "较上年", "比上年",
                 "较去年", "比去年", "较同期", "比同期")
# Words that set a figure rather than say what it counts: 失业率控制在 3%, 时限由平均 60 个工作日缩短至 30 个工作日.
CHANGED_FROM = "(?<![理自缘事])[由从](?:平均|原来的?|原先的?|去年的?|上年的?|此前的?|过去的?)?"
CHANGED = rf"(?:{alternation(COMPARED_WITH)})?(?:{alternation(CHANGE_WORDS)})了?"
SET_TO = rf"(?:控制|保持|稳定|维持)在|(?:{alternation(CHANGE_WORDS + ('降', '增', '减'))})(?:[至到]|为)"
# 日 is a length of time after these (压缩至 45 日, 需 15 日), or before 内 (15 日内).
DURATION_CUES = re.compile(rf"(?:{SET_TO}|{alternation(LINK_WORDS)}|{CHANGED}){SPACES}*$")


def magnitude_pattern() -> str:
    """万 / 亿 / 千 / 百 — but not as the first character of a unit: 500 千伏 is 500 kilovolts.

    >>> re.fullmatch(magnitude_pattern(), "千"), re.match(magnitude_pattern(), "千伏")
    (<re.Match object; span=(0, 1), match='千'>, None)
    """
    def guarded(magnitude: str) -> str:
        rests = [unit[len(magnitude):] for unit in UNITS if unit.startswith(magnitude) and unit != magnitude]
        return re.escape(magnitude) + (f"(?!{alternation(rests)})" if rests else "")
    return "|".join(guarded(magnitude) for magnitude in MAGNITUDES)


NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUMERALS}]+(?:点[{CN_DIGITS}]+)?"
# A figure as written: rate, qualifier, sign, 百分之, number, 多/余, magnitude, unit. The basis of a
# rate after the unit (/平方米) and a qualifier after it (以上) are read by BASIS_AFTER and AFTER.
FIGURE = re.compile(
    rf"""
    (?P<rate>(?:(?:{RATE_BEFORE}){SPACES}?){{0,3}})
    (?P<before>{alternation(QUALIFIER_BEFORE)}
       |{alternation(QUALIFIER_BEFORE_MAGNITUDE)}(?=[十百千万亿](?![{CN_DIGITS}十百千])))?{SPACES}?
    (?P<rate_after>(?:(?:{RATE_BEFORE}){SPACES}?){{0,3}})
    (?:(?<![\d%‰.])(?P<sign>[-−－])(?=\d))?
    (?P<per>{alternation(PERCENT_WORDS)}|(?P<denominator>[{CN_NUMERALS}]{{1,4}})分之)?
    (?P<number>{NUMBER})
    {SPACES}?(?P<vague>{alternation(QUALIFIER_INSIDE)})?
    (?P<magnitude>{magnitude_pattern()})?
    (?P<inside>[余多])?{SPACES}?
    (?P<unit>(?:{alternation(LATIN_UNITS)})(?![A-Za-z])|{alternation(UNITS)})?
    """,
    re.VERBOSE,
)

# Spans whose numbers are never claims. Times (dates, years, months) are kept apart from names:
# a subject may stand on either side of a time (全省发电总装机容量将由 2020 年末 6580 万千瓦…).
TIME_SPANS = tuple(re.compile(p, re.VERBOSE) for p in (
    DATE.pattern,                                                                 # 2025 年 9 月 26 日
    rf"(?:{YEAR}|\d{{4}})\s*(?:[-–—~～至到]\s*(?:{YEAR}|\d{{4}})\s*)?年(?:度|初|底|末|内|以来|以前|前|后)?",   # 2025 年, 2024-2026 年
    r"(?<!\d)\d{1,2}\s*月(?:份|底|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*日)?",                          # 10 月, 9 月 26 日
    rf"(?<![\d.])(?:{YEAR})(?:[-/](?:0?[1-9]|1[0-2])(?:[-/](?:0?[1-9]|[12]\d|3[01]))?"
    rf"|\.(?:0?[1-9]|1[0-2])(?:\.(?:0?[1-9]|[12]\d|3[01]))?)(?![\d.])"
    rf"(?!{SPACES}?(?:{alternation(MAGNITUDES)}|{alternation(UNITS | LATIN_UNITS)}))",      # 2025-09-26, 2025.9 — not 4517.26 or 2019.08 万千瓦时
    r"(?<!\d)\d{1,2}:\d{2}(?!\d)",                                                 # 9:30
))
NAME_SPANS = tuple(re.compile(p, re.VERBOSE) for p in (
    r"《[^《》]{0,200}》",                                   # titles of documents and programmes
    r"[“\"][^“”\"]{1,12}[”\"]",                              # short quoted names: “3+2” “1+N”
    r"第\s*(?:\d+|[零〇一二两三四五六七八九十百千]+)",             # ordinals: 第一批, 第 2025134 号
    r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d*\s*号?",              # document numbers: 〔2024〕12 号
    r"(?<!\d)\d+\s*号",                                      # numbers of documents, proposals and houses
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+届(?:人大|政协|人民代表大会|常委会|委员会)*(?:[一二三四五六七八九十]+次)?",  # 十三届一次会议
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+次(?:会议|全会|全体会议|常委会议)",
    r"十[一二三四五六七八九]五",                               # plan names: 十四五
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+是",        # enumerations: 一是…二是
    r"(?<![A-Za-z0-9.])[2-6]G(?![A-Za-z0-9])|(?<![A-Za-z0-9.])[2-4]D(?![A-Za-z0-9])|(?<![A-Za-z0-9.])[48]K(?![A-Za-z0-9])",  # 5G, 3D, 4K
    r"(?<![A-Za-z0-9])[A-Za-z]+[-_.]?\d[A-Za-z0-9]*",         # names with digits: GPT-4, H800, R1
    r"(?<!\d)(?:(?:\d{3,4}[-—－])?\d{7,8}|1[3-9]\d{9}|400[-—]\d{3}[-—]\d{4})(?!\d)",  # phone numbers
    r"[（(]\s*\d{1,2}\s*[）)]|(?:^|(?<=[。；;：:\s]))\d{1,2}[.．、](?!\d)",   # list markers: （1） 1.
    r"(?:(?<=[村社屯组])|(?<=[村社屯组][（(]))\s?\d+(?:\s*[-—至]\s*\d+)?\s*(?:组|社|队)",   # groups of a village: 水塘村 9-15 社
    r"两个维护|两个确立|四个意识|四个自信|四个全面|三个代表|五位一体|两会|三农|一带一路|双一流",  # political formulas
))
TIME_MASK, NAME_MASK = "\x01", "\n"       # what a masked character becomes: times are see-through for subjects

# Chinese numerals that alone count nothing: 一 is an article (一批, 一个), a bare magnitude
# an idiom (万家灯火, 千家万户, 百村) — unless a qualifier or a magnitude makes it a figure (超千家, 拾万元).
LONE_NUMERALS = frozenset("一百千万亿")
# A length of time that names a plan: 三年行动, 五年规划.
PLAN_WORDS = ("行动", "计划", "规划", "方案", "攻坚", "工程", "战略", "纲要")
# Chinese numeral + these before a noun name a phase, not a count: 二期工程 (3 期培训班 counts).
PHASE_WORDS = frozenset({"期"})
# What may follow a number as an unlisted measure word, ending its clause (涉及 9 地。): not these.
NOT_MEASURE = frozenset("的了是在和与及或以之至到为比较将并且而也都已还又就再从由对把被向给于年月日号第来起后前间中内外上下")
# Characters after a figure that cannot start the noun it modifies (3 岁以下婴幼儿 yes; 18 岁即可 no).
NOT_NOUN_START = frozenset("即可就才均都也并且或和及与了在是为将已还又再从由对把被向给于等，。；、：！？")


@dataclass(frozen=True)
class Figure:
    """A number as the letter writes it, with what is read around it; a claim once it passes the checks."""
    start: int
    end: int
    value: int | float
    unit: Unit
    qualifier: str
    chinese: bool                 # written in Chinese numerals (三个, 两千七百)
    lone: bool                    # a lone numeral or magnitude: 一, 百, 万
    vouched: bool                 # a qualifier, a link word or a magnitude says a bare number is a figure
    value_max: int | float | None = None


def read_figures(masked: str) -> list[Figure]:
    """Every number in a masked text, read with its unit and qualifier; ranges and lists joined.

    >>> [(f.value, f.value_max, str(f.unit)) for f in read_figures("装机分别为456、124万千瓦，费用 8 万至 12 万元")]
    [(456, None, '万千瓦'), (124, None, '万千瓦'), (8, 12, '万元')]
    """
    figures = [figure for found in FIGURE.finditer(masked) if (figure := read_figure(found, masked))]
    return share_list_units(join_ranges(figures, masked), masked)


def read_figure(found: re.Match, text: str) -> Figure | None:
    """A FIGURE match → a Figure, or None when the digits are no number (a code, 十四五).

    >>> figure = read_figure(FIGURE.search("不得超过每千瓦时 3 分钱"), "不得超过每千瓦时 3 分钱")
    >>> figure.value, str(figure.unit), figure.qualifier
    (3, '分/千瓦时', 'at_most')
    """
    number = found.group("number")
    if len(number) > MAX_NUMBER:
        return None
    chinese = not number[0].isdigit()
    magnitude, measure = found.group("magnitude") or "", found.group("unit") or ""
    at = found.end()
    if measure and not unit_fits(measure, chinese, text, found):
        measure, at = "", found.start("unit")
    if not measure and not magnitude:
        measure = open_measure_word(text, at)
        at += len(measure)
    at = len(text[:at].rstrip()) if not measure else at
    if chinese:
        number, magnitude = split_chinese_magnitude(number, magnitude, measure)
    value = chinese_value(number) if chinese else arabic_value(number)
    if value is None:
        return None
    basis = BASIS_AFTER.match(text, at) if measure or magnitude else None
    at = basis.end() if basis else at
    after = AFTER.match(text, at)
    if after and after.group().strip() in WITHIN and measure in COUNT_WORDS:
        after = None                                   # 2 个村内: a place, not a bound
    qualifier = (QUALIFIER_BEFORE.get(found.group("before") or "")
                 or QUALIFIER_BEFORE_MAGNITUDE.get(found.group("before") or "")
                 or QUALIFIER_INSIDE.get(found.group("vague") or found.group("inside") or "")
                 or (QUALIFIER_AFTER[after.group().strip()] if after else "exact"))
    # A share or a length of time is no rate: 每年不低于 10% is 10 % each year, 每期 3 个月 lasts 3 months.
    rated = (measure or magnitude) and measure not in RELATIVE_UNITS | TIME_UNITS
    per = rate_bases(found.group("rate") + found.group("rate_after")) if rated else ()
    per += tuple(basis.group().split("/")[1:]) if basis else ()
    if not per and rated:                                 # 每平方米补助 260 元: the rate stands before its verb
        granted = RATE_BEFORE_VERB.search(text, max(0, found.start() - 12), found.start())
        per = rate_bases(granted.group("rate")) if granted else ()
    unit = Unit(measure=UNIT_SPELLINGS.get(measure, measure), magnitude=magnitude, per=times_last(per))
    if found.group("per"):
        unit = fraction_unit(found, unit)
    start = found.start() + len(found.group()) - len(found.group().lstrip())
    if not rated and found.group("rate"):
        start = found.start("before") if found.group("before") else found.start("rate_after")
        start += len(found.group()[start - found.start():]) - len(found.group()[start - found.start():].lstrip())
    return Figure(start, after.end() if after else at, -value if found.group("sign") else value, unit, qualifier,
                  chinese, number in LONE_NUMERALS and not found.group("per"),
                  vouched=bool(found.group("before") or magnitude or found.group("per") or linked(text, start)))


def unit_fits(measure: str, chinese: bool, text: str, found: re.Match) -> bool:
    """Is the unit after a number really its unit? 三方 (parties) no; 每月 15 日 (a day of the month) no."""
    if measure in ARABIC_ONLY_UNITS and chinese:
        return False
    if measure == "日":
        return bool(DURATION_CUES.search(text, max(0, found.start() - 8), found.start())
                    or (after := AFTER.match(text, found.end())) is not None and after.group().strip() in WITHIN)
    return True


def open_measure_word(text: str, at: int) -> str:
    """An unlisted measure word: one character after a number that ends its clause (涉及 9 地。).

    >>> open_measure_word("涉及 9 樘。", 4), open_measure_word("3 和 5。", 1)
    ('樘', '')
    """
    found = re.match(rf"{SPACES}?([{CJK}])(?=$|{CLAUSE_BREAK.pattern})", text[at:at + 3])
    return found.group(1) if found and found.group(1) not in NOT_MEASURE and found.group(1) not in CN_NUMERALS else ""


def rate_bases(rate: str) -> tuple[str, ...]:
    """每人每月 → (人, 月); 人均 → (人,); 每个托位 → (托位,).

    >>> rate_bases("每人每月"), rate_bases("人均"), rate_bases("每个托位")
    (('人', '月'), ('人',), ('托位',))
    """
    return tuple(found.group("each") or found.group("noun") or PER_HEAD[found.group("head")]
                 for found in RATE_EACH.finditer(rate.strip())
                 if found.group("each") or found.group("noun") or found.group("head"))


def times_last(bases: tuple[str, ...]) -> tuple[str, ...]:
    """What a rate is per, the thing before the time, as 元/人·月 writes it.

    >>> times_last(("年", "公里"))
    ('公里', '年')
    """
    return tuple(sorted(bases, key=lambda basis: basis in TIME_UNITS | {"月"}))


def fraction_unit(found: re.Match, unit: Unit) -> Unit:
    """百分之九十五 is 95 %; 三分之二 is 2 of 3 (/3), as 百分之 is of 100."""
    per = found.group("per")
    if per in PERCENT_WORDS:
        return dataclasses.replace(unit, measure=PERCENT_WORDS[per])
    denominator = chinese_value(found.group("denominator"))
    return dataclasses.replace(unit, per=(str(denominator),) if denominator else ())


def join_ranges(figures: list[Figure], text: str) -> list[Figure]:
    """Two figures joined by 至 / — / ~ are one range, its unit written once: 8 万至 12 万元, 3-4 分钟.

    >>> [(f.value, f.value_max, str(f.unit)) for f in join_ranges(read_figure_list("3-4 分钟、20%~30%"), "3-4 分钟、20%~30%")]
    [(3, 4, '分钟'), (20, 30, '%')]
    """
    joined: list[Figure] = []
    for figure in figures:
        lower = joined[-1] if joined else None
        between = RANGE_TO.fullmatch(text, lower.end, figure.start) if lower else None
        if (lower and between and lower.value_max is None and lower.value < figure.value
                and (not lower.unit.measure or lower.unit.measure == figure.unit.measure)):
            joined[-1] = dataclasses.replace(
                figure, start=lower.start, value=lower.value, value_max=figure.value,
                qualifier=lower.qualifier if lower.qualifier != "exact" else figure.qualifier,
                unit=dataclasses.replace(figure.unit, per=figure.unit.per or lower.unit.per),   # 每人每月 300 元至 800 元
                vouched=True)
            continue
        joined.append(figure)
    return joined


def read_figure_list(text: str) -> list[Figure]:
    # For the examples above: figures read one by one, before ranges and lists are joined.
    return [figure for found in FIGURE.finditer(text) if (figure := read_figure(found, text))]


def share_list_units(figures: list[Figure], text: str) -> list[Figure]:
    """Bare numbers listed before a figure with a unit take that unit: 分别为 456、124、1755 万千瓦.

    >>> [str(f.unit) for f in share_list_units(read_figure_list("456、124、1755万千瓦"), "456、124、1755万千瓦")]
    ['万千瓦', '万千瓦', '万千瓦']
    """
    shared = list(figures)
    for k in range(len(shared) - 2, -1, -1):
        figure, following = shared[k], shared[k + 1]
        listed = text[figure.end:following.start].strip() in LIST_JOINERS
        if listed and not figure.unit.measure and not figure.unit.per and following.unit.measure:
            unit = dataclasses.replace(following.unit, magnitude=figure.unit.magnitude or following.unit.magnitude)
            shared[k] = dataclasses.replace(figure, unit=unit, vouched=True)
    for k in range(1, len(shared)):                     # 每人每月 110 元、380 元和 1100 元: a rate's basis carries on
        figure, before = shared[k], shared[k - 1]
        if (text[before.end:figure.start].strip() in LIST_JOINERS and before.unit.per and not figure.unit.per
                and figure.unit.measure == before.unit.measure):
            shared[k] = dataclasses.replace(figure, unit=dataclasses.replace(figure.unit, per=before.unit.per))
    return shared


def split_chinese_magnitude(number: str, magnitude: str, unit: str) -> tuple[str, str]:
    # 两千七百万元 is written like 2700 万元: the trailing 万 / 亿 belongs to the unit.
    if unit and not magnitude and len(number) > 1 and number[-1] in UNIT_MAGNITUDES:
        return number[:-1], number[-1]
    return number, magnitude


def linked(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" ")
    return before.endswith(LINK_WORDS)


# ── Claims: what is no claim ──
# Each rule names a kind of figure a careful reader does not count, and says so with an example.

def unvouched_bare_number(figure: Figure, text: str) -> bool:
    """A number with no unit that nothing vouches for is a code or a name (提案 2025134), not a figure.

    >>> unvouched_bare_number(read_figure_list("编号 2025134")[0], "编号 2025134")
    True
    """
    unit = str(figure.unit)
    return not unit and (figure.chinese or figure.qualifier == "exact" and not figure.vouched)


def lone_numeral(figure: Figure, text: str) -> bool:
    """一批, 万家灯火, 百村: a numeral alone is a word — unless a qualifier or magnitude makes it a figure (超千家, 拾万元).

    >>> [lone_numeral(read_figure_list(text)[0], text) for text in ("一批", "百村", "超千家", "十万元")]
    [True, True, False, False]
    """
    return figure.lone and figure.qualifier == "exact" and not figure.unit.magnitude


YEARS_AT_MOST = 100     # a span of years a letter may state (3 年, 30 年); a larger "年" is a year


def year_as_number(figure: Figure, text: str) -> bool:
    """A year the masks did not catch (3025 年), never a length of time: 3 年 is one.

    >>> year_as_number(read_figure_list("3025 年")[0], "3025 年"), year_as_number(read_figure_list("3 年")[0], "3 年")
    (True, False)
    """
    return figure.unit.measure == "年" and not figure.chinese and figure.value >= YEARS_AT_MOST


def bounds_a_group(figure: Figure, text: str) -> bool:
    """3 岁以下婴幼儿, 60 周岁以上老人: an age that says who is meant, not how many.

    >>> bounds_a_group(read_figure_list("3 岁以下婴幼儿")[0], "3 岁以下婴幼儿")
    True
    """
    return figure.unit.measure in AGE_UNITS and names_a_noun(text, figure.end)


def names_a_class(figure: Figure, text: str) -> bool:
    """110 千伏线路, 3A 旅游景区: a rating before a noun names a class of things.

    >>> names_a_class(read_figure_list("110 千伏线路 12 条")[0], "110 千伏线路 12 条")
    True
    """
    return figure.unit.measure in RATING_UNITS and names_a_noun(text, figure.end)


def names_a_plan(figure: Figure, text: str) -> bool:
    """三年行动, 五年规划: a length of time that is part of a plan's name.

    >>> names_a_plan(read_figure_list("三年行动")[0], "三年行动"), names_a_plan(read_figure_list("三年内")[0], "三年内")
    (True, False)
    """
    return figure.unit.measure in TIME_UNITS and text.startswith(PLAN_WORDS, figure.end)


def numbered_slogan(figure: Figure, text: str) -> bool:
    """五个一, 两横一纵: a count followed by another numeral is a slogan.

    >>> numbered_slogan(read_figure_list("五个一")[0], "五个一")
    True
    """
    return figure.chinese and figure.end < len(text) and text[figure.end] in CN_NUMERALS


def names_a_phase(figure: Figure, text: str) -> bool:
    """三期工程: a Chinese numeral with 期 before a noun is the phase's name (3 期培训班 counts).

    >>> names_a_phase(read_figure_list("三期工程")[0], "三期工程"), names_a_phase(read_figure_list("3 期培训班")[0], "3 期培训班")
    (True, False)
    """
    return figure.chinese and figure.unit.measure in PHASE_WORDS and names_a_noun(text, figure.end)


def second_not_two(figure: Figure, text: str) -> bool:
    """二次保护, 二期, 二类: a count says 两 (两次, 两个); 二 before a measure word names the second of
    something — unless a word such as 共 or 达 makes it a count.

    >>> second_not_two(read_figure_list("二次保护")[0], "二次保护"), second_not_two(read_figure_list("十二个")[0], "十二个")
    (True, False)
    """
    return figure.chinese and figure.value == 2 and text[figure.start:figure.end].lstrip().startswith("二") and (
        figure.unit.measure in COUNT_WORDS) and not figure.vouched          # 共二个 is a count


def names_a_noun(text: str, at: int) -> bool:
    rest = text[at:at + 3].lstrip(" ")
    if rest.startswith(NAME_MASK):
        return True                                   # 750 千伏“两横一纵”: a name follows
    rest = rest[1:] if rest[:1] in (OF, "“", '"') else rest
    return bool(rest) and CJK_CHAR.match(rest[0]) is not None and rest[0] not in NOT_NOUN_START


NOT_CLAIMS: tuple[Callable[[Figure, str], bool], ...] = (
    unvouched_bare_number, lone_numeral, year_as_number, bounds_a_group, names_a_class, names_a_plan,
    numbered_slogan, names_a_phase, second_not_two,
)


def inside_a_word(figure: Figure, text: str, segmenter) -> bool:
    """零部件, 一体化, 两岸: a Chinese numeral that is part of a word counts nothing.

    jieba's dictionary knows these words: the numeral starts a word that runs past the
    figure, or a word that is a noun (两岸, 两旁) rather than a number with its measure word.

    >>> [inside_a_word(read_figure_list(text)[0], text, tag_words) for text in ("汽车零部件", "沿江两岸", "三个中心")]
    [True, True, False]
    """
    if not figure.chinese or segmenter is None:
        return False
    window_start = max(0, figure.start - 4)
    at = window_start
    for word, tag in segmenter(text[window_start:figure.end + 4]):
        word_end = at + len(word)
        if at <= figure.start < word_end or figure.start <= at < figure.end:
            if word_end > figure.end or word_end == figure.end and tag in NOUN_TAGS | {"f", "s"} and figure.unit.measure not in UNITS:
                return True
        at = word_end
    return False


def change_of(figure: Figure, text: str, clause_start: int) -> str | None:
    """up or down when the figure is the size of a rise or a fall, None for a level.

    >>> text = "同比下降 12.6%，提高到 85%，改造提升 18 万亩"
    >>> [change_of(f, text, 0) for f in read_figure_list(text)]
    ['down', None, None]
    """
    found = CHANGE.search(text, clause_start, figure.start) or CHANGE_NAMED.search(text, clause_start, figure.start)
    if not found or text.endswith(UPGRADES, clause_start, found.end("word")):
        return None
    return CHANGE_NOUNS.get(found.group("word")) or ("up" if found.group("word") in CHANGE_UP else "down")


def listed_changes(figures: Sequence[Figure], changes: list[str | None], text: str) -> list[str | None]:
    """分别提高 6.2 个百分点和 4.8 个百分点: the figures of a list share the direction of the first.

    >>> text = "较上年分别提高6.2个百分点和4.8个百分点"
    >>> listed_changes(read_figures(text), [change_of(f, text, 0) for f in read_figures(text)], text)
    ['up', 'up']
    """
    shared = list(changes)
    for k in range(1, len(figures)):
        same = figures[k].unit.measure == figures[k - 1].unit.measure
        if shared[k] is None and same and text[figures[k - 1].end:figures[k].start].strip() in LIST_JOINERS:
            shared[k] = shared[k - 1]
    return shared


def mask_non_claims(text: str) -> str:
    """Blank out times, names, ordinals and document numbers so that no claim is read from them.

    Names become line breaks, which end the phrase a subject is read from; times become
    TIME_MASK, which a subject may stand on either side of.

    >>> mask_non_claims("截至2025年6月，建成 3 个").replace(TIME_MASK, "~")
    '截至~~~~~~~，建成 3 个'
    """
    spans = sorted([(*found.span(), TIME_MASK) for pattern in TIME_SPANS for found in pattern.finditer(text)]
                   + [(*found.span(), NAME_MASK) for pattern in NAME_SPANS for found in pattern.finditer(text)])
    pieces, at = [], 0
    for start, end, mask in spans:
        start = max(start, at)
        if end > start:
            pieces += [text[at:start], mask * (end - start)]
            at = end
    return "".join(pieces) + text[at:]


def extract(text: str, section: int | None = None, offset: int = 0, segmenter=None) -> list[Claim]:
    """Every quantitative claim in `text`, in reading order.

    >>> [c.compact() for c in extract("目前，本地部署算力达 2700P，可调用算力资源超 20000P。")]
    ['2700P 本地部署算力', '>20000P 可调用算力资源']
    """
    folded = simplified(text)
    masked = mask_non_claims(folded)
    figures = [figure for figure in read_figures(masked)
               if not any(rule(figure, masked) for rule in NOT_CLAIMS) and not inside_a_word(figure, masked, segmenter)]
    paired = listed_subjects(figures, masked, segmenter)
    changes = listed_changes(figures, [change_of(f, masked, clause_start(masked, f.start)) for f in figures], masked)
    claims: list[Claim] = []
    sentences: dict[tuple[int, int], str] = {}
    taken = ""                       # the subject the previous figure read right after it
    floors: list[int] = []           # where each figure's clause was searched from
    for k, figure in enumerate(figures):
        span = sentence_span(text, figure.start, figure.end)
        sentence = sentences.get(span) or sentences.setdefault(span, text[slice(*span)].strip())
        before = claims[-1] if claims and claims[-1].sentence == sentence else None
        floor = figures[k - 1].end if k and before else span[0]
        here = masked
        if before and before.unit.measure in TIME_UNITS and relative(figure.unit) and not names_a_thing(
                masked[figures[k - 1].end:figure.start], segmenter):
            # 污水处理率由 88.5% 提高到 96.2%，三年累计提高 7.7 个百分点; 资金增幅连续两年保持在 10% 以上:
            # the span of time frames the change, which is read as if the span (and the verb after
            # it) were not there.
            here = masked[:figures[k - 1].start] + " " * (figure.start - figures[k - 1].start) + masked[figure.start:]
            floor = floors[-1]
            before = claims[-2] if len(claims) > 1 and claims[-2].sentence == sentence else None
        floors.append(floor)
        what = paired.get(k) or subject(folded, here, figure, floor, before, taken, segmenter)
        taken = what if after_subject(masked, figure.end, what) != figure.end else ""
        claims.append(Claim(
            value=figure.value, unit=figure.unit, qualifier=figure.qualifier,
            subject=as_written(text, folded, what, figure.start), section=section,
            text=text[figure.start:figure.end].strip(), sentence=sentence, as_of=as_of(folded, figure.start),
            value_max=figure.value_max, change=changes[k],
            start=offset + figure.start,
        ))
    return claims


def names_a_thing(text: str, segmenter) -> bool:
    """Does a stretch of text hold a noun (not just verbs and frame words: 累计下降, 保持在)?"""
    words = list(segmenter(text.strip())) if segmenter and text.strip() else []
    return any(nominal(words, k) for k in range(len(words)))


def after_subject(masked: str, end: int, subject: str) -> int:
    """Where a subject read right after its figure ends (359 栋楼 14000 余户: 楼 is the 栋's,
    not the next figure's); `end` when the subject stood elsewhere."""
    at = masked.find(subject, end, end + SUBJECT_AFTER + len(subject)) if subject else -1
    return at + len(subject) if at != -1 and not masked[end:at].strip(" 的") else end


def clause_start(text: str, at: int) -> int:
    """Where the clause holding text[at] begins: after the last 。，；… before it."""
    window = max(0, at - SUBJECT_BEFORE)
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, window, at)]
    return breaks[-1] if breaks else window


def arabic_value(number: str) -> int | float:
    """'1,200' → 1200, '99.99' → 99.99.

    >>> arabic_value("1,200"), arabic_value("0.37")
    (1200, 0.37)
    """
    number = number.replace(",", "")
    return float(number) if "." in number else int(number)


def chinese_value(numeral: str) -> int | float | None:
    """A Chinese numeral → its value, or None when it is not one (十四五).

    >>> chinese_value("两千七百"), chinese_value("一百二十"), chinese_value("十二"), chinese_value("三点五"), chinese_value("万")
    (2700, 120, 12, 3.5, 10000)
    >>> chinese_value("十四五") is None
    True
    """
    numeral = simplified(numeral)
    if "点" in numeral:
        whole, _, fraction = numeral.partition("点")
        integer = chinese_value(whole) if whole else 0
        if integer is None or not fraction or any(ch not in CN_VALUE for ch in fraction):
            return None
        return float(f"{integer}.{''.join(str(CN_VALUE[ch]) for ch in fraction)}")
    if len(numeral) > 1 and all(ch in CN_VALUE for ch in numeral):
        if len(numeral) < DIGIT_BY_DIGIT:
            return None                                           # 三五个: a vague "three or five"
        return int("".join(str(CN_VALUE[ch]) for ch in numeral))   # 二〇二五
    total = section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in CN_VALUE:
            if digit is not None and digit != 0:
                return None                                       # two digits in a row: 十四五
            digit = CN_VALUE[ch]
        elif ch in CN_SMALL_UNIT:
            section += (1 if digit is None else digit) * CN_SMALL_UNIT[ch]
            digit = None
        elif ch in CN_BIG_UNIT:
            section += digit or (0 if section or total else 1)     # a bare 万 is one 万
            total = (total + section) * CN_BIG_UNIT[ch] if ch == "亿" else total + section * CN_BIG_UNIT[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def format_value(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def value_span(claim: Claim) -> str:
    """5000, or 8–12 for a range."""
    upper = f"–{format_value(claim.value_max)}" if claim.value_max is not None else ""
    return format_value(claim.value) + upper


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends.

    Text without punctuation is cut at fixed block boundaries, so that a claim
    costs a bounded search and claims of one block share one sentence.
    """
    floor = max(0, start - start % MAX_SENTENCE - MAX_SENTENCE)
    ceiling = min(len(text), end - end % MAX_SENTENCE + 2 * MAX_SENTENCE)
    left = max(text.rfind(mark, floor, start) + 1 for mark in SENTENCE_END + "\n")
    rights = [i + 1 for i in (text.find(mark, end, ceiling) for mark in SENTENCE_END + "\n") if i != -1]
    return left or floor, min(rights, default=ceiling)


def sentence_start(text: str, start: int) -> int:
    return sentence_span(text, start, start)[0]


def as_of(text: str, start: int) -> str | None:
    """The 截至 date of the sentence a claim stands in, if it says one."""
    left = sentence_start(text, start)
    found = None
    for found in AS_OF.finditer(text, left, start):
        pass
    return iso_date(found) if found else None


# ── Subjects ─────────────────────────────────────────────────────────────────
# A claim in its sentence → what it counts. Named steps, tried in order; the first
# that finds a noun phrase gives the subject:
#   listed_subjects   风电、光伏装机分别达到 2.1 亿千瓦、9800 万千瓦 → 风电装机, 光伏装机
#   noun_after        建设 90 个换电站, 120 万千瓦光伏发电项目         → 换电站, 光伏发电项目
#   noun_before       累计建成换电站 3.2 万座, 持证上岗率达到 95%        → 换电站, 持证上岗率
#   inherited         改造老旧小区 412 个，其中 2024 年完成 156 个       → 老旧小区
#   named_by_verb     累计投入约 6 亿元                                → 累计投入
#   named_by_measure  共 45 户 168 人                                  → 户, 人

SUBJECT_AFTER = 24      # characters after a figure that may hold the noun it counts
SUBJECT_BEFORE = 40     # characters before a figure that may hold the phrase it completes
MAX_SUBJECT = 22        # characters: a subject is a noun phrase, not a clause
CLAUSE_BREAK = re.compile("[，。；;：:、！？!?（）()\n“”\"《》,]")

# jieba's part-of-speech tags, by what they do in a subject.
OWNER_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng"})   # nouns that can own what 的 follows (洞窟的数字化)
NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "vn", "an", "eng", "j", "l", "i", "g"})
MODIFIER_TAGS = frozenset({"a", "b", "f", "s"})         # may stand inside a noun phrase: 新型, 一次性, 上游, 全域
FRAME_TAGS = frozenset({"d", "p", "c", "t", "u", "ad", "vd", "m", "q", "x", "uj", "ul", "r", "y", "e", "o"})
VERB_TAGS = frozenset({"v", "vd", "vg"})
LOCALITY_TAG = "f"      # 方位词: 上, 内, 以下 — one character alone before a noun frames it (上 + 年度)
OF = "的"               # joins what qualifies a noun to it: 评定为示范片区的 + 单位, 洞窟的 + 数字化
# Words that join two nouns into one thing counted: 老年人和残疾人.
COORDINATORS = frozenset({"和", "及", "与", "、"})
# Characters that end nouns of officialese which jieba tags as verbs: 管理率, 对接会, 服务站.
NOUN_SUFFIXES = frozenset("会网数率量额点区园站馆所室台库群端器机费金款人员")
# Words that frame a clause and are never part of what is counted.
LEAD_WORDS = re.compile(
    "^(?:其中|目前|现有|当前|同时|另外|此外|共有|共|并|已|已经|还|均|全年|今年|去年|上年|当年|较上年|力争|争取|预计|计划|"
    "累计|仅|总共|每年|每月|每天|每日|每周|全市|全省|全区|全县|全国|全镇|全乡|我市|我省|我区|我县|本市|本省|本区|本县|"
    "近年来|近年|近期|年底|年初|年内|年末|上半年|下半年|同期|未来|期间|以来|平均|年均)$")
# Verbs that report what was done to the counted things (建成换电站 3.2 万座): the subject is their object.
REPORTING_VERBS = frozenset("""
建成 建设 新建 改建 扩建 改造 完成 实现 投入 投资 安排 下达 争取 落实 发放 拨付 筹措 筹集 培训 新增 提供 开展 举办 组织
引进 培育 打造 形成 拥有 有 共有 现有 带动 惠及 覆盖 吸引 吸纳 兑现 落户 入驻 落地 招收 支持 奖励 上线 发布 部署
建立 设立 成立 认定 创建 获批 获得 遴选 评选 实施 启动 开工 投运 投产 并网 签约 开通 铺设 敷设 安装 配备 配置 购置 采购
招聘 培养 接待 安置 帮扶 救助 资助 减免 整合 申报 储备 谋划 治理 修复 整治 清理 排查 检查 处理 办理 受理 审批
办结 聘请 聘用 派出 选派 组建 搭建 编制 印发 出台 制定 修订 解决 促成 推动 推进 吸收 消纳 生产 销售 认证 登记 注册
接入 整理 归档 新打 打 建 修建 修缮 维修 更换 购买 补种 种植 栽植 培训 表彰
""".split())
# Verbs that already hold their object and so describe the noun after them: 持证从业人员, 参保人数.
VO_COMPOUNDS = frozenset("""
持证 参保 就业 上岗 参训 入园 入学 就医 就诊 用电 用水 供水 供电 供暖 供气 供热 发电 充电 换电 排污 办证 办事 创业
务工 就读 住院 在岗 在校 在册 持股 从业 返乡 入驻 受益 脱贫 致富 增收 节能 减排 储能 调峰 加压 改厕 供热 治污 排水 签约
""".split())
# An adjective that reads as an adverb before a verb: 新打机井 (newly drilled), 新建学校.
ADVERBIAL = frozenset({"新", "再", "另"})
OFFICIAL_TERMS = (
    "占比", "覆盖率", "上岗率", "持证率", "满意度", "完成率", "办结率", "知晓率", "达标率", "合格率",
    "对接会", "推介会", "发布会", "座谈会", "服务站", "服务点", "示范点", "托位", "床位", "人次",
    "补助", "补贴", "奖补",
)
# Verbs whose object is the figure itself: 对从业人员给予 500 元, 导致 3 人受伤 — the noun before is no subject.
OBJECT_VERBS = frozenset("给予 予以 导致 造成 获得 带来 达到 实现 占 超过 惠及 带动 吸引 覆盖 拉动 争取 获批 下达 减少 增加".split())
ASPECT_MARKS = frozenset("了着过")
# The last word of an agent or a place before the main verb: 区财政安排…, 桥下空间新建…, 智慧停车平台接入….
# Offices and bodies, and places named as such (a bare 区 is as often the thing counted: 老旧小区改造…).
AGENTS = ("空间", "区域", "片区", "地区", "局", "委", "厅", "办", "部门", "政府", "财政", "企业", "单位", "公司", "平台",
          "医院", "学校", "中心", "机构", "级")
# A share names what it is a share of: 占全省敬老院总数的近三分之一.
SHARE_OF = "占"
# 可 + verb makes an adjective inside a noun phrase: 可调用算力资源 (not 可 | 调用算力资源).
ATTRIBUTIVE_PREFIXES = frozenset({"可", "可供"})
# Prepositions that put the counted thing before its verb: 将审批流程分为 9 类.
OBJECT_FRONTING = frozenset({"将", "把"})
# 按 150 元/千瓦时给予一次性建设补助: after a standard, the verb that grants it comes before the noun.
STANDARD_OF = ("按照", "按", "依照")
GRANTED = re.compile("^的?(?:标准|比例|额度)")
# What follows a figure that is a standard: 的标准 / 的比例, or the verb that grants or applies it.
STANDARD_AFTER = re.compile("的?(?:标准|比例|额度)|给予|予以|安排|发放|补助|补贴|奖励|落实|设置|执行|核定|计算|拨付")
# 按照 (or 按, 依照) before a figure in its sentence, with no 标准 between: the figure is a standard.
STANDARD = re.compile(rf"(?:{alternation(STANDARD_OF)})(?![时期月年季])(?:(?!标准)[^。；;])*$")   # not 按时, 按月
PREPOSITIONS = ("关于", "对于", "对", "在", "为", "向", "与", "按", "按照", "根据", "围绕")
# What may follow the verb a length of time bounds: 处理完毕, 办理结束.
COMPLEMENTS = frozenset({"完毕", "完成", "结束", "到位", "办结"})
# Verbs that name money: 累计投入约 6 亿元 is an investment.
MONEY_VERBS = frozenset("投入 投资 支出 融资 补助 补贴 奖励 节约 兑现 让利 减免 发放 拨付 筹措 筹集 奖补 资助 赔付 支付 返还".split())
# Nouns that name a measure of something: what stands before them is part of the term (参保人数, 持证上岗率).
# Words jieba tags wrongly for a subject: 本地 is a place (本地部署算力), not a pronoun.
TAG_CORRECTIONS = {"本地": "s", "外地": "s", "当地": "s", "投用": "v", "整理": "v", "会同": "p", "力争": "d", "印发": "v", "投运": "v",
                   "预算": "n"}
# Verbs of officialese that jieba does not know as verbs; taught to it.
OFFICIAL_VERBS = ("惠及", "覆盖", "带动", "吸引", "新建", "建成", "培育", "引进", "兑现", "落户", "入驻", "落地", "招收")
MEASURE_NOUNS = re.compile("(?:人数|户数|次数|个数|数|率|量|额|度|比|比例|比重|占比|规模|容量|面积|能力|总量|金额|时长|时限|用时|"
                           "时间|期限|周期|水平|指数|价格|电价|收入|产值|标准)$")


def listed_subjects(figures: Sequence[Figure], masked: str, segmenter) -> dict[int, str]:
    """分别 lists: 风电、光伏装机分别达到 2.1 亿千瓦、9800 万千瓦 pairs each figure with its own thing.

    The head the things share (装机) is written once, on the last of them.

    >>> text = "风电、光伏装机分别达到2.1亿千瓦、9800万千瓦。"
    >>> listed_subjects(read_figures(text), text, tag_words)
    {0: '风电装机', 1: '光伏装机'}
    """
    paired: dict[int, str] = {}
    for found in re.finditer("分别", masked):
        things = CLAUSE_BREAK.split(masked[max(0, found.start() - SUBJECT_BEFORE):found.start()].replace("、", "\x02"))[-1]
        things = [thing.strip() for thing in re.split("\x02|和|及|与", things) if thing.strip()]
        run = listed_run(figures, masked, found.end())
        if len(things) < 2 and len(run) > 1:              # 照料护理补贴…分为三档，分别为 110 元、380 元和 1100 元
            topic = sentence_topic(masked, found.start(), segmenter)
            paired.update(dict.fromkeys(run, topic) if topic else {})
        if len(things) < 2 or len(things) != len(run):
            continue
        things[0] = trim_subject(things[0], segmenter) or things[0]
        head = shared_head(things, segmenter)
        for k, thing in zip(run, things):
            paired[k] = thing if thing.endswith(head) else thing + head
    return paired


def sentence_topic(masked: str, at: int, segmenter) -> str:
    """The noun phrase the clause before a list opens with: 照料护理补贴按照失能程度分为三档，分别为… → 照料护理补贴.

    >>> sentence_topic("照料护理补贴按照失能程度分为三档，分别为", 17, tag_words)
    '照料护理补贴'
    """
    clauses = [clause.strip() for clause in CLAUSE_BREAK.split(masked[sentence_start(masked, at):at]) if clause.strip()]
    if not segmenter or not clauses:
        return ""
    return noun_run(clauses[-1], segmenter, counted=False)


def listed_run(figures: Sequence[Figure], masked: str, after: int) -> list[int]:
    """The figures of a list that starts after `after`: joined by 、 and the like, in one clause."""
    run: list[int] = []
    for k, figure in enumerate(figures):
        if figure.start < after:
            continue
        gap = masked[run and figures[run[-1]].end or after:figure.start]
        if run and gap.strip() not in LIST_JOINERS or not run and CLAUSE_BREAK.search(gap):
            break
        run.append(k)
    return run


def shared_head(things: Sequence[str], segmenter) -> str:
    """The head noun a list writes once, on its last item.

    >>> shared_head(["水电", "风电", "核电装机容量"], tag_words)
    '装机容量'
    """
    last = things[-1]
    if segmenter is None or len(last) <= max(len(thing) for thing in things[:-1]):
        return ""
    words = [word for word, _ in segmenter(last)]
    return "".join(words[1:]) if len(words) > 1 else ""


def subject(folded: str, masked: str, figure: Figure, floor: int, before: Claim | None, taken: str, segmenter) -> str:
    """What a figure counts: the first of the steps above that finds it.

    A measure noun right before the figure comes first (配电自动化覆盖率 100% 的建设目标); a noun
    the figure before took as its own (359 栋楼 14000 余户) is not taken again by a count word
    that names its own thing (户). A length of time bounds an action: 48 小时内响应.
    """
    if masked[floor:figure.start].strip() in ("）", ")"):      # 农村小规模学校（不足 100 人）142 所
        floor = clause_start(masked, max(masked.rfind("（", 0, floor), masked.rfind("(", 0, floor), 0))
    clause = masked[max(floor, figure.start - SUBJECT_BEFORE):figure.start]
    before_noun = noun_before(clause, segmenter, relative=relative(figure.unit)) or quoted_before(folded, clause, figure)
    if before_noun and before_noun == taken and figure.unit.measure in NAMING_COUNT_WORDS:
        before_noun = ""
    adjacent = bool(before_noun) and strip_links(clause).endswith(before_noun)
    if (figure.unit.measure not in TIME_UNITS and STANDARD.search(masked, sentence_start(masked, figure.start), figure.start)
            and STANDARD_AFTER.match(following_text(masked, figure.end))):
        granted = noun_after(folded, masked, figure, segmenter)          # 按工资总额 1.5% 的比例安排培训经费
        if granted:
            return granted
    if adjacent and MEASURE_NOUNS.search(before_noun):
        return before_noun
    if before_noun and figure.unit.measure in NAMING_COUNT_WORDS and strip_links(clause).endswith("等"):
        return figure.unit.measure            # 国家发展改革委、国家能源局等 8 部委: examples, then the count
    if figure.unit.measure in TIME_UNITS:     # 审批时限 30 天; 心电图报告 3-4 分钟即可回传; 48 小时内响应
        return (adjacent and before_noun or action_after(masked, figure, segmenter) or before_noun
                or inherited(masked, figure, floor, before, segmenter))
    return (noun_after(folded, masked, figure, segmenter)
            or before_noun
            or inherited(masked, figure, floor, before, segmenter)
            or named_by_verb(clause, figure, segmenter)
            or named_by_measure(figure))


def quoted_before(folded: str, clause: str, figure: Figure) -> str:
    """A quoted name right before a figure is what it counts: 评选“金牌网格员”25 名 → 金牌网格员
    (the name is masked as no claim; it is read as written).

    >>> text = "评选“金牌网格员”25名。"
    >>> quoted_before(text, mask_non_claims(text)[:7], read_figures(mask_non_claims(text))[0])
    '金牌网格员'
    """
    quoted = re.search(r"[“\"]([^“”\"]{1,20})[”\"]\s*$", folded[max(0, figure.start - len(clause)):figure.start])
    return quoted.group(1) if quoted else ""


def relative(unit: Unit) -> bool:
    """A share, a multiple, a change in points or a fraction: a figure relative to another."""
    return unit.measure in RELATIVE_UNITS or not unit.measure and bool(unit.per)


def noun_after(folded: str, masked: str, figure: Figure, segmenter) -> str:
    """The noun phrase right after a figure: 建设 90 个换电站 → 换电站; 500 立方米的蓄水池 → 蓄水池;
    7 个 2000 年以前建成的老旧小区 → 老旧小区; 按 150 元/千瓦时给予一次性建设补助 → 一次性建设补助.

    After a count, 的 makes the figure an owner, not a count of what follows (236 户的饮水问题).

    >>> noun_after("建设 90 个换电站。", "建设 90 个换电站。", read_figures("建设 90 个换电站。")[0], tag_words)
    '换电站'
    """
    counted = figure.unit.measure in COUNT_WORDS
    rest = following_text(masked, figure.end)
    standard = STANDARD.search(masked, sentence_start(masked, figure.start), figure.start)
    if standard:                  # 按 150 元/千瓦时给予一次性建设补助, 按每公里不少于 3 处的标准设置错车道
        rest = GRANTED.sub("", rest)
        if rest.startswith(OF) and not counted:       # …给予每平方米 8 元至 12 元的运营补贴: no verb follows 的
            rest, standard = rest[1:], None
    elif rest.startswith(OF):
        if counted:
            return ""
        rest = rest[1:]
    at = figure.end + len(masked[figure.end:figure.end + SUBJECT_AFTER]) - len(rest)
    quoted = re.match(r"[“\"]([^”\"]{1,20})[”\"]", folded[at:at + SUBJECT_AFTER])
    if quoted:                                     # 70 名“数智员工”: a quoted name is masked, read it as written
        return quoted.group(1)
    clause = CLAUSE_BREAK.split(rest, 1)[0]
    if standard and segmenter:                 # the verb that grants or applies the standard goes
        words = segmenter(clause)
        if len(words) > 1 and words[0][1] in VERB_TAGS | {"vn"}:
            clause = clause[len(words[0][0]):]
    following = next((f for f in read_figure_list(clause) if not f.lone and str(f.unit)), None)
    clause = strip_links(clause[:following.start] if following else clause)
    found = noun_run(clause.split(TIME_MASK, 1)[0][:MAX_SUBJECT + 6], segmenter, counted, figure.unit.measure)
    relative, _, noun = clause.partition(OF)
    owner = found and segmenter and relative.replace(TIME_MASK, "") == found and all(
        tag in OWNER_TAGS for _, tag in segmenter(found))          # 300 余座洞窟的数字化: the caves'
    if (not found or relative.replace(TIME_MASK, "") == found and not owner) and counted and noun and not relative.startswith(PREPOSITIONS):
        found = noun_run(noun.split(TIME_MASK, 1)[0][:MAX_SUBJECT + 6], segmenter, counted)   # 7 个…建成的老旧小区
    return found


def following_text(masked: str, end: int) -> str:
    """What follows a figure, past the figures that count the same thing (27 类 1003 个场景清单)."""
    rest, skipped = masked[end:end + SUBJECT_AFTER], 0
    while True:
        nested = FIGURE.match(rest, skipped + len(rest[skipped:]) - len(rest[skipped:].lstrip(" ")))
        if not nested or not nested.group("unit") or nested.group("number") in LONE_NUMERALS:
            break                                               # 一次性补助: 一次 starts a word
        bound = AFTER.match(rest, nested.end())                 # 8.6 万名 60 周岁以上老年人
        skipped = bound.end() if bound else nested.end()
    return rest[skipped:].lstrip(" ")


def action_after(masked: str, figure: Figure, segmenter) -> str:
    """What a length of time bounds: 48 小时内响应 → 响应; 两个月内完成岗前培训 → 岗前培训;
    用 3—5 年时间 → 时间.

    >>> [action_after(text, read_figures(text)[0], tag_words) for text in ("须在 48 小时内响应。", "两个月内完成岗前培训。")]
    ['响应', '岗前培训']
    """
    clause = CLAUSE_BREAK.split(following_text(masked, figure.end), 1)[0].split(TIME_MASK, 1)[0]
    words = list(segmenter(clause)) if segmenter and clause else []
    if words and MEASURE_NOUNS.fullmatch(words[0][0]):
        return words[0][0]
    if words and (nominal(words, 0) or words[0][1] in MODIFIER_TAGS):    # <1 毫秒市内延迟
        return noun_run(clause, segmenter, counted=False)
    while words and words[0][1] in FRAME_TAGS:
        words = words[1:]
    if len(words) > 1 and words[0][0] in REPORTING_VERBS:
        found = noun_run("".join(word for word, _ in words[1:]), segmenter, counted=True)
        if found:
            return found
    verbs: list[str] = []
    for word, tag in words:
        if tag not in VERB_TAGS | {"vn", "i", "l"} and not (verbs and word in COMPLEMENTS):
            break
        verbs.append(word)
    return "".join(verbs)[:MAX_SUBJECT]


def noun_run(clause: str, segmenter, counted: bool, lead: str = "") -> str:
    """The nouns at the start of a clause: 人工智能企业落户… → 人工智能企业.

    After a count word the counted noun may open with a verb (3 个发电项目); after a unit a verb
    starts the predicate (1.2 亿元用于改造) and there is no noun. An ordinal before the noun
    (首批, 一批) is passed over. `lead`, the measure word before the clause, is given to the
    segmenter too, so that it cuts the clause as it stands in the sentence (个地市县城区, not 地/市县).

    >>> noun_run("人工智能企业落户福田", tag_words, counted=True), noun_run("用于改造管网", tag_words, counted=False)
    ('人工智能企业', '')
    """
    words = context_words(clause, segmenter, lead) if segmenter else [(clause, "n")]
    run, last, nouns = "", "", False
    for k, (word, tag) in enumerate(words):
        if not word.strip():
            if run and not nominal_follows(words, k):   # AI 产品: a space inside a name
                break
            run += word if run else ""
            continue
        if not run and tag == "m":
            continue
        opens = not run and (tag in NOUN_TAGS - {"vn"} or tag in MODIFIER_TAGS - {"f"}
                             or tag in {"d", "r", "vn"} | VERB_TAGS and nominal_follows(words, k)
                             and (counted or tag != "v")
                             and not (word in REPORTING_VERBS and tag == "v" and not head_noun_follows(words, k)))
        final = not "".join(w for w, _ in words[k + 1:]).strip()
        named = bool(run) and tag in VERB_TAGS and final and last in {"vn", "s", "f"}   # 建设补助, 市内延迟
        joined = bool(run) and word in COORDINATORS and nominal_follows(words, k)        # 老年人和残疾人
        inside = run and (nominal(words, k) or tag in MODIFIER_TAGS or named or joined)
        if not (opens or inside) or len(run) + len(word) > MAX_SUBJECT:
            break
        run, last, nouns = run + word, tag, nouns or nominal(words, k) or named
    return run.strip() if nouns else ""


def head_noun_follows(words: Sequence[tuple[str, str]], k: int) -> bool:
    """After a count word, a verb of report and a plain noun are one noun when a predicate follows
    them (二十六个改造工程引入市场主体), not a verb and its object (156 个完成改造).

    >>> head_noun_follows(tag_words("改造工程引入市场主体"), 0), head_noun_follows(tag_words("完成改造"), 0)
    (True, False)
    """
    return k + 2 < len(words) and words[k + 1][1] == "n" and words[k + 2][1] in VERB_TAGS


def context_words(clause: str, segmenter, lead: str) -> list[tuple[str, str]]:
    words = list(segmenter(lead + clause)) if lead else []
    at = 0
    for k, (word, _) in enumerate(words):
        at += len(word)
        if at == len(lead):
            return words[k + 1:]
        if at > len(lead):
            break
    return list(segmenter(clause))


def nominal(words: Sequence[tuple[str, str]], k: int) -> bool:
    # jieba tags many nouns of officialese as verbs: 对接会 = 对接(v) 会(v), 管理率 = 管理(vn) 率(v).
    word, tag = words[k]
    if tag in NOUN_TAGS or (len(word) == 1 and word in NOUN_SUFFIXES):
        return True
    if tag in VERB_TAGS and len(word) > 2 and word[-1] in NOUN_SUFFIXES:      # 滞纳金, 服务站: one word
        return True
    following = words[k + 1][0] if k + 1 < len(words) else ""
    return tag in VERB_TAGS and len(following) == 1 and following in NOUN_SUFFIXES


def nominal_follows(words: Sequence[tuple[str, str]], k: int) -> bool:
    return k + 1 < len(words) and nominal(words, k + 1)


def noun_before(clause: str, segmenter, relative: bool = False) -> str:
    """The noun phrase a figure completes: 本地部署算力达 → 本地部署算力; 累计建成换电站 → 换电站.

    >>> noun_before("目前，全区共有托育机构", tag_words), noun_before("持证上岗率由去年的", tag_words)
    ('托育机构', '持证上岗率')
    """
    return trim_subject(last_clause(clause), segmenter, relative)


def last_clause(text: str) -> str:
    """The clause that ends where a figure starts, less the words that link it to the figure;
    a time inside it (2020 年末) is passed over: what comes after it, else what comes before;
    a gloss in brackets right before the figure (服务设施（敬老院）43 所) too."""
    text = GLOSS.sub("", text)
    glossed = INNER_GLOSS.sub(lambda found: GLOSS_MASK * len(found.group()), text)   # 执业（助理）医师数
    clause = text[len(glossed) - len(CLAUSE_BREAK.split(glossed)[-1]):]
    clause = strip_links(clause.rstrip(TIME_MASK + " "))
    return strip_links(clause.split(TIME_MASK)[-1]) or clause.replace(TIME_MASK, "")


GLOSS = re.compile(r"[（(][^（）()，。；,;]{1,12}[）)]\s*$")
INNER_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[（(][^（）()，。；,;]{1,6}[）)](?=[\u4e00-\u9fff])")
GLOSS_MASK = "\x02"
TRAILING_LINKS = re.compile(
    rf"(?:{alternation(LINK_WORDS + tuple(QUALIFIER_BEFORE) + tuple(PERCENT_WORDS) + ('分别', '的'))}|{RATE_BEFORE}|{SET_TO}"
    rf"|{CHANGED_FROM}|{CHANGED}|{alternation(COMPARED_WITH + STANDARD_OF)})\s*$")


def strip_links(clause: str) -> str:
    """管理率达 → 管理率: the words that tie a subject to its number are not part of it.

    >>> strip_links("持证上岗率由去年的"), strip_links("能耗同比下降"), strip_links("失业率控制在")
    ('持证上岗率', '能耗', '失业率')
    """
    clause = clause.rstrip()
    while TRAILING_LINKS.search(clause):
        clause = TRAILING_LINKS.sub("", clause, count=1).rstrip()
    return clause


def trim_subject(clause: str, segmenter, relative: bool = False) -> str:
    """The subject inside the clause before a figure, in three cuts.

    1. Trailing particles and adverbs go (托育机构按照 → 托育机构). A clause that ends in a
       verb has a subject only when a noun stands before the verb and the verb does not take the
       figure as its object: 管网改造 300 万元 yes; 对从业人员给予 500 元, 累计投入 6 亿元 no;
       将审批流程分为 9 类 → 审批流程.
    2. What a preposition governs is kept (按照实际投资额), then the object of the main verb
       (全市建成充电桩, 安排专项资金, 已建设污水处理设施, 区财政安排…资金) — unless only a measure noun
       would remain (参保人数, 持证上岗率: the verb is part of the term). A clause that opens with
       a noun keeps the verbs inside it: 家庭医生签约服务团队, 本地部署算力.
    3. Leading frame words go: adverbs, time and place words (目前, 全市, 累计).

    >>> trim_subject("全市建成充电桩", tag_words), trim_subject("新就业形态劳动者", tag_words)
    ('充电桩', '新就业形态劳动者')
    """
    if not clause.strip():
        return ""
    words = list(segmenter(clause.strip())) if segmenter else [(clause.strip(), "n")]
    aspect = False                                           # 方案安排了未来: a verb in the predicate
    while words and (words[-1][1] in FRAME_TAGS - {"q", "m"} or not words[-1][0].strip()
                     or words[-1][1] in {"q", "m"} and (len(words) < 2 or words[-2][1] in FRAME_TAGS)):
        aspect = aspect or words[-1][0] in ASPECT_MARKS
        words = words[:-1]
    if len(words) > 1 and words[-1][1] in {"q", "m"}:   # no number before it: 桩 ends a noun, 充电桩
        words = words[:-2] + [(words[-2][0] + words[-1][0], "n")]
    if relative and len(words) > 1 and words[-1][0] == SHARE_OF:
        words = words[:-1]                                   # 免费开放的学校占六成: the share is the schools'
    if words and words[-1][1] in VERB_TAGS and not nominal(words, len(words) - 1):
        fronted = fronted_object(words, relative)
        if fronted is not None:
            return fronted
        words = [] if aspect else verb_final(words)
    if not (relative and any(word == SHARE_OF for word, _ in words)):      # 诊疗量占全区总诊疗量的比重 stays whole
        words = object_of_main_verb(after_preposition(words))
    while len(words) > 1 and (LEAD_WORDS.match(words[0][0]) or words[0][1] in FRAME_TAGS - {"m", "q", "t"}
                              or words[0][1] == LOCALITY_TAG and len(words[0][0]) == 1
                              or sum(len(w) for w, _ in words) > MAX_SUBJECT):
        words = words[1:]
    if not any(nominal(words, k) for k in range(len(words))) or LEAD_WORDS.match("".join(w for w, _ in words)):
        return ""
    return "".join(word for word, _ in words).strip()


def after_preposition(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """首店品牌按照实际投资额 → 实际投资额: a figure relates to what its preposition governs (2 至 3 岁 is a range).

    >>> "".join(word for word, _ in after_preposition(tag_words("首店品牌按照实际投资额")))
    '实际投资额'
    """
    for k in range(len(words) - 2, -1, -1):
        ranged = k > 0 and words[k - 1][1] == "m"
        if words[k][1] == "p" and not ranged and any(nominal(words, j) for j in range(k + 1, len(words))):
            return words[k + 1:]
    return words


def object_of_main_verb(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The object of the clause's main verb: the first verb after the frame words and an agent
    (全市 | 建成 | 充电桩, 区财政 | 安排 | 教育基础设施建设资金, 桥下空间 | 新建 | 临时停车场), again for
    serial verbs (完成 | 改造 | 容量 stops at 改造容量: a measure noun alone would remain). A clause that
    opens with a noun has no main verb before its figure: 家庭医生签约服务团队, 群众重复检查费用.

    >>> ["".join(word for word, _ in object_of_main_verb(tag_words(clause)))
    ...  for clause in ("区财政安排教育基础设施建设资金", "累计完成改造容量", "家庭医生签约服务团队")]
    ['教育基础设施建设资金', '改造容量', '家庭医生签约服务团队']
    """
    relative = [k for k in range(len(words) - 1) if words[k][0] == OF and words[k + 1][1] in VERB_TAGS]
    if relative:                                    # 评定为示范片区的给予一次性奖励: who is meant, then the verb
        words = words[relative[-1] + 1:]
        if not any(nominal(words, j) for j in range(len(words))):
            return [(word, "vn") for word, _ in words]     # 涉及噪声的投诉举报: 的 makes the verbs a noun
    serial = False
    while True:
        k = skip_frame(words, 0)
        if k < len(words) - 1 and not main_verb(words, k):     # 区财政安排…, 智慧停车平台接入…
            k = next((skip_frame(words, j) for j in range(k + 1, len(words) - 1)
                      if agent_word(words[j - 1]) and main_verb(words, skip_frame(words, j), after_agent=True)),
                     len(words))
        if k >= len(words) - 1 or not main_verb(words, k) or serial and words[k][0] not in REPORTING_VERBS:
            return words
        rest = words[k + 1:]
        joined = "".join(word for word, _ in rest)
        if (len(rest) == 1 and MEASURE_NOUNS.search(joined) or MEASURE_NOUNS.fullmatch(joined) or len(joined) < 2
                or not any(nominal(rest, j) for j in range(len(rest)))):
            return words                            # 参保人数, 审批用时: the verb is part of the term
        words, serial = rest, True                  # 建成投运光伏电站: a second verb of report goes too


def agent_word(word: tuple[str, str]) -> bool:
    """An office, a body or a place that does what the verb after it says: 区财政, 县乡两级医疗机构, 桥下空间, 区内."""
    return word[1] in {"ns", "nt", "s"} or word[1] in NOUN_TAGS and word[0].endswith(AGENTS)


def skip_frame(words: list[tuple[str, str]], k: int) -> int:
    while k < len(words) - 1 and frame_word(words, k):
        k += 1
    return k


def frame_word(words: list[tuple[str, str]], k: int) -> bool:
    word, tag = words[k]
    return bool(LEAD_WORDS.match(word)) or tag in FRAME_TAGS - {"m", "q"} or word in ADVERBIAL


def main_verb(words: list[tuple[str, str]], k: int, after_agent: bool = False) -> bool:
    """A verb that governs the rest of the clause — not one that is part of a noun (持证, 可调用)."""
    word, tag = words[k]
    if word in VO_COMPOUNDS or word in ATTRIBUTIVE_PREFIXES or k and words[k - 1][0] in ATTRIBUTIVE_PREFIXES:
        return False
    after_frame = k > 0 and frame_word(words, k - 1)
    # A verb of report jieba tags as a noun opens a clause as a verb (整治坑塘), but after a place it is
    # a noun (本地部署算力); tagged vn it opens a noun (建设资金) unless a frame word or an agent puts it
    # in the predicate (已建设, 在…区域建设换电柜).
    if tag in VERB_TAGS:
        return True
    if word not in REPORTING_VERBS:
        return False
    return after_frame or after_agent if tag == "vn" else not after_agent


def fronted_object(words: list[tuple[str, str]], relative: bool) -> str | None:
    """将审批流程分为 9 类: what 将 or 把 puts before the verb is what the figure counts; so is
    what 对 does for a share (区财政对改造费用承担 50%). None when nothing is put before the verb.

    >>> fronted_object(tag_words("将审批流程分为"), relative=False), fronted_object(tag_words("累计投入"), relative=False)
    ('审批流程', None)
    """
    fronting = OBJECT_FRONTING | ({"对"} if relative else set())
    governed = [k for k, (word, _) in enumerate(words[:-1]) if word in fronting]
    if not governed:
        return None
    fronted = words[governed[-1] + 1:-1]
    while fronted and fronted[-1][1] in FRAME_TAGS | {"b"}:
        fronted = fronted[:-1]
    return "".join(word for word, _ in fronted)


def verb_final(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A clause that ends in a verb, before a figure: the words that name what the figure counts, if any.

    >>> ["".join(word for word, _ in verb_final(tag_words(clause))) for clause in ("建城区管网改造", "事故导致")]
    ['建城区管网改造', '']
    """
    verb = words[-1][0]
    nouns_before = any(nominal(words, k) and not LEAD_WORDS.match(word) for k, (word, _) in enumerate(words[:-1]))
    preposition = any(tag == "p" for _, tag in words[:-1])
    if nouns_before and not preposition and verb not in OBJECT_VERBS:
        return words                               # 管网改造, 规划产能: a noun and its verb name a thing
    return []


def inherited(masked: str, figure: Figure, floor: int, before: Claim | None, segmenter) -> str:
    """A figure with no noun of its own counts what the figure before it in the sentence counted:
    listed right after it (1.9 万户、5.6 万人), in the same unit (其中 2024 年完成 156 个), or as
    its change or share (资金 9.6 亿元，同比增长 15%) — unless its own clause names something else.

    >>> [c.subject for c in extract("改造老旧小区 412 个，其中 2024 年完成 156 个。", segmenter=tag_words)]
    ['老旧小区', '老旧小区']
    """
    if before is None or not before.subject:
        return ""
    between = masked[floor:figure.start]
    listed = between.strip() in LIST_JOINERS
    same = figure.unit.measure == before.unit.measure or figure.unit.measure in RELATIVE_UNITS or (
        not figure.unit.measure and figure.unit.per) or CHANGE.search(between) is not None   # 较 2020 年提升 0.24 个等级
    words = segmenter(last_clause(between)) if segmenter and last_clause(between) else []
    named = any(nominal(words, k) and not LEAD_WORDS.match(word) for k, (word, _) in enumerate(words))
    return before.subject if listed or same and not named else ""


def named_by_verb(clause: str, figure: Figure, segmenter) -> str:
    """Money a verb names: 累计投入约 6 亿元 is an investment, 累计投入.

    >>> named_by_verb("累计投入约", read_figures("累计投入约6亿元")[0], tag_words)
    '累计投入'
    """
    if figure.unit.measure not in CURRENCIES:
        return ""
    clause = last_clause(clause)
    words = segmenter(clause) if segmenter and clause else []
    verbs = [k for k, (word, _) in enumerate(words) if word in MONEY_VERBS]
    return "".join(word for word, _ in words[verbs[-1] - (1 if verbs[-1] and words[verbs[-1] - 1][0] == "累计" else 0):]) if verbs else ""


def named_by_measure(figure: Figure) -> str:
    """共 45 户 168 人: with nothing else to go by, a measure word that names what it counts is the subject.

    >>> [named_by_measure(figure) for figure in read_figures("共 45 户 168 人，3 个")]
    ['户', '人', '']
    """
    return figure.unit.measure if figure.unit.measure in NAMING_COUNT_WORDS else ""


def as_written(text: str, folded: str, phrase: str, near: int) -> str:
    # The subject was found in the folded copy; give it back in the letter's own characters.
    if not phrase:
        return ""
    window = max(0, near - 80)
    candidates = [window + m.start() for m in re.finditer(re.escape(phrase), folded[window:near + 120])]
    if not candidates:
        return phrase                      # a subject put together from a list (风电 + 装机)
    at = min(candidates, key=lambda i: abs(i - near))
    return text[at:at + len(phrase)]


# ── Language support (jieba) ─────────────────────────────────────────────────

def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "digest-py")


def usable_cache() -> str | None:
    """The cache directory, when jieba can keep its dictionary there: a folder it may write in, where
    jieba.cache is a file or nothing (else jieba fails to save it, logs a traceback, and leaves
    its 9 MB temporary file behind, every run)."""
    folder = cache_dir()
    cache = os.path.join(folder, "jieba.cache")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    writable = os.access(folder, os.W_OK)
    return folder if writable and (os.path.isfile(cache) or not os.path.lexists(cache)) else None


@functools.lru_cache(maxsize=None)
def tagger():
    """A part-of-speech tagger of our own (jieba.posseg over a jieba.Tokenizer of our own), with the
    official terms and verbs added: jieba's global tokenizer is left as a program that imports digest
    had it. Its dictionary cache is kept in the user's cache directory; jieba's log lines are for its
    developers, not our users, and are held back while it loads."""
    import logging
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    tokenizer = jieba.Tokenizer()
    logger, level = jieba.default_logger, jieba.default_logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        folder = usable_cache()
        if folder:
            tokenizer.tmp_dir = folder
            tokenizer.initialize()
        else:   # the dictionary built in a folder of our own, then gone: nothing left behind, nothing said
            import tempfile
            with tempfile.TemporaryDirectory(prefix="digest-") as scratch:
                tokenizer.tmp_dir = scratch
                tokenizer.initialize()
    finally:
        logger.setLevel(level)
    for term in OFFICIAL_TERMS:
        tokenizer.add_word(term, tag="n")
    for verb in OFFICIAL_VERBS:
        tokenizer.add_word(verb, tag="v")
    # jieba.posseg built its word-tag table on import: ours starts as a copy of it, not a second read
    # of the dictionary.
    posseg = object.__new__(jieba.posseg.POSTokenizer)      # its __init__ would read the dictionary again
    posseg.tokenizer, posseg.word_tag_tab = tokenizer, dict(jieba.posseg.dt.word_tag_tab)
    settle()
    return posseg


def tag_words(clause: str) -> tuple[tuple[str, str], ...]:
    """Part-of-speech tags of a short clause (jieba.posseg), with the tags it is known to get wrong put right."""
    return tuple((pair.word, TAG_CORRECTIONS.get(pair.word, pair.flag)) for pair in tagger().cut(clause))


LETTER_TAG_CACHE = 4096     # clauses whose tags one letter keeps


@functools.lru_cache(maxsize=None)
def keyword_extractor():
    """jieba's own TF-IDF extractor (its IDF table loads once, on import), on our tagger; our stop
    words are applied after."""
    import copy
    posseg = tagger()
    import jieba.analyse
    extractor = copy.copy(jieba.analyse.default_tfidf)
    extractor.tokenizer, extractor.postokenizer = posseg.tokenizer, posseg
    settle()
    return extractor


# Set by the command line for its run (tuned_process) and in its reader processes; importing
# digest as a module, or calling digest(), leaves the garbage collector alone.
PROCESS_TUNED = False


def settle() -> None:
    """Set what was just loaded aside from the garbage collector, in a tuned process.

    jieba's tables live as long as the process; left in the collector's care they
    are walked again by every full collection, and reading a PDF sets off many.
    """
    if PROCESS_TUNED:
        gc.collect()
        gc.freeze()


# Words that say nothing about what a section is about.
STOP_WORDS = frozenset("""
我局 我区 我市 我省 我委 我办 本局 局 区 市 省 全区 全市 全省 推动 推进 加强 加快 建设 工作 开展 进一步 积极
相关 有关 方面 进行 实现 提供 持续 不断 深入 全面 提升 完善 强化 促进 支持 落实 做好 组织 构建 形成 打造
同时 助力 给予 以及 通过 其中 为了 已经 一批 一系列 重点 主要 提案 建议 委员 代表 答复 回函 您 您的 感谢
关注 关心 我们 他们 这些 这个 各类 各级 有效 一是 二是 三是 四是 五是 下一步 今后 此函 将 已 和 及
""".split())
# Keywords are never numbers or units; a huge section gives them from its start.
NOT_KEYWORD = re.compile(rf"\d|^(?:{alternation(PERCENT_WORDS)})?[{CN_NUMERALS}]+[余多至到]?$|^(?:{alternation(MEASURE_UNITS)})[至到]?$|^每(?:{alternation(MEASURE_UNITS)}|.)$")
KEYWORD_TEXT = 20000    # characters: TF-IDF needs no more to say what a section is about
COMPARED_SECTIONS = 40  # words most sections share are dropped, in letters of up to this many sections


def is_quantity(word: str) -> bool:
    """Is the word just a number with its measure word (四百二十家)?"""
    found = FIGURE.fullmatch(simplified(word))
    return bool(found and found.group("number"))


def section_keywords(sections: Sequence[Section], count: int = 5) -> list[tuple[str, ...]]:
    """3–5 words a section, saying what it is about and what sets it apart from the others.

    TF-IDF over the section, less official stop words, numbers, units, and the
    words every section of the letter uses (the district's name, the letter's theme).
    """
    texts = [f"{section.heading}\n{section.text[:KEYWORD_TEXT]}" for section in sections]
    ranked = [keyword_extractor().extract_tags(text, topK=count * 4) if text.strip() else [] for text in texts]
    compared = 3 <= len(texts) <= COMPARED_SECTIONS
    everywhere = {word for words in ranked for word in words
                  if compared and sum(word in text for text in texts) > len(texts) * 2 // 3}
    return [tuple(word for word in words if word not in STOP_WORDS and not NOT_KEYWORD.search(word) and not is_quantity(word)
                  and (word not in everywhere or word in section.heading))[:count]
            for words, section in zip(ranked, sections)]


# ── Checks ───────────────────────────────────────────────────────────────────

def warnings_for(meta: Meta, sections: Sequence[Section], claims: Sequence[Claim]) -> tuple[str, ...]:
    """What a careful reader would flag."""
    warnings = numbering_warnings([section.number for section in sections], [s.numeral for s in sections])
    for claim in claims:
        if meta.date and claim.as_of and claim.as_of[:len(meta.date)] > meta.date[:len(claim.as_of)]:
            warnings.append(f"claim “{claim.text}” ({claim.subject}) is dated {claim.as_of}, "
                            f"after the letter's own date {meta.date}")
    if not meta.date:
        warnings.append("no date found at the end of the letter")
    if not meta.sender:
        warnings.append("no sender (signing office) found above the date")
    if not (meta.addressee or meta.proposal_no or sections):
        warnings.append("this does not look like a reply letter (no addressee, no proposal, no numbered sections)")
    return tuple(warnings)


def numbering_warnings(numbers: Sequence[int], numerals: Sequence[str]) -> list[str]:
    """一、二、四、 → a gap; 一、二、二、 → a repeat.

    >>> numbering_warnings([1, 2, 4], ["一", "二", "四"])
    ['section numbering skips from 二 to 四']
    """
    warnings = []
    for k in range(1, len(numbers)):
        if numbers[k] == numbers[k - 1]:
            warnings.append(f"section numbering repeats {numerals[k]}")
        elif numbers[k] != numbers[k - 1] + 1:
            warnings.append(f"section numbering skips from {numerals[k - 1]} to {numerals[k]}")
    if numbers and numbers[0] != 1:
        warnings.append(f"section numbering starts at {numerals[0]}")
    return warnings


# ── Rendering ────────────────────────────────────────────────────────────────
# Letters → text, one function a format in RENDERERS, each of the same two arguments: the
# letters as they are digested (main hands them over one by one, so that each letter's
# digest is written as soon as it is done) and an Output, what main learned of where the
# digest goes. A renderer yields pieces: a digest far bigger than its letter (every claim
# carries its sentence) is written out, never held whole. Printing is main's one line;
# render() joins the pieces for whoever wants a str. Text from a letter or a file name
# reaches a terminal only made printable, a note only escaped, a spreadsheet never as a
# formula, and rich only as Text, never as markup.

STDIN = "-"                 # the path that names standard input


@dataclass(frozen=True)
class Output:
    """Where a digest goes, as main learned it from the options, the stream and the environment:
    the same for every renderer, each reading what concerns it."""
    inputs: int = 1               # letters in the run: more than one are a batch, with an overview
    overview: str = "last"        # a batch's overview: "last", "first" (it waits for the whole batch) or "only"
    width: int = 100              # columns a table may fill
    bold: bool = False            # escape codes for bold may be written (a terminal)
    color: bool = False           # and for colour
    lines: bool = False           # box-drawing lines, else ASCII ones

    @property
    def batch(self) -> bool:
        """Does the digest carry an overview, one row a letter?"""
        return self.inputs > 1 or self.overview == "only"


def in_batch_order(results: Iterable[Letter | DigestError], output: Output, letter_part: Callable[[Letter], str],
                   overview_part: Callable[[list[dict]], str]) -> Iterator[str]:
    """A digest's parts in the order they are written: each letter's as soon as it is done, then a
    batch's overview; the overview comes first, or alone, only when asked for, as it waits for the
    whole batch. Only the overview's rows are kept, not the letters, unless the overview is first."""
    if output.batch and output.overview != "last":
        results = list(results)
        yield overview_part([overview_row(item) for item in results])
        if output.overview == "only":
            return
    rows = []
    for item in results:
        rows.append(overview_row(item))
        if isinstance(item, Letter):
            yield letter_part(item)
    if output.batch and output.overview == "last":
        yield overview_part(rows)


def printable(text: str) -> str:
    r"""Text with every character that could act on a terminal made visible.

    >>> printable("提案\x1b]0;标题\x07 a\nb \u202e \udcc4")
    '提案␛]0;标题␇ a␊b \\u202e \\xc4'
    """
    return UNSAFE.sub(stand_in, text)


def stand_in(found: re.Match) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(CONTROL_PICTURES + code)
    if code == 0x7F:
        return "\u2421"                                     # ␡
    if code in UNDECODED_BYTES:
        return f"\\x{code - 0xDC00:02x}"                   # a byte of a name, as `ls -b` shows it
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# ── Rendering: plain data, for JSON, JSON Lines and CSV ──

def claim_dict(claim: Claim) -> dict:
    return {"value": claim.value, "value_max": claim.value_max, "unit": str(claim.unit), "qualifier": claim.qualifier,
            "change": claim.change, "subject": claim.subject, "section": claim.section, "text": claim.text,
            "sentence": claim.sentence, "as_of": claim.as_of}


def section_dict(section: Section) -> dict:
    return {"number": section.number, "numeral": section.numeral, "marker": section.marker,
            "heading": section.heading, "text": section.text, "keywords": list(section.keywords),
            "claims": [claim_dict(claim) for claim in section.claims]}


def letter_dict(letter: Letter) -> dict:
    """The JSON contract: these keys keep their names and meanings."""
    return {
        "source": letter.source,
        "meta": dataclasses.asdict(letter.meta),
        "opening": letter.opening,
        "sections": [section_dict(section) for section in letter.sections],
        "closing": letter.closing,
        "claims": [claim_dict(claim) for claim in letter.claims],
        "warnings": list(letter.warnings),
    }


OVERVIEW_FIELDS = ("source", "date", "sender", "proposal_no", "sections", "claims", "warnings", "error")


def overview_row(item: Letter | DigestError) -> dict:
    """One letter in a line: what an overview of many letters shows."""
    if isinstance(item, DigestError):
        return dict.fromkeys(OVERVIEW_FIELDS) | {"source": item.path, "error": item.reason}
    return dict(zip(OVERVIEW_FIELDS, (item.source, item.meta.date, item.meta.sender, item.meta.proposal_no,
                                      len(item.sections), len(item.claims), len(item.warnings), None)))


def json_value(value: object) -> str:
    """JSON, UTF-8 with the Chinese unescaped, and with what json.dumps leaves raw (C1, DEL, line
    separators, format characters, lone surrogates) escaped too: a JSON reader gets the same
    strings, a terminal nothing it would act on, a reader of lines no line break inside a value."""
    return UNSAFE.sub(lambda found: "".join(f"\\u{unit:04x}" for unit in utf16_units(found.group())),
                      json.dumps(value, ensure_ascii=False))


def utf16_units(ch: str) -> tuple[int, ...]:
    code = ord(ch)
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)


def render_json(results: Iterable[Letter | DigestError], output: Output) -> Iterator[str]:
    """One object a letter, an array of them for a batch (a letter that failed is left out: standard
    error names it), one section, claim or warning a line; with --overview-only, an array of overview
    rows, failures included. Today's contract, kept: JSON Lines is the format that is always the same."""
    if output.overview == "only":
        yield from json_list(map(overview_row, results), indent="  ")
        yield "\n"
        return
    several, written = output.inputs > 1, False
    yield "[\n" if several else ""
    for item in results:
        if isinstance(item, Letter):
            yield ",\n" if written else ""
            yield from json_object(letter_dict(item))
            written = True
    yield "\n]\n" if several else "\n" if written else ""


def json_object(record: dict) -> Iterator[str]:
    """A letter's record: a key a line, its lists an item a line."""
    yield "{"
    for k, (key, value) in enumerate(record.items()):
        yield f"{',' if k else ''}\n  {json_value(key)}: "
        yield from json_list(value, indent="    ", close="  ") if isinstance(value, list) else [json_value(value)]
    yield "\n}"


def json_list(values: Iterable, indent: str, close: str = "") -> Iterator[str]:
    empty = True
    for value in values:
        yield ("[\n" if empty else ",\n") + indent + json_value(value)
        empty = False
    yield "[]" if empty else f"\n{close}]"


def render_jsonl(results: Iterable[Letter | DigestError], output: Output) -> Iterator[str]:
    """A line for every letter, in order, whatever became of it: its digest as one JSON object, or
    {"source": …, "error": …}; with --overview-only, its overview row."""
    for item in results:
        if output.overview == "only":
            yield json_value(overview_row(item)) + "\n"
        elif isinstance(item, DigestError):
            yield json_value({"source": item.path, "error": item.reason}) + "\n"
        else:
            yield json_value(letter_dict(item)) + "\n"


CSV_COLUMNS = ("source", "numeral", "heading", "value", "value_max", "unit", "qualifier", "change", "subject",
               "as_of", "text")
FORMULA_START = ("=", "+", "-", "@")      # a cell a spreadsheet would run as a formula (CSV injection)


def render_csv(results: Iterable[Letter | DigestError], output: Output) -> Iterator[str]:
    """One row a claim, with the section it stands in (a letter that failed has none: standard error
    names it); with --overview-only, the overview's rows, failures included. UTF-8 with a byte-order
    mark, which Excel needs to read the Chinese; quoted as the csv module quotes."""
    only = output.overview == "only"
    columns = OVERVIEW_FIELDS if only else CSV_COLUMNS
    yield "\ufeff" + csv_lines([columns])
    for item in results:
        records = [overview_row(item)] if only else claim_records(item)
        if records:
            yield csv_lines([spreadsheet_cell(record[column]) for column in columns] for record in records)


def claim_records(item: Letter | DigestError) -> list[dict]:
    """A letter's claims as rows, each with its source and section (by position: a letter may number
    two sections alike); a claim in the opening or the closing has none."""
    if isinstance(item, DigestError):
        return []
    section_of = {id(claim): section for section in item.sections for claim in section.claims}
    records = []
    for claim in item.claims:
        section = section_of.get(id(claim))
        records.append({"source": item.source, "numeral": section and section.numeral,
                        "heading": section and section.heading, **claim_dict(claim)})
    return records


def csv_lines(rows: Iterable[Sequence[str]]) -> str:
    lines = io.StringIO()
    csv.writer(lines).writerows(rows)
    return lines.getvalue()


def spreadsheet_cell(value: object) -> str:
    """A number as JSON writes it; text printable, and never a formula: one that a spreadsheet would
    run is shown as text, as typing it after ' does.

    >>> [spreadsheet_cell(value) for value in (2700, 0.37, None, "=HYPERLINK(\\"x\\")", "超 20000P")]
    ['2700', '0.37', '', '\\'=HYPERLINK("x")', '超 20000P']
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    text = printable(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


# ── Rendering: rows, as the table and Markdown show them ──

@dataclass(frozen=True)
class Column:
    """A column of the letter's table or the overview: its head, and how the terminal's table lays it out
    (Markdown has no width to share)."""
    head: str
    least: int = 0            # cells it needs to be worth showing, wrapped; 0: its widest cell's, never wrapped
    part: float = 0           # or this part of the table's width, where that is more
    share: int = 0            # of the room left once every column has its least
    drop: int = 0             # on a terminal too narrow for every column, they go in this order (1 first); 0: never
    justify: Literal["default", "left", "center", "right", "full"] = "left"     # rich's JustifyMethod


LETTER_COLUMNS = (
    Column("#"),
    Column("Heading", least=14, share=3),
    Column("Claims", least=22, share=4),
    Column("Keywords", least=16, share=2, drop=1),
)
OVERVIEW_COLUMNS = (
    Column("File", least=16, share=3),          # at least its longest file name: names stay whole
    Column("Date", drop=5),
    Column("Sender", least=12, part=0.2, share=2),
    Column("Proposal", drop=2),
    Column("Sections", drop=1, justify="right"),
    Column("Claims", drop=3, justify="right"),
    Column("Warnings", drop=4, justify="right"),
)
CLAIMS_HEAD = ("#", "Value", "Unit", "Qualifier", "Change", "Subject", "Section", "As of", "Text")   # Markdown's


def overview_cells(row: dict) -> tuple[str, ...]:
    """An overview row, printable; a letter that failed has its error where the sender would be."""
    if row["error"]:
        return (printable(row["source"]), "", printable(f"error: {row['error']}"), "", "", "", "")
    return tuple("—" if row[key] is None else printable(str(row[key])) for key in OVERVIEW_FIELDS[:-1])


def claim_line(claims: Sequence[Claim], between: str = " · ") -> str:
    return between.join(printable(claim.compact()) for claim in claims)


def section_rows(letter: Letter, between_claims: str = " · ", between_keywords: str = "、") -> list[tuple[str, ...]]:
    """One row a section, plus the opening and the closing when they hold claims; printable."""
    closing_at = len(letter.body) - len(letter.closing)
    opening = [claim for claim in letter.claims if claim.section is None and claim.start < closing_at]
    closing = [claim for claim in letter.claims if claim.section is None and claim.start >= closing_at]
    line = functools.partial(claim_line, between=between_claims)
    rows: list[tuple[str, ...]] = [("", "(opening)" if letter.sections else "(letter)", line(opening), "")] if opening else []
    rows += [(section.numeral, printable(section.heading), line(section.claims),
              printable(between_keywords.join(section.keywords))) for section in letter.sections]
    return rows + ([("", "(closing)", line(closing), "")] if closing else [])


def meta_rows(letter: Letter) -> list[tuple[str, str]]:
    meta = letter.meta
    proposal = " ".join(filter(None, [meta.proposal_no, f"《{meta.proposal_title}》" if meta.proposal_title else None]))
    rows = [("Title", meta.title or "—"), ("Proposal", proposal or "—"), ("Addressee", meta.addressee or "—"),
            ("Sender", meta.sender or "—"), ("Date", meta.date or "—"), ("Source", letter.source),
            ("Found", ", ".join(plural(len(things), name) for things, name in (
                (letter.sections, "section"), (letter.claims, "claim"), (letter.warnings, "warning"))))]
    return [(label, printable(value)) for label, value in rows]


def title_of(letter: Letter) -> str:
    """The letter's own title; else its file's name, or `stdin`."""
    return letter.meta.title or ("stdin" if letter.source == STDIN else Path(letter.source).name)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# ── Rendering: the terminal's table ──
# Column widths are laid out here, not left to rich: rich shares a table's width by fixed ratios
# whatever the cells hold (file names folded mid-name at 100 columns, columns gone at 60).

SHORTENED = "..."      # where a path was shortened from the left ("…" is two cells wide on some terminals, one on others)
# Never at the start of a line, and never at its end (Chinese typesetting's 避头尾 rule).
CLOSING_PUNCTUATION = frozenset("，。、；：！？）》」』】〕”’…,.;:!?)]")
OPENING_PUNCTUATION = frozenset("（《「『【〔“‘([")


def frame_width(columns: int) -> int:
    """Cells a boxed table spends on its lines and padding: a line between and around its columns,
    a space each side of a cell."""
    return 3 * columns + 1


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int | None]:
    """How wide each column is drawn for a table of `width` cells (None: left out). Each column has
    its least; while even that does not fit, the columns that may go do, least useful first; the
    room left goes to the columns that wrap, by their shares, none wider than its widest cell."""
    from rich.cells import cell_len
    widest = [max(cell_len(line) for cell in [column.head, *(row[k] for row in rows)] for line in cell.split("\n"))
              for k, column in enumerate(columns)]
    least = [min(max(column.least, int(width * column.part)), most) if column.least else most
             for column, most in zip(columns, widest)]
    kept = list(range(len(columns)))
    room = lambda: width - frame_width(len(kept)) - sum(least[k] for k in kept)
    for k in sorted((k for k, column in enumerate(columns) if column.drop), key=lambda k: columns[k].drop):
        if room() >= 0:
            break
        kept.remove(k)
    widths = {k: least[k] for k in kept}
    for _ in range(max(0, room())):
        growing = [k for k in kept if columns[k].share and widths[k] < widest[k]]
        if not growing:
            break
        k = min(growing, key=lambda k: (widths[k] - least[k]) / columns[k].share)
        widths[k] += 1
    return [widths.get(k) for k in range(len(columns))]


def shortened(path: str, width: int) -> str:
    """A path in `width` cells, shortened from the left, so that the file's own name stays whole.

    >>> shortened("letters/2025/futian-2025134.pdf", 21)
    '...futian-2025134.pdf'
    """
    from rich.cells import cell_len
    if cell_len(path) <= width:
        return path
    kept, room = len(path), width - len(SHORTENED)
    while kept > 0 and cell_len(path[kept - 1:]) <= room:
        kept -= 1
    return SHORTENED + path[kept:]


class Wrapped:
    """Text for rich that wraps as Chinese is set (see line_breaks): rich alone breaks a run of
    Chinese at any character, so a heading one character longer than its column leaves that
    character alone on a line, and a line may open with ，. Fed only Text: a letter's words never
    reach rich as markup."""

    def __init__(self, text):
        self.text = text

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement
        widest = max(map(cell_len, self.text.plain.split("\n")))
        return Measurement(min(widest, 2), widest)

    def __rich_console__(self, console, options):
        from rich.text import Text
        lines = []
        for paragraph in self.text.split("\n", allow_blank=True):
            lines += paragraph.divide(line_breaks(paragraph.plain, options.max_width))
        for line in lines:
            line.rstrip()
        yield Text("\n", no_wrap=True).join(lines)


def line_breaks(text: str, width: int) -> list[int]:
    """Where to break a paragraph into lines of `width` cells. A word (up to a space) goes whole onto
    the next line when it does not fit on this one; a longer one is broken between two Chinese
    characters, never before closing punctuation nor after opening punctuation (the 避头尾 rule of
    Chinese typesetting), and folded where it has no such place. The last line is never one
    character alone: the line before hands it a character.

    >>> line_breaks("规划建设算力中心", 14)          # not 规划建设算力中 / 心
    [6]
    >>> line_breaks("加强工作规划，完善体系", 12)      # not 加强工作规划 / ，完善体系
    [5]
    >>> line_breaks(">20000P 可调用算力资源", 16)    # a claim's subject kept whole
    [8]
    """
    from rich.cells import cell_len, chop_cells
    lines: list[list[str]] = [[]]
    used = 0
    for word in re.findall(r"\s*\S+\s*|\s+", text):
        units = [word] if cell_len(word.rstrip()) <= width else chinese_units(word)
        for unit in units:
            for piece in chop_cells(unit, width) if cell_len(unit.rstrip()) > width else [unit]:
                if lines[-1] and used + cell_len(piece.rstrip()) > width:
                    lines.append([])
                    used = 0
                lines[-1].append(piece)
                used += cell_len(piece)
    if len(lines) > 1 and len(lines[-2]) > 1 and len("".join(lines[-1]).strip()) == 1 \
            and cell_len("".join([lines[-2][-1], *lines[-1]]).rstrip()) <= width:
        lines[-1].insert(0, lines[-2].pop())
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + sum(map(len, line)))
    return offsets[1:]


def chinese_units(word: str) -> list[str]:
    """A word cut where a line may break inside it: 划，|完|善 (a character and the punctuation it holds)."""
    starts = [0] + [k for k in range(1, len(word)) if breakable(word[k - 1], word[k])]
    return [word[start:end] for start, end in zip(starts, starts[1:] + [len(word)])]


def breakable(before: str, after: str) -> bool:
    """May a line break between these two characters of a word?"""
    if after in CLOSING_PUNCTUATION or before in OPENING_PUNCTUATION:
        return False
    return chinese_like(before) and chinese_like(after)


def chinese_like(ch: str) -> bool:
    """A character set as Chinese is: two cells wide, or punctuation that a Chinese line breaks around."""
    return unicodedata.east_asian_width(ch) in "WF" or ch in CLOSING_PUNCTUATION or ch in OPENING_PUNCTUATION


def render_table(results: Iterable[Letter | DigestError], output: Output) -> Iterator[str]:
    console = table_console(output)
    yield from in_batch_order(results, output, lambda letter: drawn(console, letter_drawing(letter, output)),
                              lambda rows: drawn(console, overview_drawing(rows, output)))


def table_console(output: Output):
    from rich.console import Console
    styled = output.bold or output.color
    # Everything rich would read from the environment is decided by main: NO_COLOR, FORCE_COLOR, TERM, COLUMNS.
    return Console(file=io.StringIO(), width=output.width, force_terminal=styled, no_color=not output.color,
                   color_system="standard" if styled else None, highlight=False, emoji=False, legacy_windows=False)


def drawn(console, drawing: Iterable) -> str:
    with console.capture() as capture:
        for renderable in drawing:
            console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def letter_drawing(letter: Letter, output: Output) -> list:
    """The metadata, the section table (when there are sections or claims), the warnings, a blank line."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text
    meta = meta_rows(letter)
    labels = max(cell_len(label) for label, _ in meta)
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(width=max(1, output.width - labels - 2))
    for label, value in meta:
        info.add_row(Text(label), Wrapped(Text(value)))
    drawing: list = [info]
    rows = section_rows(letter, between_claims="\n", between_keywords=" ")
    if rows:
        drawing.append(laid_out(LETTER_COLUMNS, rows, output, column_widths(LETTER_COLUMNS, rows, output.width),
                                show_lines=True))
    drawing += [Wrapped(Text.assemble(("warning:", "yellow"), " ", printable(warning))) for warning in letter.warnings]
    return drawing + [Text()]


def overview_drawing(rows: Sequence[dict], output: Output) -> list:
    """The overview's title and table: file names whole (the directories before them shortened from
    the left), the least useful columns gone on a narrow terminal."""
    from rich.cells import cell_len
    from rich.text import Text
    cells = [overview_cells(row) for row in rows]
    names = max(cell_len(Path(row[0]).name) for row in cells) + len(SHORTENED)
    file_column = OVERVIEW_COLUMNS[0]
    columns = (dataclasses.replace(file_column, least=min(max(names, file_column.least), output.width // 2)),
               *OVERVIEW_COLUMNS[1:])
    widths = column_widths(columns, cells, output.width)
    cells = [(shortened(row[0], widths[0] or 1), *row[1:]) for row in cells]
    return [Text(f"Overview of {plural(len(rows), 'letter')}"), laid_out(columns, cells, output, widths), Text()]


def laid_out(columns: Sequence[Column], rows: Sequence[Sequence[str]], output: Output, widths: Sequence[int | None],
             show_lines: bool = False):
    from rich import box
    from rich.table import Table
    from rich.text import Text
    shown = [k for k, width in enumerate(widths) if width is not None]
    table = Table(box=box.SQUARE if output.lines else box.ASCII2, show_lines=show_lines)
    for k in shown:
        table.add_column(columns[k].head, width=widths[k], justify=columns[k].justify, no_wrap=not columns[k].least)
    for row in rows:
        table.add_row(*(Wrapped(Text(row[k])) for k in shown))
    return table


# ── Rendering: Markdown, for notes ──

MARKDOWN_SPECIAL = re.compile(r"([\\`|<\[\]*])")   # would end a cell, open code, HTML, a link, emphasis


def md_cell(text: str) -> str:
    r"""Text from a letter as Markdown shows it as written: on one line, printable, and with what
    would end a table's cell, open code or HTML, or make a link escaped.

    >>> md_cell("a|b `c` <b>\n[x](y)")
    'a\\|b \\`c\\` \\<b> \\[x\\](y)'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", printable(str(text).replace("\n", " ")))


def md_table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(results: Iterable[Letter | DigestError], output: Output) -> Iterator[str]:
    """A part a letter, then a batch's overview; every part opens with a blank line, so that digests
    appended to a note (>> notes.md) never run into what is there."""
    yield from in_batch_order(results, output, markdown_letter, markdown_overview)


def markdown_letter(letter: Letter) -> str:
    """A heading, the metadata, the section table and the claims table (each when it has rows), the warnings."""
    numerals: dict[int | None, str] = {section.number: section.numeral for section in letter.sections}
    lines = ["", f"# {md_cell(title_of(letter))}", ""]
    lines += [f"- **{label}:** {md_cell(value)}" for label, value in meta_rows(letter)[1:]]
    sections = section_rows(letter)
    if sections:
        lines += ["", "**Sections**", ""] + md_table([column.head for column in LETTER_COLUMNS], sections)
    if letter.claims:
        lines += ["", "**Claims**", ""] + md_table(CLAIMS_HEAD, (
            (str(k), value_span(c), str(c.unit), c.qualifier, c.change or "", c.subject, numerals.get(c.section, ""),
             c.as_of or "", c.text) for k, c in enumerate(letter.claims, 1)))
    if letter.warnings:
        lines += ["", "**Warnings**", ""] + [f"- {md_cell(warning)}" for warning in letter.warnings]
    return "\n".join(lines) + "\n"


def markdown_overview(rows: Sequence[dict]) -> str:
    lines = ["", f"# Overview of {plural(len(rows), 'letter')}", ""]
    return "\n".join(lines + md_table([column.head for column in OVERVIEW_COLUMNS], map(overview_cells, rows))) + "\n"


RENDERERS: dict[str, Callable[[Iterable[Letter | DigestError], Output], Iterator[str]]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
}
DATA_FORMATS = frozenset({"json", "jsonl", "csv"})    # for other tools: UTF-8 whatever the locale


def render(fmt: str, items: Sequence[Letter | DigestError], **options) -> str:
    """The digest of these letters in one format, as one string (options: Output's fields)."""
    return "".join(RENDERERS[fmt](items, Output(inputs=len(items), **options)))


# ── Many letters ─────────────────────────────────────────────────────────────
# Paths → letters, PDFs read in worker processes. Only this part and main do I/O.

LETTER_SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm", ".docx")     # what a directory's letters are named


def expand(paths: Sequence[str], recursive: bool = False) -> list[str | DigestError]:
    """Paths as given, a directory standing for the letters in it (sorted by name; -r: below it too)."""
    expanded: list[str | DigestError] = []
    for path in paths:
        try:
            expanded += [path] if path == "-" or not is_directory(path) else letters_in(path, recursive)
        except DigestError as error:
            expanded.append(error)
    return expanded


def is_directory(path: str) -> bool:
    if not path:
        raise DigestError(path, "an empty path names no file")     # not the current directory
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False                                                # reading it will say so
    except OSError as error:                                        # a name too long, a directory that bars us
        raise DigestError(path, f"cannot read ({error.strerror or type(error).__name__})") from None


def letters_in(folder: str, recursive: bool) -> list[str | DigestError]:
    """The letters in a directory; with `recursive`, in the directories below it too, walked
    without recursion (a tree 1,000 levels deep) and with each one that cannot be read reported."""
    found: list[str | DigestError] = []
    unread = [folder]
    while unread:
        current = unread.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if recursive and entry.is_dir(follow_symlinks=False):
                        unread.append(entry.path)
                    elif (entry.is_file() and not entry.name.startswith(".")
                          and Path(entry.name).suffix.lower() in LETTER_SUFFIXES):
                        found.append(entry.path)
        except OSError as error:
            found.append(DigestError(current, f"cannot read the directory ({error.strerror or type(error).__name__})"))
    if not found:
        return [DigestError(folder, f"is a directory with no letters ({', '.join(LETTER_SUFFIXES)}) in it")]
    return sorted(found, key=lambda item: item.path if isinstance(item, DigestError) else item)


def load_or_error(path: str, password: str | None, limits: Limits = Limits(),
                  raw: bytes | None = None) -> Document | DigestError:
    return or_error(path, lambda: document_of(path, read_bytes(path, limits) if raw is None else raw, password, limits))


def or_error(path: str, read: Callable[[], T]) -> T | DigestError:
    """What `read` reads, or the one line that says why it could not: its own, or a missing package's."""
    try:
        return read()
    except DigestError as error:
        return error
    except ImportError as error:
        return DigestError(path, missing_package(error))


def load_all(paths: Sequence[str | DigestError], password: str | None, jobs: int,
             limits: Limits = Limits(), bar: ProgressBar | None = None) -> Generator[Document | DigestError, None, None]:
    """Each path's Document, in order. PDFs, web pages, Word files and scans are read by reader
    processes (`jobs` of them; a scan's pages spread over them), so that one that hangs or blows up
    fails alone, while this process reads the text letters and digests."""
    with Readers(jobs, password, limits, bar) as readers:
        for index, path in enumerate(paths):
            if isinstance(path, str) and for_readers(path):
                readers.submit(index, path)
        for index, path in enumerate(paths):
            readers.collect(timeout=0)      # at every letter: a reader that has one ready goes on to its next
            if isinstance(path, DigestError):
                yield path
            elif index in readers:
                yield readers.result(index)
            else:
                yield load_here_or_there(index, path, password, limits, readers)


def load_here_or_there(index: int, path: str, password: str | None, limits: Limits,
                       readers: Readers) -> Document | DigestError:
    # Standard input and pipes are read here, once; what turns out to be a PDF, a web page, a Word
    # file or a scan goes to a reader, with its bytes.
    try:
        raw = read_bytes(path, limits)
    except DigestError as error:
        return error
    if read_by_readers(raw[:READ_HEAD], path):
        readers.submit(index, path, raw)
        return readers.result(index)
    return load_or_error(path, password, limits, raw)


READ_HEAD = 1024         # bytes that tell a letter's format (a PDF's header may come after a binary prefix)
READER_GRACE = 1.0       # seconds past the time limit before a reader that its own timer did not stop is ended
# Letters handed to a reader at once: enough that it reads on while this process is busy for a second
# (loading jieba for the first letter), few enough that its queue of paths never fills the pipe to it.
READ_AHEAD = 32


@dataclass
class Reader:
    """A reader process and the letters handed to it, in the order it reads them."""
    process: BaseProcess
    connection: Connection
    tasks: deque = field(default_factory=deque)         # (index, path, bytes or None) of letters handed to it
    started: float = 0.0                                # when it began the first of them


class Readers:
    """Reader processes for PDFs, web pages, Word files and scans, started as letters need them, up to `count`.

    A task is a letter (its index, path and the bytes of one that can be read only once) or one
    page of a scan to read by OCR ((index, page) for its index): a letter whose pages are scans
    comes back with them unread, and they go out as tasks of their own, ahead of later letters,
    one to each idle reader. Each task is read against the limits (`seconds` is a task's: a
    letter's, or a page's OCR); one that a reader cannot stop by itself (stuck in C past its time
    limit) is ended from here, and one that kills its reader (out of memory) fails alone: its
    reader's other tasks go to a new one. Where no process can be started, tasks are read in this
    process.
    """

    def __init__(self, count: int, password: str | None, limits: Limits, bar: ProgressBar | None = None):
        self.count, self.password, self.limits = count, password, limits
        self.bar = bar or ProgressBar()
        self.threads = max(1, (os.cpu_count() or 1) // count)         # each reader's, for the OCR engine
        self.waiting: deque[tuple[int | tuple[int, int], str, bytes | None]] = deque()
        self.readers: list[Reader] = []
        self.done: dict[int | tuple[int, int], Document | DigestError | tuple[Line, ...]] = {}
        self.expected: set[int] = set()
        self.here = False           # no process could be started: read in this one

    def __contains__(self, index: int) -> bool:
        return index in self.expected

    def __enter__(self) -> Readers:
        return self

    def __exit__(self, stopped, *details) -> None:
        self.close(killed=stopped is not None)

    def submit(self, index: int, path: str, raw: bytes | None = None) -> None:
        self.expected.add(index)
        self.waiting.append((index, path, raw))
        self.hand_out()

    def result(self, index: int) -> Document | DigestError:
        self.collect(timeout=0)          # what is ready, so that readers get their next letters
        while not self.complete(index):
            if self.here:
                task = self.waiting.popleft()
                self.arrived(task, read_task(*task, self.password, self.limits, self.threads))
            else:
                self.collect(timeout=None)
        self.expected.discard(index)
        return self.assembled(index)

    def complete(self, index: int) -> bool:
        """Is the letter read, and every page of it that is a scan?"""
        document = self.done.get(index)
        return index in self.done and (not isinstance(document, Document)
                                       or all((index, page) in self.done for page in document.unread))

    def assembled(self, index: int) -> Document | DigestError:
        """The letter, its scanned pages put in place; the first page that failed fails it."""
        document = self.done.pop(index)
        assert not isinstance(document, tuple), "a letter's key holds its Document or its error; a page's, lines"
        if not isinstance(document, Document) or not document.unread:
            return document
        read = {page: self.done.pop((index, page)) for page in document.unread}
        failed = next((lines for lines in read.values() if isinstance(lines, DigestError)), None)
        try:
            # The cast: a page's key holds its lines or its error, and `failed` took the errors.
            return failed or with_ocr_pages(document, cast("dict[int, tuple[Line, ...]]", read))
        except DigestError as error:
            return error

    def arrived(self, task: tuple, result: Document | DigestError | tuple[Line, ...]) -> None:
        """A task read: a letter with scanned pages sends them out to be read, ahead of later letters."""
        key, path, raw = task
        self.done[key] = result
        if isinstance(key, tuple):
            self.bar.advance()
        elif isinstance(result, Document) and result.unread:
            self.bar.expect(len(result.unread))
            self.waiting.extendleft(reversed([((key, page), path, raw) for page in result.unread]))

    def hand_out(self) -> None:
        while self.waiting and not self.here:
            # A PDF's own bytes (from standard input) go only to an idle reader: a busy one would read
            # them only after handing back its letters, while this process still sends them. So does a
            # page to read by OCR: it takes seconds, and another reader may be free sooner.
            room = 1 if self.waiting[0][2] is not None or isinstance(self.waiting[0][0], tuple) else READ_AHEAD
            reader = min((reader for reader in self.readers if len(reader.tasks) < room),
                         key=lambda reader: len(reader.tasks), default=None)
            if (reader is None or reader.tasks) and len(self.readers) < self.count:
                reader = self.start() or reader
            if reader is None:
                return
            task = self.waiting.popleft()
            reader.connection.send(task)
            if not reader.tasks:
                reader.started = time.monotonic()
            reader.tasks.append(task)

    def start(self) -> Reader | None:
        import multiprocessing
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        try:
            here, there = context.Pipe()
            process = context.Process(target=read_letters, daemon=True, args=(
                there, self.password, self.limits, [reader.connection for reader in self.readers], self.threads))
            process.start()
        except OSError:       # no processes to be had (a read-only /dev/shm, a process limit)
            self.here = not self.readers
            return None
        there.close()
        self.readers.append(Reader(process, here))
        return self.readers[-1]

    def collect(self, timeout: float | None) -> None:
        """Take what readers hand back, waiting up to `timeout` (None: until one does, dies, or
        runs past its letter's time), then hand out letters to readers that have room."""
        from multiprocessing.connection import wait
        busy = [reader for reader in self.readers if reader.tasks]
        if busy:
            if timeout is None:
                timeout = max(0.0, min(self.deadline(reader) for reader in busy) - time.monotonic())
            ready = wait([reader.connection for reader in busy] + [reader.process.sentinel for reader in busy], timeout)
            for reader in busy:
                if reader.connection in ready:
                    self.receive(reader)
                elif reader.process.sentinel in ready:
                    self.end(reader, None)
                elif time.monotonic() > self.deadline(reader):
                    self.end(reader, self.limits.reason("seconds"))
        self.hand_out()

    def deadline(self, reader: Reader) -> float:
        return reader.started + self.limits.seconds + READER_GRACE

    def receive(self, reader: Reader) -> None:
        try:
            while reader.tasks and reader.connection.poll():
                _, result = reader.connection.recv()
                self.arrived(reader.tasks.popleft(), result)
                reader.started = time.monotonic()          # it has begun its next task
        except (EOFError, OSError):
            self.end(reader, None)

    def end(self, reader: Reader, reason: str | None) -> None:
        """End a reader that will not hand back its letter: that letter fails alone, and the
        others handed to it wait for another reader."""
        reader.process.kill()
        reader.process.join()
        task = reader.tasks.popleft()
        reason = reason or f"the process reading it {death(reader.process.exitcode)}"
        page = f"{pages_named([task[0][1]])}: " if isinstance(task[0], tuple) else ""
        self.arrived(task, DigestError(task[1], page + reason))
        self.waiting.extendleft(reversed(reader.tasks))
        reader.connection.close()
        self.readers.remove(reader)

    def close(self, killed: bool) -> None:
        for reader in self.readers:
            if killed or reader.tasks:
                reader.process.kill()
            else:
                with contextlib.suppress(OSError):
                    reader.connection.send(None)        # no more letters: the reader ends
        for reader in self.readers:
            reader.process.join()
            reader.connection.close()
        self.readers = []


def death(exitcode: int | None) -> str:
    """How a reader process ended, as a letter's error says it."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"was killed ({name}{', out of memory?' if name == 'SIGKILL' else ''})"
    return f"ended (exit status {exitcode})"


READER_NICENESS = 10    # how far a reader process gives way to the main one


def read_letters(connection, password: str | None, limits: Limits, others: Sequence, threads: int = 1) -> None:
    """A reader process: tasks in (letters, pages to read by OCR), Documents and lines out, until the
    main process says no more."""
    for other in others:          # the ends of other readers this process inherited
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the main process's to answer: it ends readers
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    global PROCESS_TUNED
    PROCESS_TUNED = True                               # a spawned reader starts untuned
    # The main process digests every letter, in order: it is the critical path, and a reader that
    # takes its core only makes every letter wait.
    with contextlib.suppress(AttributeError, OSError):   # no os.nice on Windows
        os.nice(READER_NICENESS)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, path, raw = task
        try:
            result = read_task(key, path, raw, password, limits, threads)
        except Exception as error:
            result = internal_error(path, error)
        connection.send((key, result))


def read_task(key: int | tuple[int, int], path: str, raw: bytes | None, password: str | None, limits: Limits,
              threads: int) -> Document | DigestError | tuple[Line, ...]:
    """A reader's task: a letter's Document, or the lines of one page of a scan, read by OCR."""
    if isinstance(key, int):
        return load_or_error(path, password, limits, raw)
    return or_error(path, lambda: ocr_page(path, raw, key[1], password, limits, threads))


def for_readers(path: str) -> bool:
    """Is it a regular file that a reader process reads (read_by_readers)? Told by the path's status
    before it is opened: a pipe or a FIFO (`<(cat letter.pdf)`, /dev/stdin) is read once, by the main
    process, and opening it here would take bytes from it, or end its writer."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as file:
            return read_by_readers(file.read(READ_HEAD), path)
    except OSError:
        return False


def digest_all(paths: Sequence[str | DigestError], password: str | None, jobs: int,
               limits: Limits = Limits(), bar: ProgressBar | None = None) -> Generator[Letter | DigestError, None, None]:
    """Every path digested, or the error that stopped it, in the order given, each as soon as it is
    done; `bar` counts the pages of scans read by OCR (main's reported() counts the letters)."""
    # Closed however this ends: an interrupt while a letter is digested ends the readers too.
    with contextlib.closing(load_all(paths, password, jobs, limits, bar)) as documents:
        for document in documents:
            yield digested(document)


def digested(document: Document | DigestError) -> Letter | DigestError:
    if isinstance(document, DigestError):
        return document
    try:
        return digest(document)
    except DigestError as error:
        return error
    except ImportError as error:
        return DigestError(document.source, missing_package(error))
    except Exception as error:
        return internal_error(document.source, error)


DEBUG_VARIABLE = "DIGEST_DEBUG"     # set (not empty, not 0), or --traceback: a bug shows its traceback


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def internal_error(path: str, error: Exception) -> DigestError:
    """A bug met on an unseen letter: that letter's one line, and the other letters go on — unless
    debugging (--traceback, DIGEST_DEBUG=1), where the traceback shows where: the main process
    stops on it; a reader process prints it on standard error, and its letter fails."""
    if debugging():
        import multiprocessing
        if multiprocessing.parent_process() is None:
            raise error
        import traceback
        traceback.print_exception(error)
    return DigestError(path, f"internal error, please report it ({describe(error, named=True)})")


# The package each module digest.py imports comes in, and the requirements file that installs it:
# a letter that needs one this Python lacks fails with a line that says what to install.
PACKAGES = {
    "pdfplumber": ("pdfplumber", "requirements.txt"), "pdfminer": ("pdfplumber", "requirements.txt"),
    "pypdfium2": ("pdfplumber", "requirements.txt"), "PIL": ("pdfplumber", "requirements.txt"),
    "jieba": ("jieba", "requirements.txt"), "rich": ("rich", "requirements.txt"),
    "rapidocr_onnxruntime": ("rapidocr-onnxruntime", "requirements-ocr.txt"),
    "onnxruntime": ("rapidocr-onnxruntime", "requirements-ocr.txt"), "cv2": ("rapidocr-onnxruntime", "requirements-ocr.txt"),
    "numpy": ("rapidocr-onnxruntime", "requirements-ocr.txt"),
}


def missing_package(error: ImportError) -> str:
    """What a letter says when a package it needs cannot be imported: which one, and how to install it.

    >>> missing_package(ModuleNotFoundError("No module named 'jieba'", name="jieba"))
    'needs jieba, which is not installed: pip install -r requirements.txt'
    """
    module = (error.name or "").partition(".")[0]
    package, requirements = PACKAGES.get(module, (module or "a package", "requirements.txt"))
    if isinstance(error, ModuleNotFoundError):
        return f"needs {package}, which is not installed: pip install -r {requirements}"
    return f"needs {package}, which is installed but cannot be loaded ({describe(error)})"


# ── Command line ─────────────────────────────────────────────────────────────

PASSWORD_VARIABLE = "DIGEST_PDF_PASSWORD"     # a password there stays out of ps and the shell's history
EXIT_DIGESTED, EXIT_FAILED, EXIT_USAGE, EXIT_WARNED = 0, 1, 2, 3
EXIT_STATUSES = {
    EXIT_DIGESTED: "every letter was digested",
    EXIT_FAILED: "a letter could not be digested, or the digest could not be written",
    EXIT_USAGE: "a usage error",
    EXIT_WARNED: "--strict, and a letter raised a warning",
    130: "interrupted (Ctrl-C); 143 terminated (SIGTERM), 129 hung up (SIGHUP)",
}
EXAMPLES = (
    ("digest.py letter.pdf", "a table on a terminal, Markdown in a file"),
    ("digest.py letters/ -r >> notes.md", "every letter under letters/, into a note"),
    ("digest.py letters/ -f csv > claims.csv", "a row a claim, for a spreadsheet"),
    ("digest.py letters/ -f jsonl --strict", "a letter a line; exit 3 on a warning"),
)


def help_epilog() -> str:
    """Examples, the key to a claim's symbols (from the tables that draw them), the exit statuses;
    in 80 columns."""
    qualifiers = "   ".join(f"{symbol} {name}" for name, symbol in QUALIFIER_SYMBOL.items() if symbol)
    changes = "   ".join(f"{symbol} {name}" for name, symbol in CHANGE_SYMBOL.items() if symbol)
    return "\n".join([
        "examples:", *(f"  {command:<40}{what}" for command, what in EXAMPLES), "",
        "a claim reads: qualifier value unit subject, e.g. >20000P 可调用算力资源",
        f"  {qualifiers}   (its qualifier)", f"  {changes}   (its change: the size of a rise or a fall)",
        "  8–12万元   (a range: from value to value_max)", "",
        "exit status:", *(f"  {status:<5}{meaning}" for status, meaning in EXIT_STATUSES.items())])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Digest Chinese government reply letters (答复函 / 回函): header, numbered\n"
                    "sections, quantitative claims. Each letter's digest is written as soon as it\n"
                    "is done, in the order given.",
        epilog=help_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a letter (text, Markdown, PDF, web page, Word file), a directory of letters, or - for standard input")
    parser.add_argument("-f", "--format", choices=("auto", *RENDERERS), default="auto",
                        help="output format; auto is table on a terminal, markdown in a pipe or file; "
                             "jsonl: a JSON object a letter a line, failures too; csv: a row a claim")
    parser.add_argument("-r", "--recursive", action="store_true", help="take letters from sub-directories too")
    overview = parser.add_mutually_exclusive_group()
    overview.add_argument("--overview-first", dest="overview", action="store_const", const="first",
                          help="print a batch's overview first, not last (it waits for the whole batch)")
    overview.add_argument("--overview-only", dest="overview", action="store_const", const="only",
                          help="print only the overview, one row a letter")
    parser.set_defaults(overview="last")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no warnings on standard error (errors still show)")
    parser.add_argument("--strict", action="store_true",
                        help=f"exit {EXIT_WARNED} when any letter raised a warning (errors still exit {EXIT_FAILED})")
    parser.add_argument("-j", "--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                        help="reader processes for PDFs (default: the number of CPUs); each PDF is read in one")
    parser.add_argument("--password", metavar="PW",
                        help=f"password of an encrypted PDF; {PASSWORD_VARIABLE}=PW keeps it out of ps and the history")
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=N", type=limit_setting,
                        help="raise (or lower) a letter's limit: " + ", ".join(
                            # The ignore: each field of Limits has a default, never the MISSING that fields() allows for.
                            f"{limit.name} (default {format_value(limit.default)})" for limit in dataclasses.fields(Limits))  # type: ignore[arg-type]
                        + f"; also from {LIMITS_VARIABLE}=\"NAME=N,…\"")
    parser.add_argument("--traceback", action="store_true",
                        help=f"a bug met on a letter shows its traceback, for a report (or set {DEBUG_VARIABLE}=1)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


LIMITS_VARIABLE = "DIGEST_LIMITS"


def limit_setting(text: str) -> tuple[str, float]:
    """A --limit or DIGEST_LIMITS setting: its name and value.

    >>> limit_setting("seconds=120")
    ('seconds', 120.0)
    """
    name, _, value = text.partition("=")
    names = [limit.name for limit in dataclasses.fields(Limits)]
    if name.strip() not in names:
        raise argparse.ArgumentTypeError(f"no limit {name.strip()!r}: the limits are {', '.join(names)}")
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return name.strip(), number


def chosen_limits(parser: argparse.ArgumentParser, settings: Sequence[tuple[str, float]]) -> Limits:
    """The limits: defaults, then DIGEST_LIMITS, then --limit."""
    from_environment = []
    for text in filter(str.strip, os.environ.get(LIMITS_VARIABLE, "").split(",")):
        try:
            from_environment.append(limit_setting(text))
        except argparse.ArgumentTypeError as error:
            parser.error(f"{LIMITS_VARIABLE}: {error}")
    return dataclasses.replace(Limits(), **dict([*from_environment, *settings]))


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.traceback:
        os.environ[DEBUG_VARIABLE] = "1"      # in the environment, for the reader processes too
    limits = chosen_limits(parser, args.limit)
    password = args.password if args.password is not None else os.environ.get(PASSWORD_VARIABLE) or None
    if sys.stdout is None:                  # started with standard output closed (>&-)
        complain("error: standard output is closed: there is nowhere to write the digest")
        return EXIT_FAILED
    fmt = ("table" if is_terminal(sys.stdout) else "markdown") if args.format == "auto" else args.format
    with tuned_process(fmt):
        paths = expand(args.paths, args.recursive)
        output = output_for(sys.stdout, os.environ, len(paths), args.overview)
        tally = Tally()
        with progress_bar(len(paths), shown=not args.quiet) as bar, contextlib.closing(
                reported(digest_all(paths, password, args.jobs, limits, bar), tally, bar,
                         quiet=args.quiet or fmt in DATA_FORMATS)) as results:
            written = write_out(RENDERERS[fmt](results, output), bar)
    if not written or tally.failed:
        return EXIT_FAILED
    return EXIT_WARNED if args.strict and tally.warned else EXIT_DIGESTED


@dataclass
class Tally:
    """What a run met, for its exit status."""
    failed: int = 0             # letters that could not be digested
    warned: int = 0             # letters that raised a warning


def reported(results: Generator[Letter | DigestError, None, None], tally: Tally, bar: ProgressBar,
             quiet: bool) -> Generator[Letter | DigestError, None, None]:
    """The letters as they are done, each counted and told on standard error: an error always, a
    letter's warnings unless -q, the digest shows them on this terminal, or the output is data
    (JSON, CSV), which holds them itself and may be read with its standard error (2>&1)."""
    warnings_told = not quiet and not is_terminal(sys.stdout)
    with contextlib.closing(results):
        for result in results:
            bar.advance()
            if isinstance(result, DigestError):
                tally.failed += 1
                named = printable(result.path) or '""'              # digest.py "" names nothing
                complain(f"error: {named}: {printable(result.reason)}")
            elif result.warnings:
                tally.warned += 1
                if warnings_told:
                    for warning in result.warnings:
                        complain(f"warning: {printable(result.source)}: {printable(warning)}")
            yield result


def write_out(pieces: Iterable[str], bar: ProgressBar) -> bool:
    """Write the digest as it comes, each piece at once (to `| head`, to a watching user); the progress
    bar goes when the digest starts on the terminal it is drawn on. False, with one line said, when
    standard output cannot take it (a full disk)."""
    on_terminal = is_terminal(sys.stdout)
    for piece in pieces:
        if on_terminal:
            bar.clear()
        try:
            sys.stdout.write(piece)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            complain(f"error: standard output: cannot write the digest ({error.strerror or type(error).__name__})")
            output_to_nowhere()
            return False
    return True


DUMB_TERMINALS = frozenset({"dumb", "unknown"})  # TERM of a terminal that takes no escape codes, as rich reads it
FILE_WIDTH = 100        # columns of a table written to a pipe or a file, unless COLUMNS says otherwise
BOX_LINES = "┌─┬┐│├┼┤└┴┘"


def output_for(stream, environ: Mapping[str, str], inputs: int, overview: str) -> Output:
    """What the digest's stream can show, by the conventions rich and command-line tools share: a
    terminal gets colour, bold and box lines; NO_COLOR takes the colour away and nothing else;
    TERM=dumb gets plain text with ASCII lines; FORCE_COLOR (or rich's TTY_COMPATIBLE=1) styles a
    pipe as a terminal; a table is as wide as COLUMNS says, else as the terminal."""
    styled = takes_escapes(stream, environ) and environ.get("TERM", "").lower() not in DUMB_TERMINALS
    return Output(inputs=inputs, overview=overview, width=columns_of(stream, environ), bold=styled,
                  color=styled and not environ.get("NO_COLOR"), lines=styled and encodes(stream, BOX_LINES))


def takes_escapes(stream, environ: Mapping[str, str]) -> bool:
    """rich's test: TTY_COMPATIBLE=1 or 0 says so outright; else FORCE_COLOR, set and not empty, says
    yes (force-color.org); else the stream's being a terminal."""
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    return bool(environ.get("FORCE_COLOR")) or is_terminal(stream)


def columns_of(stream, environ: Mapping[str, str]) -> int:
    """COLUMNS when it is set (as rich and shells read it), else the terminal's width."""
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if is_terminal(stream):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            return os.get_terminal_size(stream.fileno()).columns or FILE_WIDTH
    return FILE_WIDTH


def encodes(stream, characters: str) -> bool:
    """Can the stream write these characters (box lines into a GBK or an ASCII locale)?"""
    try:
        characters.encode(getattr(stream, "encoding", None) or "utf-8")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):      # a closed stream, or one that is no file
        return False


def complain(message: str) -> None:
    """One line on standard error, when there is one: `digest: MESSAGE`."""
    if sys.stderr is None:            # started with standard error closed (print would pick standard output)
        return
    with contextlib.suppress(OSError):
        sys.stderr.write(f"digest: {message}\n")     # one write: above a progress bar, the line is whole
        sys.stderr.flush()


def output_to_nowhere() -> None:
    # What is left in the output buffer goes to /dev/null at exit, so that flushing it raises nothing.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Stopped(BaseException):
    """A signal that asks the run to stop (SIGTERM, SIGHUP): it unwinds like Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = {getattr(signal, name): said for name, said in (("SIGTERM", "terminated"), ("SIGHUP", "hung up"))
                if hasattr(signal, name)}
QUIET_LIBRARIES = ("pdfminer", "pdfplumber", "PIL")    # their log lines and warnings are no part of standard error


@contextlib.contextmanager
def tuned_process(fmt: str) -> Iterator[None]:
    """The settings a run makes for its whole process, put back after (main may be called in-process).

    The garbage collector sets aside tables loaded for good (settle) and rests while a PDF's
    objects are built (collector_paused): PROCESS_TUNED.

    SIGTERM and SIGHUP stop a run as Ctrl-C does, so readers end and the progress bar is
    cleared; the PDF libraries say nothing on standard error (standard error carries only
    the tool's own lines); output the locale cannot encode is escaped, never a traceback,
    and JSON is UTF-8 whatever the locale.
    """
    import logging
    import warnings

    global PROCESS_TUNED
    tuned, PROCESS_TUNED = PROCESS_TUNED, True
    in_main_thread = threading.current_thread() is threading.main_thread()
    # A signal the process was started ignoring stays ignored (nohup ignores SIGHUP).
    handlers = {signum: signal.signal(signum, stop_run) for signum in STOP_SIGNALS
                if in_main_thread and signal.getsignal(signum) != signal.SIG_IGN}
    levels = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    output = sys.stdout, getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)
    # The ignores: typing's TextIO has no reconfigure; a stream without it (not a TextIOWrapper) is left as is.
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(**({"encoding": "utf-8"} if fmt in DATA_FORMATS else {}), errors="backslashreplace")  # type: ignore[union-attr]
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="|".join(QUIET_LIBRARIES))
            yield
    finally:
        PROCESS_TUNED = tuned
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        stream, encoding, errors = output
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(encoding=encoding, errors=errors)  # type: ignore[union-attr]


def stop_run(signum: int, frame) -> None:
    raise Stopped(signum)


class ProgressBar:
    """What a run has done of what it has to do, on standard error when that is a terminal: its
    letters, and the pages of scans read by OCR (seconds each), counted in as they are found. Drawn
    once there are more than a few letters, or any page to read by OCR; cleared when the run ends or
    the digest starts on that terminal."""

    def __init__(self, total: int = 0, shown: bool = False, few: int = 3):
        self.done, self.total, self.pages, self.few = 0, total, 0, few
        self.shown = shown                      # drawn at all: a terminal, and not -q
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.show()

    def expect(self, pages: int) -> None:
        self.total += pages
        self.pages += pages
        self.show()

    def advance(self) -> None:
        self.done += 1
        self.show()

    def show(self) -> None:
        if self.shown and self.progress is None and (self.total > self.few or self.pages):
            from rich.console import Console
            from rich.progress import Progress
            # No refresh thread (auto_refresh off): reader processes are forked while the bar is up.
            # Standard output is not redirected: the digest is written, into a pipe or a file, while it is up.
            self.progress = Progress(console=Console(stderr=True), transient=True, auto_refresh=False,
                                     redirect_stdout=False)
            self.task = self.progress.add_task("digesting", total=self.total)
            self.progress.start()
        if self.progress is not None:
            assert self.task is not None, "added with the bar"
            self.progress.update(self.task, completed=self.done, total=self.total)
            self.progress.refresh()

    def clear(self) -> None:
        if self.progress is not None:
            self.progress.stop()                 # transient: the bar is erased
        self.progress, self.shown = None, False


@contextlib.contextmanager
def progress_bar(total: int, shown: bool = True) -> Iterator[ProgressBar]:
    """The run's progress bar (drawn only where it may be: see ProgressBar), cleared when the run ends."""
    bar = ProgressBar(total, shown and is_terminal(sys.stderr))
    try:
        yield bar
    finally:
        bar.clear()


def run() -> int:
    """main() with the conventions of a well-behaved command: quiet on a closed pipe, 130 on Ctrl-C,
    128 + N on a signal that stops it; one line, no traceback."""
    try:
        return main()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)       # the run is over: a second Ctrl-C changes nothing
        complain("interrupted")
        return 130
    except Stopped as stop:
        complain(STOP_SIGNALS[stop.signum])
        return 128 + stop.signum
    except BrokenPipeError:
        output_to_nowhere()
        return 1
    except ImportError as error:            # rich, which draws the table: one line, as a letter's is
        complain(f"error: {missing_package(error)}")
        return 1


if __name__ == "__main__":
    sys.exit(run())
