"""Claims: a fragment → (value, unit, qualifier, subject); what is not a claim; the number reader; keywords."""

import re

import pytest

from conftest import digest


def claims(fragment: str) -> list[tuple]:
    return [(c.value, c.unit, c.qualifier, c.subject) for c in digest.extract(fragment, segmenter=digest.tag_words)]


CASES = [
    ("目前，本地部署算力达 2700P，", (2700, "P", "exact", "本地部署算力")),
    ("可调用算力资源超 20000P，", (20000, "P", "over", "可调用算力资源")),
    ("已建成分中心，形成智算规模 59P，", (59, "P", "exact", "智算规模")),
    ("上线 70 名“数智员工”，", (70, "名", "exact", "数智员工")),
    ("吸引 1500 余名领导同事来交流，", (1500, "名", "over", "领导同事")),
    ("全区共有托育机构 100 多家。", (100, "家", "over", "托育机构")),
    ("服务站逾 300 个。", (300, "个", "over", "服务站")),
    ("新增泊位 1,500 个以上。", (1500, "个", "over", "泊位")),
    ("调度成功率>99.99%。", (99.99, "%", "over", "调度成功率")),
    ("家长满意度约为 95%。", (95, "%", "about", "家长满意度")),
    ("接待观众近45万人次。", (45, "万人次", "about", "观众")),
    ("占比 30%左右。", (30, "%", "about", "占比")),
    ("持证从业人员不足八百人。", (800, "人", "under", "从业人员")),
    ("时延低于 1 毫秒。", (1, "毫秒", "under", "时延")),
    ("培训不少于 20 期。", (20, "期", "at_least", "培训")),
    ("每年安排资金至少 5000 万元。", (5000, "万元", "at_least", "资金")),
    ("单个项目补贴不超过 50 万元。", (50, "万元", "at_most", "单个项目补贴")),
    ("专项资金按每辆不超过 3000 元发放。", (3000, "元", "at_most", "专项资金")),
    ("全区实现≤30 分钟响应。", (30, "分钟", "at_most", "")),
    ("力争三年内实现全覆盖。", (3, "年", "at_most", "")),
    ("累计投入 1.2 亿元。", (1.2, "亿元", "exact", "")),
    ("安排专项资金３８６０万元。", (3860, "万元", "exact", "专项资金")),
    ("签约率达百分之九十五。", (95, "%", "exact", "签约率")),
    ("覆盖率超过三分之二。", (2, "/3", "over", "覆盖率")),
    ("其中四分之一用于改造。", (1, "/4", "exact", "")),
    ("建成养老服务站一百二十余家。", (120, "家", "over", "养老服务站")),
    ("全区已有两百三十所幼儿园开设托班。", (230, "所", "exact", "幼儿园")),
    ("投入两千七百万元用于改造。", (2700, "万元", "exact", "")),
    ("建成三个中心。", (3, "个", "exact", "中心")),
    ("全区建成養老服務站一百二十餘家。", (120, "家", "over", "養老服務站")),
    ("投入資金 1.2 億元。", (1.2, "亿元", "exact", "資金")),
    ("建成服務站貳拾個。", (20, "个", "exact", "")),
]


@pytest.mark.parametrize("fragment, expected", CASES, ids=[
    "达-P", "over-超", "verb-before-subject", "quoted-subject", "over-余", "over-多", "over-逾", "over-以上",
    "over->", "about-约为", "about-近-万人次", "about-左右", "under-不足-chinese", "under-低于", "at_least-不少于",
    "at_least-至少", "at_most-不超过", "rate-每辆", "at_most-≤", "at_most-内", "yi-yuan", "full-width", "baifenzhi", "fraction-over", "fraction-exact", "chinese-余",
    "chinese-hundreds", "chinese-wan-yuan", "chinese-single", "traditional-餘", "traditional-億", "financial-貳拾"])
def test_fragment_gives_claim(fragment, expected):
    found = claims(fragment)
    assert len(found) == 1, found
    value, unit, qualifier, subject = expected
    assert found[0][:3] == (value, unit, qualifier)
    if subject:
        assert found[0][3] == subject


def test_a_count_of_counts_shares_its_subject():
    assert claims("累积发布 27 类 1003 个场景清单，") == [(27, "类", "exact", "场景清单"), (1003, "个", "exact", "场景清单")]


@pytest.mark.parametrize("fragment, expected", [
    ("招收2至3岁幼儿。", [(2, "岁", "exact", "幼儿"), (3, "岁", "exact", "幼儿")]),
    ("补贴标准为每年2万至3万元。", [(2, "万元", "exact", "补贴标准"), (3, "万元", "exact", "补贴标准")]),
    ("增幅控制在10%—15%。", [(10, "%", "exact", "增幅"), (15, "%", "exact", "增幅")]),
    ("1-2月，接待游客3万人次。", [(3, "万人次", "exact", "游客")]),
], ids=["至-count", "magnitude-kept", "both-written", "months-are-no-range"])
def test_a_range_writes_its_unit_once_and_both_ends_share_it(fragment, expected):
    assert claims(fragment) == expected


def test_a_figure_listed_right_after_another_counts_the_same_thing():
    assert [c[3] for c in claims("受益居民约1.9万户、5.6万人。")] == ["居民", "居民"]


