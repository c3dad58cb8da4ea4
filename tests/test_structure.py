"""Structure: header, numbered sections in each layout, opening and closing, checks."""

import pytest

from conftest import digest, digest_text

SHARED = """关于区政协第88号提案的答复
尊敬的陈委员：
您提出的《关于加强社区治理的提案》收悉，现答复如下：
一、加强组织，高位推进。党的十八大以来，我区建立社区议事会 56 个。
二、完善机制，规范运行。全区社区工作者持证率达 80%。
下一步，我们将持续推进。
此函。
某某区民政局
二〇二五年九月二十六日
"""

SUBLEVELS = """关于第7号建议的答复
李代表：
现将办理情况答复如下：
一、关于资源供给
（一）扩大总量。全区共有托育机构 186 家。
（二）推进一体化。一是加强监管，二是加强培训。
1.建设补贴。每个托位补贴 1 万元。
二、关于服务质量
（1）开展检查不少于 2 次。
特此函复。
某某区卫生健康委员会
2025年7月10日
（联系人：陈晓；联系电话：021-68541234）
"""

NO_SECTIONS = """关于第9号建议的答复
刘代表：
您的建议收悉。经研究，现答复如下：
片区现有停车场 47 个，新增泊位不少于 600 个。
专此答复。
某某区城市管理局
2025年6月18日
"""


def test_heading_sharing_its_paragraph_ends_at_the_first_full_stop():
    letter = digest_text(SHARED)
    assert [(s.number, s.numeral, s.heading) for s in letter.sections] == [
        (1, "一", "加强组织，高位推进。"), (2, "二", "完善机制，规范运行。")]
    assert letter.sections[0].text.startswith("党的十八大以来")


def test_header_fields_and_chinese_date():
    meta = digest_text(SHARED).meta
    assert meta == digest.Meta(title="关于区政协第88号提案的答复", proposal_no="88", proposal_title="关于加强社区治理的提案",
                               addressee="陈委员", sender="某某区民政局", date="2025-09-26")


def test_sub_levels_stay_inside_their_top_level_section():
    letter = digest_text(SUBLEVELS)
    assert [s.heading for s in letter.sections] == ["关于资源供给", "关于服务质量"]
    assert "（二）推进一体化" in letter.sections[0].text and "1.建设补贴" in letter.sections[0].text
    assert [c.section for c in letter.claims] == [1, 1, 2]


def test_contact_lines_after_the_date_stay_in_the_closing():
    letter = digest_text(SUBLEVELS)
    assert letter.meta.date == "2025-07-10" and letter.meta.sender == "某某区卫生健康委员会"
    assert letter.closing.endswith("（联系人：陈晓；联系电话：021-68541234）")
    assert letter.claims and all("68541234" not in c.text for c in letter.claims)   # the phone is no claim


def test_letter_without_numbered_sections_still_digests():
    letter = digest_text(NO_SECTIONS)
    assert letter.sections == ()
    assert [(c.value, str(c.unit), c.qualifier) for c in letter.claims] == [(47, "个", "exact"), (600, "个", "at_least")]
    assert letter.closing.startswith("专此答复")


def test_opening_ends_where_the_first_section_starts():
    letter = digest_text(SHARED)
    assert letter.opening.endswith("现答复如下：")
    assert letter.closing.startswith("下一步")


def test_a_numeral_inside_a_paragraph_starts_no_section():
    letter = digest_text("尊敬的王委员：\n现答复如下：\n一、加强保障\n我们做了三件事：一、建站；二、培训。\n此函。")
    assert len(letter.sections) == 1


def test_parenthesised_numerals_are_the_top_level_without_top_level_headings():
    letter = digest_text("尊敬的王委员：\n现答复如下：\n（一）加强保障\n正文。\n（二）完善机制\n正文。\n此函。")
    assert [(s.number, s.heading) for s in letter.sections] == [(1, "加强保障"), (2, "完善机制")]


def test_sections_opening_and_closing_partition_the_body():
    letter = digest_text(SUBLEVELS)
    pieces = [letter.opening] + [letter.body[slice(*s.span)] for s in letter.sections] + [letter.closing]
    assert "\n".join(pieces) == letter.body


@pytest.mark.parametrize("numerals, warning", [
    ("一二四", "skips from 二 to 四"),
    ("一二二", "repeats 二"),
    ("二三", "starts at 二"),
], ids=["gap", "repeat", "late-start"])
def test_numbering_gaps_and_repeats_are_flagged(numerals, warning):
    body = "\n".join(f"{n}、标题\n正文。" for n in numerals)
    letter = digest_text(f"尊敬的王委员：\n现答复如下：\n{body}\n此函。\n某局\n2025年1月2日")
    assert any(warning in w for w in letter.warnings)


def test_missing_date_and_sender_are_flagged():
    letter = digest_text("尊敬的王委员：\n现答复如下：\n一、加强保障\n正文。")
    assert {"no date found at the end of the letter", "no sender (signing office) found above the date"} <= set(letter.warnings)


def test_a_claim_dated_after_the_letter_is_flagged(futian):
    warnings = futian["txt"].warnings
    assert len(warnings) == 1 and "2025-10" in warnings[0] and "2025-09-26" in warnings[0]


@pytest.mark.parametrize("date, iso", [
    ("2025 年 9 月 26 日", "2025-09-26"), ("2025年10月1日", "2025-10-01"),
    ("二〇二五年九月二十六日", "2025-09-26"), ("二〇二四年十二月三十一日", "2024-12-31"),
])
def test_dates_read_in_both_notations(date, iso):
    assert digest.iso_date(digest.DATE.fullmatch(date)) == iso


