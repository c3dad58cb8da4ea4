"""Cleaning: broken paragraphs joined, page furniture dropped, widths and spaces normalised, nothing lost."""

import re

import pytest

from conftest import SAMPLES, digest, text_document


def paragraphs(text: str) -> tuple[str, ...]:
    return digest.clean(text_document(text))


@pytest.mark.parametrize("text, expected", [
    ("为数据“可用不可\n\n见”提供了支撑。", ["为数据“可用不可见”提供了支撑。"]),
    ("滚动推出场景清单，累积发\n\n布 27 类 1003 个场景清单。", ["滚动推出场景清单，累积发布 27 类 1003 个场景清单。"]),
    ("聚集了算力调度平台，\n\n形成了 3 个本地算力资源中心。", ["聚集了算力调度平台，形成了 3 个本地算力资源中心。"]),
    ("一、加强规划\n\n我局制定了方案。", ["一、加强规划", "我局制定了方案。"]),
    ("感谢您的支持！\n\n此函。\n某某局\n2025年9月26日", ["感谢您的支持！", "此函。", "某某局", "2025年9月26日"]),
    ("某某区民政局\n二〇二四年七月十八日\n（联系人：王敏）", ["某某区民政局", "二〇二四年七月十八日", "（联系人：王敏）"]),
    ("关于第3号建议的答复\n王建国委员：\n现答复如下：", ["关于第3号建议的答复", "王建国委员：", "现答复如下："]),
    ("某某省民政厅\n某民函〔2025〕31号\n\n　　　　　　A类\n关于第3号建议的答复",
     ["某某省民政厅", "某民函〔2025〕31号", "A类", "关于第3号建议的答复"]),
], ids=["cut-word", "page-break-mid-word", "after-comma", "heading-stays", "closing-lines", "date-then-contact", "addressee",
        "head-marks"])
def test_joins_what_was_broken_and_nothing_else(text, expected):
    assert list(paragraphs(text)) == expected


@pytest.mark.parametrize("furniture", ["— 1 —", "- 2 -", "第 3 页", "第3页 共4页", "3/4", "－ 5 －"])
def test_page_numbers_are_dropped(furniture):
    assert paragraphs(f"全区建成养老服务站，\n{furniture}\n共 12 个。") == ("全区建成养老服务站，共 12 个。",)


def test_running_header_repeated_on_pages_is_dropped():
    page = "某某区民政局文件\n{body}\n- {n} -"
    text = "\f".join(page.format(body=body, n=n) for n, body in enumerate(["第一段，", "第二段，", "第三段。"], 1))
    assert paragraphs(text) == ("第一段，第二段，第三段。",)


def test_indented_hard_wrapped_text_joins_on_indent_not_punctuation():
    text = "　　一、加强统筹。全区完成改造任务。\n下一行接着写。\n　　二、扩大供给。新建站点。"
    assert paragraphs(text) == ("一、加强统筹。全区完成改造任务。下一行接着写。", "二、扩大供给。新建站点。")


def test_full_width_digits_and_letters_read_as_ascii():
    assert digest.normalise("建成ＡＩ平台２７００Ｐ，占比９９．９％") == "建成AI平台2700P，占比99.9%"


def test_spaces_between_cjk_are_removed_only_in_spaced_out_lines():
    assert digest.normalise("本 地 部 署 算 力 达 到 规 模") == "本地部署算力达到规模"
    assert digest.normalise("“AI+”行动 加快打造") == "“AI+”行动 加快打造"


@pytest.mark.parametrize("left, right, spaced, joined", [
    ("数据可用不可", "见", True, "数据可用不可见"),
    ("IDEA", "研究院", True, "IDEA 研究院"),
    ("第02", "13号", True, "第0213号"),
    ("等", "6项", False, "等6项"),
    ("基于", "Deepseek", True, "基于 Deepseek"),
], ids=["cjk", "latin-cjk", "digits", "tight-letter", "cjk-latin"])
def test_a_line_break_leaves_a_space_only_between_words(left, right, spaced, joined):
    assert left + digest.joint(left, right, spaced) + right == joined


def test_sample_pdf_and_text_clean_to_the_same_paragraphs():
    from_text = digest.clean(digest.load(str(SAMPLES / "futian-2025134.txt")))
    from_pdf = digest.clean(digest.load(str(SAMPLES / "futian-2025134.pdf")))
    assert from_pdf == from_text
    assert any("累积发布 27 类 1003 个场景清单" in p for p in from_pdf)
    assert not any(re.fullmatch(r"— \d+ —", p) for p in from_pdf)


def test_hard_wrapped_sample_loses_no_character():
    raw = (SAMPLES / "yuelu-2024-0213.txt").read_text(encoding="utf-8")
    kept = "".join(digest.clean(digest.load(str(SAMPLES / "yuelu-2024-0213.txt"))))
    furniture = re.compile(r"^\s*(- \d+ -|长沙市岳麓区民政局　建议答复函)\s*$", re.M)
    expected = re.sub(r"\s", "", furniture.sub("", raw)).translate(digest.WIDTH_FOLD)
    assert re.sub(r"\s", "", kept) == expected


# ── Layouts that hide where paragraphs end ────────────────────────────────────

def test_a_page_flattened_into_one_line_gets_its_paragraphs_back():
    body = "我局高度重视，认真研究办理，现将有关情况答复如下。" * 12
    flat = f"李代表: 您提出的建议收悉。 {body} 感谢支持。 某县水利局 2021年9月17日"
    assert paragraphs(flat) == ("李代表:", "您提出的建议收悉。", body, "感谢支持。", "某县水利局", "2021年9月17日")


def test_a_signature_run_into_the_last_paragraph_stands_alone():
    assert paragraphs("感谢您的支持。某某县水利局\n2025年5月30日")[-2:] == ("某某县水利局", "2025年5月30日")


def test_a_letterhead_and_the_same_office_signing_are_no_running_header():
    page_two = "\n".join(["正文第二页，接着写。", "还有一段话。", "再有一段话。", "感谢您的支持。"])
    text = f"某某市水务局\n关于第156号建议的答复\n正文第一页。\n- 1 -\f{page_two}\n某某市水务局\n2025年7月8日\n- 2 -"
    assert sum(paragraph.count("某某市水务局") for paragraph in paragraphs(text)) == 2


def test_a_word_cut_by_a_fixed_width_wrap_is_joined_without_a_space():
    paragraph = "项目拟投资100亿元，规划产能40GWh，建设储能与动力电池智能制造工厂及配套设施，" + "对发展新型储能起到积极作用，" * 6 + "确保按期投产。"
    width = paragraph.index("GWh") + 2                 # the wrap falls between 40GW and h
    lines = [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
    assert lines[0].endswith("40GW") and paragraphs("\n".join(lines)) == (paragraph,)


def test_an_addressee_without_a_colon_ends_its_line():
    assert paragraphs("高大松代表\n您提出的建议收悉，现答复如下：") == ("高大松代表", "您提出的建议收悉，现答复如下：")
