"""Properties (hypothesis): nothing is lost, generated letters round-trip, digest is total."""

from __future__ import annotations

import io
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import digest, digest_text, hard_wrap

# DIGEST_EXAMPLES=1000 for a longer search than the suite's default.
SETTINGS = settings(max_examples=int(os.environ.get("DIGEST_EXAMPLES", 80)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# ── Nothing lost ──────────────────────────────────────────────────────────────

FRAGMENTS = ["一、", "二、", "四、", "十二、", "（一）", "（二）", "1.", "一是", "此函。", "特此函复。", "下一步，", "感谢您的支持！",
             "2025年9月26日", "二〇二五年九月二十六日", "尊敬的王委员：", "李代表：", "现答复如下：", "某某区民政局", "— 1 —",
             "第 3 页", "《关于加强养老服务的建议》", "超 2700P", "1500 余名", "百分之九十", "一百二十余家", "截至2025年10月",
             "。", "，", "\n", "\n\n", "\f", " ", "　", "\r\n", "ＡＩ２７", "﻿"]
PIECES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8),
                            st.text(alphabet="建设养老服务站企业家个名场万元亿达近约超余", max_size=8)), max_size=40)


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


@SETTINGS
@given(PIECES.map("".join))
def test_nothing_is_lost(text):
    try:
        letter = digest_text(text)
    except digest.DigestError:
        assert not squeeze("".join(digest.clean(digest.Document("x", "text", digest.text_pages(text)))))
        return
    parts = [letter.opening] + [s.marker + s.heading + s.text for s in letter.sections] + [letter.closing]
    assert squeeze("".join(parts)) == squeeze(letter.body)


# ── Round trip ────────────────────────────────────────────────────────────────

FILLERS = ["我局高度重视", "会同有关部门认真研究", "持续完善工作机制", "推动政策落地见效", "加强统筹协调", "优化服务流程"]
SUBJECTS = ["养老服务站", "托育机构", "公共停车泊位", "专项资金", "示范企业", "服务对象"]
HEADINGS = ["加强组织领导", "完善政策体系", "扩大服务供给", "强化资金保障", "提升服务质量", "推进医养结合"]
COUNT_UNITS = ["个", "家", "名", "所", "场", "项", "款", "类", "人次", "条"]
MEASURE_UNITS = ["万元", "亿元", "平方米", "毫秒"]
LATIN_UNITS = ["%", "P", "G"]
BEFORE = {"": "exact", "达": "exact", "累计": "exact", "共": "exact", "超过": "over", "超": "over", "逾": "over",
          ">": "over", "近": "under", "约": "about", "不足": "under", "低于": "under", "<": "under",
          "不少于": "at_least", "至少": "at_least", "≥": "at_least", "不超过": "at_most", "最多": "at_most", "≤": "at_most"}
AFTER = {"以上": "over", "以下": "under", "左右": "about"}
INSIDE = {"余": "over", "多": "over"}
CN_DIGITS = "零一二三四五六七八九"
TRADITIONAL = str.maketrans("个项场类余万亿过于", "個項場類餘萬億過於")


