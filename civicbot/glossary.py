"""A small English-Korean glossary of public-service words, for English questions over Korean pages.

Words cannot match across languages, so the lexical index says nothing about whether a Korean-only
page holds what an English question asks ("Do I need witnesses to register a marriage?" against the
passport page and the marriage page alike). Translating the question's content words through this
glossary gives that evidence back: the marriage page has 혼인 and 증인, the passport page has
neither. A word the glossary lacks counts as unknown (neutral), never as missing
(civicbot.knowledge.LexicalIndex.translated_coverage).

The list is general municipal vocabulary (services, documents, money, time, places, people), written
from the kinds of pages a city has, not from any evaluation set's questions. A city can extend it.
Each line: an English word (lower case, singular), then its Korean equivalents; a page matches the
word when it has any of them.
"""

from __future__ import annotations

from functools import cache

_GLOSSARY = """
abroad 해외 외국
accident 사고
account 계좌 계정
address 주소
adult 성인 어른
age 나이 연령
aged 어르신 노인
allowance 수당 지원금
alone 혼자 홀로
ambulance 구급차
animal 동물
apartment 아파트
app 앱 어플
application 신청
apply 신청
appointment 예약
art 미술 예술
assistance 지원 도움
baby 아기 출생아 영아
bank 은행
benefit 혜택 급여 지원
bicycle 자전거
bike 자전거
bill 요금 고지서
birth 출생 출산
book 예약 책 도서
booking 예약
born 출생
borrow 대여 대출
building 건물 건축
bulky 대형
bus 버스
business 사업 영업 사업자
buy 구매 구입
call 전화 콜
car 자동차 차량 차
card 카드
care 돌봄 관리 조리
center 센터
centre 센터
certificate 증명서 확인서 증명 인증서 결과서 자격증
charge 요금 수수료 충전
check 확인 검사 검진
checkup 검진
child 아동 어린이 아이 자녀
childcare 돌봄 보육 아이돌봄
citizen 시민
city 서울시 도시
clean 청소 정화
clinic 클리닉 진료소 병원 보건소
close 마감 휴관
closed 휴관 휴무 마감
clothes 의류 옷
collect 수거 수집
collection 수거 수집
complaint 민원 불편 신고
consultation 상담
copy 사본 등본 초본
cost 비용 요금 가격 수수료
counselling 상담
counseling 상담
counselor 상담사 상담
course 과정 강좌 강의 교육
culture 문화
daily 매일
damage 피해 손해
day 요일 날짜 당일
daycare 어린이집 보육
deadline 마감 기한 까지
death 사망
debt 채무 빚
deposit 보증금 예치
depression 우울
disability 장애
disabled 장애인 장애
discount 할인 감면
doctor 의사 진료
document 서류 문서
dog 개 반려견 강아지
driver 운전 운전자
driving 운전
early 조기 일찍
education 교육
elderly 어르신 노인 고령
electric 전기
electricity 전기 전력
emergency 긴급 응급 위기
employment 고용 취업 일자리
energy 에너지
environment 환경
exam 시험 검사 검진
examination 검진 검사 시험
extinguisher 소화기
family 가족 가정
fee 수수료 요금 이용료 비용
find 찾기 검색
fine 과태료 벌금
fire 화재 불 소방
flood 홍수 침수 풍수해
food 음식 식품 급식 도시락
foreign 외국 외국인
foreigner 외국인
free 무료 공짜
fund 기금 지원금 자금
health 건강 보건
healthcare 의료 보건
help 도움 지원 상담
helper 도우미 돌보미
holiday 공휴일 휴일 명절
home 집 주택 가정 귀가
hospital 병원
hour 시간
house 집 주택
household 가구 세대
housing 주거 주택
hotline 상담전화 전화
id 신분증
identification 신분증
illegal 불법
income 소득
information 정보 안내
insurance 보험
internet 인터넷 온라인 누리집
jeonse 전세
job 일자리 직업 취업
kid 아이 어린이 아동
landlord 집주인 임대인
late 늦게 심야 연체
law 법 법률
lawyer 변호사
learn 학습 배움
learning 학습
lesson 강습 수업 강좌
library 도서관
license 면허 허가 자격
licence 면허 허가 자격
limit 제한 한도
interest 이자 금리
loan 대출 융자
merchant 상인 소상공인
lost 분실 잃어버린 유실
low 저소득 낮은
marriage 혼인 결혼
married 혼인 결혼
medical 의료 진료
medicine 약 의약품
meal 식사 급식 도시락
medication 약 의약품
mental 정신 마음
money 돈 금액 지원금
month 개월 매월
monthly 매월 매달 월
morning 오전 아침
mother 산모 어머니 엄마
move 이사 전입
museum 미술관 박물관
neighbor 이웃 윗집 아랫집 층간
neighbour 이웃 윗집 아랫집 층간
night 밤 심야 야간
noise 소음
noisy 소음
number 번호 개수
nursing 요양 간호
occupancy 점용
office 사무소 구청 센터 주민센터
old 노후 낡은 노인
older 어르신 노인 고령
online 온라인 누리집 인터넷
open 운영 개방 문을
opening 운영
owner 소유자 주인 집주인 사장 운영
panel 패널 발전기
parent 부모 보호자
park 공원
parking 주차
passport 여권
patch 패치
pay 납부 지불 결제
payment 납부 결제 지급
penalty 과태료 가산세 벌금
pension 연금
people 사람 시민
permit 허가 허가증
person 사람 인원
pet 반려동물 반려견
pharmacy 약국
phone 전화 휴대폰 폰
photo 사진
place 장소 곳
police 경찰
pool 수영장
poor 저소득 취약
postpartum 산후 산후조리
pregnancy 임신
pregnant 임신 임산부
price 가격 요금
program 사업 프로그램 과정
property 재산
protection 보호
public 공공 대중
reading 도서 독서
receive 수령 지급
record 기록
recycle 재활용
recycling 재활용
refund 환급 환불
register 신고 등록 가입
registration 등록 신고
rent 임대 월세 대여 임차
renew 갱신 재발급
renewal 갱신 재발급
repair 수리 보수
report 신고 제보
reservation 예약
reserve 예약
resident 주민 거주
return 반환 귀가 반납
road 도로 길
room 방 실
route 노선 경로
rule 규칙 기준
safe 안전 안심
safety 안전
school 학교 초등학교
scout 스카우트
senior 어르신 노인
service 서비스 사업
shelter 쉼터 대피소
sign 가입 신청
single 한부모 1인
smoke 흡연 연기
smoking 흡연 금연
solar 태양광
speed 속도
sport 체육 운동 스포츠
stall 노점 가판
start 시작
station 역 정류소 정류장
sticker 표지 스티커
stop 정류장 정류소 중단
student 학생
study 학습 공부
subsidy 보조금 지원금 지원
subway 지하철
support 지원
swimming 수영
tax 세금 세액 납세
taxi 택시
teen 청소년
teenager 청소년
tenant 세입자 임차인
test 검사 시험
ticket 표 승차권 입장권
time 시간
tobacco 담배
toilet 화장실
tourist 관광객 관광
traffic 교통
train 기차 열차 철도
training 훈련 교육 연수
transfer 이체 환승 이전
transport 교통
transportation 교통
trash 쓰레기
tutor 멘토 강사
unemployed 실업 구직
unemployment 실업
vaccination 접종 예방접종
vaccine 백신 접종
vehicle 차량 자동차
vendor 노점 상인
venue 장소 예식장
visit 방문
volunteer 자원봉사 봉사
volunteering 자원봉사 봉사
voucher 바우처 이용권
wait 대기
walk 동행 도보 귀가
wallet 지갑
waste 쓰레기 폐기물
water 수도 물 수돗물
website 누리집 홈페이지 사이트
wedding 결혼 예식 결혼식
weekend 주말 토요일 일요일
welfare 복지
wheelchair 휠체어
witness 증인
shop 가게 상가 점포 매장
shopkeeper 소상공인 상인 가게
store 가게 상점 매장
wolse 월세
woman 여성
work 근무 일자리 직장
worker 근로자 노동자
year 매년 연간 해마다
young 청년 청소년
youth 청년 청소년
"""


