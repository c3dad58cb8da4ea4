#!/usr/bin/env python3
# /// script
# requires-python = ">=3.10"
# dependencies = ["pdfplumber>=0.11", "jieba>=0.42.1", "rich>=13"]
# ///
"""digest: read a Chinese government reply letter (答复函 / 回函) and digest it.

A reply letter answers a proposal of a CPPCC member or a people's congress
deputy. digest.py reads one as text or PDF, puts back together what PDF
extraction and hard wrapping broke, finds the header (who answered whom, about
which proposal, when), splits the letter into its numbered sections (一、二、…)
and pulls out every quantitative claim: the value, its unit or measure word,
its qualifier (超 / 余 / 近 / 不足 …), what is counted, and where it sits.

    $ python digest.py samples/futian-2025134.pdf | head -12
    # 关于对区政协提案 2025134 《关于大力开展“AI+”行动 加快打造人工智能先锋城市核心区的建议》的回函

    - **Proposal:** 2025134 《关于大力开展“AI+”行动 加快打造人工智能先锋城市核心区的建议》
    - **Addressee:** 胡为民委员
    - **Sender:** 福田区科技和工业信息化局
    - **Date:** 2025-09-26
    ...
    | 二 | 强化构建算力设施集群 | 3个 本地算力资源中心 · 2个 算力调度平台 · 2700P 本地部署算力 · >20000P 可调用算力资源 · …

The pipeline is load → clean → split → extract → render; only reading and
the command line touch files and streams.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import contextlib
import dataclasses
import functools
import gc
import io
import json
import os
import re
import shutil
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
from typing import Callable, Iterable, Iterator, Sequence

__version__ = "0.1.0"

# ── Patterns and tables ──────────────────────────────────────────────────────
# What a reply letter looks like. A fix for an unseen letter should be an edit
# to one of these tables, not a new branch in the code below.

def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, so 万元 wins over 万."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_TEXT = f"[{CJK}，。、；：！？“”《》（）]"     # a Chinese character or Chinese punctuation

# Full-width digits and Latin letters read as ASCII (the letter's punctuation stays).
WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
WIDTH_FOLD |= {cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)}
WIDTH_FOLD |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}
WIDTH_FOLD |= {ord("％"): "%", ord("．"): ".", ord("\u00a0"): " ", ord("\u2002"): " ", ord("\u2003"): " "}

# Traditional and financial (大写) characters that matter for numbers, units,
# qualifiers and the letter's formulas, folded one-for-one onto simplified ones.
# Matching runs on the folded copy; spans are cut from the letter as written.
SIMPLIFIED = str.maketrans(
    "兩萬億壹貳贰參叁肆伍陸陆柒捌玖拾佰仟個項場類處條間餘約過於為達與數據員會議區號復際發佈動們經對關實現規劃設備計劃總額較長產業務資規模條該這還線網點師醫藥術屆華區縣鎮鄉廳辦處與謝來將進議聯繫電話頁級複積門戶養服務資機構張強現標準單個書證樓車汽鐵軌圖館劇團樂場礎織綜營銷賽戰態環衛頭歲",
    "两万亿一二二三三四五六六七八九十百千个项场类处条间余约过于为达与数据员会议区号复际发布动们经对关实现规划设备计划总额较长产业务资规模条该这还线网点师医药术届华区县镇乡厅办处与谢来将进议联系电话页级复积门户养服务资机构张强现标准单个书证楼车汽铁轨图馆剧团乐场础织综营销赛战态环卫头岁",
)

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

# Chinese numerals: digits, and the units that multiply them.
CN_DIGITS = "零〇一二两三四五六七八九"
CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNIT = {"万": 10**4, "亿": 10**8}
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"

# Numbered headings, GB/T 9704 levels: 一、 → （一） → 1. → （1）.
CN_NUMERAL = "[一二三四五六七八九十]{1,3}"
TOP_MARKER = re.compile(rf"^({CN_NUMERAL}){SPACES}*[、．.]{SPACES}*")
PAREN_MARKER = re.compile(rf"^[（(]({CN_NUMERAL})[）)]{SPACES}*")
HEADING_END = re.compile("[。！？!?：:]")
CLAUSE_END = re.compile("[，,；;]")   # where an over-long heading without a full stop is cut
MAX_HEADING = 80

# Notes around the signature that are neither the signing office nor the letter's text.
SIGN_OFF_NOTE = re.compile(r"[（(]?(?:联系人|联系电话|联系方式|抄送|附件|办理结果|签发人|公开方式)")

# Marks of the letter's head (GB/T 9704) on lines of their own: the document number
# (粤人社建〔2025〕31号) and the class of the reply (A类: what was asked is done).
HEAD_MARK = re.compile(r"^(?:.{0,16}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号|[ABC]\s*类)$")

# Paragraphs that always stand alone: a line never runs on into them.
STANDALONE_START = re.compile(
    rf"""^(?:
        {CN_NUMERAL}{SPACES}*[、．.]                 # 一、
      | [（(](?:{CN_NUMERAL}|\d{{1,2}})[）)]          # （一） （1）
      | 尊敬的 | 此函 | 特此 | 专此 | 此复
      | .{{1,30}}(?:委员|代表|同志|先生|女士|主任|主席|议员)们?[：:]$   # the addressee
      | {SIGN_OFF_NOTE.pattern}
      | {HEAD_MARK.pattern}
      | (?:\d{{4}}|[〇零一二三四五六七八九]{{4}}){SPACES}*年.{{1,12}}日$   # the date line
    )""",
    re.VERBOSE,
)
CLOSING_FORMULA = re.compile(r"^(?:此函|特此函[复覆]|专此答[复覆]|特此答[复覆]|此[复覆]|特此回[复覆]|专此函[复覆])[。.!！]?$")

# Where the closing begins: the paragraph that turns from the answer to the future or to thanks.
CLOSING_START = re.compile(r"^(?:下一步|今后|下阶段|接下来|最后|再次感谢|衷心感谢|感谢|此函|特此|专此|此复)")
OPENING_END = re.compile(r"答[复覆]如下|回[复覆]如下|函[复覆]如下|说明如下|报告如下")

ADDRESSEE = re.compile(r"^(?:尊敬的)?(.{1,40})[：:]$")
PROPOSAL_NO = (
    re.compile(r"第\s*([A-Za-z]?\d\d[A-Za-z0-9\-]*)\s*号"),     # \d\d, not \d{2,}: the rest may be digits too
    re.compile(r"(?:提案|建议|议案)(?:编号|号)?\s*(?:[:：]\s*)?([A-Za-z]?\d{3,}[A-Za-z0-9\-]*)"),
    re.compile(r"编号\s*[:：]\s*([A-Za-z0-9\-]{3,})"),
)
BOOK_TITLE = re.compile(r"《([^《》]{1,200})》")
# The proposal's own title: 《…》, or “…” in 关于“…”的提案.
PROPOSAL_TITLE = (BOOK_TITLE, re.compile(r"关于[“\"]([^”\"]{2,80})[”\"]的(?:提案|建议|议案)"))
TITLE_START = re.compile("关于|答复|回函|复函|意见")

DATE = re.compile(
    rf"""(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}}){SPACES}*年{SPACES}*
         (?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){SPACES}*月{SPACES}*
         (?:(?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){SPACES}*日)?""",
    re.VERBOSE,
)
AS_OF = re.compile(rf"(?:截至|截止|截止到|截止至|至|到){SPACES}*{DATE.pattern}", re.VERBOSE)

# Units and measure words, as written after a number. Longest first in the pattern.
COUNT_WORDS = (
    "个", "家", "名", "位", "人", "人次", "户", "场", "次", "款", "类", "大类", "项", "条", "件",
    "份", "所", "座", "栋", "套", "台", "部", "张", "篇", "批", "期", "种", "处", "间", "宗",
    "笔", "支", "只", "辆", "架", "艘", "本", "册", "门", "节", "课时", "学时", "床", "倍",
    "层", "棵", "株", "盏", "根", "片", "块", "园", "校", "村", "镇", "街道", "社区",
    "个月", "周", "天", "个工作日", "工作日", "年", "小时", "分钟", "秒", "毫秒",
    "成", "代", "岁", "周岁", "轮", "届次", "批次", "单", "例", "组", "团", "队", "排", "吨",
)
MEASURE_UNITS = (
    "元", "千元", "万元", "亿元", "美元", "万美元", "亿美元", "港元", "万港元", "亿港元",
    "平方米", "万平方米", "平方公里", "平方千米", "公里", "千米", "米", "厘米", "亩", "万亩", "公顷",
    "万吨", "公斤", "千克", "克", "升", "立方米", "万立方米", "千瓦", "万千瓦", "兆瓦", "千瓦时",
    "度", "万度", "摄氏度", "个百分点", "百分点",
)
LATIN_UNITS = (
    "%", "‰", "℃", "P", "PB", "TB", "GB", "MB", "EB", "E", "T", "G", "M", "W", "kW", "MW", "GW",
    "kWh", "MWh", "Mbps", "Gbps", "Tbps", "km", "kg", "m²", "m2", "km²", "TOPS", "PFLOPS", "EFLOPS",
)
# A number before these words tells what is counted; after other units the subject comes first.
SUBJECT_FOLLOWS = frozenset(COUNT_WORDS) - {"倍", "成", "年", "天", "周", "小时", "分钟", "秒", "毫秒", "个月", "个工作日", "工作日"}

MAX_NUMBER = 20          # characters: longer runs of digits are codes or noise, never quantities
MAGNITUDES = ("万亿", "千万", "百万", "十万", "万", "亿", "千", "百")

QUALIFIER_BEFORE = {
    "超过": "over", "超出": "over", "超": "over", "逾": "over", "高于": "over", "大于": "over",
    "多于": "over", ">": "over", "＞": "over",
    "不足": "under", "不到": "under", "低于": "under", "少于": "under", "小于": "under", "<": "under", "＜": "under",
    "约": "about", "近": "about", "将近": "about", "接近": "about", "大约": "about", "约为": "about",
    "不少于": "at_least", "至少": "at_least", "不低于": "at_least", "≥": "at_least", ">=": "at_least",
    "不超过": "at_most", "最多": "at_most", "最高": "at_most", "最低": "at_least", "不高于": "at_most", "至多": "at_most", "≤": "at_most", "<=": "at_most",
}
# A rate may stand between the qualifier and the number: 不超过每月 2800 元.
RATE = rf"每(?:千人口|万人|百人|月|日|{alternation(COUNT_WORDS + MEASURE_UNITS)})?|人均|生均|户均|年均|日均"
QUALIFIER_INSIDE = {"余": "over", "多": "over"}          # 1500 余名, 100 多家
QUALIFIER_AFTER = {"以上": "over", "有余": "over", "以下": "under", "以内": "at_most", "内": "at_most", "左右": "about", "上下": "about"}
# Words that link a subject to a bare number: 达 2000, 为 35 (stay exact).
LINK_WORDS = ("达到", "达", "为", "共计", "合计", "总计", "累计", "共", "突破", "至", "到", "是")
# Words that set or change a figure rather than say what it counts: 失业率控制在 3%,
# 时限由平均 60 个工作日缩短至 30 个工作日, 同比增长 15%, 较上年提高 3 个百分点.
CHANGED_FROM = "(?<![理自缘事])[由从](?:平均|原来的?|原先的?|去年的?|上年的?|此前的?|过去的?)?"
COMPARED_WITH = ("同比", "环比", "较上年同期", "比上年同期", "较去年同期", "比去年同期", "较上年", "比上年",
                 "较去年", "比去年", "较同期", "比同期")
CHANGE_WORDS = ("增长", "下降", "提高", "降低", "减少", "增加", "提升", "上升", "回落", "下滑", "扩大", "缩小", "缩短", "延长")
CHANGED = rf"(?:^|{alternation(COMPARED_WITH)})(?:{alternation(CHANGE_WORDS)})"
SET_TO = rf"(?:控制|保持|稳定|维持)在|(?:{alternation(CHANGE_WORDS + ('压缩', '缩减', '降', '增'))})[至到]"
# Between the two ends of a range: 3—5 年, 2 万至 3 万元, 10%~15%.
RANGE_TO = re.compile(f"{SPACES}*(?:至|到|—|–|－|-|~|～){SPACES}*")
# Units of a figure relative to another: 同比增长 15% is the change of the figure before it.
RELATIVE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "倍", "成"})      # and fractions (/3)

QUALIFIER_SYMBOL = {"exact": "", "over": ">", "under": "<", "about": "≈", "at_least": "≥", "at_most": "≤"}

# A stated quantity: qualifier, rate, 百分之, number, magnitude, 余/多, unit, 以上/左右 — all as written.
CLAIM = re.compile(
    rf"""
    (?P<before>{alternation(QUALIFIER_BEFORE)})?{SPACES}?(?P<rate>(?:{RATE}){{0,3}}){SPACES}?
    (?P<per>百分之|千分之|(?P<denominator>[{CN_NUMERALS}]{{1,4}})分之)?
    (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUMERALS}]+(?:点[{CN_DIGITS}]+)?)
    {SPACES}?(?P<magnitude>{alternation(MAGNITUDES)})?
    (?P<inside>{alternation(QUALIFIER_INSIDE)})?{SPACES}?
    (?P<unit>(?:{alternation(LATIN_UNITS)})(?![A-Za-z])|{alternation(COUNT_WORDS + MEASURE_UNITS)})?
    (?P<after>{alternation(QUALIFIER_AFTER)})?
    """,
    re.VERBOSE,
)

# Where the phrase that says what is counted stops, and the words that tie it to its number.
CLAUSE_BREAK = re.compile("[，。；;：:、！？!?（）()\n“”\"《》,]")
# What may stand between two figures of one thing counted in two units: 1.9 万户、5.6 万人.
FIGURE_JOINERS = frozenset({"、", "，", ",", "和", "及", "与", "或"})
LEAD_WORDS = re.compile("^(?:其中|目前|现有|当前|同时|另外|此外|共有|共|并|已|还|均|全年|今年|去年|上年|较上年|力争|争取|预计|计划|每.{0,2})$")
TRAILING_LINKS = re.compile(
    rf"(?:{alternation(LINK_WORDS + tuple(QUALIFIER_BEFORE) + ('百分之', '千分之'))}|{RATE}|{SET_TO}|{CHANGED_FROM}|{CHANGED})\s*$")

# Spans whose numbers are never claims.
NON_CLAIM_SPANS = tuple(re.compile(p, re.VERBOSE) for p in (
    r"《[^《》]{0,200}》",                                   # titles of documents and programmes
    r"[“\"][^“”\"]{1,12}[”\"]",                              # short quoted names: “3+2” “1+N”
    DATE.pattern,                                          # 2025 年 9 月 26 日
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:[-–—~～至到]\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*)?年(?:度|初|底|末|内)?",  # 2025 年, 2024-2026 年
    r"\d{1,2}\s*月(?:份|底|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*日)?",   # 10 月, 9 月 26 日
    r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?",                   # 2025-09-26, 2025.9
    r"\d{1,2}:\d{2}",                                      # 9:30
    r"第\s*(?:\d+|[零〇一二两三四五六七八九十百千]+)",             # ordinals: 第一批, 第 2025134 号
    r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d*\s*号?",              # document numbers: 〔2024〕12 号
    r"(?<!\d)\d+\s*号",                                      # numbers of documents and proposals
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+届(?:人大|政协|人民代表大会|常委会|委员会)*(?:[一二三四五六七八九十]+次)?",  # 十三届一次会议
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+次(?:会议|全会|全体会议|常委会议)",
    r"十[一二三四五六七八九]五",                               # plan names: 十四五
    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+是",        # enumerations: 一是…二是
    r"(?<![A-Za-z0-9.])[2-6]G(?![A-Za-z0-9])|(?<![A-Za-z0-9.])[2-4]D(?![A-Za-z0-9])|(?<![A-Za-z0-9.])[48]K(?![A-Za-z0-9])",  # 5G, 3D, 4K
    r"(?<![A-Za-z0-9])[A-Za-z]+[-_.]?\d[A-Za-z0-9]*",         # names with digits: GPT-4, H800, R1
    r"(?<!\d)(?:(?:\d{3,4}[-—－])?\d{7,8}|1[3-9]\d{9}|400[-—]\d{3}[-—]\d{4})(?!\d)",  # phone numbers
    r"[（(]\s*\d{1,2}\s*[）)]|(?:^|(?<=[。；;：:\s]))\d{1,2}[.．、](?!\d)",   # list markers: （1） 1.
    r"两个维护|两个确立|四个意识|四个自信|四个全面|三个代表|五位一体|两会|三农|一带一路|双一流",  # political formulas
))

# Chinese numerals that alone count nothing: 一 is an article (一批, 一个), and a
# bare magnitude is an idiom (万家灯火, 千家万户, 百家).
LONE_NUMERALS = frozenset("一十百千万亿")

# Words that say nothing about what a section is about.
STOP_WORDS = frozenset("""
我局 我区 我市 我省 我委 我办 本局 局 区 市 省 全区 全市 全省 推动 推进 加强 加快 建设 工作 开展 进一步 积极
相关 有关 方面 进行 实现 提供 持续 不断 深入 全面 提升 完善 强化 促进 支持 落实 做好 组织 构建 形成 打造
同时 助力 给予 以及 通过 其中 为了 已经 一批 一系列 重点 主要 提案 建议 委员 代表 答复 回函 您 您的 感谢
关注 关心 我们 他们 这些 这个 各类 各级 有效 一是 二是 三是 四是 五是 下一步 今后 此函 将 已 和 及
""".split())
# Keywords are never numbers or units; a huge section gives them from its start.
NOT_KEYWORD = re.compile(rf"\d|^(?:百分之|千分之)?[{CN_NUMERALS}]+[余多至到]?$|^(?:{alternation(MEASURE_UNITS)})$|^每.$")
KEYWORD_TEXT = 20000    # characters: TF-IDF needs no more to say what a section is about
COMPARED_SECTIONS = 40  # words most sections share are dropped, in letters of up to this many sections
MAX_SENTENCE = 400      # a "sentence" without punctuation is cut into blocks of this size

# Nouns, for finding what a number counts (jieba part-of-speech tags).
NOUN_TAGS = frozenset({"a", "r", "n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "vn", "an", "eng", "j", "l", "g", "ng", "b", "s", "f", "i"})
LEAD_TAGS = frozenset({"v", "d", "p", "c", "t", "u", "ad", "vd", "m", "q", "x", "uj", "ul"})
NOUN_SUFFIXES = frozenset("会网数率量额点区园站馆所室台库群端器机费金款人员")
MAX_SUBJECT = 14
# Nouns of officialese that jieba splits or tags as verbs; taught to it as nouns.
OFFICIAL_TERMS = (
    "占比", "覆盖率", "上岗率", "持证率", "满意度", "完成率", "办结率", "知晓率", "达标率", "合格率",
    "对接会", "推介会", "发布会", "座谈会", "服务站", "服务点", "示范点", "托位", "床位", "人次",
)
OFFICIAL_VERBS = ("惠及", "覆盖", "带动", "吸引", "新建", "建成", "培育", "引进", "兑现", "落户", "入驻", "落地", "招收")


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
    inflated: float = field(default=256, metadata={"over": "inflates to more than {} MB of PDF content"})
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
    """A line as read. PDF lines carry their geometry; text lines do not."""
    text: str
    x0: float | None = None
    x1: float | None = None
    size: float | None = None


@dataclass(frozen=True)
class Document:
    """What `load` read: pages of lines, before any cleaning."""
    source: str
    kind: str                                  # "pdf" or "text"
    pages: tuple[tuple[Line, ...], ...]
    notes: tuple[str, ...] = ()                # what reading noticed (mislabelled file, bad page)


@dataclass(frozen=True)
class Claim:
    """A stated quantity: 超 20000P → value 20000, unit P, qualifier over, subject 可调用算力资源."""
    value: int | float
    unit: str
    qualifier: str
    subject: str
    section: int | None
    text: str
    sentence: str
    as_of: str | None = None
    start: int = field(default=0, compare=False)   # offset in the letter's body

    def compact(self) -> str:
        """`>20000P 可调用算力资源`: the form used in tables."""
        return f"{QUALIFIER_SYMBOL[self.qualifier]}{format_value(self.value)}{self.unit} {self.subject}".strip()


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
    """A letter's bytes → its Document: a PDF by its content, else text in the encoding it is in."""
    if not raw.strip():
        raise DigestError(path, "empty file")
    notes = []
    suffix = Path(path).suffix.lower()
    if looks_like_pdf(raw):
        if path != "-" and suffix != ".pdf":
            notes.append(f"{path} is a PDF, though its name says otherwise; read as PDF")
        pages = read_pdf(raw, path, password, limits)
        if any("(cid:" in line.text for page in pages for line in page):
            notes.append("some characters have no Unicode map in the PDF and read as (cid:N)")
        return Document(path, "pdf", pages, tuple(notes))
    if suffix == ".pdf":
        notes.append(f"{path} is named .pdf but holds text; read as text")
    text, decoding_notes = decode(raw, path)
    return Document(path, "text", text_pages(text), tuple(notes) + decoding_notes)


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
    """Text → pages of lines; form feeds (from pdftotext) separate pages."""
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    return tuple(tuple(Line(line) for line in page.split("\n")) for page in pages)


