"""The dev-extra3 corpus: 14 more citizen-service documents, in mixed formats and folders, on
topics that neither the bundled knowledge, dev-extra nor dev-extra2 covers (the held-out corpus was
not looked at). Like the other dev-extra corpora it is part of the dev split: it was written, with
its questions, before the engine changes of this round, so that rules are chosen on more than the
corpora they were first written for (bench/qa_eval.py reports it as "dev-extra3").

    python bench/data/dev_extra3/make_docs.py   # rewrites docs/ (the files are committed)

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
    "동물/pet-registration.hwpx": (
        "반려견 동물등록",
        [
            ("h1", "반려견 동물등록"),
            (
                "p",
                "생후 2개월 이상의 개는 구청이나 동물등록 대행업체로 지정된 동물병원에서 동물등록을 해야 합니다. "
                "등록하지 않으면 최대 100만 원의 과태료가 부과됩니다.",
            ),
            (
                "p",
                "내장형 무선식별장치(마이크로칩)를 넣으면 서울시가 비용을 지원해 시민은 1만 원만 냅니다. "
                "주소나 연락처가 바뀌면 30일 안에 변경신고를 해야 합니다.",
            ),
        ],
        {},
    ),
    "주택/youth-rent.pdf": (
        "서울시 청년월세 지원",
        [
            ("h1", "서울시 청년월세 지원"),
            (
                "p",
                "서울에 혼자 사는 만 19세부터 39세까지의 무주택 청년에게 월세를 한 달에 20만 원씩, "
                "최대 10개월 동안 지원합니다.",
            ),
            (
                "p",
                "임차보증금 5천만 원 이하, 월세 60만 원 이하의 집에 살고 중위소득 150% 이하여야 합니다. "
                "신청은 매년 상반기 서울주거포털에서 받습니다.",
            ),
        ],
        {"glued": True},
    ),
    "보건/flu-vaccine.txt": (
        "어르신 인플루엔자 무료 예방접종",
        [
            ("p", "어르신 인플루엔자 무료 예방접종"),
            (
                "p",
                "만 65세 이상 어르신은 매년 10월부터 가까운 보건소와 지정 병원, 의원에서 독감 예방접종을 "
                "무료로 받을 수 있습니다. 신분증을 꼭 가져오세요.",
            ),
            (
                "p",
                "생후 6개월부터 13세까지의 어린이와 임신부도 무료 접종 대상입니다. 접종할 수 있는 병원은 "
                "질병관리청 예방접종도우미 누리집에서 찾을 수 있습니다.",
            ),
        ],
        {},
    ),
    "문화/library-card.html": (
        "서울도서관 회원증 발급",
        [
            ("h1", "서울도서관 회원증 발급"),
            (
                "p",
                "서울도서관 회원증은 서울에 살거나 서울에서 일하거나 학교에 다니는 사람이면 누구나 무료로 "
                "만들 수 있습니다. 신분증을 가지고 1층 안내데스크로 오세요.",
            ),
            (
                "p",
                "회원증이 있으면 책을 한 번에 5권까지 14일 동안 빌릴 수 있고, 한 번 7일 연장할 수 있습니다. "
                "도서관은 매주 월요일과 법정공휴일에 쉽니다.",
            ),
        ],
        {},
    ),
    "교통/disability-taxi.docx": (
        "장애인 콜택시 이용",
        [
            ("h1", "장애인 콜택시 이용"),
            (
                "p",
                "휠체어를 쓰는 등 보행이 어려운 중증 장애인은 서울시설공단의 장애인 콜택시를 이용할 수 있습니다. "
                "처음 이용하려면 장애인 등록증과 이용신청서를 내고 회원으로 등록해야 합니다.",
            ),
            (
                "p",
                "요금은 5km까지 1,500원이고 그 뒤로 1km마다 300원이 붙습니다. 전화 1588-4388이나 앱으로 "
                "24시간 부를 수 있습니다.",
            ),
        ],
        {},
    ),
    "복지/emergency-welfare.md": (
        "서울형 긴급복지",
        [
            ("h1", "서울형 긴급복지"),
            (
                "p",
                "갑자기 일자리를 잃거나 큰 병에 걸리거나 집에 불이 나서 생계가 어려워진 가구에 생계비, "
                "의료비, 주거비를 한 번 지원합니다.",
            ),
            ("h2", "지원 금액과 신청"),
            (
                "p",
                "생계비는 가구원 수에 따라 최대 300만 원까지 나옵니다. 주소지 동 주민센터에 신청하거나 "
                "다산콜 120에 전화해 상담받을 수 있습니다.",
            ),
        ],
        {"updated": "2024-02-14"},
    ),
    "en/foreign-residents.md": (
        "Seoul Global Center for Foreign Residents",
        [
            ("h1", "Seoul Global Center for Foreign Residents"),
            (
                "p",
                "The Seoul Global Center helps foreign residents with daily life in Seoul: visa and residence "
                "questions, labour and housing counselling, and free Korean language classes.",
            ),
            (
                "p",
                "Counselling is offered in English, Chinese, Vietnamese and other languages, in person or by "
                "phone at 02-2075-4180, on weekdays from 9 am to 6 pm. Korean classes open every March and "
                "September.",
            ),
        ],
        {"updated": "2024-04-01"},
    ),
    "행정/participatory-budget.html": (
        "서울시 주민참여예산",
        [
            ("h1", "서울시 주민참여예산"),
            (
                "p",
                "주민참여예산은 시민이 직접 동네에 필요한 사업을 제안하고 투표로 골라 서울시 예산에 반영하는 "
                "제도입니다. 서울에 살거나 일하는 사람이면 누구나 제안할 수 있습니다.",
            ),
            (
                "p",
                "제안은 매년 1월부터 3월까지 서울시 주민참여예산 누리집에서 받고, 7월에 시민투표로 사업을 "
                "고릅니다.",
            ),
        ],
        {},
    ),
    "문화/riverside-camping.txt": (
        "한강 캠핑장 예약",
        [
            ("p", "한강 캠핑장 예약"),
            (
                "p",
                "난지와 잠원 한강공원에 가족 캠핑장이 있습니다. 예약은 서울시 공공서비스예약 누리집에서 "
                "이용하려는 날의 한 달 전 오후 2시부터 받습니다.",
            ),
            (
                "p",
                "일반 캠핑 사이트는 하룻밤에 3만 원이고 텐트는 직접 가져와야 합니다. 캠핑장 안에서는 "
                "숯불을 정해진 화로대에서만 쓸 수 있습니다.",
            ),
        ],
        {},
    ),
    "안전/hidden-camera.md": (
        "불법촬영 카메라 점검",
        [
            ("h1", "불법촬영 카메라 점검"),
            (
                "p",
                "서울시는 공중화장실, 탈의실 같은 곳에 몰래 설치된 불법촬영 카메라를 찾아내는 점검을 합니다. "
                "건물 관리자나 시민은 구청에 점검을 요청할 수 있습니다.",
            ),
            (
                "p",
                "개인도 구청에서 불법촬영 탐지장비를 무료로 빌려 쓸 수 있습니다. 의심되는 카메라를 찾으면 "
                "만지지 말고 112에 신고하세요.",
            ),
        ],
        {},
    ),
    "일자리/small-business-loan.pdf": (
        "소상공인 경영안정자금",
        [
            ("h1", "소상공인 경영안정자금"),
            (
                "p",
                "서울신용보증재단은 서울에서 가게를 운영하는 소상공인에게 경영안정자금을 낮은 이자로 빌려줍니다. "
                "한 업체당 최대 5천만 원까지 빌릴 수 있습니다.",
            ),
            (
                "p",
                "서울시가 이자 일부를 대신 내 주어 실제 금리는 연 2%대입니다. 신청은 서울신용보증재단 "
                "지점이나 모바일 앱에서 합니다.",
            ),
        ],
        {},
    ),
    "청소년/youth-counseling.docx": (
        "청소년 상담복지센터",
        [
            ("h1", "청소년 상담복지센터"),
            (
                "p",
                "학교생활, 친구 관계, 가족 문제, 진로로 고민하는 9세부터 24세까지의 청소년은 각 구의 "
                "청소년상담복지센터에서 무료로 상담을 받을 수 있습니다.",
            ),
            (
                "p",
                "전화 1388이나 문자, 카카오톡으로도 24시간 상담할 수 있습니다. 집을 나와 갈 곳이 없는 "
                "청소년은 청소년쉼터로 안내받습니다.",
            ),
        ],
        {},
    ),
    "보육/daycare-admission.hwpx": (
        "어린이집 입소 신청",
        [
            ("h1", "어린이집 입소 신청"),
            (
                "p",
                "국공립 어린이집을 포함한 모든 어린이집 입소는 임신육아종합포털 아이사랑에서 대기 신청을 합니다. "
                "한 아이당 어린이집 세 곳까지 신청할 수 있습니다.",
            ),
            (
                "p",
                "맞벌이 가구, 한부모 가구, 다자녀 가구는 입소 우선순위가 높습니다. 만 0세부터 5세까지의 "
                "보육료는 정부가 지원합니다.",
            ),
        ],
        {},
    ),
    "안전/civil-defense.txt": (
        "민방위 교육",
        [
            ("p", "민방위 교육"),
            (
                "p",
                "민방위 대원은 예비군 복무를 마친 다음 해부터 만 40세가 되는 해까지의 남성입니다. "
                "1년차부터 4년차까지는 매년 4시간의 집합교육을 받습니다.",
            ),
            (
                "p",
                "5년차 이상은 민방위 사이버교육 누리집에서 1시간짜리 온라인 교육을 받으면 됩니다. "
                "교육 통지서는 주소지 동 주민센터에서 보냅니다.",
            ),
        ],
        {},
    ),
}


def main() -> None:
    write_corpus(DOCS, CORPUS, gap="\n")


if __name__ == "__main__":
    main()