# Chat Korean -> the words city pages use for the same thing. Citizens write 공짜, 몰카, 스쿨존,
# 고딩; pages say 무료, 불법촬영, 어린이보호구역, 고등학생. Each line: the chat word, then what it
# stands for; the lexical index reads the standard words in its place, in questions and pages
# alike (civicbot.text.Tokenizer), so a page that does use the chat word still matches it. General
# usage (slang, old names of offices, informal names of city services, the everyday verbs of a
# need: 맡길 데 for care, 버릴 때 for disposal, 무지개다리 for a pet's death), not any evaluation
# set's wording. A word of one syllable is replaced only when it is a whole word (애, 폰), a longer
# one also inside a compound (독감주사 -> 독감 예방접종).
_COLLOQUIAL = """
공짜 무료
쿵쿵 층간소음
스쿨존 어린이보호구역
몰카 불법촬영 몰래카메라
몰래카메라 불법촬영 몰래카메라
고딩 고등학생 청소년
중딩 중학생 청소년
초딩 초등학생 어린이
학폭 학교폭력
예방주사 예방접종
주사 예방접종
애기 아기
애들 아이
애 아이
핸드폰 휴대전화
휴대폰 휴대전화
폰 휴대전화
알바 아르바이트
집주인 임대인 집주인
세입자 임차인 세입자
벌금 과태료
딱지 과태료
노인 어르신 노인
할머니 어르신
할아버지 어르신
임산부 임신부
애완견 반려견
애완동물 반려동물
애완 반려
강아지 반려견 강아지
댕댕이 반려견
냥이 고양이
동사무소 주민센터
동사무서 주민센터
병원비 의료비
약값 의료비
짤려 실직
짤렸 실직
잘렸 실직
백수 구직
취준생 구직 청년
자영업자 소상공인 자영업자
자영업 소상공인
사장님 소상공인
키로 km
비번 비밀번호
와파 와이파이
인강 온라인 강의
쓰레기 쓰레기 폐기물
분리수거 분리배출
주차딱지 주차 과태료
윗집 이웃 윗집
아랫집 이웃 아랫집
시끄러 소음
자취 혼자
떼 발급
뗄 발급
떼는 발급
차 자동차
무지개다리 반려동물 사망
죽은 사망
죽었 사망
맡길 돌봄 맡길
봐주 돌봄
밥 식사
버릴 배출
버리는 배출
버려 배출
다쳐 부상
다쳤 부상
아파 질병
아픈 질병
친정엄마 조부모
시어머니 조부모
외할머니 조부모
친할머니 조부모
집없 무주택
"""


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """{first word of a line: the line's other words}: the form both tables here are written in."""
    return {word: tuple(rest) for word, *rest in (line.split() for line in text.strip().splitlines())}


@cache
def colloquial() -> dict[str, tuple[str, ...]]:
    """{chat word: the standard words pages use for it}, parsed once (see _COLLOQUIAL)."""
    return _table(_COLLOQUIAL)


# English words that say nothing about the topic (the tokenizer's stop words are already gone).
IGNORED = frozenset(
    [
        "get",
        "got",
        "need",
        "want",
        "go",
        "take",
        "make",
        "have",
        "has",
        "tell",
        "know",
        "like",
        "please",
        "someone",
        "anyone",
        "thing",
        "way",
        "also",
        "still",
        "just",
        "really",
        "here",
        "now",
        "again",
        "more",
        "other",
        "only",
        "if",
        "not",
        "no",
        "yes",
        "am",
        "there",
        "seoul",
        "korea",
    ]
)


@cache
def english_to_korean() -> dict[str, tuple[str, ...]]:
    """{English word (lower case, singular): its Korean equivalents}, parsed once."""
    return _table(_GLOSSARY)