def read_pdf(raw: bytes, path: str, password: str | None,
             limits: Limits = Limits()) -> tuple[tuple[Line, ...], ...]:
    try:
        with collector_paused(), limits_enforced(limits):
            pages = pdf_pages(raw, path, password, limits)
    except LimitExceeded as over:
        raise DigestError(path, limits.reason(over.name)) from None
    lines = [line.text for page in pages for line in page]
    if not lines:
        raise DigestError(path, "no text layer (scanned PDF?) — run OCR first, e.g. ocrmypdf")
    if sum("(cid:" in text for text in lines) > len(lines) // 2:
        raise DigestError(path, "the PDF's fonts have no Unicode map: its text cannot be extracted")
    return pages


def pdf_pages(raw: bytes, path: str, password: str | None, limits: Limits) -> tuple[tuple[Line, ...], ...]:
    """Each page's lines, a page at a time: each is closed once read, so memory holds one page's layout."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    pdf = open_pdf(raw, path, password)
    pages = []
    try:
        for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), 1):
            if number > limits.pages:
                raise LimitExceeded("pages")
            page = Page(pdf, page_object, page_number=number)
            pages.append(pdf_lines(page, path))
            page.close()
    except (DigestError, LimitExceeded):
        raise
    except Exception as error:  # a damaged page tree shows only once pages are read
        raise DigestError(path, f"not a readable PDF ({describe(error)})") from None
    return tuple(pages)


def open_pdf(raw: bytes, path: str, password: str | None):
    import pdfplumber  # only PDFs pay for it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    first = None
    for form in password_forms(password or ""):
        try:
            return pdfplumber.open(io.BytesIO(raw), password=form)
        except LimitExceeded:
            raise
        except Exception as error:  # another form of the password may open it
            first = first or error
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

    pdftypes.PDFStream.decode, pdftypes.zlib = counted_decode, BoundedZlib(budget)
    analyser.render_char, analyser.begin_figure = counted_render_char, counted_begin_figure
    try:
        with time_limit(limits.seconds):
            yield
    finally:
        pdftypes.PDFStream.decode, pdftypes.zlib = decode, inflater
        analyser.render_char, analyser.begin_figure = render_char, begin_figure


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

def clean(document: Document) -> tuple[str, ...]:
    """Pages of lines → the letter's paragraphs, as its author wrote them.

    >>> clean(Document("x", "text", ((Line("累积发"), Line(""), Line("布 27 类场景。")),)))
    ('累积发布 27 类场景。',)
    """
    raw = [line for page in drop_furniture(document.pages) for line in page]
    breaks = layout_breaks(raw)
    spaced = spaces_around_latin(raw)
    paragraphs: list[str] = []
    pieces: list[str] = []              # the paragraph being built; joined once, so long ones stay linear
    for line, layout_break in zip(raw, breaks):
        text = normalise(line.text)
        if not text:
            continue
        if pieces and not starts_paragraph(pieces, text, layout_break):
            pieces += [separator(pieces[-1], text, spaced), text]
            continue
        if pieces:
            paragraphs.append("".join(pieces))
        pieces = [text]
    if pieces:
        paragraphs.append("".join(pieces))
    return tuple(paragraphs)


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


def running_lines(pages: list[list[Line]]) -> frozenset[str]:
    edges: Counter[str] = Counter()
    for page in pages:
        texts = [line.text.strip() for line in page if line.text.strip()]
        edges.update({furniture_key(text) for text in texts[:2] + texts[-2:]})
    needed = max(2, (len(pages) + 1) // 2)
    return frozenset(key for key, count in edges.items() if count >= needed and len(key) <= 40)


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def layout_breaks(lines: Sequence[Line]) -> list[bool | None]:
    """For each line, what the page layout says: True starts a paragraph, False runs on, None unknown.

    PDFs say it by geometry (a first-line indent, a short last line, a change of
    font size); text files by indentation, when they indent their paragraphs.
    """
    if any(line.x0 is not None for line in lines):
        return pdf_breaks(lines)
    return text_breaks(lines)


def pdf_breaks(lines: Sequence[Line]) -> list[bool | None]:
    body = [line for line in lines if line.text and line.size]
    if not body:
        return [None] * len(lines)
    size = statistics.median(line.size for line in body)
    left = Counter(round(line.x0) for line in body if abs(line.size - size) < 0.5).most_common(1)[0][0]
    right = sorted(line.x1 for line in body)[int(len(body) * 0.9)]
    breaks: list[bool | None] = []
    previous: Line | None = None
    for line in lines:
        if not line.text:
            breaks.append(None)
            continue
        unit = line.size or size
        indent = line.x0 - left
        if previous is None:
            breaks.append(True)
        else:
            full = previous.x1 >= right - 1.2 * (previous.size or size)
            resized = abs((previous.size or size) - unit) > 0.5
            display = abs(unit - size) > 0.5 and not resized    # a title wrapped in its own large type
            breaks.append(resized or not (full or display) or 0.8 * unit <= indent <= 4.5 * unit and not display)
        previous = line
    return breaks


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
    short = len(previous) <= 3 and sum(map(len, previous)) <= 40
    if STANDALONE_START.match(text) or short and standalone_line("".join(previous)):
        return True
    if layout_break is not None:
        return layout_break
    return bool(PARAGRAPH_END.search(previous[-1]))


def standalone_line(text: str) -> bool:
    # A heading on its own line (一、加强组织领导), a closing formula and a note such as
    # 办理结果：A类 end their paragraph.
    return bool(CLOSING_FORMULA.match(text) or SIGN_OFF_NOTE.match(text) or HEAD_MARK.match(text)) or (
        bool(TOP_MARKER.match(text) or PAREN_MARKER.match(text)) and len(text) <= 40
        and not PARAGRAPH_END.search(text) and not re.search("[。！？]", text))


def join_lines(left: str, right: str, spaced: bool = True) -> str:
    """Join two pieces of a paragraph; in a `spaced` letter Latin and digits keep a space from Chinese.

    >>> join_lines("数据可用不可", "见"), join_lines("基于", "Deepseek 开发"), join_lines("（<1", "毫秒")
    ('数据可用不可见', '基于 Deepseek 开发', '（<1 毫秒')
    >>> join_lines("第02", "13号")
    '第0213号'

    """
    return left + separator(left, right, spaced) + right


def separator(left: str, right: str, spaced: bool) -> str:
    """What stood at a line break: a space between words, nothing inside Chinese or a number."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    latin = lambda ch: ch.isascii() and ch.isalnum()
    if a.isdigit() and b.isdigit():
        return ""                                 # a number cut by the wrap: 02 / 13号
    if latin(a) and latin(b) or spaced and (latin(a) and CJK_CHAR.match(b) or CJK_CHAR.match(a) and latin(b)):
        return " "
    return ""


