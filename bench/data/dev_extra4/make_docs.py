"""The dev-extra4 corpus: 14 more citizen-service documents, in mixed formats and folders, on
topics that neither the bundled knowledge nor dev-extra, dev-extra2 or dev-extra3 covers (the
held-out corpus was not looked at). Like the other dev-extra corpora it is part of the dev split: it
was written, with its questions, and measured before any engine change of the fifth pass
(bench/qa_eval.py reports it as "dev-extra4").

    python bench/data/dev_extra4/make_docs.py   # rewrites docs/ (the files are committed)

The figures are illustrative service details written for the evaluation, not official data.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from docwriters import write_corpus  # noqa: E402

DOCS = HERE / "docs"


CORPUS: dict[str, tuple[str, list[tuple[str, str]], dict]] = {
    "민원/moving-in-report.md": (
        "전입신고 안내",
        [
            ("h1", "전입신고 안내"),
            (
                "p",
                "다른 곳으로 이사한 세대주는 이사한 날부터 14일 안에 새 주소지의 동 주민센터에 전입신고를 "
                "해야 합니다. 기한을 넘기면 최대 5만 원의 과태료가 나옵니다.",
            ),
            (
                "p",
                "정부24 누리집에서 공동인증서로 온라인 전입신고도 할 수 있습니다. 전입신고를 하면서 "
                "확정일자를 함께 받아 두면 전세보증금을 지키는 데 도움이 됩니다.",
            ),
        ],
        {},
    ),
    "안전/heat-shelter.txt": (
        "무더위쉼터 운영",
        [
            ("p", "무더위쉼터 운영"),
            (
                "p",
                "폭염특보가 내려지는 여름철에 서울시는 경로당, 주민센터, 은행 지점 등 4천여 곳을 무더위쉼터로 "
                "엽니다. 누구나 에어컨이 나오는 쉼터에서 더위를 피할 수 있습니다.",
            ),
            (
                "p",
                "쉼터는 5월 20일부터 9월 30일까지 평일 오전 9시부터 오후 6시까지 열고, 폭염경보가 내린 날에는 "
                "밤 9시까지 연장합니다. 가까운 쉼터는 안전디딤돌 앱에서 찾을 수 있습니다.",
            ),
        ],
        {},
    ),
    "안전/citizen-safety-insurance.hwpx": (
        "서울시민안전보험",
        [
            ("h1", "서울시민안전보험"),
            (
                "p",
                "서울에 주민등록을 둔 시민은 따로 가입하지 않아도 서울시민안전보험에 자동으로 가입됩니다. "
                "보험료는 서울시가 모두 냅니다.",
            ),
            (
                "p",
                "자연재해, 화재, 대중교통 사고로 다치거나 숨진 경우 최대 2천만 원까지 보험금을 받을 수 "
                "있습니다. 사고가 난 날부터 3년 안에 보험사 콜센터 1522-3556으로 청구하세요.",
            ),
        ],
        {},
    ),
    "환경/eco-mileage.html": (
        "에코마일리지",
        [
            ("h1", "에코마일리지"),
            (
                "p",
                "에코마일리지는 집의 전기, 수도, 도시가스 사용량을 줄인 시민에게 마일리지를 주는 서울시 제도입니다. "
                "에코마일리지 누리집에서 회원으로 가입하면 됩니다.",
            ),
            (
                "p",
                "6개월 동안 사용량을 직전 2년 같은 기간보다 5% 이상 줄이면 최대 5만 마일리지를 받습니다. "
                "마일리지는 지방세 납부나 교통카드 충전에 쓸 수 있습니다.",
            ),
        ],
        {},
    ),
    "보건/infertility-support.pdf": (
        "난임부부 시술비 지원",
        [
            ("h1", "난임부부 시술비 지원"),
            (
                "p",
                "서울에 사는 난임부부는 소득과 관계없이 체외수정과 인공수정 시술비를 지원받을 수 있습니다. "
                "시술 한 번에 최대 110만 원까지 나옵니다.",
            ),
            (
                "p",
                "출산 한 번당 25회까지 지원하며, 시술을 받기 전에 주소지 보건소나 정부24에서 지원결정통지서를 "
                "먼저 받아야 합니다.",
            ),
        ],
        {"glued": True},
    ),
    "복지/basic-pension.docx": (
        "기초연금 신청",
        [
            ("h1", "기초연금 신청"),
            (
                "p",
                "만 65세 이상 어르신 가운데 소득과 재산이 적은 하위 70%에게 기초연금을 매달 드립니다. "
                "혼자 사는 어르신은 한 달에 최대 33만 원을 받습니다.",
            ),
            (
                "p",
                "만 65세 생일이 있는 달의 한 달 전부터 주소지 동 주민센터나 국민연금공단 지사에서 신청할 수 "
                "있습니다. 신분증과 통장 사본을 가져오세요.",
            ),
        ],
        {},
    ),
    "일자리/youth-allowance.md": (
        "서울 청년수당",
        [
            ("h1", "서울 청년수당"),
            (
                "p",
                "졸업한 뒤 일자리를 찾고 있는 만 19세부터 34세까지의 서울 청년에게 한 달에 50만 원씩 최대 "
                "6개월 동안 구직 활동비를 줍니다.",
            ),
            ("h2", "신청"),
            (
                "p",
                "주 30시간 넘게 일하고 있으면 받을 수 없습니다. 신청은 해마다 2월에 청년몽땅정보통 누리집에서 "
                "받습니다.",
            ),
        ],
        {"updated": "2024-01-10"},
    ),
    "문화/trail-stamp.txt": (
        "서울둘레길 스탬프 투어",
        [
            ("p", "서울둘레길 스탬프 투어"),
            (
                "p",
                "서울둘레길은 서울을 한 바퀴 도는 21개 코스, 156km의 걷는 길입니다. 코스마다 빨간 우체통 모양의 "
                "스탬프함이 있습니다.",
            ),
            (
                "p",
                "모든 코스의 스탬프를 모아 서울둘레길 안내센터에 가져오면 완주 인증서와 기념 배지를 무료로 "
                "줍니다. 스탬프북은 안내센터와 각 구청에서 받을 수 있습니다.",
            ),
        ],
        {},
    ),
    "교육/school-entry-grant.hwpx": (
        "입학준비금 지원",
        [
            ("h1", "입학준비금 지원"),
            (
                "p",
                "서울의 중학교와 고등학교에 새로 입학하는 학생에게 교복과 체육복, 학용품 등을 살 수 있는 "
                "입학준비금 30만 원을 줍니다.",
            ),
            (
                "p",
                "입학한 학교에서 3월에 신청서를 받고, 준비금은 제로페이 포인트로 지급됩니다. 다른 시도에서 "
                "전학 온 학생은 받을 수 없습니다.",
            ),
        ],
        {},
    ),
    "주택/public-rental.html": (
        "SH 공공임대주택 입주 신청",
        [
            ("h1", "SH 공공임대주택 입주 신청"),
            (
                "p",
                "서울주택도시공사(SH)는 집 없는 서울 시민에게 시세보다 싼 공공임대주택을 공급합니다. "
                "행복주택, 국민임대, 장기전세 등 유형에 따라 소득과 자산 기준이 다릅니다.",
            ),
            (
                "p",
                "입주자 모집 공고는 SH 인터넷청약시스템에 올라오며, 신청도 그곳에서 온라인으로 합니다. "
                "행복주택은 최대 6년까지, 자녀가 있으면 10년까지 살 수 있습니다.",
            ),
        ],
        {},
    ),
    "동물/pet-adoption.md": (
        "유기동물 입양",
        [
            ("h1", "유기동물 입양"),
            (
                "p",
                "서울동물복지지원센터는 구조된 유기견과 유기묘를 새 가족에게 입양 보냅니다. 입양하려면 "
                "입양 전 교육을 받고 상담을 거쳐야 합니다.",
            ),
            (
                "p",
                "입양비는 없으며, 입양한 동물의 중성화 수술과 예방접종은 센터가 미리 해 줍니다. 서울시는 "
                "입양 뒤 1년 동안 치료비 등을 최대 15만 원까지 지원합니다.",
            ),
        ],
        {},
    ),
    "행정/information-disclosure.pdf": (
        "정보공개청구",
        [
            ("h1", "정보공개청구"),
            (
                "p",
                "누구나 서울시가 가진 문서와 자료를 보여 달라고 청구할 수 있습니다. 정보공개포털에서 온라인으로 "
                "하거나 시청 민원실에 청구서를 내면 됩니다.",
            ),
            (
                "p",
                "서울시는 청구를 받은 날부터 10일 안에 공개 여부를 알려 줍니다. 공개가 거부되면 30일 안에 "
                "이의신청을 할 수 있습니다.",
            ),
        ],
        {"width": 80},
    ),
    "교통/senior-license-return.docx": (
        "고령운전자 운전면허 자진반납",
        [
            ("h1", "고령운전자 운전면허 자진반납"),
            (
                "p",
                "서울에 사는 만 70세 이상 어르신이 운전면허를 스스로 반납하면 10만 원이 충전된 교통카드를 "
                "한 번 드립니다.",
            ),
            (
                "p",
                "주소지 동 주민센터나 경찰서 민원실에서 신분증과 운전면허증을 내고 신청합니다. 반납한 "
                "면허는 다시 돌려받을 수 없습니다.",
            ),
        ],
        {},
    ),
    "en/city-tour-bus.md": (
        "Seoul City Tour Bus",
        [
            ("h1", "Seoul City Tour Bus"),
            (
                "p",
                "The Seoul City Tour Bus is a hop-on hop-off bus for visitors. It leaves from Gwanghwamun and "
                "stops at palaces, Namsan Seoul Tower and the major markets.",
            ),
            (
                "p",
                "A day ticket costs 24,000 won for adults and 15,000 won for children, bought on the bus or "
                "online. Buses run every 30 minutes from 9:30 am, and do not run on Mondays.",
            ),
        ],
        {"updated": "2024-05-02"},
    ),
}


def main() -> None:
    write_corpus(DOCS, CORPUS, gap="\n")


if __name__ == "__main__":
    main()
