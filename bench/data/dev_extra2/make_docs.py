"""The dev-extra2 corpus: 16 more citizen-service documents, in mixed formats and folders, on
topics that neither the bundled knowledge, dev-extra nor the held-out corpus covers (only the
held-out file *names* were looked at, to avoid overlap). Like dev-extra it is part of the dev split:
it was written, with its questions, before the engine changes of this round, so that rules are
chosen on more than one corpus (bench/qa_eval.py reports it as "dev-extra2").

    python bench/data/dev_extra2/make_docs.py   # rewrites docs/ (the files are committed)

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
    "안전/fire-safety-kit.md": (
        "주택용 소방시설 무료 보급",
        [
            ("h1", "주택용 소방시설 무료 보급"),
            (
                "p",
                "서울시는 기초생활수급자, 홀로 사는 어르신, 장애인 가구에 소화기와 단독경보형 화재감지기를 "
                "무료로 나눠 드리고 직접 달아 드립니다.",
            ),
            ("h2", "신청"),
            (
                "p",
                "가까운 동 주민센터나 관할 소방서에 신청하면 됩니다. 화재감지기는 방마다 하나씩, "
                "소화기는 가구당 1대를 드립니다.",
            ),
        ],
        {"updated": "2024-05-02"},
    ),
    "안전/flood-insurance.hwpx": (
        "풍수해보험 가입 지원",
        [
            ("h1", "풍수해보험 가입 지원"),
            (
                "p",
                "풍수해보험은 태풍, 홍수, 호우, 강풍, 대설, 지진으로 집이나 상가가 입은 피해를 보상하는 "
                "정책보험입니다.",
            ),
            (
                "p",
                "보험료의 70% 이상을 국가와 서울시가 내 주고, 차상위계층은 92%까지 지원합니다. "
                "가입은 DB손해보험, 현대해상 등 보험사 다섯 곳에서 할 수 있습니다.",
            ),
        ],
        {},
    ),
    "보건/mental-health.txt": (
        "정신건강복지센터 상담",
        [
            ("p", "정신건강복지센터 상담"),
            (
                "p",
                "우울하거나 잠을 못 자는 등 마음이 힘들 때 각 구의 정신건강복지센터에서 무료로 상담을 받을 수 있습니다. "
                "예약하고 방문하면 전문요원과 1:1로 이야기할 수 있습니다.",
            ),
            (
                "p",
                "밤이나 주말에 급하게 이야기할 곳이 필요하면 정신건강 위기상담전화 1577-0199로 "
                "24시간 전화할 수 있습니다.",
            ),
        ],
        {},
    ),
    "보건/postpartum-care.pdf": (
        "서울형 산후조리경비 지원",
        [
            ("h1", "서울형 산후조리경비 지원"),
            (
                "p",
                "서울에 사는 산모는 아이를 낳은 뒤 출생아 1명당 100만 원의 산후조리경비를 바우처로 받습니다. "
                "소득과 관계없이 누구나 받을 수 있습니다.",
            ),
            (
                "p",
                "바우처는 산후도우미, 의약품, 한약, 산후 요가와 운동에 쓸 수 있고, 출산일로부터 60일 안에 "
                "서울맘케어 누리집이나 동 주민센터에서 신청합니다.",
            ),
        ],
        {"glued": True},
    ),
    "일자리/senior-jobs.docx": (
        "어르신 일자리",
        [
            ("h1", "어르신 일자리"),
            (
                "p",
                "만 65세 이상 기초연금 수급 어르신은 공익활동 일자리에 참여할 수 있습니다. "
                "한 달에 30시간 일하고 활동비 29만 원을 받습니다.",
            ),
            ("h2", "신청 방법"),
            (
                "p",
                "매년 12월에 다음 해 참여자를 모집합니다. 동 주민센터나 가까운 노인복지관, 시니어클럽에 신청하세요.",
            ),
        ],
        {},
    ),
    "주택/jeonse-damage.html": (
        "전세피해 지원센터",
        [
            ("h1", "전세피해 지원센터"),
            (
                "p",
                "보증금을 돌려받지 못한 세입자는 서울시 전세피해 지원센터에서 법률 상담과 "
                "긴급 주거 지원을 받을 수 있습니다.",
            ),
            (
                "p",
                "변호사와 법무사가 평일 오전 9시부터 오후 6시까지 무료로 상담하며, 전화나 방문 예약 후 이용합니다. "
                "전세피해자로 결정되면 최대 6개월 동안 긴급 임시주택에 머물 수 있습니다.",
            ),
        ],
        {},
    ),
    "환경/balcony-solar.md": (
        "베란다 태양광 설치 지원",
        [
            ("h1", "베란다 태양광 설치 지원"),
            (
                "p",
                "아파트 베란다에 미니 태양광 발전기를 달면 설치비의 일부를 서울시와 자치구가 지원합니다. "
                "한 달 전기요금을 5천 원 정도 아낄 수 있습니다.",
            ),
            (
                "p",
                "보급업체를 통해 신청하며, 집주인이 아닌 세입자도 집주인이 동의하면 설치할 수 있습니다.",
            ),
        ],
        {},
    ),
    "환경/floor-noise.txt": (
        "층간소음 상담",
        [
            ("p", "층간소음 상담"),
            (
                "p",
                "위층이나 아래층 소음으로 이웃과 다툼이 생기면 서울시 층간소음 상담실에 상담을 신청할 수 있습니다. "
                "전문 상담사가 전화로 상담하고, 필요하면 집을 방문해 소음을 측정합니다.",
            ),
            (
                "p",
                "상담과 소음 측정은 무료이고, 신청은 서울시 누리집의 층간소음 상담 신청 게시판에서 합니다.",
            ),
        ],
        {},
    ),
    "교통/school-zone.html": (
        "어린이보호구역",
        [
            ("h1", "어린이보호구역"),
            (
                "p",
                "초등학교와 유치원 주변 어린이보호구역에서는 자동차가 시속 30km 이하로 달려야 합니다. "
                "오전 8시부터 오후 8시까지 주정차를 하면 과태료가 일반 도로의 3배입니다.",
            ),
            (
                "p",
                "보호구역 안에서 불법 주정차를 보면 안전신문고 앱으로 사진을 찍어 신고할 수 있습니다.",
            ),
        ],
        {},
    ),
    "문화/culture-card.docx": (
        "문화누리카드",
        [
            ("h1", "문화누리카드"),
            (
                "p",
                "문화누리카드는 기초생활수급자와 차상위계층이 공연, 영화, 책, 여행에 쓸 수 있도록 "
                "한 사람에게 1년에 13만 원을 충전해 주는 카드입니다.",
            ),
            (
                "p",
                "만 6세 이상이면 받을 수 있고, 동 주민센터나 문화누리카드 누리집에서 신청합니다. "
                "남은 돈은 12월 31일이 지나면 사라집니다.",
            ),
        ],
        {},
    ),
    "교육/seoul-learn.md": (
        "서울런 온라인 학습",
        [
            ("h1", "서울런 온라인 학습"),
            (
                "p",
                "서울런은 저소득층 청소년이 유명 인터넷 강의를 무료로 들을 수 있게 하는 서울시의 온라인 학습 "
                "서비스입니다. 만 6세부터 24세까지 가입할 수 있습니다.",
            ),
            (
                "p",
                "대학생 멘토가 학습 상담을 해 주고, 서울런 누리집에서 회원 가입 후 강의를 골라 들으면 됩니다.",
            ),
        ],
        {"updated": "2023-03-15"},
    ),
    "세무/local-income-tax.pdf": (
        "개인지방소득세 신고",
        [
            ("h1", "개인지방소득세 신고"),
            (
                "p",
                "종합소득세를 신고하는 사람은 개인지방소득세도 함께 신고해야 합니다. "
                "신고 기간은 매년 5월 1일부터 5월 31일까지입니다.",
            ),
            (
                "p",
                "세액은 종합소득세의 10%이며, 위택스나 홈택스에서 신고하고 바로 낼 수 있습니다.",
            ),
        ],
        {"glued": True},
    ),
    "복지/child-care-helper.hwpx": (
        "아이돌봄서비스",
        [
            ("h1", "아이돌봄서비스"),
            (
                "p",
                "아이돌봄서비스는 만 12세 이하 아이를 둔 맞벌이 가정 등에 아이돌보미가 집으로 찾아가 "
                "아이를 돌봐 주는 서비스입니다.",
            ),
            (
                "p",
                "시간제 서비스의 이용 요금은 시간당 11,630원이며, 소득에 따라 정부가 최대 85%를 지원합니다. "
                "아이돌봄 누리집이나 앱에서 신청합니다.",
            ),
        ],
        {},
    ),
    "복지/single-parent.txt": (
        "한부모가족 지원",
        [
            ("p", "한부모가족 지원"),
            (
                "p",
                "혼자 아이를 키우는 한부모가족은 소득이 기준 이하이면 아동 1명당 한 달에 23만 원의 아동양육비를 받습니다.",
            ),
            (
                "p",
                "한부모가족 증명서가 있으면 공공요금 감면과 임대주택 우선 입주도 받을 수 있습니다. "
                "신청은 사는 곳의 동 주민센터에서 합니다.",
            ),
        ],
        {},
    ),
    "보건/night-pharmacy.html": (
        "공공심야약국",
        [
            ("h1", "공공심야약국"),
            (
                "p",
                "공공심야약국은 밤 10시부터 새벽 1시까지 문을 여는 약국으로, 밤에 갑자기 약이 필요할 때 "
                "약사에게 상담을 받고 약을 살 수 있습니다.",
            ),
            (
                "p",
                "서울 여러 자치구에 있으며, 가까운 곳은 휴일지킴이약국 누리집이나 응급의료포털에서 찾을 수 있습니다.",
            ),
        ],
        {},
    ),
    "en/volunteering.md": (
        "Volunteering in Seoul",
        [
            ("h1", "Volunteering in Seoul"),
            (
                "p",
                "Anyone can volunteer with the Seoul Volunteer Center: tutoring children, visiting older "
                "people living alone, cleaning riverside parks, helping at festivals.",
            ),
            (
                "p",
                "Sign up on the 1365 volunteer portal and choose an activity. Volunteer hours are recorded "
                "on the portal and a certificate can be printed there.",
            ),
        ],
        {"updated": "2024-01-10"},
    ),
}


def main() -> None:
    write_corpus(DOCS, CORPUS, gap="\n")


if __name__ == "__main__":
    main()
