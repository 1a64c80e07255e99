"""An English-Korean glossary of public-service words, for English questions over Korean pages.

Words cannot match across languages, so the lexical index says nothing about whether a Korean-only
page holds what an English question asks ("Do I need witnesses to register a marriage?" against the
passport page and the marriage page alike). Translating the question's content words through this
glossary gives that evidence back: the marriage page has 혼인 and 증인, the passport page has
neither. A word the glossary lacks counts as unknown (neutral), never as missing
(civicbot.knowledge.CrossLingual.coverage).

The list is general municipal vocabulary, written from the kinds of pages a city has, not from any
evaluation set's questions: housing and tenancy, law and rights, money and taxes, work and business,
family and care, health, education, culture, leisure and sport, transport, waste and environment,
safety and disasters, animals, civil paperwork, foreign residents, time and quantities. A city can
extend it. Each line: an English word (lower case, singular as civicbot.text's plural folding leaves
it), then its Korean equivalents, the formal terms pages use (임대차, 분쟁조정) and the everyday word
where pages use it too; a page matches the word when it has any of them. British and American
spellings both have a line (licence, license); so do the plurals that folding does not reach
(children, women, teeth). Words that folding would cut short (census -> censu, overseas -> oversea)
have no line: they could never be looked up. An equivalent of one syllable matches only a whole
word, so few are used; equivalents nearly every page has (신청, 안내) are avoided, as a match is taken
as evidence that the page is about the word.
"""

from __future__ import annotations

from functools import cache

