"""The meeting notice: one wording in text, DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from jiyao.minutes.compose.notice import (
    Notice,
    NoticeItem,
    compose_notice_docx,
    compose_notice_pdf,
    compose_notice_text,
)

NOTICE = Notice(
    issuer="象山县人民政府办公室",
    meeting="县政府第十二次常务会议",
    date=dt.date(2026, 12, 10),
    issued_on=dt.date(2026, 12, 7),
    time_of_day="上午",
    location="县行政中心1号楼会议室",
    items=(
        NoticeItem(
            "审议县发改局提交的《象山县海洋经济发展规划》（送审稿）", "县发改局", ("县司法局李明",)
        ),
    ),
    members=("包朝阳", "陈兴立"),
    invited=("陈柳松",),
    observers=("赵四",),
    requirements=("请假须经会议主持人同意",),
)


def test_the_notice_text_names_the_time_place_items_and_people() -> None:
    text = compose_notice_text(NOTICE)
    assert text.startswith("关于召开县政府第十二次常务会议的通知\n")
    assert (
        "定于2026年12月10日（星期四）上午在县行政中心1号楼会议室召开县政府第十二次常务会议" in text
    )
    assert (
        "1. 审议县发改局提交的《象山县海洋经济发展规划》（送审稿）（县发改局汇报）。列席：县司法局李明。"
        in text
    )
    assert "县政府组成人员：包朝阳、陈兴立。" in text and "应邀出席：陈柳松。" in text
    assert text.rstrip().endswith("象山县人民政府办公室\n2026年12月7日")


def test_the_notice_docx_and_pdf_carry_the_same_words() -> None:
    import pdfplumber

    with zipfile.ZipFile(io.BytesIO(compose_notice_docx(NOTICE))) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "关于召开县政府第十二次常务会议的通知" in xml and "三、有关要求" in xml
    with pdfplumber.open(io.BytesIO(compose_notice_pdf(NOTICE))) as pdf:
        words = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert "关于召开县政府第十二次常务会议的通知" in words
    assert "请假须经会议主持人同意" in words