def test_the_sample_has_seven_sections(futian):
    assert [s.numeral for s in futian["pdf"].sections] == list("一二三四五六七")
    assert futian["pdf"].meta.proposal_no == "2025134"
    assert futian["pdf"].meta.date == "2025-09-26"


# ── Header fields in the layouts real letters use ─────────────────────────────

@pytest.mark.parametrize("head, field, expected", [
    ("某某省能源局\n某能源函〔2025〕46号\n答复类别：B\n关于省政协第0287号提案答复的函\n九三学社某某省委员会：",
     "addressee", "九三学社某某省委员会"),
    ("某某省能源局\n某能源函〔2025〕46号\n答复类别：B\n关于省政协第0287号提案答复的函\n九三学社某某省委员会：",
     "title", "关于省政协第0287号提案答复的函"),
    ("市住房和城乡建设局：", "addressee", "市住房和城乡建设局"),
    ("尊敬袁大山代表:", "addressee", "袁大山代表"),
    ("对县八届人大二次会议\n第72号建议答复\n\n高大松代表\n", "addressee", "高大松代表"),
    ("对县八届人大二次会议\n第72号建议答复\n\n高大松代表\n", "title", "对县八届人大二次会议第72号建议答复"),
    ("某县财政局关于县人大第69号建议办理结果的复函\n\n某财办建〔2019〕35号\n\n王某代表:", "title",
     "某县财政局关于县人大第69号建议办理结果的复函"),
], ids=["body-after-class-and-number", "title-below-head-marks", "bureau", "尊敬-without-的", "name-without-colon",
        "two-line-title", "title-above-document-number"])
def test_the_head_of_a_letter(head, field, expected):
    letter = digest_text(f"{head}\n您提出的建议收悉，现答复如下：\n一、加强保障\n正文。\n此函。\n某局\n2025年1月2日")
    assert getattr(letter.meta, field) == expected


@pytest.mark.parametrize("opening, title", [
    ("你们提出的“关于做好“十五五”电网规划的建议”已交我们办理。", "关于做好“十五五”电网规划的建议"),
    ("您提出的关于加快清洁能源产业发展的建议收悉，现答复如下：", "关于加快清洁能源产业发展的建议"),
    ("您《关于增加蓄水工程建设的建议》收悉。", "关于增加蓄水工程建设的建议"),
    ("根据《某某实施方案》，您提出的“关于加大电网建设支持力度的提案”收悉。", "关于加大电网建设支持力度的提案"),
], ids=["nested-quotes", "unquoted", "您《…》", "not-the-first-book-title"])
def test_the_proposal_title_is_the_one_the_opening_names(opening, title):
    letter = digest_text(f"王委员：\n{opening}\n一、加强保障\n正文。\n此函。\n某局\n2025年1月2日")
    assert letter.meta.proposal_title == title


@pytest.mark.parametrize("letter_text, sender", [
    ("某县卫生健康局关于县人大第93号建议的答复\n刘代表：\n现答复如下：\n一、加强保障\n正文。\n感谢您的支持。\n2025年7月25日",
     "某县卫生健康局"),
    ("类别:B\n某市生态环境局 签发人:赵某\n对市政协第225号提案的答复函\n赵委员:\n现答复如下:\n一、加强保障\n正文。", "某市生态环境局"),
    ("高代表\n现答复如下:\n正文。\n承办单位:某县住房和城乡建设局\n单位负责人:", "某县住房和城乡建设局"),
], ids=["title", "letterhead-with-签发人", "承办单位"])
def test_a_letter_without_a_signature_takes_its_sender_from_its_head_or_a_label(letter_text, sender):
    assert digest_text(letter_text).meta.sender == sender


@pytest.mark.parametrize("date_line, iso", [("20211026", "2021-10-26"), ("2025年13月40日", None), ("9999年99月99日", None)],
                         ids=["compact", "impossible-month", "impossible"])
def test_the_signing_date(date_line, iso):
    letter = digest_text(f"王委员：\n现答复如下：\n一、加强保障\n正文。\n特此函告。\n某局\n{date_line}")
    assert letter.meta.date == iso


def test_arabic_numbering_is_the_top_level_where_a_letter_has_no_chinese_numbers():
    letter = digest_text("王委员：\n现答复如下：\n1、腊味小镇已列入重点项目，停车场已建成。其余在建。\n"
                         "2、提升乡村旅游水平，联合村已评为示范村。感谢支持。\n此函。")
    assert [(s.number, s.numeral, s.heading) for s in letter.sections] == [
        (1, "1", "腊味小镇已列入重点项目，停车场已建成。"), (2, "2", "提升乡村旅游水平，联合村已评为示范村。")]


@pytest.mark.parametrize("body, last_section_has_it", [
    ("一、关于供给\n正文。\n下一步，我们将新建 3 所。\n二、关于质量\n正文。\n下一步，我们将培训 200 人。\n感谢支持。", True),
    ("一、关于供给\n正文。\n二、关于质量\n正文。\n三、下一步工作\n下一步，我们将培训 200 人。\n感谢支持。", True),
    ("一、关于供给\n正文。\n二、关于质量\n正文。\n下一步，我们将培训 200 人。\n感谢支持。", False),
], ids=["each-section-ends-with-next-steps", "a-section-of-next-steps", "a-closing-of-next-steps"])
def test_next_steps_after_the_last_section(body, last_section_has_it):
    letter = digest_text(f"王委员：\n现答复如下：\n{body}\n此函。\n某局\n2025年1月2日")
    claim = letter.claims[-1]
    assert (claim.value, claim.section is not None) == (200, last_section_has_it)