def test_keywords_are_words_not_numbers_ranges_or_rates():
    text = "部分小区管线迁改费用高，平均每部增加成本8万至12万元，每部电梯维保费用分摊难。" * 3
    [keywords] = digest.section_keywords([digest.Section(1, "一", "存在的困难", text)])
    assert keywords and not any(re.search(r"\d|万至|^每.$", word) for word in keywords), keywords


def test_from_to_figures_share_their_subject():
    found = claims("持证上岗率由去年的76%提高到91%左右。")
    assert [c[3] for c in found] == [found[0][3]] * 2 and found[0][3]


@pytest.mark.parametrize("fragment, subjects", [
    ("安排专项资金 3860 万元，同比增长 12.5%。", ["专项资金", "专项资金"]),
    ("培训合格率达 92%，比上年提高 3.5 个百分点。", ["培训合格率", "培训合格率"]),
    ("养老床位较上年同期增长约 30%。", ["养老床位"]),
    ("养老机构 320 家，较上年同期增长约三分之一。", ["养老机构", "养老机构"]),
    ("失业率控制在 3%以内。", ["失业率"]),
    ("办理时限由平均 60 个工作日缩短至 30 个工作日以内。", ["办理时限", "办理时限"]),
    ("仲裁时限压缩至 45 天。", ["仲裁时限"]),
    ("到年底，力争达到 5 个。", [""]),
], ids=["同比增长", "比上年提高-百分点", "较上年同期增长", "fraction-of-a-change", "控制在", "由-缩短至", "压缩至", "lead-word-alone"])
def test_words_that_set_or_change_a_figure_are_not_its_subject(fragment, subjects):
    # A change (同比增长 12.5%) measures the figure before it in the same sentence.
    assert [c[3] for c in claims(fragment)] == subjects


def test_a_relative_figure_does_not_borrow_a_subject_across_sentences():
    assert [c[3] for c in claims("安排专项资金 3860 万元。同比增长 12.5%。")] == ["专项资金", ""]


NOT_CLAIMS = [
    "印发《福田区 2025 年人工智能工作要点》。",
    "工作方案（2024-2026 年）。",
    "截至 2025 年 10 月。",
    "二〇二五年九月二十六日",
    "第 2025134 号提案收悉。",
    "按照〔2024〕12 号文件要求。",
    "推动第一批试点。",
    "区政协十三届一次会议期间。",
    "“十四五”规划确定的目标。",
    "一是加强监管，二是加强培训。",
    "（1）开展检查。",
    "依托 5G 网络和 3D 建模。",
    "联系电话：0755-88881234，13912345678。",
    "提案 2025134 收悉。",
    "形成“3+2”格局。",
    "探索形成一批示范场景。",
    "千家万户受益，万家灯火。",
    "基于 GPT-4 和 H800 芯片。",
    "夜间开放时间延长至21:30。",
    "坚持“两个维护”。",
]


@pytest.mark.parametrize("fragment", NOT_CLAIMS, ids=[
    "book-title", "year-range", "as-of-date", "chinese-date", "proposal-number", "document-number", "ordinal",
    "session", "plan-name", "enumeration", "list-marker", "tech-names", "phones", "bare-code", "quoted-formula",
    "article-一", "idioms", "model-names", "clock-time", "political-formula"])
def test_fragment_is_not_a_claim(fragment):
    assert claims(fragment) == []


@pytest.mark.parametrize("numeral, value", [
    ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("两千七百", 2700), ("一千零五", 1005),
    ("三万", 30000), ("一亿二千万", 120000000), ("三点五", 3.5), ("二〇二五", 2025), ("贰拾", 20), ("兩萬", 20000),
])
def test_chinese_numerals(numeral, value):
    assert digest.chinese_value(numeral) == value


@pytest.mark.parametrize("numeral", ["十四五", "五五", "点"])
def test_not_a_chinese_numeral(numeral):
    assert digest.chinese_value(numeral) is None


@pytest.mark.parametrize("number, value", [("1,200", 1200), ("2700", 2700), ("0.37", 0.37), ("99.99", 99.99)])
def test_arabic_numbers(number, value):
    assert digest.arabic_value(number) == value


def test_claim_keeps_its_span_sentence_and_as_of():
    claim = digest.extract("举办发布会，截至 2025 年 10 月已发布 40 款 AI 产品。", segmenter=digest.tag_words)[0]
    assert (claim.text, claim.as_of, claim.subject) == ("40 款", "2025-10", "AI 产品")
    assert claim.sentence == "举办发布会，截至 2025 年 10 月已发布 40 款 AI 产品。"


NAMED = [(2700, "P", "exact", "本地部署算力"), (20000, "P", "over", "可调用算力资源"), (59, "P", "exact", "智算规模"),
         (1003, "个", "exact", "场景清单"), (70, "名", "exact", "数智员工")]


@pytest.mark.parametrize("kind", ["txt", "pdf"])
@pytest.mark.parametrize("named", NAMED, ids=["2700P", "20000P", "59P", "1003个", "70名"])
def test_the_user_named_claims_are_in_the_sample(futian, kind, named):
    assert named in [(c.value, c.unit, c.qualifier, c.subject) for c in futian[kind].claims]


def test_sample_text_and_pdf_give_the_same_claims(futian):
    key = lambda c: (c.value, c.unit, c.qualifier, c.subject, c.section, c.as_of, c.text.replace(" ", ""))
    assert [key(c) for c in futian["txt"].claims] == [key(c) for c in futian["pdf"].claims]
    assert len(futian["txt"].claims) > 20