_GLOSSARY = """
abandoned 유기동물 유기견 방치
abroad 해외 외국
abuse 학대 폭력
academy 학원 아카데미
accessibility 접근성 무장애 배리어프리
accessible 무장애 배리어프리 접근성
accident 사고
accommodation 숙박 숙소 숙박시설
account 계좌 계정
acquisition 취득 취득세
ad 광고
addiction 중독
address 주소
admission 입장료 입장 입학 입원
adopt 입양
adoption 입양
adult 성인 어른
advertisement 광고
advertising 광고
advice 상담 조언 자문
adviser 자문 상담사 컨설턴트
advisor 자문 상담사 컨설턴트
aed 자동심장충격기 심장충격기
affordable 저렴 저가
afternoon 오후
afterschool 방과후 돌봄교실
age 나이 연령
aged 어르신 노인
agency 기관 공단
agreement 계약 협약 합의
aid 구호 응급처치 보조기기
air 대기질 대기오염 공기
airport 공항
alarm 경보기 경보 알람
alcohol 음주 알코올 주류 술
alert 경보 재난문자 긴급문자
alien 외국인 외국인등록
allotment 텃밭 주말농장
allowance 수당 지원금
alone 혼자 홀로
alzheimer 치매 알츠하이머
ambulance 구급차
amount 금액 액수
animal 동물
annual 연간 매년 연례
annually 매년 연간
antenatal 산전 임신
anxiety 불안
apartment 아파트
app 앱 어플
appeal 이의신청 행정심판 재심
appliance 가전 가전제품 전자제품 폐가전
applicant 신청자 지원자
application 신청
apply 신청
appointment 예약
arc 외국인등록증 외국인등록
area 면적 구역
art 미술 예술
artist 예술인 예술가 작가
assault 폭행 폭력 성폭력
asset 자산 재산
assistance 지원 도움
attend 참석 참가 수강
attorney 변호사 대리인
auditorium 강당 대강당
authentication 인증 본인인증
autism 자폐 발달장애
autumn 가을 추계
award 시상 수상 포상
baby 아기 출생아 영아
babysitter 아이돌보미 베이비시터 돌보미
babysitting 아이돌봄 돌봄
badminton 배드민턴
bag 봉투 가방 종량제
baggage 짐 수하물 짐보관
ballot 투표 투표용지
banjiha 반지하
bank 은행
bankruptcy 파산 회생
banner 현수막 배너
barber 이발 이용원
barrierfree 무장애 배리어프리
baseball 야구 야구장
basement 지하 반지하
basic 기초 기초생활
basketball 농구
bath 목욕 목욕탕 욕조
bathhouse 목욕탕 대중목욕탕
bathroom 화장실 욕실
battery 배터리 건전지 폐건전지
bed 침대 병상 매트리스
bee 벌집 말벌
belonging 소지품 유실물 분실물
bench 벤치 의자
beneficiary 수급자 수혜자
benefit 혜택 급여 지원
bereaved 유족 유가족 사별
bicycle 자전거
bike 자전거
bill 요금 고지서
bin 수거함 쓰레기통 분리수거함
bird 조류 야생조류
birth 출생 출산
bite 물림 개물림 교상
blackout 정전
blind 시각장애 점자 시각
blood 혈액 헌혈 혈압
boat 보트 유람선 선박
boiler 보일러
book 예약 책 도서
booking 예약
born 출생
borrow 대여 대출
botanical 식물원 수목원
bottle 페트병 유리병
boy 남아 남학생 소년
braille 점자
breakfast 아침 조식
breastfeed 모유수유 수유
breastfeeding 모유수유 수유 수유실
bridge 다리 교량 대교
broken 고장 파손 망가진
broker 중개사 중개
budget 예산
bug 벌레 해충
building 건물 건축
bulb 전구 형광등 폐형광등
bulky 대형
bullying 괴롭힘 학교폭력 따돌림
burglary 절도 침입 주거침입
bus 버스
business 사업 영업 사업자
buy 구매 구입
cafe 카페
call 전화 콜
camera 카메라 cctv 촬영
camp 캠프 캠핑 야영
camping 캠핑 캠핑장 야영
campsite 캠핑장 야영장
cancel 취소 해지
cancellation 취소 해지 해약
cancer 암 암검진
capacity 정원 수용인원 수용
car 자동차 차량 차
carbon 탄소 온실가스 탄소중립
card 카드
care 돌봄 관리 조리
career 경력 진로 커리어
caregiver 요양보호사 간병인 돌보미 보호자
carer 간병인 돌보미 보호자
cash 현금
cat 고양이 길고양이
cctv cctv 폐쇄회로 방범카메라
cemetery 묘지 공원묘지 추모공원
center 센터
centre 센터
ceremony 의식 기념식 예식
certificate 증명서 확인서 증명 인증서 결과서 자격증
certification 인증 인증서 자격
cessation 금연
change 변경 정정
charge 요금 수수료 충전
charger 충전기 충전
charging 충전 충전소
charity 자선 기부 나눔
cheap 저렴 할인 싸게
check 확인 검사 검진
checkup 검진
child 아동 어린이 아이 자녀
childbirth 출산 분만
childcare 돌봄 보육 아이돌봄
children 아동 어린이 아이 자녀
chinese 중국어 중국
chuseok 추석 명절
cinema 영화관 극장
citizen 시민
citizenship 국적 시민권
city 서울시 도시
civil 민원 민사
class 강좌 수업 교실 강습
classroom 교실 강의실
clean 청소 정화
climate 기후 기후위기 기후동행카드
climbing 클라이밍 등반 등산
clinic 클리닉 진료소 병원 보건소
close 마감 휴관
closed 휴관 휴무 마감
closure 폐업 폐쇄 휴업
clothes 의류 옷
clothing 의류 옷 헌옷
club 동호회 동아리 클럽
cockroach 바퀴벌레 해충
coding 코딩 프로그래밍
cold 감기 한파 추위
collapse 붕괴 붕괴위험
collect 수거 수집
collection 수거 수집
college 대학 전문대
collision 충돌 추돌 사고
community 공동체 마을 커뮤니티 주민센터
commute 출퇴근 통근 출근
companion 동반 말벗
company 기업 회사 업체 사업자
compensation 보상 배상 보상금
competition 대회 공모전 경진대회
complaint 민원 불편 신고
compost 퇴비 음식물쓰레기
computer 컴퓨터
concert 공연 콘서트 음악회
condition 조건 요건
congestion 혼잡 정체
construction 공사 건설 건축
consulate 영사관 총영사관
consult 상담 자문
consultation 상담
contact 연락처 연락
container 용기 수거함 컨테이너
contest 공모전 대회 경연
contract 계약 계약서
convenience 편의점 편의시설 편의
cooking 요리 조리
cooling 냉방 무더위쉼터
copy 사본 등본 초본
copyright 저작권
corporation 법인 기업 공단
cost 비용 요금 가격 수수료
cough 기침
council 의회 위원회 협의회
counseling 상담
counselling 상담
counselor 상담사 상담
couple 부부 신혼부부 커플
coupon 쿠폰 상품권 할인권
courier 택배 배송
course 과정 강좌 강의 교육
court 법원 재판 소송 코트
covid 코로나 코로나19
coworking 공유오피스 코워킹
cpr 심폐소생술
craft 공예 만들기
crash 충돌 추돌 사고
credit 신용 학점 세액공제 크레딧
cremation 화장장 화장시설 봉안 장사시설
crime 범죄
criteria 기준 요건
crossing 횡단보도 건널목
crosswalk 횡단보도
crowded 혼잡 붐비는
culture 문화
currency 화폐 통화 지역화폐
custody 양육권 양육
customer 고객 손님
cv 이력서
cycling 자전거 사이클
dad 아빠 아버지
daily 매일
damage 피해 손해
dance 무용 댄스 춤
danger 위험
dasan 다산콜 다산콜센터
data 데이터 통계
date 날짜 일시
daughter 딸 자녀
day 요일 날짜 당일
daycare 어린이집 보육
dead 사망 사체 폐사
deadline 마감 기한
deaf 청각장애 농인 수어
death 사망
debt 채무 빚
deduction 공제
defector 북한이탈주민 탈북민 새터민
defence 민방위 방위
defense 민방위 방위
defibrillator 심장충격기 제세동기
degree 학위 학력
delivery 배달 배송 택배 분만
dementia 치매
demolition 철거 해체
dental 치과 구강 치아
dentist 치과 치과의사
deposit 보증금 예치
depression 우울
developmental 발달 발달장애
diaper 기저귀
diet 식단 다이어트 식이
digital 디지털 정보화
dinner 저녁 석식
diploma 졸업장 학위 졸업증명서
disability 장애
disabled 장애인 장애
disaster 재난 재해
discharge 퇴원 배출 방류
discount 할인 감면
discrimination 차별
disease 질병 질환
disinfect 소독 방역
disinfection 방역 소독
dismissal 해고
disposable 일회용 일회용품
disposal 배출 폐기 수거
dispose 배출 폐기 수거
dispute 분쟁 분쟁조정 다툼
district 자치구 구청
divorce 이혼
docent 도슨트 해설 해설사
doctor 의사 진료
document 서류 문서
dog 개 반려견 강아지
domestic 가정폭력 가정 국내
donate 기부 기증 헌혈
donation 기부 헌혈 기증 후원
donor 기증자 기부자 헌혈
dorm 기숙사
dormitory 기숙사
drill 훈련 대피훈련 민방위
drinking 음주 음용 먹는물
driver 운전 운전자
driving 운전
drone 드론
drug 약물 마약 의약품
drunk 음주 음주운전 만취
due 기한 납기 만기
dumping 투기 무단투기 불법투기
dust 먼지 미세먼지 황사
early 조기 일찍
earthquake 지진
education 교육
elder 어르신 노인
elderly 어르신 노인 고령
election 선거 투표
electric 전기
electricity 전기 전력
electronic 전자제품 가전 전자
elementary 초등 초등학교 초등학생
elevator 엘리베이터 승강기
eligibility 자격 요건 대상자
eligible 자격 대상자 요건
email 이메일 전자우편
embassy 대사관
emergency 긴급 응급 위기
emission 배출가스 배기가스 저공해
employee 근로자 직원 종사자
employer 사업주 고용주 사용자
employment 고용 취업 일자리
energy 에너지
english 영어 영문
enroll 입학 등록 수강
enrollment 입학 등록 수강 재학
enrolment 입학 등록 수강 재학
entrance 입구 입장 입학
entrepreneur 창업자 기업가 창업
entry 입장 입국 출입
environment 환경
environmental 환경
equipment 장비 기자재 용품 물품
escort 동행 귀가 에스코트
estate 부동산
ev 전기차 전기자동차
evacuate 대피 피난
evacuation 대피 대피소 피난
evening 저녁 야간
event 행사 이벤트
eviction 퇴거 명도 강제집행
exam 시험 검사 검진
examination 검진 검사 시험
exchange 교환 교류 환전
exempt 면제 감면
exemption 면제 감면 비과세
exercise 운동 체력
exhibition 전시 전시회
exit 출구
expat 외국인 외국인주민
expense 비용 경비 지출
expensive 비싼 고가 비용
experience 체험 경험
expiry 만료 유효기간 만기
expo 박람회 엑스포
extension 연장 내선
extinguisher 소화기
eye 안과 시력 안구
facility 시설
factory 공장
fair 박람회 공정
family 가족 가정
fare 요금 운임 교통비
farm 농장 텃밭 농업
farming 농업 도시농업 텃밭 농사
father 아버지 아빠 부모
fee 수수료 요금 이용료 비용
feedback 의견 피드백 건의
female 여성 여자
ferry 여객선 페리
festival 축제 페스티벌
fever 발열 고열
filing 신고 제출
film 영화 필름 촬영
filming 촬영
financial 금융 재정 경제적
find 찾기 검색
fine 과태료 벌금
fire 화재 불 소방
firework 불꽃 불꽃축제
fitness 체력 피트니스 헬스
fix 수리 고장 보수
flea 벼룩시장 나눔장터 벼룩
flight 항공 비행 항공편
flood 홍수 침수 풍수해
flooding 침수 홍수
floor 층 바닥
flower 꽃 화훼 꽃길
flu 독감 인플루엔자
fluorescent 형광등 폐형광등
flyer 전단 전단지
folk 민속
food 음식 식품 급식 도시락
football 축구 축구장
foreign 외국 외국인
foreigner 외국인
forest 숲 산림 수목원
form 서식 양식 신청서
formula 분유
foster 위탁 가정위탁 위탁가정
fountain 분수 음수대
franchise 가맹 가맹점 프랜차이즈
fraud 사기 부정
free 무료 공짜
freelancer 프리랜서 특수고용
frequency 배차 배차간격 빈도
friday 금요일
fridge 냉장고
fuel 연료 주유
fulltime 전일제 상근 정규직
fund 기금 지원금 자금
funding 지원금 재원 자금 보조금
funeral 장례 장례식 장사
furniture 가구 대형폐기물 장롱
gallery 갤러리 미술관 전시관
gambling 도박
garbage 쓰레기 생활폐기물 종량제
garden 정원 텃밭 가든
gardening 텃밭 정원 원예 도시농업
gas 가스 도시가스
gasoline 휘발유 주유
gate 출입구 게이트 정문
gender 성별
gift 증여 선물 상품권
girl 여아 여학생 소녀
glass 안경 유리 유리병
global 글로벌 국제
golf 골프
goshiwon 고시원
gosiwon 고시원
government 정부 지자체 행정
graduate 대학원 졸업 졸업생
graduation 졸업
grandchild 손자 손주 손녀
grandfather 할아버지 조부모 어르신
grandma 할머니 조부모
grandmother 할머니 조부모 어르신
grandpa 할아버지 조부모
grandparent 조부모 할머니 할아버지
grant 보조금 지원금 교부
green 녹색 친환경 녹지
grievance 고충 민원
group 단체 그룹 모임
guarantee 보증 보증보험 보증금
guardian 보호자 후견인 후견
guest 손님 방문객 투숙객
guesthouse 게스트하우스 숙박 민박
guide 가이드 해설사 안내사 해설
gym 체육관 헬스장 피트니스 체력단련
hagwon 학원
haircut 이발 미용 커트
hairdresser 미용실 미용
half 절반 반값 반기
hall 강당 회관 시청
hanbok 한복
handicapped 장애인 장애
hangang 한강
hangul 한글
hanok 한옥
harassment 괴롭힘 성희롱 갑질
hazard 위험 유해 위해
health 건강 보건
healthcare 의료 보건
hearing 청각 청력 보청기 공청회
heat 폭염 더위 무더위
heating 난방
heatwave 폭염
helmet 헬멧 안전모
help 도움 지원 상담
helper 도우미 돌보미
heritage 문화재 유산 국가유산
highway 고속도로
hike 등산 둘레길
hiking 등산 하이킹 둘레길
hire 채용 고용
hiring 채용 고용
hobby 취미 동호회
holiday 공휴일 휴일 명절
home 집 주택 가정 귀가
homeless 노숙인 노숙 홈리스
homeowner 집주인 주택소유자 소유자
hometown 고향 고향사랑기부
hospice 호스피스 완화의료
hospital 병원
hospitalisation 입원
hospitalization 입원
hostel 호스텔 숙소
hotel 호텔 숙박 숙소
hotline 상담전화 전화
hour 시간
house 집 주택
household 가구 세대
housekeeping 가사 가사도우미
housework 가사 집안일
housing 주거 주택
human 인권
husband 남편 배우자
hygiene 위생
ice 빙상 얼음 아이스링크
id 신분증
identification 신분증
illegal 불법
illness 질병 질환
immigrant 이민자 이주민 외국인
immigration 출입국 이민
immunisation 예방접종 접종
immunization 예방접종 접종
incentive 인센티브 장려금
income 소득
incubator 창업보육 인큐베이터
industrial 산업 산재 공단
industry 산업 업종
infant 영아 영유아 아기
infection 감염 감염병
infertility 난임 불임
influenza 인플루엔자 독감
information 정보 안내
inheritance 상속 유산
injection 주사 접종
injury 부상 상해
inpatient 입원
insect 곤충 해충 벌레
inspection 점검 검사 단속
install 설치
installation 설치
installment 분할납부 할부 분납
instalment 분할납부 할부 분납
institution 기관 시설
instructor 강사 지도자
insulation 단열
insurance 보험
interest 이자 금리
international 국제 해외
internet 인터넷 온라인 누리집
internship 인턴십 인턴 체험형
interpreter 통역 통역사
intersection 교차로
interview 면접 인터뷰
investment 투자
isolation 고립 격리 은둔
issuance 발급 교부
ivf 체외수정 시험관 난임
japanese 일본어 일본
jeonse 전세
jjimjilbang 찜질방
job 일자리 직업 취업
join 가입 참여 참가
kickboard 킥보드 전동킥보드
kid 아이 어린이 아동
kimchi 김치 김장
kimjang 김장
kindergarten 유치원
kiosk 키오스크 무인
labor 노동 근로 노무
labour 노동 근로 노무
lactation 수유 수유실
landlord 집주인 임대인
landslide 산사태
lane 차로 차선 전용차로
language 언어 어학 외국어
lantern 연등 등축제 등불
last 막차 마지막 최종
late 늦게 심야 연체
laundromat 빨래방 세탁소
laundry 세탁 빨래 세탁소
law 법 법률
lawsuit 소송 재판
lawyer 변호사
leak 누수 누출
learn 학습 배움
learning 학습
lease 임대차 임대 계약
leash 목줄 리드줄
lecture 강의 강좌 특강
leftover 음식물 잔반 음식물쓰레기
legal 법률 법적
leisure 여가 레저
lend 대여 대출
lesson 강습 수업 강좌
library 도서관
licence 면허 허가 자격
license 면허 허가 자격
light 조명 가로등 신호등
limit 제한 한도
line 노선 호선 라인
literacy 문해 문해교육 한글교실
litter 쓰레기 무단투기 투기
livelihood 기초생활 생계
loan 대출 융자
location 위치 장소 소재지
locker 사물함 보관함
loneliness 외로움 고독 고립
lonely 고독 외로움 고립
longterm 장기 장기요양
lost 분실 잃어버린 유실
lottery 추첨 복권
low 저소득 낮은
luggage 짐 수하물 짐보관
lunch 점심 급식 중식
lunchbox 도시락
mail 우편 우편물 메일
maintenance 관리비 유지보수 보수
male 남성 남자
map 지도
marathon 마라톤
market 시장 장터 마켓
marketing 마케팅 홍보
marriage 혼인 결혼
married 혼인 결혼
maternity 출산 모성 산모 임산부
mattress 매트리스 침대 대형폐기물
maximum 최대 최고 한도
mayor 시장 서울시장
meal 식사 급식 도시락
mediation 조정 분쟁조정
medical 의료 진료
medication 약 의약품
medicine 약 의약품
member 회원 조합원 구성원
membership 회원 멤버십 회원권
memorial 추모 추모관 기념
menstrual 생리 생리대 월경
mental 정신 마음
mentor 멘토 멘토링
mentoring 멘토링 멘토
merchant 상인 소상공인
message 문자 메시지 메세지
metaverse 메타버스
metro 지하철 도시철도 메트로
microchip 내장칩 동물등록 마이크로칩
middle 중학교 중학생 중등
midnight 자정 심야
migrant 이주민 이주 이주노동자
military 병역 병적 군대 군인
minimum 최저 최소
minute 분
missing 실종 미아 분실
mobile 모바일 휴대전화 휴대폰
mold 곰팡이
mom 엄마 어머니 산모
monday 월요일
money 돈 금액 지원금
month 개월 매월
monthly 매월 매달 월
morning 오전 아침
mortgage 주택담보대출 담보대출
mosquito 모기
mother 산모 어머니 엄마
motorbike 오토바이 이륜차
motorcycle 오토바이 이륜차 이륜자동차
mould 곰팡이
mountain 산 등산 산림
move 이사 전입
movie 영화
multicultural 다문화
mum 엄마 어머니 산모
municipal 시립 구립 지자체
museum 미술관 박물관
music 음악
muzzle 입마개
nanny 아이돌보미 베이비시터 돌보미
nappy 기저귀
nationality 국적
naturalisation 귀화
naturalization 귀화
needy 취약계층 저소득 기초생활
neighbor 이웃 윗집 아랫집 층간
neighborhood 동네 마을
neighbour 이웃 윗집 아랫집 층간
neighbourhood 동네 마을
neutering 중성화
newborn 신생아 출생아 출생 출산
newlywed 신혼부부 신혼
night 밤 심야 야간
noise 소음
noisy 소음
nonprofit 비영리 비영리단체
notary 공증
notice 공지 공고 고지
notification 알림 통지 고지
number 번호 개수
nurse 간호사 간호
nursery 어린이집 보육
nursing 요양 간호
nutrition 영양
obesity 비만
observatory 천문대 전망대
occupancy 점용
odor 악취 냄새
office 사무소 구청 센터 주민센터
officetel 오피스텔
official 공무원 공식
old 노후 낡은 노인
older 어르신 노인 고령
online 온라인 누리집 인터넷
open 운영 개방 문을
opening 운영
organ 장기기증 기증
organization 기관 단체 조직
orphan 고아 보호아동 보호종료
outage 정전 단수
outpatient 외래
overcharge 부당요금 바가지
overdue 연체 체납
overtime 연장근로 초과근무 야근
owner 소유자 주인 집주인 사장 운영
paid 유료 납부 지급
painting 그림 미술 회화 도색
palace 궁궐 고궁
panel 패널 발전기
paper 종이 폐지 종이류
parade 퍼레이드 행진
parcel 택배 소포
parent 부모 보호자
parental 육아 육아휴직 부모
parenting 육아 양육 부모
park 공원
parking 주차
participant 참여자 참가자
participate 참여 참가
participation 참여 참가
participatory 주민참여 참여예산 참여
partner 배우자 동반자 파트너
parttime 시간제 아르바이트 단시간
pass 정기권 패스 이용권
passport 여권
password 비밀번호
patch 패치
patent 특허
paternity 배우자 출산휴가 육아휴직
patient 환자
patrol 순찰 방범
pavement 인도 보행로 보도블록
pay 납부 지불 결제
payment 납부 결제 지급
pedestrian 보행자 보행 도보
penalty 과태료 가산세 벌금
pension 연금
people 사람 시민
performance 공연 성과
period 기간 기한 생리
permanent 영주 영주권 영구
permit 허가 허가증 표지
person 사람 인원
pest 해충 방역 벌레
pet 반려동물 반려견
petition 청원 진정
petrol 휘발유 주유
pharmacist 약사
pharmacy 약국
phishing 피싱 보이스피싱 스미싱
phone 전화 휴대폰 폰
photo 사진
pickup 수거 픽업
picnic 피크닉 소풍 나들이
pigeon 비둘기
pill 약 알약
pipe 배관 수도관
place 장소 곳
plane 비행기 항공
plant 식물 나무 식재
plastic 플라스틱 페트 비닐
plate 번호판
platform 플랫폼 승강장
playground 놀이터
plaza 광장
police 경찰
policy 정책 제도
poll 투표 여론조사 설문
pollution 오염 미세먼지 대기오염
pool 수영장
poor 저소득 취약
population 인구
post 우편 우체국
postal 우편 우체국
postcode 우편번호
postpartum 산후 산후조리
pothole 포트홀 도로파손 파손
poverty 빈곤 저소득 취약계층
power 전력 정전 전원
powerbank 보조배터리
pram 유모차
pregnancy 임신
pregnant 임신 임산부
prenatal 산전 임신 태아
preschool 유치원 어린이집 유아
prescription 처방 처방전
price 가격 요금
primary 초등 초등학교
print 인쇄 출력 프린트
priority 우선순위 우선권
privacy 개인정보 사생활
private 민간 사설 사립
prize 상금 시상
procedure 절차 처리절차
program 사업 프로그램 과정
promotion 홍보 판촉 승진
proof 증명 증빙 확인서
property 재산
proposal 제안 정책제안
protection 보호
proxy 대리인 위임 대리
psychiatric 정신과 정신건강
psychiatrist 정신과 정신건강의학과
psychological 심리 정신
psychologist 심리상담 상담사 심리
public 공공 대중
pupil 학생 초등학생
puppy 강아지 반려견
purchase 구매 구입 매입
pushchair 유모차
qualification 자격 요건 자격증
quarantine 격리 검역 방역
quarter 분기
quit 금연
quota 정원 할당 모집인원
rain 호우 강우 빗물
ramp 경사로
rat 쥐 설치류
rate 비율 요율 세율
reading 도서 독서
realtor 공인중개사 중개
receipt 영수증
receive 수령 지급
recipient 수급자 수혜자 수령인
recluse 은둔 은둔형
record 기록
recreation 여가 레크리에이션 휴양
recruit 채용 모집
recruitment 채용 모집
recycle 재활용
recycling 재활용
redevelopment 재개발 재건축 정비사업
reduction 감면 감축 감소
refrigerator 냉장고
refugee 난민
refund 환급 환불
register 신고 등록 가입
registration 등록 신고
registry 등기 등기부 등기부등본
regulation 규정 규제 조례
rehabilitation 재활 회생
reimbursement 환급 상환 정산
reissue 재발급 재교부
relation 가족관계
relationship 관계 가족관계
relocation 이주 이사
remittance 송금 해외송금
removal 제거 철거 수거
renew 갱신 재발급
renewal 갱신 재발급
renovation 리모델링 집수리 개보수 대수선
rent 임대 월세 대여 임차
rental 임대 임대주택 대여
repair 수리 보수
repayment 상환
replace 교체 교환
replacement 교체 교환 재발급
report 신고 제보
request 요청 청구
requirement 요건 조건 자격 기준
rescue 구조대 구출 인명구조
research 연구 조사
reservation 예약
reserve 예약
residency 체류 거주 체류자격
resident 주민 거주
residential 주거 주택
restroom 화장실
resume 이력서 자기소개서
retire 은퇴 퇴직
retirement 은퇴 퇴직 노후
return 반환 귀가 반납
reuse 재사용 다회용
ride 탑승 승차 타기
rider 라이더 배달
rink 스케이트장 아이스링크 빙상
risk 위험 위기 리스크
river 하천 한강 강변 강
riverside 강변 수변 한강공원
road 도로 길
roof 지붕 옥상
room 방 실
roommate 룸메이트 동거인
route 노선 경로
rule 규칙 기준
running 달리기 러닝 마라톤
rush 출퇴근 혼잡
safe 안전 안심
safety 안전
salary 급여 임금 월급 연봉
sale 매매 판매 매각
salon 미용실 미용
sanitary 생리대 위생
saturday 토요일
sauna 사우나 목욕탕
saving 저축 적금 절약
scam 사기 피싱 보이스피싱
schedule 일정 일시 시간표 스케줄
scholarship 장학금 장학
school 학교 초등학교
scooter 킥보드 스쿠터 이륜차 이동장치
scout 스카우트
screening 검진 선별진료소 검사
seal 인감 도장 직인
season 계절 시즌
seat 좌석
secondhand 중고 재사용 나눔
security 방범 보안 경비
selfemployed 자영업 소상공인 자영업자
sell 판매 매각
senior 어르신 노인
seollal 설날 명절
service 서비스 사업
settlement 정산 합의 정착
severance 퇴직금
sewage 하수 오수 하수도
sex 성별
sexual 성폭력 성희롱 성범죄
shade 그늘 그늘막
share 공유 나눔 셰어
sharing 공유 나눔
shelter 쉼터 대피소
shop 가게 상가 점포 매장
shopkeeper 소상공인 상인 가게
shot 접종 주사
shower 샤워 샤워실
shuttle 셔틀 셔틀버스 순환버스
sibling 형제 자매
sick 질병 환자 병가 아픈
sidewalk 인도 보행로 보도블록
sign 가입 신청
signature 서명 자필서명
signboard 간판 옥외광고물
signup 회원가입 가입
single 한부모 1인
sinkhole 싱크홀 땅꺼짐 지반침하
skating 스케이트 스케이트장 빙상
sled 썰매 눈썰매장
sledding 썰매 눈썰매장
small 소상공인 소규모 중소 소형
smartphone 스마트폰 휴대전화
sme 중소기업 중소
smell 냄새 악취
smoke 흡연 연기
smoking 흡연 금연
snow 대설 폭설 제설
soccer 축구 축구장
social 사회복지 사회적
sofa 소파 대형폐기물 가구
solar 태양광
son 아들 자녀
space 공간
speed 속도
speeding 과속
sport 체육 운동 스포츠
spouse 배우자
spring 봄 춘계
square 광장 제곱미터
stadium 경기장 운동장 스타디움
staff 직원 인력 종사자
stalking 스토킹
stall 노점 가판
stamp 도장 스탬프 우표
start 시작
startup 창업 스타트업
station 역 정류소 정류장
statistic 통계
stay 체류 숙박 체류기간
sticker 표지 스티커
stop 정류장 정류소 중단
storage 보관 보관함 창고
store 가게 상점 매장
storm 태풍 폭풍 풍수해
stray 유기동물 유기견 길고양이
street 거리 도로
streetlight 가로등
stress 스트레스
stroller 유모차
student 학생
studio 원룸 스튜디오
study 학습 공부
submit 제출
subscription 청약 구독
subsidy 보조금 지원금 지원
subway 지하철
sue 소송 고소
suggestion 제안 건의
suicide 자살 자살예방
summer 여름 하계
sunday 일요일
supermarket 마트 슈퍼마켓
supply 공급 물품 용품
support 지원
surgery 수술
survey 조사 설문 실태조사
sustainable 지속가능 친환경
swimming 수영
symptom 증상
taekwondo 태권도
tax 세금 세액 납세
taxi 택시
tea 다도 다례 찻집 차
teacher 교사 선생님 강사
technology 기술 과학기술
teen 청소년
teenager 청소년
teeth 치아 치과
television 텔레비전 tv
temple 사찰 템플스테이
temporary 임시 단기
tenancy 임대차 임차
tenant 세입자 임차인
test 검사 시험
theater 극장 공연장 연극
theatre 극장 공연장 연극
theft 도난 절도
therapist 치료사 상담사
therapy 치료 테라피 상담
throw 배출 버리는 버리기
thursday 목요일
ticket 표 승차권 입장권
time 시간
timetable 시간표 배차간격
tmoney 티머니 교통카드
tobacco 담배
today 오늘 당일
toddler 유아 영유아
toilet 화장실
toll 통행료
tool 공구 도구
tooth 치아 치과
total 합계 총액
tour 투어 관광 견학
tourism 관광
tourist 관광객 관광
tow 견인
town 마을 동네
trademark 상표
tradition 전통
traditional 전통 전통시장
traffic 교통
trail 둘레길 산책로 탐방로 트레일
train 기차 열차 철도
training 훈련 교육 연수
transfer 이체 환승 이전
transit 대중교통 환승
translate 번역 통역
translation 번역 통역
transport 교통
transportation 교통
trash 쓰레기
travel 여행 출장 관광
treatment 치료 진료 처치
tree 나무 수목 가로수
trial 재판 체험
trip 여행 출장 나들이
ttareungi 따릉이 공공자전거
ttareungyi 따릉이 공공자전거
tuesday 화요일
tuition 등록금 수업료 학비
tutor 멘토 강사
tutoring 과외 멘토링 학습지원
tv 텔레비전 tv
twin 쌍둥이 다태아
typhoon 태풍
umbrella 우산 양산
unemployed 실업 구직
unemployment 실업
uniform 교복 유니폼 제복
union 노동조합 노조
university 대학 대학교
unpaid 체불 미지급 무급 미납
update 변경 갱신 업데이트
urban 도시 도시농업
urgent 긴급 응급
utility 공과금 관리비
vacancy 빈자리 공실 결원 빈집
vacant 빈집 공실
vacation 방학 휴가
vaccination 접종 예방접종
vaccine 백신 접종
valid 유효 유효기간
vat 부가가치세 부가세
vehicle 차량 자동차
vendor 노점 상인
venue 장소 예식장
verification 검증 인증 본인확인
vet 동물병원 수의사
veteran 보훈 국가유공자 참전
veterinarian 수의사 동물병원
victim 피해자 피해
video 영상 동영상 비디오
vietnamese 베트남어 베트남
villa 빌라 다세대
village 마을 마을버스
violation 위반
violence 폭력
visa 비자 사증 체류
visit 방문
visitor 방문객 방문자 관람객
vocational 직업훈련 직업
volunteer 자원봉사 봉사
volunteering 자원봉사 봉사
vote 투표
voting 투표
voucher 바우처 이용권
vulnerable 취약 취약계층 위기
wage 임금 최저임금 급여
wait 대기
walk 동행 도보 귀가
wallet 지갑
warning 경보 주의보 경고
washing 세탁기 세탁
washroom 화장실
waste 쓰레기 폐기물
water 수도 물 수돗물
website 누리집 홈페이지 사이트
wedding 결혼 예식 결혼식
wednesday 수요일
week 매주 일주일
weekday 평일 주중
weekend 주말 토요일 일요일
weekly 매주 주1회
welfare 복지
wheelchair 휠체어
widow 사별 유족
wife 아내 배우자
wifi 와이파이 무선인터넷
wild 야생 야생동물
wildlife 야생동물 야생생물
window 창문 창호 창구
winter 겨울 동계
witness 증인
wolse 월세
woman 여성
women 여성
work 근무 일자리 직장
worker 근로자 노동자
workplace 직장 사업장 일터
workshop 워크숍 워크샵 체험
year 매년 연간 해마다
yearend 연말정산 연말
yearly 매년 연간
yoga 요가
young 청년 청소년
youth 청년 청소년
youtube 유튜브
zoo 동물원
"""