# ── Structure ────────────────────────────────────────────────────────────────
# paragraphs → header, opening, numbered sections, closing.

@dataclass(frozen=True)
class Outline:
    """Where the parts of a letter lie, as paragraph indices."""
    headings: tuple[int, ...]          # paragraphs that start a numbered section
    closing: int                       # first paragraph of the closing (len(paragraphs) if none)
    level: re.Pattern | None           # the marker of the top-level sections
    date_at: int | None = None         # the signing date
    senders: tuple[int, ...] = ()      # the signing office(s), just above the date


def outline(paragraphs: Sequence[str]) -> Outline:
    """Find the numbered sections and the closing.

    >>> outline(["尊敬的张委员：", "一、加强规划", "正文。", "二、强化保障", "正文。", "此函。"]).headings
    (1, 3)
    """
    level = next((marker for marker in (TOP_MARKER, PAREN_MARKER)
                  if sum(1 for text in paragraphs if marker.match(text)) >= (1 if marker is TOP_MARKER else 2)), None)
    headings = tuple(i for i, text in enumerate(paragraphs) if level and level.match(text))
    start = headings[-1] + 1 if headings else opening_end(paragraphs)
    closing = next((i for i in range(start, len(paragraphs)) if CLOSING_START.match(paragraphs[i])), len(paragraphs))
    date_at = letter_date(paragraphs, start)
    senders = sender_lines(paragraphs, date_at, start)
    signed = senders[0] if senders else date_at
    # A letter that ends without 此函 or 下一步 still ends with its signature.
    closing = closing if signed is None else min(closing, signed)
    return Outline(headings, closing, level, date_at, tuple(senders))


