"""The dev-extra corpus: 18 more citizen-service documents, in mixed formats and folders, on topics
that neither the bundled knowledge nor the held-out corpus covers (only the held-out file *names*
were looked at, to avoid overlap). Unlike the held-out corpus it is part of the dev split: weights,
thresholds and rules may be chosen on it (bench/qa_eval.py reports it as "dev-extra").

    python bench/data/dev_extra/make_docs.py   # rewrites docs/ (the files are committed)

The figures are illustrative service details written for the evaluation, not official data.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from docwriters import write  # noqa: E402

DOCS = HERE / "docs"

FRONT = """---
title: {title}
updated: {updated}
language: {language}
---

"""

CORPUS: dict[str, tuple[str, list[tuple[str, str]], dict]] = {
    "민원/passport.md": (
        "여권 발급과 재발급",
        [
            ("h1", "여권 발급과 재발급"),
            (
                "p",
                "여권은 서울 시내 모든 구청 여권과와 서울시청 여권발급과에서 신청할 수 있습니다. "
                "본인이 직접 신분증과 여권용 사진 1장을 가지고 방문해야 합니다.",
            ),
            ("h2", "수수료"),
            (
                "p",
                "10년짜리 58면 복수여권의 발급 수수료는 53,000원이고 26면은 50,000원입니다. "
                "잃어버린 여권을 다시 만드는 재발급도 같은 수수료를 냅니다.",
            ),
            ("h2", "걸리는 시간"),
            ("p", "신청하고 보통 4~5일(근무일 기준) 뒤에 받을 수 있고, 받을 때도 신분증이 필요합니다."),
        ],
        {"updated": "2024-02-01"},
    ),
    "민원/marriage-registration.txt": (
        "혼인신고 안내",
        [
            ("p", "혼인신고 안내"),
            (
                "p",
                "혼인신고는 두 사람의 등록기준지나 주소지 구청, 동 주민센터 어디서나 할 수 있습니다. "
                "혼인신고서에 성인 증인 2명의 서명이 있어야 합니다.",
            ),
            (
                "p",
                "두 사람이 함께 가지 않아도 되며, 한 사람이 가면 다른 사람의 신분증 사본을 가져가야 합니다. "
                "신고 수수료는 없습니다.",
            ),
        ],
        {},
    ),
    "보건/health-checkup.pdf": (
        "국가 건강검진",
        [
            ("h1", "국가 건강검진"),
            (
                "p",
                "만 20세 이상 국민은 2년에 한 번 국가 일반건강검진을 무료로 받을 수 있습니다. "
                "태어난 해가 짝수인 사람은 짝수 해에, 홀수인 사람은 홀수 해에 받습니다.",
            ),
            (
                "p",
                "검진 대상인지는 국민건강보험공단 누리집이나 고객센터 1577-1000에서 확인할 수 있고, "
                "가까운 지정 검진기관에 예약하고 신분증을 가지고 가면 됩니다.",
            ),
        ],
        {"glued": True},
    ),
    "보건/dementia-center.txt": (
        "치매안심센터",
        [
            ("p", "치매안심센터"),
            (
                "p",
                "서울 25개 자치구마다 치매안심센터가 한 곳씩 있습니다. "
                "만 60세 이상 서울 시민은 치매 조기검진을 무료로 받을 수 있습니다.",
            ),
            (
                "p",
                "치매 진단을 받은 분은 치료비를 월 3만 원까지 지원받고, 기저귀 같은 조호물품도 받을 수 있습니다. "
                "가족을 위한 자조모임과 헤아림 교실도 열립니다.",
            ),
        ],
        {},
    ),
    "보건/quit-smoking.hwpx": (
        "금연클리닉",
        [
            ("h1", "금연클리닉"),
            (
                "p",
                "담배를 끊고 싶은 시민은 보건소 금연클리닉에 등록하면 6개월 동안 금연 상담을 받고 "
                "니코틴 패치나 껌 같은 금연 보조제를 무료로 받을 수 있습니다.",
            ),
            (
                "p",
                "6개월 동안 금연에 성공하면 기념품을 드립니다. 직장인을 위해 평일 저녁 8시까지 운영하는 보건소도 있습니다.",
            ),
        ],
        {},
    ),
    "복지/pregnancy-voucher.docx": (
        "임신·출산 진료비 지원",
        [
            ("h1", "임신·출산 진료비 지원"),
            (
                "p",
                "임신한 사람은 국민행복카드로 임신·출산 진료비 바우처 100만 원을 받을 수 있습니다. "
                "쌍둥이 이상을 임신하면 140만 원입니다.",
            ),
            (
                "p",
                "바우처는 병원에서 임신 확인서를 받은 뒤 카드사나 국민건강보험공단 지사에 신청합니다. "
                "분만 예정일로부터 2년까지 쓸 수 있습니다.",
            ),
        ],
        {},
    ),
    "복지/energy-voucher.pdf": (
        "에너지바우처",
        [
            ("h1", "에너지바우처"),
            (
                "p",
                "에너지바우처는 생계급여나 의료급여를 받는 가구 가운데 노인, 장애인, 영유아가 있는 가구의 "
                "전기, 도시가스, 지역난방 요금을 지원합니다.",
            ),
            (
                "p",
                "신청은 주민센터에서 하며, 여름과 겨울 요금에서 자동으로 빠지거나 카드로 연탄과 등유를 살 수 있습니다.",
            ),
        ],
        {},
    ),
    "복지/senior-meals.md": (
        "어르신 무료 급식",
        [
            ("h1", "어르신 무료 급식"),
            (
                "p",
                "혼자 식사를 챙기기 어려운 만 60세 이상 저소득 어르신은 가까운 복지관에서 점심을 무료로 드실 수 있습니다. "
                "거동이 불편하신 분께는 도시락을 집으로 배달해 드립니다.",
            ),
            (
                "p",
                "신청은 사시는 동의 주민센터 복지 담당에게 하시면 됩니다. 복지관 점심은 토요일과 일요일에는 쉽니다.",
            ),
        ],
        {"updated": "2023-05-10"},
    ),
    "일자리/job-training.md": (
        "국민내일배움카드",
        [
            ("h1", "국민내일배움카드"),
            (
                "p",
                "국민내일배움카드를 받으면 5년 동안 300만 원에서 500만 원까지 직업훈련 비용을 지원받을 수 있습니다. "
                "실업자, 재직자, 자영업자 모두 신청할 수 있습니다.",
            ),
            ("p", "카드는 고용24 누리집에서 온라인으로 신청하거나 가까운 고용센터에 가서 신청합니다."),
        ],
        {},
    ),
    "문화/swimming-pool.html": (
        "구민체육센터 수영장 이용",
        [
            ("h1", "구민체육센터 수영장 이용"),
            (
                "p",
                "구민체육센터 수영장은 새벽 6시부터 밤 10시까지 문을 엽니다. "
                "자유수영 1회 이용료는 어른 4,000원, 청소년 3,000원이고 65세 이상은 절반입니다.",
            ),
            (
                "p",
                "강습반은 매달 25일부터 누리집에서 선착순으로 다음 달 수강 신청을 받습니다. 매달 둘째, 넷째 일요일은 쉽니다.",
            ),
        ],
        {},
    ),
    "문화/art-museum.txt": (
        "서울시립미술관 관람 안내",
        [
            ("p", "서울시립미술관 관람 안내"),
            (
                "p",
                "서울시립미술관 서소문본관의 상설전시와 대부분의 기획전시는 관람료가 없습니다. "
                "평일은 오전 10시부터 오후 8시까지, 주말과 공휴일은 오후 6시까지 엽니다.",
            ),
            ("p", "매주 월요일은 휴관합니다. 단체 관람은 2주 전까지 전화로 예약해 주세요."),
        ],
        {},
    ),
    "환경/water-bill.docx": (
        "수도요금 납부",
        [
            ("h1", "수도요금 납부"),
            (
                "p",
                "서울시 수도요금은 두 달에 한 번 고지서가 나오며, 은행, 인터넷 지로, 서울시 세금납부 앱 STAX로 낼 수 있습니다. "
                "자동이체를 신청하면 요금이 1% 할인됩니다.",
            ),
            ("p", "계량기가 얼어 터지면 아리수 상담센터 120으로 신고하면 수도사업소에서 교체해 줍니다."),
        ],
        {},
    ),
    "환경/ev-subsidy.pdf": (
        "전기자동차 구매 보조금",
        [
            ("h1", "전기자동차 구매 보조금"),
            (
                "p",
                "서울에 주소를 둔 시민이 전기 승용차를 사면 국비와 시비를 합쳐 보조금을 받을 수 있습니다. "
                "보조금은 차종마다 다르며 자동차 판매 대리점이 대신 신청해 줍니다.",
            ),
            ("p", "보조금을 받은 차는 2년 동안 다른 지역으로 팔거나 옮길 수 없습니다."),
        ],
        {},
    ),
    "안전/safe-return.hwpx": (
        "여성 안심귀가 스카우트",
        [
            ("h1", "여성 안심귀가 스카우트"),
            (
                "p",
                "밤늦게 혼자 집에 가는 것이 불안하면 안심귀가 스카우트가 지하철역이나 버스정류장에서 집 앞까지 함께 걸어 줍니다. "
                "평일 밤 10시부터 새벽 1시까지 운영합니다.",
            ),
            ("p", "도착 30분 전까지 120 다산콜센터나 구청 상황실에 신청하면 되고, 이용료는 없습니다."),
        ],
        {},
    ),
    "세무/car-tax.html": (
        "자동차세 연납 할인",
        [
            ("h1", "자동차세 연납 할인"),
            (
                "p",
                "자동차세는 6월과 12월에 나누어 내지만, 1월에 1년 치를 한꺼번에 내면 세금의 일부를 할인받습니다. "
                "연납 신청은 1월, 3월, 6월, 9월에 할 수 있습니다.",
            ),
            ("p", "서울시 세금납부 누리집 ETAX나 STAX 앱, 구청 세무과에서 신청할 수 있습니다."),
        ],
        {},
    ),
    "세무/property-tax.txt": (
        "재산세 납부 안내",
        [
            ("p", "재산세 납부 안내"),
            (
                "p",
                "재산세는 매년 6월 1일에 집이나 땅을 가진 사람이 냅니다. 건물분은 7월 16일부터 31일까지, "
                "토지분은 9월 16일부터 30일까지 냅니다.",
            ),
            (
                "p",
                "납부 기한을 넘기면 3%의 가산세가 붙습니다. 고지서를 잃어버렸으면 ETAX에서 조회해서 낼 수 있습니다.",
            ),
        ],
        {},
    ),
    "교통/lost-and-found.txt": (
        "대중교통 분실물 찾기",
        [
            ("p", "대중교통 분실물 찾기"),
            (
                "p",
                "지하철이나 버스, 택시에서 물건을 잃어버리면 서울시 대중교통 통합분실물센터 누리집에서 찾아볼 수 있습니다. "
                "지하철은 각 호선의 유실물센터가 물건을 보관합니다.",
            ),
            ("p", "찾은 물건은 7일 동안 보관한 뒤 경찰서로 넘어갑니다. 찾으러 갈 때는 신분증을 가져가세요."),
        ],
        {},
    ),
    "교통/night-bus.html": (
        "심야 올빼미버스",
        [
            ("h1", "심야 올빼미버스"),
            (
                "p",
                "올빼미버스는 밤 11시 30분부터 새벽 6시까지 다니는 서울의 심야버스입니다. "
                "노선 번호는 N으로 시작하며 14개 노선이 있습니다.",
            ),
            ("p", "요금은 카드로 2,500원이며 교통카드 환승 할인이 됩니다."),
        ],
        {},
    ),
    "주택/house-repair.md": (
        "희망의 집수리",
        [
            ("h1", "희망의 집수리"),
            (
                "p",
                "희망의 집수리는 저소득 가구의 낡은 집을 고쳐 주는 사업입니다. "
                "도배, 장판, 단열, 창호와 보일러 수리를 가구당 최대 250만 원까지 지원합니다.",
            ),
            (
                "p",
                "매년 3월에 동 주민센터에서 신청을 받고, 집주인의 동의가 있으면 세입자도 신청할 수 있습니다.",
            ),
        ],
        {},
    ),
    "en/wedding-venues.md": (
        "Public wedding venues",
        [
            ("h1", "Public wedding venues"),
            (
                "p",
                "Seoul lends some public buildings and parks as small wedding venues, such as the citizens' hall "
                "and a few riverside parks. The venue itself is free; couples pay for catering and decoration.",
            ),
            (
                "p",
                "Apply on the Seoul public reservation website at least three months before the wedding. "
                "Each venue takes up to 100 guests.",
            ),
        ],
        {"updated": "2023-09-01"},
    ),
}


def main() -> None:
    for name, (title, blocks, options) in CORPUS.items():
        path = DOCS / name
        options = dict(options)
        if path.suffix == ".md" and "updated" in options:
            language = "en" if name.startswith("en/") else "ko"
            path.parent.mkdir(parents=True, exist_ok=True)
            write(path, blocks)
            front = FRONT.format(title=title, updated=options.pop("updated"), language=language)
            path.write_text(front + path.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            options.pop("updated", None)
            write(path, blocks, title, **options)


if __name__ == "__main__":
    main()
