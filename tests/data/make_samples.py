"""Regenerates the committed sample files under tests/data/samples/ (run from the repo root:
`python tests/data/make_samples.py`). Each is made with its format's own tool (bench/docwriters.py)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bench"))

from docwriters import write  # noqa: E402

SAMPLES = HERE / "samples"

BIKE = [
    ("h1", "따릉이 대여 안내"),
    ("p", "따릉이는 서울시 공공자전거입니다. 1시간 이용권은 1,000원이고 2시간 이용권은 2,000원입니다."),
    ("h2", "빌리는 방법"),
    ("p", "따릉이 앱에서 이용권을 산 뒤 자전거의 QR 코드를 찍으면 잠금장치가 열립니다."),
]
SHELTER = [
    ("h1", "민방위 대피소 안내"),
    ("p", "대피소 위치는 행정안전부 안전디딤돌 앱에서 확인할 수 있습니다."),
    ("p", "공습 경보가 울리면 가까운 지하철역이나 지하 주차장 같은 대피소로 이동하시기 바랍니다."),
]
WASTE = [
    ("h1", "대형폐기물 배출 방법"),
    ("p", "소파나 장롱 같은 대형폐기물은 구청 누리집에서 배출 신고를 하고 수수료를 낸 뒤 내놓습니다."),
    ("table", "품목|수수료\n소파 3인용|8,000원\n장롱 1m|6,000원"),
]


def main() -> None:
    write(
        SAMPLES / "교통" / "bike.docx",
        [*BIKE, ("table", "이용권|요금\n1시간|1,000원\n2시간|2,000원")],
        "따릉이 대여 안내",
    )
    write(SAMPLES / "안전" / "shelter.pdf", SHELTER, "민방위 대피소 안내", glued=True, width=60)
    write(SAMPLES / "안전" / "shelter-spaced.pdf", SHELTER, "민방위 대피소 안내")
    write(
        SAMPLES / "환경" / "large-waste.hwpx",
        [*WASTE[:2], ("p", "소파 3인용의 수수료는 8,000원입니다.")],
        "대형폐기물 배출 방법",
    )
    write(SAMPLES / "환경" / "large-waste.html", WASTE[:2], "대형폐기물 배출 방법")
    write(SAMPLES / "교통" / "bike-plain.md", BIKE)
    write(
        SAMPLES / "notice.txt",
        [("h1", "주민센터 휴무 안내"), ("p", "설 연휴 동안 모든 주민센터는 문을 닫습니다.")],
    )
    (SAMPLES / "old-form.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (SAMPLES / "cp949.txt").write_bytes(
        "쓰레기 배출 시간\n\n일몰 후부터 자정까지 내놓습니다.\n".encode("cp949")
    )


if __name__ == "__main__":
    main()