def opening_end(paragraphs: Sequence[str]) -> int:
    # Without sections, the closing is searched for after the sentence that announces the answer.
    announced = next((i for i, text in enumerate(paragraphs) if OPENING_END.search(text)), None)
    if announced is not None:
        return announced + 1
    return min(len(paragraphs), 2)


def split(paragraphs: Sequence[str]) -> tuple[str, str, list[Section], str, Meta]:
    """Paragraphs → (body, opening, sections, closing, meta); sections carry spans into body."""
    body = "\n".join(paragraphs)
    offsets = paragraph_offsets(paragraphs)
    folded = [text.translate(SIMPLIFIED) for text in paragraphs]   # 答覆 and 感謝 read as 答复 and 感谢
    parts = outline(folded)
    first = parts.headings[0] if parts.headings else parts.closing
    bounds = list(parts.headings) + [parts.closing]
    sections = [section_at(paragraphs, offsets, bounds[k], bounds[k + 1], parts.level)
                for k in range(len(parts.headings))]
    opening = body[:offsets[first]].rstrip("\n") if first < len(paragraphs) else body
    closing = body[offsets[parts.closing]:] if parts.closing < len(paragraphs) else ""
    return body, opening, sections, closing, header(paragraphs, folded, first, parts)


def paragraph_offsets(paragraphs: Sequence[str]) -> list[int]:
    offsets, at = [], 0
    for text in paragraphs:
        offsets.append(at)
        at += len(text) + 1
    return offsets + [at]


def section_at(paragraphs, offsets, first: int, end: int, level: re.Pattern) -> Section:
    lead = paragraphs[first]
    marker = level.match(lead)
    heading, after = split_heading(lead[marker.end():])
    text = "\n".join(filter(None, [after, *paragraphs[first + 1:end]]))
    return Section(chinese_value(marker.group(1)) or 0, marker.group(1), heading, text,
                   marker=marker.group(0).strip(), span=(offsets[first], offsets[end] - 1))


def split_heading(lead: str) -> tuple[str, str]:
    """The heading and what follows it in its paragraph: 加强组织，高位推进。党的… → (加强组织，高位推进。, 党的…).

    A heading ends at its first full stop or colon; a paragraph too long to be a
    heading and without one gives its first clause.
    """
    stop = HEADING_END.search(lead, 0, MAX_HEADING)
    if stop is None and len(lead) > MAX_HEADING:
        stop = CLAUSE_END.search(lead, 0, MAX_HEADING)
    if stop is None:
        return (lead.strip(), "") if len(lead) <= MAX_HEADING else (lead[:MAX_HEADING].strip(), lead[MAX_HEADING:].strip())
    return lead[:stop.end()].strip(), lead[stop.end():].strip()


def header(paragraphs: Sequence[str], folded: Sequence[str], first_section: int, parts: Outline) -> Meta:
    """The letter's header fields, matched on the folded paragraphs and cut from the letter as written."""
    front = folded[:first_section]
    addressee_at = next((i for i, text in enumerate(front[:8]) if is_addressee(text)), None)
    title_start, title_end = title_lines(front, addressee_at)
    title = "".join(paragraphs[title_start:title_end]) or None
    searched = "\n".join(folded[:max(title_end, first_section)])
    written = "\n".join(paragraphs[:max(title_end, first_section)])
    date = iso_date(DATE.fullmatch(folded[parts.date_at].strip())) if parts.date_at is not None else None
    return Meta(
        title=title,
        proposal_no=first_group(PROPOSAL_NO, searched, written),
        proposal_title=first_group(PROPOSAL_TITLE, searched, written),
        addressee=addressee(paragraphs[addressee_at], front[addressee_at]) if addressee_at is not None else None,
        sender="、".join(paragraphs[i].strip() for i in parts.senders) or None,
        date=date,
    )


def title_lines(front: Sequence[str], addressee_at: int | None) -> tuple[int, int]:
    """The title's paragraphs: above the addressee, from the one that says 关于 (a letterhead may stand first)."""
    end = addressee_at if addressee_at else min(1, len(front))
    start = next((i for i in range(end) if TITLE_START.search(front[i])), 0)
    if addressee_at is None and not any(TITLE_START.search(text) for text in front[:end]):
        return 0, 0
    return start, end


def is_addressee(text: str) -> bool:
    return bool(ADDRESSEE.match(text)) and not OPENING_END.search(text) and (
        text.startswith("尊敬的") or re.search("委员|代表|同志|先生|女士|主任|主席|议员|各位", text) is not None)


def addressee(text: str, folded: str) -> str:
    """'尊敬的胡为民委员：' → '胡为民委员'."""
    return text[slice(*ADDRESSEE.match(folded).span(1))].strip()