# Chat Korean -> the words city pages use for the same thing. Citizens write 공짜, 몰카, 스쿨존,
# 고딩; pages say 무료, 불법촬영, 어린이보호구역, 고등학생. Each line: the chat word, then what it
# stands for; the lexical index reads the standard words in its place, in questions and pages
# alike (civicbot.text.Tokenizer), so a page that does use the chat word still matches it. General
# usage (slang, old names of offices, informal names of city services, the everyday verbs of a
# need: 맡길 데 for care, 버릴 때 for disposal, 무지개다리 for a pet's death), not any evaluation
# set's wording. A word of one syllable is replaced only when it is a whole word (애, 폰), a longer
# one also inside a compound (독감주사 -> 독감 예방접종) — and so inside any page word that holds it:
# a chat word is only listed when no common compound or verb form holds it with another meaning
# (주사 sits in 입주사 and 거주사실, 인강 in 성인강좌, 방세 in 지방세, 자퇴 in 근로자퇴직, 치한 in
# 설치한, 불임 in 체불임금: none is listed). A line whose standard is the word itself (아파트,
# 없애기) guards a page word that holds a shorter chat word (아파, 애기): the longest word wins.
# By topic: money, family and care, housing, work, health, waste, transport, paperwork, safety,
# animals, the verbs of a need (고쳐, 빌려, 바꿔), common misspellings (쓰래기, 과태로, 에어콘).
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
돈 비용 지원금
돈안들 무료
돈안드 무료
돈내야 유료 비용
돈내 유료 비용
돈들 비용
비싸 비용
싸게 저렴 할인
싼 저렴 할인
깎아 감면 할인
깎는 감면 할인
깎을 감면 할인
돌려받 환급 환불
돌려주 반환 환불
돌려줘 반환 환불
전세금 전세보증금 보증금
떼였 피해 체불 미반환
떼인 피해 체불 미반환
떼먹 피해 체불 미반환
월급 임금 급여
연봉 연봉 소득
빚 채무 부채
신불자 신용불량 신용회복
기초수급 기초생활수급 수급자
수급비 생계급여 기초생활보장
지역화폐 서울사랑상품권 지역화폐
전기세 전기요금
수도세 수도요금 상수도
가스비 도시가스 가스요금
집값 주택가격
꼬맹이 어린이 아동
얘들 아이 아동
애기들 아기 아동
갓난아기 신생아 영아
갓난애기 신생아 영아
애낳 출산
낳으 출산
낳았 출산
낳는 출산
쌍둥이 다태아 쌍둥이
다둥이 다자녀 다둥이
엄빠 부모
엄마 어머니 부모
아빠 아버지 부모
노인네 어르신 노인
독거노인 독거어르신 홀몸어르신
혼자사는 1인가구 홀몸
와이프 배우자 아내
마누라 배우자 아내
남편 배우자 남편
신랑 신랑 배우자
독박육아 육아 돌봄
애봐 돌봄 아이돌봄
봐줄 돌봄
맡아줄 돌봄
베이비시터 아이돌보미 돌봄
산후도우미 산모신생아 건강관리사
가사도우미 가사관리사
싱글맘 한부모 미혼모
싱글대디 한부모
편부모 한부모
보육원 아동양육시설 보육원
보호종료아동 자립준비청년
은둔형외톨이 고립 은둔
히키코모리 고립 은둔
왕따 따돌림 학교폭력
대딩 대학생
유딩 유치원생 유아
잼민이 초등학생 어린이
학원비 교육비 학원
치매끼 치매
노망 치매
양로원 노인요양시설 요양원
자취방 원룸 1인가구
자취생 1인가구 청년
고시텔 고시원
주인집 임대인 집주인
임대아파트 임대주택 공공임대
주소이전 전입신고 주소
윗층 위층 이웃
발망치 층간소음
셰어하우스 공유주택 셰어하우스
쉐어하우스 공유주택 셰어하우스
신혼집 신혼부부 주택
중개수수료 중개보수 중개수수료
뜨거운물 온수
에어콘 에어컨
알바생 아르바이트 단시간근로
취준 구직 취업준비
취직 취업
짤리 해고 실직
짤림 해고 실직
잘리 해고 실직
때려치 퇴사 퇴직
그만두 퇴사 퇴직
그만뒀 퇴사 퇴직
실업수당 실업급여 구직급여
최저시급 최저임금
쉬는시간 휴게시간
갑질 갑질 괴롭힘
노가다 건설 일용직
일거리 일자리
투잡 부업 겸직
경단녀 경력단절여성 경력보유여성
외노자 외국인근로자
내배카 내일배움카드
노조 노동조합
공시생 공무원 수험생
이빨 치아 치과
우울증 우울증 정신건강
멘탈 정신건강 마음건강
정신과 정신건강의학과 정신건강
정신병원 정신건강의학과 정신의료기관
정신병 정신질환 정신건강
죽고싶 자살예방 위기상담
극단적선택 자살예방 자살
술끊 절주 금주
술 음주 술
담배끊 금연
담배 담배 흡연
끊 금연 절주
끊고싶 금연 절주
알콜 알코올 음주
피검사 혈액검사
눈검사 시력검사 안과
앰뷸런스 구급차
입원비 의료비 입원
수술비 의료비 수술
소아과 소아청소년과
백신 예방접종 백신
독감주사 독감 예방접종
주사맞 예방접종 주사
열나 발열
더위먹 온열질환 열사병
건보료 건강보험료
의료보험 건강보험
납골당 봉안당 봉안시설
음쓰 음식물 쓰레기
음식쓰레기 음식물 쓰레기
쓰레기봉투 종량제봉투 쓰레기
대형쓰레기 대형폐기물
큰쓰레기 대형폐기물
공사쓰레기 건설폐기물
쓰레기차 수거차량 쓰레기
쓰래기 쓰레기 폐기물
패기물 폐기물
옷수거함 의류수거함
밧데리 배터리 건전지
스티로폴 스티로폼
패트병 페트병
빈병 빈용기 빈병
찌라시 불법광고물 전단지
잃어버 분실
내버려 방치
버려진 유기 유기동물
따릉이 공공자전거 따릉이
버스카드 교통카드
택시비 택시요금
버스비 버스요금
지하철비 지하철요금
주차비 주차요금
톨비 통행료
기름값 유류비
렉카 견인
끌려갔 견인
킥보드 전동킥보드 개인형이동장치
장콜 장애인콜택시
엘베 엘리베이터 승강기
오토바이 이륜자동차 오토바이
과속카메라 과속단속카메라 단속카메라
올빼미버스 심야버스 올빼미버스
버정 버스정류장 정류소
지옥철 지하철 혼잡
땅꺼짐 지반침하 싱크홀
도로파임 포트홀 도로파손
보도블럭 보도블록
렌트카 렌터카
카쉐어링 카셰어링 나눔카
거주자주차 거주자우선주차
블박 블랙박스 영상
주민증 주민등록증
민원24 정부24
공인인증서 공동인증서 인증서
결혼신고 혼인신고
떼야 발급
떼려 발급
무인발급기 무인민원발급기
도촬 불법촬영
리벤지포르노 디지털성범죄 불법촬영
스토커 스토킹
때려 폭행 폭력
도둑 절도 도난
도둑맞 도난 절도
소매치기 절도
사기전화 보이스피싱 전화금융사기
사기문자 스미싱 문자사기
불나 화재
불났 화재
가스냄새 가스누출 가스
홍수 침수 홍수
물난리 침수 풍수해
폭우 호우 폭우
폭설 대설 폭설
긴급문자 재난문자 긴급재난문자
방공호 대피소 민방위
길잃 실종 미아
귀갓길 안심귀가 귀가
씨씨티비 CCTV 폐쇄회로
물안나 단수
전기나가 정전
전기나갔 정전
눈치우 제설
멍멍이 반려견
멍뭉이 반려견
강쥐 반려견 강아지
길냥이 길고양이
도둑고양이 길고양이
캣맘 길고양이 돌봄
애완묘 반려묘 고양이
펫 반려동물
똥 배설물 분변
개똥 반려견 배설물
닭둘기 비둘기
벌레 해충 벌레
고쳐 수리 보수
고칠 수리 보수
빌려 대여 대출
빌릴 대여 대출
바꿔 변경 교체
망가졌 고장 파손
망가진 고장 파손
부서졌 파손
부서진 파손
깨졌 파손
냄새나 악취 냄새
배울 교육 강좌
쉬는날 휴무 휴관
빨간날 공휴일
민원넣 민원 신고
컴플레인 민원 불편
센타 센터
쎈터 센터
과태로 과태료
핸펀 휴대전화
핸폰 휴대전화
폰번 전화번호
홈피 홈페이지
싸이트 사이트
카톡 카카오톡
메세지 메시지
컨텐츠 콘텐츠
스케쥴 일정
바베큐 바비큐
헬스장 헬스장 체력단련실
주말농장 텃밭 주말농장
외국사람 외국인
탈북민 북한이탈주민 탈북민
탈북자 북한이탈주민
노숙자 노숙인
아파트 아파트
없애기 없애기
발자취 발자취
예비번호 예비번호
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