def chinese(value: int, count: bool = True) -> str:
    """An integer below 10000 in Chinese numerals: 1005 → 一千零五, 12 → 十二; a count of 2 is 两 (两个), a numeral 二 (二、)."""
    if value == 2 and count:
        return "两"
    parts, zero = [], False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, value = divmod(value, size)
        if digit:
            if zero:
                parts.append("零")
            parts.append(("" if unit == "十" and digit == 1 and not parts else CN_DIGITS[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@st.composite
def claim(draw, section):
    """A claim written in one of the notations digest reads, and what it must read back."""
    notation = draw(st.sampled_from(["arabic", "decimal", "thousands", "full-width", "chinese", "percent-cn", "traditional"]))
    if notation == "decimal":
        value = draw(st.integers(2, 9999)) / 10
        number = f"{value:g}"
    elif notation == "thousands":
        value = draw(st.integers(1000, 999_999))
        number = f"{value:,}"
    elif notation in ("chinese", "percent-cn", "traditional"):
        value = draw(st.integers(2, 9999).filter(lambda v: v not in (10, 100, 1000)))
        if notation == "percent-cn":
            value = draw(st.integers(2, 99).filter(lambda v: v != 10))
        number = chinese(value)
    else:
        value = draw(st.integers(10, 99_999))   # 2G…6G name network generations, not quantities
        number = str(value)
    if notation == "full-width":
        number = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    if notation == "percent-cn":
        unit, written_unit = "%", ""
        number = "百分之" + number
    elif notation in ("chinese", "traditional"):
        unit = written_unit = draw(st.sampled_from(COUNT_UNITS + MEASURE_UNITS))
    else:
        unit = written_unit = draw(st.sampled_from(COUNT_UNITS + MEASURE_UNITS + LATIN_UNITS))
    before = draw(st.sampled_from(sorted(BEFORE)))
    inside = after = ""
    if before == "" and isinstance(value, int) and unit in COUNT_UNITS and value % 10 == 0:
        inside = draw(st.sampled_from(["", *INSIDE]))
    if before == "" and not inside:
        after = draw(st.sampled_from(["", *AFTER]))
    qualifier = BEFORE[before] if before else INSIDE.get(inside) or AFTER.get(after) or "exact"
    text = f"{draw(st.sampled_from(SUBJECTS))}{before}{number}{inside}{written_unit}{after}"
    if notation == "traditional":
        text = text.translate(TRADITIONAL)
    return text, (value, unit, qualifier, section)


@st.composite
def letter(draw):
    """A letter built from parts, and the sections and claims it must digest back to."""
    sections, claims, body = [], [], []
    for number in range(1, draw(st.integers(0, 12)) + 1):
        numeral = chinese(number, count=False)
        heading = draw(st.sampled_from(HEADINGS))
        written = [draw(claim(number)) for _ in range(draw(st.integers(0, 3)))]
        sentences = "".join(f"{draw(st.sampled_from(FILLERS))}，{text}。" for text, _ in written) or "工作有序推进。"
        if draw(st.booleans()):
            body += [f"{numeral}、{heading}", sentences]
            sections.append((number, heading))
        else:
            body.append(f"{numeral}、{heading}。{sentences}")
            sections.append((number, heading + "。"))
        claims += [expected for _, expected in written]
    closing_claims = [draw(claim(None)) for _ in range(draw(st.integers(0, 2)))]
    closing = "下一步，我局将" + "".join(f"{text}，" for text, _ in closing_claims) + "持续推进工作。"
    claims += [expected for _, expected in closing_claims]
    paragraphs = [f"关于区政协第{draw(st.integers(1, 999))}号提案的答复", "尊敬的王建国委员：",
                  "您提出的《关于加强社区服务的提案》收悉，现答复如下：", *body, closing, "此函。", "某某区民政局", "2025年7月10日"]
    return paragraphs, sections, claims


@SETTINGS
@given(letter(), st.sampled_from(["lines", "blank-lines", "wrapped"]), st.integers(16, 40), st.integers(8, 30))
def test_generated_letters_round_trip(built, layout, width, page):
    paragraphs, sections, claims = built
    text = {"lines": "\n".join(paragraphs), "blank-lines": "\n\n".join(paragraphs),
            "wrapped": hard_wrap(paragraphs, width, page, keep={0, 1, len(paragraphs) - 2, len(paragraphs) - 1})}[layout]
    result = digest_text(text)
    assert [(s.number, s.heading) for s in result.sections] == sections
    assert [(c.value, str(c.unit), c.qualifier, c.section) for c in result.claims] == claims
    assert result.meta.date == "2025-07-10" and result.meta.addressee == "王建国委员"


# ── Total ─────────────────────────────────────────────────────────────────────

@SETTINGS
@given(st.text())
def test_any_text_digests_or_raises_the_tools_error(text):
    try:
        digest_text(text)
    except digest.DigestError:
        pass


@SETTINGS
@given(st.one_of(st.binary(), st.binary().map(lambda raw: b"%PDF-1.4\n" + raw),
                 st.text().map(lambda text: text.encode("gb18030"))))
def test_any_bytes_digest_or_raise_the_tools_error(raw):
    try:
        digest.digest(digest.load("-", stdin=io.BytesIO(raw)))
    except digest.DigestError:
        pass