def first_group(patterns: Iterable[re.Pattern], folded: str, written: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(folded)
        if found:
            return written[slice(*found.span(1))].strip()
    return None


def letter_date(paragraphs: Sequence[str], floor: int) -> int | None:
    """The signing date: the last paragraph near the end, after `floor`, that is a full date and nothing else."""
    for i in range(len(paragraphs) - 1, max(floor, len(paragraphs) - 12) - 1, -1):
        found = DATE.fullmatch(paragraphs[i].strip())
        if found and found.group("day"):
            return i
    return None


def sender_lines(paragraphs: Sequence[str], date_at: int | None, floor: int) -> list[int]:
    """The signing office(s): the short unpunctuated paragraphs just above the date."""
    if date_at is None:
        return []
    offices: list[int] = []
    for i in range(date_at - 1, max(floor, date_at - 4) - 1, -1):
        text = paragraphs[i].strip()
        if (len(text) > 40 or PARAGRAPH_END.search(text) or CLOSING_FORMULA.match(text) or TOP_MARKER.match(text)
                or SIGN_OFF_NOTE.match(text)):
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
# text → claims: value, unit, qualifier, subject, as written.

def extract(text: str, section: int | None = None, offset: int = 0, segmenter=None) -> list[Claim]:
    """Every quantitative claim in `text`, in reading order.

    >>> [c.compact() for c in extract("目前，本地部署算力达 2700P，可调用算力资源超 20000P。")]
    ['2700P 本地部署算力', '>20000P 可调用算力资源']
    """
    folded = text.translate(SIMPLIFIED)
    masked = mask_non_claims(folded)
    claims, floor, sentences = [], 0, {}
    for found in CLAIM.finditer(masked):
        reading = read_claim(found, masked)
        if reading is None:
            continue
        value, unit, qualifier = reading
        start, end = found.span()
        what = as_written(text, folded, subject(folded, masked, (floor, start, end), unit, segmenter), start)
        span = sentence_span(text, start, end)
        sentence = sentences.get(span) or sentences.setdefault(span, text[slice(*span)].strip())
        listed = masked[floor:start].strip() in FIGURE_JOINERS      # 受益居民约 1.9 万户、5.6 万人
        if not what and claims and claims[-1].sentence == sentence and (listed or same_measure(claims[-1].unit, unit)):
            what = claims[-1].subject
        claims.append(Claim(
            value=value, unit=unit, qualifier=qualifier, subject=what, section=section,
            text=text[start:end].strip(), sentence=sentence, as_of=as_of(folded, start), start=offset + start,
        ))
        floor = end
    return claims


def same_measure(before: str, unit: str) -> bool:
    """Does a figure without a subject measure what the figure before it in the sentence did?
    由 76% 提高到 91%: yes; 资金 9.6 亿元，同比增长 15%: a change of it, also yes."""
    return unit == before or unit in RELATIVE_UNITS or unit.startswith("/")


def mask_non_claims(text: str) -> str:
    """Blank out dates, names, ordinals and document numbers so no claim is read from them.

    They become line breaks, so that they also end the phrase a subject is read from.

    >>> mask_non_claims("截至2025年6月，建成 3 个")
    '截至\\n\\n\\n\\n\\n\\n\\n，建成 3 个'
    """
    spans = sorted(found.span() for pattern in NON_CLAIM_SPANS for found in pattern.finditer(text))
    pieces, at = [], 0
    for start, end in spans:
        start = max(start, at)
        if end > start:
            pieces += [text[at:start], "\n" * (end - start)]
            at = end
    return "".join(pieces) + text[at:]


def read_claim(found: re.Match, text: str) -> tuple[int | float, str, str] | None:
    """A CLAIM match → (value, unit, qualifier), or None when it is no claim."""
    number, unit = found.group("number"), found.group("unit") or range_unit(text, found.end())
    if len(number) > MAX_NUMBER:
        return None                               # a run of digits, not a quantity
    chinese = not number[0].isdigit()
    magnitude = found.group("magnitude") or ""
    per = {"百分之": "%", "千分之": "‰"}.get(found.group("per") or "", "")
    if found.group("denominator") and not per:    # 三分之二 is 2 thirds, as 百分之九十五 is 95 %
        denominator = chinese_value(found.group("denominator"))
        per = f"/{denominator}" if denominator else ""
    if chinese:
        number, magnitude = split_chinese_magnitude(number, magnitude, unit)
        if not (unit or found.group("per")) or (number in LONE_NUMERALS and not found.group("per")):
            return None                           # 一批, 万家: words, not counts
    value = chinese_value(number) if chinese else arabic_value(number)
    if value is None:
        return None
    unit = per + magnitude + unit
    qualifier = (QUALIFIER_BEFORE.get(found.group("before") or "")
                 or QUALIFIER_INSIDE.get(found.group("inside") or "")
                 or QUALIFIER_AFTER.get(found.group("after") or "") or "exact")
    if not unit and qualifier == "exact" and not linked(text, found.start()):
        return None                               # a bare number nothing vouches for: a code, a name
    if unit == "年" and not chinese and value >= 100:
        return None                               # a year written without context
    return value, unit, qualifier


def range_unit(text: str, end: int) -> str:
    """The unit a range writes once, after its upper end: 3—5 年, 2 万至 3 万元."""
    joined = RANGE_TO.match(text, end)
    upper = joined and CLAIM.match(text, joined.end())
    return (upper.group("unit") or "") if upper else ""


def split_chinese_magnitude(number: str, magnitude: str, unit: str) -> tuple[str, str]:
    # 两千七百万元 is written like 2700 万元: the trailing 万 / 亿 belongs to the unit.
    if unit and not magnitude and len(number) > 1 and number[-1] in "万亿":
        return number[:-1], number[-1]
    return number, magnitude


def linked(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" ")
    return before.endswith(LINK_WORDS)


def arabic_value(number: str) -> int | float:
    """'1,200' → 1200, '99.99' → 99.99.

    >>> arabic_value("1,200"), arabic_value("0.37")
    (1200, 0.37)
    """
    number = number.replace(",", "")
    return float(number) if "." in number else int(number)


def chinese_value(numeral: str) -> int | float | None:
    """A Chinese numeral → its value, or None when it is not one (十四五).

    >>> chinese_value("两千七百"), chinese_value("一百二十"), chinese_value("十二"), chinese_value("三点五")
    (2700, 120, 12, 3.5)
    >>> chinese_value("十四五") is None
    True
    """
    numeral = numeral.translate(SIMPLIFIED)
    if "点" in numeral:
        whole, _, fraction = numeral.partition("点")
        integer = chinese_value(whole) if whole else 0
        if integer is None or not fraction or any(ch not in CN_VALUE for ch in fraction):
            return None
        return float(f"{integer}.{''.join(str(CN_VALUE[ch]) for ch in fraction)}")
    if len(numeral) > 1 and all(ch in CN_VALUE for ch in numeral):
        if len(numeral) < 3:
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
            section += digit or 0
            total = (total + section) * CN_BIG_UNIT[ch] if ch == "亿" else total + section * CN_BIG_UNIT[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def format_value(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


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


def subject(folded: str, masked: str, span: tuple[int, int, int], unit: str, segmenter) -> str:
    """What a number counts: the noun phrase after a measure word (22 家人工智能企业),
    else the phrase the number completes (本地部署算力达 2700P).

    `span` is (where the previous claim ended, where this one starts, where it ends).
    Dates, titles and names (masked) end a phrase as punctuation does.
    """
    floor, start, end = span
    following = lambda: phrase_after(folded, masked, end, segmenter)
    preceding = lambda: phrase_before(masked[max(floor, start - 40):start], segmenter)
    if unit.lstrip("".join(MAGNITUDES)) in SUBJECT_FOLLOWS:
        return following() or preceding()
    return preceding() or following()


def as_written(text: str, folded: str, phrase: str, near: int) -> str:
    # The subject was found in the folded copy; give it back in the letter's own characters.
    if not phrase:
        return ""
    window = max(0, near - 80)
    candidates = [window + m.start() for m in re.finditer(re.escape(phrase), folded[window:near + 120])]
    at = min(candidates, key=lambda i: abs(i - near))
    return text[at:at + len(phrase)]


def phrase_after(folded: str, masked: str, end: int, segmenter) -> str:
    rest, skipped = folded[end:end + 40], 0
    while True:                 # 27 类 1003 个场景清单, 2 至 3 岁幼儿: counts of counts and ranges share a subject
        joined = RANGE_TO.match(rest, skipped)
        at = joined.end() if joined else len(rest) - len(rest[skipped:].lstrip(" "))
        nested = CLAIM.match(rest, at)
        if not nested:
            break
        skipped = nested.end()
    quoted = re.match(r"\s*[“\"]([^”\"]{1,20})[”\"]", rest[skipped:])
    if quoted:
        return quoted.group(1)
    clause = CLAUSE_BREAK.split(masked[end + skipped:end + 40], 1)[0]
    following = next((m for m in CLAIM.finditer(clause) if m.group("number") and read_claim(m, clause)), None)
    clause = strip_links(clause[:following.start()] if following else clause)
    return noun_run(clause[:MAX_SUBJECT + 6], segmenter)    # tagging more than a subject can hold is wasted


def strip_links(clause: str) -> str:
    """管理率达 → 管理率: the words that tie a subject to its number are not part of it."""
    clause = clause.rstrip()
    while TRAILING_LINKS.search(clause):
        clause = TRAILING_LINKS.sub("", clause, count=1).rstrip()
    return clause


def phrase_before(text: str, segmenter) -> str:
    """The clause before a number, less its link words: 持证上岗率由去年的 → 持证上岗率."""
    return trim_clause(strip_links(CLAUSE_BREAK.split(text)[-1])[-(MAX_SUBJECT + 10):], segmenter)


def noun_run(clause: str, segmenter) -> str:
    """The nouns at the start of a clause: 人工智能企业落户… → 人工智能企业."""
    words = segmenter(clause) if segmenter else [(clause, "n")]
    run = ""
    for k, (word, tag) in enumerate(words):
        if not word.strip():
            if run and k + 1 < len(words) and words[k + 1][1] in NOUN_TAGS:
                run += word
                continue
            if run:
                break
            continue
        modifier = not run and tag == "v" and len(word) > 1 and k + 1 < len(words) and nominal(words, k + 1)
        place = not run and tag == "f"         # 三年内实现…: 内 ends the figure, it starts no subject
        if place or not (nominal(words, k) or modifier) or len(run) + len(word) > MAX_SUBJECT:
            break
        run += word
    return run.strip()


def nominal(words: Sequence[tuple[str, str]], k: int) -> bool:
    # jieba tags many nouns of officialese as verbs: 对接会 = 对接(v) 会(v), 管理率 = 管理(vn) 率(v).
    word, tag = words[k]
    if tag in NOUN_TAGS or (len(word) == 1 and word in NOUN_SUFFIXES):
        return True
    following = words[k + 1][0] if k + 1 < len(words) else ""
    return tag.startswith("v") and (not following.strip() or len(following) == 1 and following in NOUN_SUFFIXES)


def trim_clause(clause: str, segmenter) -> str:
    """The subject inside the clause before a number.

    Trailing particles and prepositions go (托育机构按照 → 托育机构); so does all
    up to the last verb that still leaves a noun phrase (全区共有托育机构 →
    托育机构, 拉动行业增长 → 行业增长, 按照实际投资额 → 实际投资额), and leading
    adverbs and time words.

    >>> trim_clause("目前，本地部署算力", tag_words), trim_clause("全区共有托育机构", tag_words)
    ('本地部署算力', '托育机构')
    """
    if not clause.strip():
        return ""
    words = segmenter(clause.strip()) if segmenter else [(clause.strip(), "n")]
    while words and (words[-1][1] in LEAD_TAGS - {"v"} or not words[-1][0].strip()):
        words = words[:-1]
    k = 0
    while k < len(words) - 1:
        word, tag = words[k]
        rest = words[k + 1:]
        cuts = tag == "v" and len(word) > 1 or tag == "p" or word == "的"
        if cuts and sum(len(w) for w, _ in rest) >= 3 and any(t in NOUN_TAGS for _, t in rest):
            words, k = rest, 0
            continue
        k += 1
    while len(words) > 1 and (LEAD_WORDS.match(words[0][0]) or words[0][1] in LEAD_TAGS - {"v"}
                              or words[0][1] == "v" and len(words[0][0]) > 1
                              or sum(len(w) for w, _ in words) > MAX_SUBJECT):
        words = words[1:]
    if all(tag in LEAD_TAGS or LEAD_WORDS.match(word) for word, tag in words):
        return ""
    return "".join(word for word, _ in words).strip()


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
def jieba_module():
    """jieba, quiet, with its dictionary cache in the user's cache directory."""
    import logging
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.CRITICAL + 1)   # what it logs is for its developers, not our users
    folder = usable_cache()
    if folder:
        jieba.dt.tmp_dir = folder
        jieba.dt.initialize()
    else:       # the dictionary built in a folder of our own, then gone: nothing left behind, nothing said
        import tempfile
        with tempfile.TemporaryDirectory(prefix="digest-") as scratch:
            jieba.dt.tmp_dir = scratch
            jieba.dt.initialize()
    for term in OFFICIAL_TERMS:
        jieba.add_word(term, tag="n")
    for verb in OFFICIAL_VERBS:
        jieba.add_word(verb, tag="v")
    settle()
    return jieba


def tag_words(clause: str) -> list[tuple[str, str]]:
    """Part-of-speech tags of a short clause (jieba.posseg)."""
    return [(pair.word, pair.flag) for pair in jieba_module().posseg.cut(clause)]


@functools.lru_cache(maxsize=None)
def keyword_extractor():
    """jieba's own TF-IDF extractor (its IDF table loads once, on import); our stop words are applied after."""
    jieba_module()
    import jieba.analyse
    settle()
    return jieba.analyse.default_tfidf


def settle() -> None:
    """Set what was just loaded aside from the garbage collector.

    jieba's tables live as long as the process; left in the collector's care they
    are walked again by every full collection, and reading a PDF sets off many.
    """
    gc.collect()
    gc.freeze()


def quantity(word: str) -> bool:
    """Is the word just a number with its measure word (四百二十家)?"""
    found = CLAIM.fullmatch(word.translate(SIMPLIFIED))
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
    return [tuple(word for word in words if word not in STOP_WORDS and not NOT_KEYWORD.search(word) and not quantity(word)
                  and (word not in everywhere or word in section.heading))[:count]
            for words, section in zip(ranked, sections)]


# ── Checks ───────────────────────────────────────────────────────────────────

def checks(meta: Meta, sections: Sequence[Section], claims: Sequence[Claim], looks_like_letter: bool) -> list[str]:
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
    if not looks_like_letter:
        warnings.append("this does not look like a reply letter (no addressee, no proposal, no numbered sections)")
    return warnings


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


# ── The pipeline ─────────────────────────────────────────────────────────────

def digest(document: Document) -> Letter:
    """A Document → a Letter: clean, split, extract, check."""
    paragraphs = clean(document)
    if not paragraphs:
        raise DigestError(document.source, "no text in the letter")
    body, opening, sections, closing, meta = split(paragraphs)
    claims = body_claims(body, sections)
    sections = [dataclasses.replace(section, keywords=keywords, claims=own)
                for section, keywords, own in zip(sections, section_keywords(sections), claims_by_section(sections, claims))]
    looks_like_letter = bool(meta.addressee or meta.proposal_no or sections)
    warnings = list(document.notes) + checks(meta, sections, claims, looks_like_letter)
    return Letter(document.source, body, meta, opening, tuple(sections), closing, tuple(claims), tuple(warnings))


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
    claims = []
    for start, end, number in regions:
        claims += extract(body[start:end], number, start, tag_words)
    return claims


# ── Rendering ────────────────────────────────────────────────────────────────
# Letters → text, one function a format, in pieces: a digest far bigger than its
# letter (every claim carries its sentence) is written out, never held whole.
# Printing is main's one line; render() joins the pieces for whoever wants a str.
# Text from a letter or a file name reaches a terminal only made printable, and rich
# only as Text, never as markup.

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


def json_safe(dumped: str) -> str:
    """JSON text with what json.dumps leaves raw (C1, DEL, format characters, lone surrogates)
    escaped too: a JSON reader gets the same strings, a terminal nothing it would act on."""
    return UNSAFE.sub(lambda found: "".join(
        f"\\u{unit:04x}" for unit in utf16_units(found.group())), dumped)


def utf16_units(ch: str) -> tuple[int, ...]:
    code = ord(ch)
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)


def claim_dict(claim: Claim) -> dict:
    return {"value": claim.value, "unit": claim.unit, "qualifier": claim.qualifier, "subject": claim.subject,
            "section": claim.section, "text": claim.text, "sentence": claim.sentence, "as_of": claim.as_of}


def section_dict(section: Section) -> dict:
    return {"number": section.number, "numeral": section.numeral, "marker": section.marker,
            "heading": section.heading, "text": section.text, "keywords": list(section.keywords),
            "claims": [claim_dict(claim) for claim in section.claims]}


def letter_fields(letter: Letter) -> dict:
    """The JSON contract — these keys keep their names and meanings — with the long lists left lazy."""
    return {
        "source": letter.source,
        "meta": dataclasses.asdict(letter.meta),
        "opening": letter.opening,
        "sections": map(section_dict, letter.sections),
        "closing": letter.closing,
        "claims": map(claim_dict, letter.claims),
        "warnings": list(letter.warnings),
    }


def letter_dict(letter: Letter) -> dict:
    return {key: list(value) if isinstance(value, map) else value for key, value in letter_fields(letter).items()}


def overview_row(item: Letter | DigestError) -> dict:
    """One letter in a line: what an overview of many letters shows."""
    if isinstance(item, DigestError):
        return {"source": item.path, "date": None, "sender": None, "proposal_no": None,
                "sections": None, "claims": None, "warnings": None, "error": item.reason}
    return {"source": item.source, "date": item.meta.date, "sender": item.meta.sender,
            "proposal_no": item.meta.proposal_no, "sections": len(item.sections), "claims": len(item.claims),
            "warnings": len(item.warnings), "error": None}


OVERVIEW_HEAD = ("File", "Date", "Sender", "Proposal", "Sections", "Claims", "Warnings")


def overview_cells(item: Letter | DigestError) -> tuple[str, ...]:
    row = overview_row(item)
    if row["error"]:
        return (printable(row["source"]), printable(f"error: {row['error']}"), "", "", "", "", "")
    return tuple("—" if row[key] is None else printable(str(row[key]))
                 for key in ("source", "date", "sender", "proposal_no", "sections", "claims", "warnings"))


def letters_of(items: Sequence[Letter | DigestError]) -> list[Letter]:
    return [item for item in items if isinstance(item, Letter)]


def render_json(items: Sequence[Letter | DigestError], color: bool = False,
                overview_only: bool = False) -> Iterator[str]:
    """One object a letter (an array for several), one section or claim a line; with
    `overview_only`, an array of overview rows, failures included."""
    dump = lambda value: json_safe(json.dumps(value, ensure_ascii=False))
    if overview_only:
        yield from json_list(map(overview_row, items), dump, indent="  ")
        yield "\n"
        return
    several = len(items) > 1
    yield "[\n" if several else ""
    for k, letter in enumerate(letters_of(items)):
        yield ",\n" if k else ""
        yield from json_letter(letter, dump)
    yield "\n]\n" if several else "\n"


def json_letter(letter: Letter, dump: Callable[[object], str]) -> Iterator[str]:
    yield "{"
    for k, (key, value) in enumerate(letter_fields(letter).items()):
        yield f"{',' if k else ''}\n  {dump(key)}: "
        if isinstance(value, (map, list)):
            yield from json_list(value, dump, indent="    ", close="  ")
        else:
            yield dump(value)
    yield "\n}"


def json_list(values: Iterable, dump: Callable[[object], str], indent: str, close: str = "") -> Iterator[str]:
    empty = True
    for value in values:
        yield ("[\n" if empty else ",\n") + indent + dump(value)
        empty = False
    yield "[]" if empty else f"\n{close}]"


def claim_line(claims: Sequence[Claim], separator: str = " · ") -> str:
    return separator.join(printable(claim.compact()) for claim in claims)


def section_rows(letter: Letter, separator: str = " · ", between_keywords: str = "、") -> list[tuple[str, str, str, str]]:
    """One row a section, plus the opening and the closing when they hold claims; printable."""
    closing_at = len(letter.body) - len(letter.closing)
    opening = [claim for claim in letter.claims if claim.section is None and claim.start < closing_at]
    closing = [claim for claim in letter.claims if claim.section is None and claim.start >= closing_at]
    line = functools.partial(claim_line, separator=separator)
    rows = [("", "(opening)" if letter.sections else "(letter)", line(opening), "")] if opening else []
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


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render_table(items: Sequence[Letter | DigestError], color: bool = False, overview_only: bool = False,
                 width: int = 100) -> Iterator[str]:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    if len(items) > 1 or overview_only:
        console.print(overview_table(items, color))
        console.print()
    for letter in [] if overview_only else letters_of(items):
        print_letter(console, letter, color)
    yield "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def table_box(color: bool):
    # Box-drawing lines on a terminal; plain ASCII where the table lands in a file.
    from rich import box
    return box.SQUARE if color else box.ASCII2


def overview_table(items: Sequence[Letter | DigestError], color: bool):
    from rich.table import Table
    from rich.text import Text
    overview = Table(title=f"Overview of {plural(len(items), 'letter')}", box=table_box(color),
                     expand=True, title_justify="left")
    for name in OVERVIEW_HEAD:
        wide = name in ("File", "Sender")
        overview.add_column(name, overflow="fold", ratio=3 if wide else None, no_wrap=not wide,
                            justify="right" if name in OVERVIEW_HEAD[4:] else "left")
    for item in items:
        overview.add_row(*map(Text, overview_cells(item)))
    return overview


def print_letter(console, letter: Letter, color: bool) -> None:
    from rich.table import Table
    from rich.text import Text
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    for label, value in meta_rows(letter):
        info.add_row(Text(label), Text(value))
    console.print(info)
    table = Table(box=table_box(color), show_lines=True, expand=True)
    table.add_column("#", no_wrap=True, width=2)
    table.add_column("Heading", ratio=3, overflow="fold")
    table.add_column("Claims", ratio=4, overflow="fold")
    table.add_column("Keywords", ratio=2, overflow="fold")
    for row in section_rows(letter, separator="\n", between_keywords=" "):
        table.add_row(*map(Text, row))
    console.print(table)
    for warning in letter.warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", printable(warning)))
    console.print()


def md_cell(text: str) -> str:
    return printable(str(text).replace("\n", " ")).replace("|", r"\|")


def md_table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(items: Sequence[Letter | DigestError], color: bool = False,
                    overview_only: bool = False) -> Iterator[str]:
    parts = 0
    if len(items) > 1 or overview_only:
        lines = [f"# Overview of {plural(len(items), 'letter')}", ""] + md_table(OVERVIEW_HEAD, map(overview_cells, items))
        yield "\n".join(lines) + "\n"
        parts += 1
    for letter in [] if overview_only else letters_of(items):
        yield ("\n" if parts else "") + markdown_letter(letter, "#" if len(items) == 1 else "##")
        parts += 1


def markdown_letter(letter: Letter, level: str) -> str:
    """A heading, the metadata, the section table, the claims table, the warnings."""
    numerals = {section.number: section.numeral for section in letter.sections}
    lines = [f"{level} {printable(letter.meta.title or Path(letter.source).name)}", ""]
    lines += [f"- **{label}:** {md_cell(value)}" for label, value in meta_rows(letter)[1:]]
    lines += ["", "**Sections**", ""] + md_table(("#", "Heading", "Claims", "Keywords"), section_rows(letter))
    lines += ["", "**Claims**", ""] + md_table(
        ("#", "Value", "Unit", "Qualifier", "Subject", "Section", "As of", "Text"),
        ((str(k), format_value(c.value), c.unit, c.qualifier, c.subject, numerals.get(c.section, ""), c.as_of or "", c.text)
         for k, c in enumerate(letter.claims, 1)))
    if letter.warnings:
        lines += ["", "**Warnings**", ""] + [f"- {md_cell(warning)}" for warning in letter.warnings]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[..., Iterator[str]]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
}


def render(fmt: str, items: Sequence[Letter | DigestError], **options) -> str:
    """The digest in one format, as one string."""
    return "".join(RENDERERS[fmt](items, **options))


# ── Many letters ─────────────────────────────────────────────────────────────
# Paths → letters, PDFs read in worker processes. Only this part and main do I/O.

LETTER_SUFFIXES = frozenset({".pdf", ".txt", ".md"})


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
        return [DigestError(folder, "is a directory with no letters (.pdf, .txt, .md) in it")]
    return sorted(found, key=lambda item: item.path if isinstance(item, DigestError) else item)


def load_or_error(path: str, password: str | None, limits: Limits = Limits(),
                  raw: bytes | None = None) -> Document | DigestError:
    try:
        return document_of(path, read_bytes(path, limits) if raw is None else raw, password, limits)
    except DigestError as error:
        return error


def load_all(paths: Sequence[str | DigestError], password: str | None, jobs: int,
             limits: Limits = Limits()) -> Iterator[Document | DigestError]:
    """Each path's Document, in order. PDFs are read by reader processes (`jobs` of them), so that
    one that hangs or blows up fails alone, while this process reads the text letters and digests."""
    with Readers(jobs, password, limits) as readers:
        for index, path in enumerate(paths):
            if isinstance(path, str) and is_pdf_file(path):
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
    # Standard input and pipes are read here, once; what turns out to be a PDF goes to a reader.
    try:
        raw = read_bytes(path, limits)
    except DigestError as error:
        return error
    if looks_like_pdf(raw):
        readers.submit(index, path, raw)
        return readers.result(index)
    return load_or_error(path, password, limits, raw)


READER_GRACE = 1.0       # seconds past the time limit before a reader that its own timer did not stop is ended
# Letters handed to a reader at once: enough that it reads on while this process is busy for a second
# (loading jieba for the first letter), few enough that its queue of paths never fills the pipe to it.
READ_AHEAD = 32


@dataclass
class Reader:
    """A reader process and the letters handed to it, in the order it reads them."""
    process: object
    connection: object
    tasks: deque = field(default_factory=deque)         # (index, path, bytes or None) of letters handed to it
    started: float = 0.0                                # when it began the first of them


class Readers:
    """Reader processes for PDFs, started as letters need them, up to `count`.

    Each letter is read against its limits; one that a reader cannot stop by itself (stuck in
    C past its time limit) is ended from here, and one that kills its reader (out of memory)
    fails alone: its reader's other letters go to a new one. Where no process can be started,
    letters are read in this process.
    """

    def __init__(self, count: int, password: str | None, limits: Limits):
        self.count, self.password, self.limits = count, password, limits
        self.waiting: deque[tuple[int, str, bytes | None]] = deque()
        self.readers: list[Reader] = []
        self.done: dict[int, Document | DigestError] = {}
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
        while index not in self.done:
            if self.here:
                task_index, path, raw = self.waiting.popleft()
                self.done[task_index] = load_or_error(path, self.password, self.limits, raw)
            else:
                self.collect(timeout=None)
        self.expected.discard(index)
        return self.done.pop(index)

    def hand_out(self) -> None:
        while self.waiting and not self.here:
            # A PDF's own bytes (from standard input) go only to an idle reader: a busy one would read
            # them only after handing back its letters, while this process still sends them.
            room = 1 if self.waiting[0][2] is not None else READ_AHEAD
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
                there, self.password, self.limits, [reader.connection for reader in self.readers]))
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
                index, document = reader.connection.recv()
                self.done[index] = document
                reader.tasks.popleft()
                reader.started = time.monotonic()          # it has begun its next letter
        except (EOFError, OSError):
            self.end(reader, None)

    def end(self, reader: Reader, reason: str | None) -> None:
        """End a reader that will not hand back its letter: that letter fails alone, and the
        others handed to it wait for another reader."""
        reader.process.kill()
        reader.process.join()
        index, path, _ = reader.tasks.popleft()
        self.done[index] = DigestError(path, reason or f"the process reading it {death(reader.process.exitcode)}")
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


def read_letters(connection, password: str | None, limits: Limits, others: Sequence) -> None:
    """A reader process: letters in, Documents out, until the main process says no more."""
    for other in others:          # the ends of other readers this process inherited
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the main process's to answer: it ends readers
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    yield_to_main()
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, raw = task
        try:
            document = load_or_error(path, password, limits, raw)
        except Exception as error:
            document = internal_error(path, error)
        connection.send((index, document))


def yield_to_main() -> None:
    """Lower a worker's priority. The main process digests every letter, in order: it is the
    critical path, and a worker that takes its core only makes every letter wait."""
    with contextlib.suppress(AttributeError, OSError):   # no os.nice on Windows
        os.nice(10)


def is_pdf_file(path: str) -> bool:
    """Is it a regular file that holds a PDF? (A pipe is read once, by the main process.)"""
    try:
        with open(path, "rb") as file:
            return stat.S_ISREG(os.fstat(file.fileno()).st_mode) and looks_like_pdf(file.read(1024))
    except OSError:
        return False


def digest_all(paths: Sequence[str | DigestError], password: str | None, jobs: int,
               progress: Callable[[], None] = lambda: None, limits: Limits = Limits()) -> list[Letter | DigestError]:
    """Every path digested, or the error that stopped it, in the order given."""
    results: list[Letter | DigestError] = []
    # Closed however this ends: an interrupt while a letter is digested ends the readers too.
    with contextlib.closing(load_all(paths, password, jobs, limits)) as documents:
        for document in documents:
            results.append(digested(document))
            progress()
    return results


def digested(document: Document | DigestError) -> Letter | DigestError:
    try:
        return document if isinstance(document, DigestError) else digest(document)
    except DigestError as error:
        return error
    except Exception as error:
        return internal_error(document.source, error)


def internal_error(path: str, error: Exception) -> DigestError:
    """A bug met on an unseen letter: that letter's one line, and the other letters go on."""
    return DigestError(path, f"internal error, please report it ({describe(error, named=True)})")


# ── Command line ─────────────────────────────────────────────────────────────

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Digest Chinese government reply letters (答复函 / 回函): header, numbered sections, "
                    "quantitative claims.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a letter (.txt, .md or .pdf), a directory of letters, or - for standard input")
    parser.add_argument("-f", "--format", choices=("auto", *RENDERERS), default="auto",
                        help="output format; auto is table on a terminal, markdown in a pipe or file")
    parser.add_argument("-r", "--recursive", action="store_true", help="take letters from sub-directories too")
    parser.add_argument("--overview-only", action="store_true", help="print only the overview, one row a letter")
    parser.add_argument("-j", "--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                        help="reader processes for PDFs (default: the number of CPUs); each PDF is read in one")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=N", type=limit_setting,
                        help="raise (or lower) a letter's limit: " + ", ".join(
                            f"{limit.name} (default {format_value(limit.default)})" for limit in dataclasses.fields(Limits))
                        + f"; also from {LIMITS_VARIABLE}=\"NAME=N,…\"")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


LIMITS_VARIABLE = "DIGEST_LIMITS"


def limit_setting(text: str) -> tuple[str, float]:
    """'seconds=120' → ('seconds', 120.0)."""
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
    limits = chosen_limits(parser, args.limit)
    if sys.stdout is None:                  # started with standard output closed (>&-)
        complain("error: standard output is closed: there is nowhere to write the digest")
        return 1
    tty = sys.stdout.isatty()
    fmt = ("table" if tty else "markdown") if args.format == "auto" else args.format
    with tuned_process(fmt):
        paths = expand(args.paths, args.recursive)
        with progress_bar(len(paths)) as advance:
            results = digest_all(paths, args.password, args.jobs, advance, limits)
        for failure in results:
            if isinstance(failure, DigestError):
                named = printable(failure.path) or '""'             # digest.py "" names nothing
                complain(f"error: {named}: {printable(failure.reason)}")
        written = True
        if letters_of(results) or (args.overview_only and results) or len(results) > 1:
            color = tty and fmt == "table" and not os.environ.get("NO_COLOR")
            renderer = RENDERERS[fmt]
            if fmt == "table" and tty:     # never wider than 100 columns, narrower on a narrow terminal
                renderer = functools.partial(renderer, width=min(100, shutil.get_terminal_size().columns))
            written = write_out(renderer(results, color=color, overview_only=args.overview_only))
    return 1 if not written or any(isinstance(result, DigestError) for result in results) else 0


def write_out(pieces: Iterable[str]) -> bool:
    """Write the digest; False, with one line said, when standard output cannot take it (a full disk)."""
    try:
        sys.stdout.writelines(pieces)
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        raise
    except OSError as error:
        complain(f"error: standard output: cannot write the digest ({error.strerror or type(error).__name__})")
        output_to_nowhere()
        return False


def complain(message: str) -> None:
    """One line on standard error, when there is one: `digest: MESSAGE`."""
    if sys.stderr is None:            # started with standard error closed (print would pick standard output)
        return
    with contextlib.suppress(OSError):
        print(f"digest: {message}", file=sys.stderr, flush=True)


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
QUIET_LIBRARIES = ("pdfminer", "pdfplumber")    # their log lines and warnings are no part of standard error


@contextlib.contextmanager
def tuned_process(fmt: str) -> Iterator[None]:
    """The settings a run makes for its whole process, put back after (main may be called in-process).

    SIGTERM and SIGHUP stop a run as Ctrl-C does, so readers end and the progress bar is
    cleared; the PDF libraries say nothing on standard error (standard error carries only
    the tool's own lines); output the locale cannot encode is escaped, never a traceback,
    and JSON is UTF-8 whatever the locale.
    """
    import logging
    import warnings

    in_main_thread = threading.current_thread() is threading.main_thread()
    # A signal the process was started ignoring stays ignored (nohup ignores SIGHUP).
    handlers = {signum: signal.signal(signum, stop_run) for signum in STOP_SIGNALS
                if in_main_thread and signal.getsignal(signum) != signal.SIG_IGN}
    levels = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    output = sys.stdout, getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(**({"encoding": "utf-8"} if fmt == "json" else {}), errors="backslashreplace")
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="|".join(QUIET_LIBRARIES))
            yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        stream, encoding, errors = output
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(encoding=encoding, errors=errors)


def stop_run(signum: int, frame) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def progress_bar(total: int, few: int = 3) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error for more than a few letters, when it is a terminal."""
    if total <= few or sys.stderr is None or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress
    # No refresh thread (auto_refresh off): reader processes are forked while the bar is up.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("digesting", total=total)
        yield lambda: (progress.advance(task), progress.refresh())


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


if __name__ == "__main__":
    sys.exit(run())
