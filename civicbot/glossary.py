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
safety and disasters, animals, civil paperwork, foreign residents, time and quantities; and the
everyday words residents ask with (the home and its repairs, food, the body and its conditions,
vehicles, exams, jobs and pay, family roles, animals and plants, weather, city places, the verbs of
paperwork in their -ing and -ed forms, romanised Korean such as jeonse, suneung, ddareungi). A city
can extend it. Each line: an English word (lower case, singular as civicbot.text's plural folding
leaves it), then its Korean equivalents, the formal terms pages use (임대차, 분쟁조정) and the everyday
word where pages use it too; a page matches the word when it has any of them. British and American
spellings both have a line (licence, license); so do the plurals that folding does not reach
(children, women, teeth). Words that folding would cut short (census -> censu, overseas -> oversea)
have no line: they could never be looked up; a word said only in the plural has the folded form
(measles -> measle, rabies -> rabie), and a hyphenated word its joined one (top-up -> topup, as the
tokenizer keeps it). An equivalent of one syllable matches only a whole word, so few are used;
equivalents nearly every page has (신청, 안내) are avoided, as a match is taken as evidence that the
page is about the word.
"""

from __future__ import annotations

from functools import cache

_GLOSSARY = """
abandoned 유기동물 유기견 방치
abdomen 복부
abdominal 복부 복통
abolished 폐지
abolition 폐지
abortion 임신중지 인공임신중절 낙태
abroad 해외 외국
absence 결석 부재 결근
absent 결석 결근 부재
absenteeism 결근
abstain 금주 절제
abstract 초본
abuse 학대 폭력
academy 학원 아카데미
accept 승인 수락
accepted 승인 선정
accessibility 접근성 무장애 배리어프리
accessible 무장애 배리어프리 접근성
accident 사고
accommodation 숙박 숙소 숙박시설
account 계좌 계정
accountant 회계사 세무사
accounting 회계 세무
accreditation 인증 인가 평가인증
accredited 인증 인가
accused 피의자 피고인
ache 통증 아픔
acne 여드름
acquisition 취득 취득세
acting 연기 연극
actor 연기자 영화배우 연극배우
acupuncture 한방 침술
ad 광고
addiction 중독
additional 추가 별도
additive 첨가물 식품첨가물
address 주소
adhd 주의력결핍 adhd
admission 입장료 입장 입학 입원
adolescence 청소년기 사춘기
adolescent 청소년 사춘기
adopt 입양
adoptee 입양인 입양아
adoption 입양
adoptive 입양 양부모
adult 성인 어른
advance 사전 선착순 예매
advertisement 광고
advertising 광고
advice 상담 조언 자문
adviser 자문 상담사 컨설턴트
advisor 자문 상담사 컨설턴트
aed 자동심장충격기 심장충격기
affordable 저렴 저가
africa 아프리카
african 아프리카
afternoon 오후
afterschool 방과후 돌봄교실
age 나이 연령
aged 어르신 노인
ageism 연령차별 노인차별
agency 기관 공단
agenda 안건 의제
agent 중개사 대리인 설계사
agree 동의
agreement 계약 협약 합의
agriculture 농업 농사
ai 인공지능 ai
aid 구호 응급처치 보조기기
aids 에이즈 hiv
air 대기질 대기오염 공기
airbnb 에어비앤비 공유숙박
aircon 에어컨 냉방기
airfare 항공료 항공권
airline 항공사 항공
airport 공항
alarm 경보기 경보 알람
alcohol 음주 알코올 주류 술
alcoholic 알코올중독 알코올의존
alcoholism 알코올중독 알코올의존
alert 경보 재난문자 긴급문자
alien 외국인 외국인등록
alimony 위자료 부양료
allergic 알레르기 알러지
allergy 알레르기 알러지
alley 골목 골목길 이면도로
alleyway 골목 골목길
allotment 텃밭 주말농장
allowance 수당 지원금
allowed 허용 허가
alone 혼자 홀로
alteration 수선 개조
aluminium 알루미늄 캔
aluminum 알루미늄 캔
alumni 동문 졸업생
alumnus 동문 졸업생
alzheimer 치매 알츠하이머
amateur 아마추어 생활체육 동호인
ambulance 구급차
amendment 개정 개정안
american 미국 미국인
amount 금액 액수
anaesthesia 마취
ancestor 조상 선조
anchovy 멸치
anesthesia 마취
angling 낚시
animal 동물
animation 애니메이션 만화
ankle 발목
announcement 공고 발표
annual 연간 매년 연례
annually 매년 연간
annuity 연금
anorexia 거식증 섭식장애
ant 개미
antenatal 산전 임신
antibiotic 항생제
anticorruption 반부패 청렴 권익위원회
anxiety 불안
anytime 상시 언제든지 수시
apartment 아파트
apnea 무호흡 수면무호흡
apnoea 무호흡 수면무호흡
apostille 아포스티유
app 앱 어플
appeal 이의신청 행정심판 재심
appliance 가전 가전제품 전자제품 폐가전
applicant 신청자 지원자
application 신청
apply 신청
appointment 예약
apprentice 도제 견습 수습
apprenticeship 도제 견습 일학습병행
approval 승인 허가 인가
approve 승인 허가 인가
approved 승인 허가 선정
april 4월
apron 앞치마
aquarium 아쿠아리움 수족관 어항
arabic 아랍어
arbeit 아르바이트 알바
arbitration 중재
arc 외국인등록증 외국인등록
arcade 상가 오락실 아케이드
archery 양궁 국궁
archive 기록관 아카이브 기록물
area 면적 구역
arena 경기장 체육관 아레나
arisu 아리수 수돗물
arm 팔 상지
armchair 안락의자 소파
army 군대 육군
arrear 체납 연체
arrival 도착 입국
arson 방화
art 미술 예술
arthritis 관절염
artist 예술인 예술가 작가
asap 긴급 빨리 신속
ashtray 재떨이 흡연구역
asia 아시아
asian 아시아
assault 폭행 폭력 성폭력
assaulted 폭행 폭력
assembly 의회 집회 총회
asset 자산 재산
assignment 과제 숙제
assistance 지원 도움
assistive 보조기기 보조
asthma 천식
asylum 난민 망명 비호
athlete 선수 운동선수
atm 현금인출기 atm 자동화기기
atopic 아토피
attach 첨부
attached 첨부
attachment 첨부 첨부파일
attack 공격 폭행 습격
attacked 공격 폭행
attend 참석 참가 수강
attendance 출석 출결 참석
attic 다락 다락방
attire 복장
attorney 변호사 대리인
attraction 명소 관광지 볼거리
auction 경매 공매
audience 관객 관람객 청중
audiobook 오디오북
audit 세무조사
auditor 회계사
auditorium 강당 대강당
august 8월
aunt 이모 고모 숙모
auntie 이모 고모
australia 호주
australian 호주
authentication 인증 본인인증
authorisation 위임 승인 허가
authorise 위임 승인
authorization 위임 승인 허가
authorize 위임 승인
autism 자폐 발달장애
autonomous 자치 자율
autumn 가을 추계
avenue 거리 대로변
award 시상 수상 포상
awning 차양 어닝
baby 아기 출생아 영아
babysitter 아이돌보미 베이비시터 돌보미
babysitting 아이돌봄 돌봄
bachelor 학사 학사학위
backache 요통 허리통증
backpack 가방 책가방 배낭
backstreet 골목 이면도로
badger 오소리
badminton 배드민턴
baduk 바둑
bag 봉투 가방 종량제
baggage 짐 수하물 짐보관
bake 제빵 베이킹
bakery 제과점 베이커리 빵집
baking 제빵 베이킹
balance 잔액 잔고 균형
balcony 베란다 발코니
bald 탈모
ballet 발레
ballot 투표 투표용지
bamboo 대나무
ban 금지 금지조치
banchan 반찬
band 밴드 악단
bandage 붕대 밴드
bangladesh 방글라데시
banjeonse 반전세
banjiha 반지하
bank 은행
bankbook 통장
bankrupt 파산 부도
bankruptcy 파산 회생
banned 금지 제한
banner 현수막 배너
banquet 연회 잔치 피로연
bar 술집 주점
barbecue 바비큐 바베큐
barber 이발 이용원
barcode 바코드
bargaining 교섭 단체교섭
barista 바리스타
bark 짖음 소음
barking 짖음 개짖는 소음
barrierfree 무장애 배리어프리
baseball 야구 야구장
basement 지하 반지하
basic 기초 기초생활
basketball 농구
bat 박쥐
bath 목욕 목욕탕 욕조
bathhouse 목욕탕 대중목욕탕
bathroom 화장실 욕실
bathtub 욕조
battery 배터리 건전지 폐건전지
bazaar 바자회 장터
bbq 바비큐 바베큐
beach 해수욕장 해변
bean 콩 두부 대두
beautician 미용사 피부미용
bed 침대 병상 매트리스
bedbug 빈대
bedridden 와상 거동불편 누워
bedroom 침실 안방
bee 벌집 말벌
beef 소고기 쇠고기 한우
beehive 벌집 양봉
beer 맥주 주류
beetle 딱정벌레
beforehand 미리 사전
befriend 말벗 친구
befriending 말벗
beginner 초보 입문 초급
bell 비상벨 초인종
belly 복부
belonging 소지품 유실물 분실물
belt 안전벨트 벨트
bench 벤치 의자
beneficiary 수급자 수혜자
benefit 혜택 급여 지원
bento 도시락
beolcho 벌초
bereaved 유족 유가족 사별
betting 도박 베팅
beverage 음료 음료수
biannual 반기
bibimbap 비빔밥
bicycle 자전거
bike 자전거
biking 자전거
bill 요금 고지서
billboard 옥외광고 광고판 간판
billiard 당구
bin 수거함 쓰레기통 분리수거함
biodiversity 생물다양성
biological 친생 친부모 생물학
biology 생물
biopsy 조직검사
bipolar 양극성 조울증
bird 조류 야생조류
birth 출생 출산
bite 물림 개물림 교상
biweekly 격주 2주
blackbox 블랙박스
blackmail 협박 공갈
blackout 정전
blanket 이불 담요
bleach 락스 표백제
bleeding 출혈 피
blind 시각장애 점자 시각
blindness 실명 시각장애
blizzard 폭설 눈보라
block 블록 구역 차단
blocked 막힘 막힌 차단
blog 블로그
blood 혈액 헌혈 혈압
bloom 개화
blossom 벚꽃 개화
bmi 체질량지수 비만도
bnb 민박 게스트하우스
boar 멧돼지
board 게시판 위원회 탑승
boardgame 보드게임
boarding 탑승 보딩
boat 보트 유람선 선박
bogeonso 보건소
boiler 보일러
bokjiro 복지로
bomb 폭발물 폭탄
bone 뼈 닭뼈 생선뼈 골다공증 골밀도
bonfire 모닥불 캠프파이어
bonus 상여금 보너스 성과급 인센티브
book 예약 책 도서
booked 예약 예약된
booking 예약
bookkeeping 장부 기장 회계
bookshelf 책장 책꽂이
bookshop 서점
bookstore 서점
booster 추가접종 부스터
boot 장화 부츠
bootcamp 부트캠프 집중과정
booth 부스 천막
border 국경 경계
born 출생
borrow 대여 대출
borrowed 대여 대출 빌린
borrower 차주 대출자 채무자
borrowing 대여 대출 빌리
boss 상사 사장
bot 챗봇
botanical 식물원 수목원
bottle 페트병 유리병
bouldering 볼더링 클라이밍
boulevard 거리 대로변
boundary 경계 구역 경계선
bowel 대장 배변
bowling 볼링
box 상자 박스
boxing 복싱 권투
boy 남아 남학생 소년
boyfriend 남자친구 연인
bra 속옷 브래지어
braille 점자
brain 뇌
brake 브레이크 제동
branch 나뭇가지 지점 지사
bread 빵 제과
breadwinner 생계부양자
break 휴식 휴게 휴게시간 방학
breaker 차단기 누전차단기
breakfast 아침 조식
breakup 이별 결별
breast 유방 유방암 가슴
breastfeed 모유수유 수유
breastfeeding 모유수유 수유 수유실
breeder 생산업 번식업 브리더
breeding 번식 사육 생산업
bribe 뇌물 금품 청탁
bribery 뇌물 금품수수
brick 벽돌
bride 신부 예비신부
bridge 다리 교량 대교
briefing 설명회 브리핑
bring 지참 가져오 반입
bringing 지참 반입
british 영국
broadband 인터넷 초고속
broadcast 방송
broadcasting 방송
broken 고장 파손 망가진
broker 중개사 중개
brokerage 중개수수료 중개보수 중개
brook 하천 실개천
broom 빗자루
brother 형제 오빠 남동생
brotherinlaw 시동생 처남 매형 매부
brownout 전압강하
bruise 멍 타박상
buddha 부처님오신날 석가탄신일
buddhist 불교 사찰
budget 예산
budgeting 가계부 예산
buffet 뷔페
bug 벌레 해충
building 건물 건축
bukhansan 북한산
bulb 전구 형광등 폐형광등
bulgogi 불고기
bulimia 폭식증 섭식장애
bulky 대형
bulletin 게시판 소식지 공고
bully 괴롭힘 따돌림 갑질
bullying 괴롭힘 학교폭력 따돌림
bumper 범퍼
bunk 이층침대
bunker 대피소 방공호
bunny 토끼
bureaucracy 관료 행정
burglar 도둑 절도 빈집털이
burglary 절도 침입 주거침입
burmese 미얀마
burn 화상 소각
burned 화상 불탄
burnout 번아웃 소진
burnt 화상 불탄
burst 동파 파열 터짐
bus 버스
bushfire 산불
business 사업 영업 사업자
busker 버스킹 거리공연
busking 버스킹 거리공연
busy 혼잡 바쁜 붐비
butcher 정육점 정육
butt 꽁초 담배꽁초
butter 버터
butterfly 나비
buy 구매 구입
byelaw 조례 규칙
bylaw 조례 규칙
cabbage 배추 양배추
cabinet 수납장 캐비닛 장롱
cable 케이블 전선
cablecar 케이블카
cactus 선인장
caesarean 제왕절개
cafe 카페
cafeteria 구내식당 식당 급식
cage 케이지 사육장
call 전화 콜
calligraphy 서예 캘리그라피
callvan 콜밴 장애인콜택시
calorie 칼로리 열량
cambodia 캄보디아
cambodian 캄보디아
camera 카메라 cctv 촬영
camp 캠프 캠핑 야영
campervan 캠핑카 카라반
campfire 캠프파이어 모닥불
camping 캠핑 캠핑장 야영
campsite 캠핑장 야영장
campus 캠퍼스 교정
canada 캐나다
canadian 캐나다
cancel 취소 해지
cancelation 취소 해지
canceled 취소 결항 운휴
canceling 취소 해지
cancellation 취소 해지 해약
cancelled 취소 결항 운휴
cancelling 취소 해지
cancer 암 암검진
candle 양초
candy 사탕 과자
cane 지팡이
canine 반려견
cannabis 대마 마약
canoe 카누
canteen 구내식당 급식 식당
cap 뚜껑 상한
capacity 정원 수용인원 수용
capsule 캡슐
caption 자막 캡션
captioning 자막 문자통역
car 자동차 차량 차
caravan 카라반 캠핑카
carbon 탄소 온실가스 탄소중립
carcass 사체 동물사체
card 카드
cardboard 골판지 박스 상자
care 돌봄 관리 조리
career 경력 진로 커리어
caregiver 요양보호사 간병인 돌보미 보호자
carer 간병인 돌보미 보호자
caretaker 관리인 경비원
carnival 축제 카니발
carpark 주차장
carpenter 목수 목공
carpentry 목공
carpet 카펫 양탄자
carpool 카풀 승차공유
carrier 통신사 운송 보균자
carry 휴대 지참 운반
carrying 휴대 운반 지참
carsharing 카셰어링 나눔카
carton 종이팩 우유팩 상자
cartoon 만화 애니메이션
carwash 세차 세차장
cash 현금
cashback 캐시백 페이백 적립
cashier 계산원 캐셔
casino 카지노 도박
casualty 사상자 부상자
cat 고양이 길고양이
cataract 백내장
catering 케이터링 출장뷔페 급식
cathedral 성당
catholic 천주교 가톨릭 성당
cattle 가축 축산
cavity 충치
cctv cctv 폐쇄회로 방범카메라
ceiling 천장
cement 시멘트
cemetery 묘지 공원묘지 추모공원
center 센터
centipede 지네
centre 센터
ceo 대표이사
ceramic 도예 도자기
ceremony 의식 기념식 예식
certificate 증명서 확인서 증명 인증서 결과서 자격증
certification 인증 인증서 자격
certified 인증 공인 자격
cervical 자궁경부 자궁경부암
cesarean 제왕절개
cessation 금연
chair 의자
champion 우승 챔피언
changdeokgung 창덕궁
change 변경 정정
changed 변경 정정
changing 변경 정정
channel 채널 창구
chapel 예배당 교회
charge 요금 수수료 충전
charged 부과 청구 충전
charger 충전기 충전
charging 충전 충전소
charity 자선 기부 나눔
chat 대화 채팅 말벗
chatbot 챗봇 상담봇
chauffeur 대리운전 운전기사
cheap 저렴 할인 싸게
cheaper 저렴 할인
cheapest 최저가 최저
check 확인 검사 검진
checkup 검진
cheering 응원
cheese 치즈
chef 요리사 조리사 셰프
chemical 화학 화학물질
chemistry 화학
chemo 항암 항암치료
chemotherapy 항암 항암치료
cheonggyecheon 청계천
cheque 수표
chess 체스 바둑
chest 가슴 흉부
chicken 닭고기 치킨 양계 가금
chickenpox 수두
child 아동 어린이 아이 자녀
childbirth 출산 분만
childcare 돌봄 보육 아이돌봄
childrearing 육아 양육
children 아동 어린이 아이 자녀
chili 고추
chilli 고추
chilly 쌀쌀 추운
chilsun 칠순 고희
chimney 굴뚝 연통
china 중국
chinese 중국어 중국
chiropractor 도수치료 척추교정
chobon 초본 주민등록초본
chocolate 초콜릿
choir 합창 합창단
choking 질식 기도폐쇄 하임리히
cholesterol 콜레스테롤 고지혈증
chopstick 젓가락
chorus 합창 코러스
christian 기독교 교회
church 교회 성당
chuseok 추석 명절
cicada 매미
cigar 담배
cigarette 담배 궐련
cinema 영화관 극장
circus 서커스 곡예
citizen 시민
citizenship 국적 시민권
city 서울시 도시
civil 민원 민사
claim 청구 보험금
claimed 청구
clam 조개 바지락
clamp 족쇄 견인
class 강좌 수업 교실 강습
classmate 급우 같은반 동기
classroom 교실 강의실
clean 청소 정화
cleaned 청소 세척
cleaner 청소기 세정제 미화원 청소
cleaning 청소 세척 방역
clerk 사무원 점원
climate 기후 기후위기 기후동행카드
climbing 클라이밍 등반 등산
clinic 클리닉 진료소 병원 보건소
clock 시계
clog 막힘 막힌 배수구
clogged 막힘 막힌
close 마감 휴관
closed 휴관 휴무 마감
closet 옷장 붙박이장
closing 폐점 폐업 폐관
closure 폐업 폐쇄 휴업
clothes 의류 옷
clothing 의류 옷 헌옷
cloudy 흐림 흐린
club 동호회 동아리 클럽
clubhouse 클럽하우스 동호회
coach 고속버스 관광버스 코치
coast 해안 연안
coat 외투 코트
cobbler 구두수선 수선
cockroach 바퀴벌레 해충
coding 코딩 프로그래밍
coerce 강요 강제
coercion 강요 강압
coex 코엑스
coffee 커피
cohabit 동거
cohabitation 동거 사실혼
cohabiting 동거
cold 감기 한파 추위
collapse 붕괴 붕괴위험
collapsed 붕괴 무너진
collar 목줄 목걸이
collateral 담보
colleague 동료 직장동료
collect 수거 수집
collected 수거 수집
collecting 수거 수집 모금
collection 수거 수집
college 대학 전문대
collision 충돌 추돌 사고
colon 대장 대장암
colonoscopy 대장내시경
columbarium 봉안당 납골당
coma 혼수
comedy 코미디 개그
comic 만화 웹툰
commission 중개보수 위원회
committee 위원회
community 공동체 마을 커뮤니티 주민센터
commute 출퇴근 통근 출근
commuter 출퇴근 통근
companion 동반 말벗
companionship 말벗 동반
company 기업 회사 업체 사업자
compatriot 동포
compensate 보상 배상
compensated 보상 배상
compensation 보상 배상 보상금
competition 대회 공모전 경진대회
complain 민원 항의 불편신고
complained 민원 항의
complaining 민원 항의
complaint 민원 불편 신고
complete 이수 수료
completed 이수 수료
completion 이수 수료 준공
complex 아파트단지 복합단지 단지내
compost 퇴비 음식물쓰레기
compulsory 의무 필수
computer 컴퓨터
concert 공연 콘서트 음악회
concierge 안내데스크 컨시어지
concrete 콘크리트
concussion 뇌진탕
condensation 결로 이슬맺힘
condition 조건 요건
conditioner 에어컨 냉방기
condom 콘돔 피임
conference 콘퍼런스 회의 학술대회
confinement 산후조리 감금
confirm 확정
confirmation 확정 확인서
congestion 혼잡 정체
congressman 국회의원
connection 환승 연결편
conscription 징병 병역
consent 동의 동의서
conservation 보전 절약 보존
conserve 절약 보전
constipation 변비
constitution 헌법
construction 공사 건설 건축
consulate 영사관 총영사관
consult 상담 자문
consultation 상담
contact 연락처 연락
container 용기 수거함 컨테이너
contest 공모전 대회 경연
contraception 피임
contraceptive 피임 피임약
contract 계약 계약서
contractor 시공업체 시공사 업체
convenience 편의점 편의시설 편의
conversation 회화 대화
convicted 유죄 전과
conviction 유죄 전과
cook 요리 조리
cooker 가스레인지 밥솥 레인지
cookery 요리
cooking 요리 조리
cool 시원 냉방
cooling 냉방 무더위쉼터
copay 본인부담금 본인부담
copayment 본인부담금 본인부담
copy 사본 등본 초본
copyright 저작권
corporation 법인 기업 공단
correction 정정 수정
corridor 복도
corruption 부패 비리 청탁
cosign 보증 연대보증
cosigner 보증인 연대보증
cosmetic 화장품 미용
cost 비용 요금 가격 수수료
costly 비싼 고가
costume 의상 코스튬
cot 아기침대 간이침대
cottage 별장
couch 소파
cough 기침
council 의회 위원회 협의회
councillor 의원 구의원 시의원
councilor 의원 구의원 시의원
counsel 상담
counseling 상담
counselling 상담
counselor 상담사 상담
counter 창구 카운터 계산대
counterfeit 위조 위조품 짝퉁
countryside 농촌 시골
couple 부부 신혼부부 커플
coupon 쿠폰 상품권 할인권
courier 택배 배송
course 과정 강좌 강의 교육
court 법원 재판 소송 코트
courthouse 법원
cousin 사촌
coverage 보장 보험 적용
covered 보장 적용
covid 코로나 코로나19
cow 젖소 한우
coworker 동료 직장동료
coworking 공유오피스 코워킹
cpr 심폐소생술
crab 꽃게 대게
crack 균열 금간 갈라짐
crackdown 단속 집중단속
cracked 균열 금간 파손
craft 공예 만들기
cram 학원 입시
crane 크레인 기중기
crash 충돌 추돌 사고
creator 크리에이터 창작자
credit 신용 학점 세액공제 크레딧
creditor 채권자
creek 하천 개천
cremation 화장장 화장시설 봉안 장사시설
crematorium 화장장 화장시설 추모공원
crib 아기침대 유아침대
cricket 귀뚜라미 크리켓
crime 범죄
crisis 위기 긴급 위기가구
criteria 기준 요건
croquet 게이트볼
crossing 횡단보도 건널목
crosswalk 횡단보도
crow 까마귀
crowd 인파 밀집 군중
crowded 혼잡 붐비는
cruelty 학대 동물학대
cruise 유람선 크루즈
crumbling 붕괴 노후
crush 압사 인파사고 밀집
crutch 목발
csat 수능 대학수학능력시험
csection 제왕절개
ct 컴퓨터단층촬영 씨티
cubicle 사무실
cultural 문화 문화예술
culture 문화
cup 컵 종이컵 일회용컵
cupboard 찬장 수납장
curb 연석 억제
currency 화폐 통화 지역화폐
curriculum 교육과정 커리큘럼 교과과정
curtain 커튼 블라인드
cushion 쿠션 방석
custody 양육권 양육
customer 고객 손님
cv 이력서
cyberbullying 사이버폭력 사이버괴롭힘
cybercrime 사이버범죄
cycle 자전거
cycleway 자전거도로
cycling 자전거 사이클
cyclist 자전거 라이더
cyclone 태풍 사이클론
dad 아빠 아버지
daddy 아빠
daeboreum 정월대보름 대보름
daily 매일
dairy 유제품
dam 댐
damage 피해 손해
damp 습기 결로 곰팡이
dampness 습기 결로
dance 무용 댄스 춤
danger 위험
dangerous 위험 위험한
dark 어두운 어둠 야간
darkness 어둠
dasan 다산콜 다산콜센터
dashcam 블랙박스 영상
data 데이터 통계
date 날짜 일시
daughter 딸 자녀
daughterinlaw 며느리
dawn 새벽 동틀녘
day 요일 날짜 당일
daycare 어린이집 보육
dayoff 휴무 휴가 연차
daytrip 당일치기 나들이
ddareungi 따릉이 공공자전거
ddareungyi 따릉이 공공자전거
ddp 동대문디자인플라자
dead 사망 사체 폐사
deadline 마감 기한
deaf 청각장애 농인 수어
deafness 난청 청각장애
death 사망
debit 체크카드 직불
debris 잔해 토사 폐기물
debt 채무 빚
debtor 채무자
deceased 사망자 고인 망인
deceive 사기 기만
december 12월
decree 시행령
deductible 자기부담금 공제
deduction 공제
deed 등기 권리증 증서
deer 고라니 사슴
defector 북한이탈주민 탈북민 새터민
defence 민방위 방위
defendant 피고 피고인
defense 민방위 방위
defer 유예 연기
deferment 유예 연기
deferral 유예 연기
defibrillator 심장충격기 제세동기
degree 학위 학력
dehumidifier 제습기
dehydration 탈수
deicer 제설제 염화칼슘
deicing 제설 제설제
delay 지연 발달지연
delayed 지연 늦어
delaying 지연 연기
delinquency 연체 체납
delinquent 연체 체납
deliver 배달 배송 전달
delivered 배달 배송
delivery 배달 배송 택배 분만
dementia 치매
demolish 철거
demolition 철거 해체
demonstration 집회 시위 시연
denied 거부 거절 불허
dent 찌그러짐 파손
dental 치과 구강 치아
dentist 치과 치과의사
denture 틀니 의치
deny 거부 거절 불허
departure 출발 출국
dependant 부양가족 피부양자
dependent 부양가족 피부양자
deposit 보증금 예치
depot 차고지 기지
depression 우울
deputy 부구청장 부시장 대리
dermatologist 피부과
dermatology 피부과
designated 대리운전
desk 책상
desktop 컴퓨터 데스크톱
dessert 디저트 후식
detached 단독주택
detector 감지기 탐지기
detention 구금 방과후
detergent 세제 세탁세제
detour 우회 우회도로
deungbon 등본 주민등록등본
developmental 발달 발달장애
deworming 구충 구충제
diabetes 당뇨 당뇨병
diabetic 당뇨 당뇨병
dialysis 투석 혈액투석
diaper 기저귀
diarrhea 설사
diarrhoea 설사
diaspora 재외동포 동포
diesel 경유 디젤
diet 식단 다이어트 식이
digital 디지털 정보화
dilapidated 노후 노후주택 낡은
diner 식당 음식점
dinner 저녁 석식
diploma 졸업장 학위 졸업증명서
dirt 흙 먼지
dirty 더러운 지저분 불결
disability 장애
disabled 장애인 장애
disagree 이의 반대
disaster 재난 재해
discard 폐기 배출 버리
discarded 폐기 버려진
discharge 퇴원 배출 방류
discharged 전역 퇴원 제대
disclosure 공개 정보공개 공시
disconnect 끊김 단선
discount 할인 감면
discrimination 차별
disease 질병 질환
dishwasher 식기세척기
disinfect 소독 방역
disinfection 방역 소독
dislocation 탈구
dismissal 해고
dispatch 파견 출동
dispatched 파견
displaced 이재민 이주
disposable 일회용 일회용품
disposal 배출 폐기 수거
dispose 배출 폐기 수거
dispute 분쟁 분쟁조정 다툼
dissertation 학위논문 논문
district 자치구 구청
diversion 우회
diving 다이빙 스쿠버
divorce 이혼
diy 만들기 diy 공방
dizziness 어지럼증 현기증
dizzy 어지럼 현기증
docent 도슨트 해설 해설사
doctor 의사 진료
doctorate 박사 박사학위
document 서류 문서
documentary 다큐멘터리 기록영화
doenjang 된장
dog 개 반려견 강아지
dojang 도장 인감
dokseosil 독서실
doljanchi 돌잔치
dollar 달러 외화
dolphin 돌고래
domestic 가정폭력 가정 국내
donate 기부 기증 헌혈
donation 기부 헌혈 기증 후원
dongari 동아리
dongdaemun 동대문
donor 기증자 기부자 헌혈
door 현관문 출입문 도어
doorbell 초인종 인터폰
doorlock 도어락 디지털도어락
doormat 현관매트
doorstep 문앞 현관
doortodoor 방문판매
dorm 기숙사
dormitory 기숙사
dosirak 도시락
doula 산후도우미 출산도우미
download 다운로드 내려받
downpour 폭우 호우 집중호우
downsizing 구조조정 감원
downtime 장애 중단
downtown 도심 시내 중심가
draft 외풍 초안
draftee 징집 병역
dragonfly 잠자리
drain 배수구 하수구 배수
drainage 배수 배수로 하수
drama 드라마 연극
draught 외풍 웃풍 틈새바람
draw 추첨 그리기
drawer 서랍 서랍장
drawing 그림 드로잉 미술
dress 드레스 원피스 복장
dresscode 복장규정 복장
drill 훈련 대피훈련 민방위
drink 음료 음주 마시
drinking 음주 음용 먹는물
driver 운전 운전자
driving 운전
drizzle 이슬비 가랑비
drone 드론
drop 하차 반납 배출
dropoff 하차 반납 맡기
dropout 중퇴 학교밖 자퇴
drought 가뭄
drown 익사 물놀이사고
drowning 익사 물놀이사고 익수
drug 약물 마약 의약품
drugstore 약국 드러그스토어
drunk 음주 음주운전 만취
dry 건조 마른
drycleaner 세탁소
dryer 건조기 드라이어
dual 복수 이중
duck 오리
due 기한 납기 만기
dui 음주운전
dullegil 둘레길
dump 무단투기 투기 매립
dumped 무단투기 투기 버려진
dumping 투기 무단투기 불법투기
dumpling 만두
duplicate 등본 사본 중복
dust 먼지 미세먼지 황사
duty 면세 관세 의무
dutyfree 면세 면세점
duvet 이불
dying 임종 죽음 사망
dyslexia 난독증
eagle 독수리
ear 귀 청력 이비인후과
early 조기 일찍
earlybird 얼리버드 조기예매
earphone 이어폰
earthquake 지진
earthworm 지렁이
eatery 음식점 식당
eating 섭식 식사
ebike 전기자전거
ebook 전자책 이북
ecigarette 전자담배
eco 친환경 에코
ecobag 장바구니 에코백
ecofriendly 친환경
ecology 생태 생태계
ecosystem 생태계 생태
eczema 습진 아토피
education 교육
efficiency 효율 에너지효율
efficient 고효율 효율
egg 계란 달걀
eggshell 달걀껍데기 계란껍데기
elapsed 경과
elbow 팔꿈치
elder 어르신 노인
eldercare 노인돌봄 노인요양 어르신돌봄
elderly 어르신 노인 고령
election 선거 투표
electric 전기
electricity 전기 전력
electrocution 감전
electronic 전자제품 가전 전자
elementary 초등 초등학교 초등학생
elevator 엘리베이터 승강기
eligibility 자격 요건 대상자
eligible 자격 대상자 요건
email 이메일 전자우편
embassy 대사관
embroidery 자수
embryo 배아 난임
emergency 긴급 응급 위기
emission 배출가스 배기가스 저공해
employee 근로자 직원 종사자
employer 사업주 고용주 사용자
employment 고용 취업 일자리
empty 빈집 공실 비어
endangered 멸종위기
endoscopy 내시경
energy 에너지
enforcement 단속 집행
engaged 약혼 예비부부
engagement 약혼 상견례
engine 엔진
english 영어 영문
enlist 입대 징집
enlistment 입대 병역
enrol 입학 등록 수강
enroll 입학 등록 수강
enrolled 입학 등록 수강
enrolling 입학 등록 수강
enrollment 입학 등록 수강 재학
enrolment 입학 등록 수강 재학
ent 이비인후과
enter 입장 입국 진입
entering 입장 입국 진입
entrance 입구 입장 입학
entrepreneur 창업자 기업가 창업
entry 입장 입국 출입
envelope 봉투
environment 환경
environmental 환경
epilepsy 뇌전증 간질
eps 고용허가제
equal 평등 동등
equality 평등 양성평등
equipment 장비 기자재 용품 물품
equivalency 검정고시 동등
er 응급실
error 오류 에러
escalator 에스컬레이터
escape 탈출 대피 피난 비상구
escaped 탈출 실종 도망
escaping 탈출 대피 피난
escort 동행 귀가 에스코트
esim 이심
essay 논술 에세이 작문
essential 필수 필수품 필수적
estate 부동산
estimate 견적 추정 견적서
europe 유럽
european 유럽
euthanasia 안락사
euthanize 안락사
ev 전기차 전기자동차
evacuate 대피 피난
evacuation 대피 대피소 피난
evacuee 이재민 대피자
evening 저녁 야간
event 행사 이벤트
eviction 퇴거 명도 강제집행
exam 시험 검사 검진
examination 검진 검사 시험
excavator 굴착기 포클레인
exchange 교환 교류 환전
exclusive 전용 단독
excursion 견학 체험학습 나들이
exempt 면제 감면
exempted 면제
exemption 면제 감면 비과세
exercise 운동 체력
exhaust 배기가스 배출가스
exhibit 전시 전시물
exhibition 전시 전시회
exit 출구
expat 외국인 외국인주민
expectant 임신부 예비엄마 예비부모
expecting 임신 출산예정
expelled 퇴학 제적
expense 비용 경비 지출
expensive 비싼 고가 비용
experience 체험 경험
expiration 유통기한 소비기한 만료
expire 만료
expired 유통기한 만료 기한경과
expiring 만료 만기
expiry 만료 유효기간 만기
exploitation 착취 부당대우
explosion 폭발 폭발사고
explosive 폭발물 폭발
expo 박람회 엑스포
expulsion 퇴학 제적
extend 연장 연장신청
extended 연장 연장된
extending 연장
extension 연장 내선
extinguish 소화 진화
extinguisher 소화기
extortion 갈취 공갈 협박
extra 추가 별도 추가요금
eye 안과 시력 안구
eyesight 시력
fabric 섬유 원단
facebook 페이스북
facility 시설
factory 공장
faint 실신 기절
fainted 실신 기절
fair 박람회 공정
fake 가짜 허위 위조
fall 추락 낙상 넘어짐 가을
fallen 쓰러진 낙하 낙엽
falling 추락 낙하 낙상 넘어짐
family 가족 가정
fan 선풍기 환풍기
fare 요금 운임 교통비
farm 농장 텃밭 농업
farmer 농업인 농민 농부
farming 농업 도시농업 텃밭 농사
fatality 사망 사망자
father 아버지 아빠 부모
fatherhood 아빠 부성
fatherinlaw 시아버지 장인어른
fatigue 피로 만성피로
faucet 수도꼭지 수전
fax 팩스
feast 잔치 잔칫상
february 2월
federal 연방
fee 수수료 요금 이용료 비용
feed 사료 먹이 급식
feedback 의견 피드백 건의
feeding 먹이 급식 수유 사료
feet 발 족부
feline 고양이 반려묘
fell 넘어짐 추락 낙상
female 여성 여자
feminist 여성 페미니스트
fence 울타리 담장 펜스
fencing 펜싱 울타리
feral 길고양이 야생
ferment 발효
fermented 발효 장류
ferry 여객선 페리
fertiliser 비료 퇴비
fertility 난임 가임 출산율
fertilizer 비료 퇴비
festival 축제 페스티벌
fever 발열 고열
fiance 예비신랑 약혼자 예비부부
fiancee 예비신부 약혼녀 예비부부
fiber 광랜 광케이블
fibre 광랜 광케이블
field 들판 경기장 운동장
fight 싸움 폭행 다툼
fighting 싸움 폭행 다툼
filing 신고 제출
filipino 필리핀
film 영화 필름 촬영
filming 촬영
financial 금융 재정 경제적
find 찾기 검색
fine 과태료 벌금
fined 과태료 벌금 부과
finger 손가락
fire 화재 불 소방
firebreak 방화선
fired 해고 짤림
firefighter 소방관 소방대원
firefighting 소방 진화 화재진압
fireman 소방관 소방대원
firework 불꽃 불꽃축제
firstborn 첫째 첫아이
firsttime 생애최초 최초
fish 생선 어류 수산물 물고기
fisherman 어업인 어민
fishery 어업 수산업
fishing 낚시
fitness 체력 피트니스 헬스
fix 수리 고장 보수
fixed 수리 고정 정액
fixing 수리 보수 고치
flat 아파트 빌라 원룸 주택
flatmate 룸메이트 셰어하우스 동거인
flea 벼룩시장 나눔장터 벼룩
flexible 유연 탄력 유연근무
flextime 유연근무 시차출퇴근
flight 항공 비행 항공편
flood 홍수 침수 풍수해
flooded 침수 잠긴
floodgate 차수판 수문
flooding 침수 홍수
floor 층 바닥
flooring 장판 바닥재 마루
floral 플라워 꽃꽂이
florist 꽃집 화원
flower 꽃 화훼 꽃길
flowerpot 화분
flu 독감 인플루엔자
fluorescent 형광등 폐형광등
flyer 전단 전단지
flyover 고가도로
foia 정보공개 정보공개청구
foliage 단풍 잎
folk 민속
food 음식 식품 급식 도시락
foodbank 푸드뱅크 푸드마켓
foodborne 식중독
foodtruck 푸드트럭
foot 발 족부
football 축구 축구장
footbridge 육교 보행교
footpath 인도 산책로
forbidden 금지
forced 강제 강요
forecast 예보 일기예보 기상예보
foreclosure 경매 압류
foreign 외국 외국인
foreigner 외국인
forest 숲 산림 수목원
forex 환전 외환
forged 위조 허위
forgery 위조 변조
forget 잊어버 깜빡
forgot 잊어버 분실 깜빡
forgotten 잊어버린 분실
forklift 지게차
form 서식 양식 신청서
formula 분유
fortnight 2주 격주
forum 포럼 토론회
foster 위탁 가정위탁 위탁가정
foul 악취 반칙
found 습득 발견
fountain 분수 음수대
fracture 골절
frail 허약 노쇠
france 프랑스
franchise 가맹 가맹점 프랜차이즈
fraud 사기 부정
fraudster 사기꾼 사기범
fraudulent 사기 허위 부정
free 무료 공짜
freelance 프리랜서
freelancer 프리랜서 특수고용
freezer 냉동고 냉동실
freezing 동파 한파 영하 결빙
french 프랑스 프랑스어
frequency 배차 배차간격 빈도
freshman 신입생 1학년
friday 금요일
fridge 냉장고
fried 튀김 치킨
friend 친구
friendship 우정 친구
frog 개구리
frost 서리 동파
frostbite 동상 한랭질환
frozen 동파 결빙 냉동
fruit 과일
frying 튀김 식용유
fuel 연료 주유
fulltime 전일제 상근 정규직
fumigation 방역 훈증 소독
fund 기금 지원금 자금
funding 지원금 재원 자금 보조금
funeral 장례 장례식 장사
fur 모피
furniture 가구 대형폐기물 장롱
fuse 퓨즈 누전차단기
futsal 풋살
gale 강풍
gallery 갤러리 미술관 전시관
gamble 도박
gambling 도박
game 게임
gaming 게임 게임중독
gapjil 갑질
garage 차고 정비소 카센터
garbage 쓰레기 생활폐기물 종량제
garden 정원 텃밭 가든
gardening 텃밭 정원 원예 도시농업
garlic 마늘
gas 가스 도시가스
gasoline 휘발유 주유
gate 출입구 게이트 정문
gateball 게이트볼
gathering 모임 집회
gay 성소수자 동성애
ged 검정고시
gender 성별
gentrification 젠트리피케이션 둥지내몰림
geography 지리
geothermal 지열
german 독일 독일어
germany 독일
gift 증여 선물 상품권
giftcard 상품권 기프트카드
gig 플랫폼노동 특수고용
gimbap 김밥
ginkgo 은행나무
ginseng 인삼 홍삼
girl 여아 여학생 소녀
girlfriend 여자친구 연인
glamping 글램핑
glare 눈부심 빛공해
glass 안경 유리 유리병
glaucoma 녹내장
glazing 창호 유리
glitch 오류 장애
global 글로벌 국제
glove 장갑
glue 접착제
gluten 글루텐
gmo 유전자변형 gmo
gnat 날파리 깔따구
gochujang 고추장
goldfish 금붕어
golf 골프
gondola 곤돌라 케이블카
goose 거위
goshiwon 고시원
gosiwon 고시원
government 정부 지자체 행정
governmental 정부 정부기관
governor 도지사 지사
gp 가정의학과 동네병원
gpa 학점 평점 성적표
gps gps 내비게이션
grace 유예 거치
grad 대학원 졸업생
grade 학년 등급 학점 성적표
graduate 대학원 졸업 졸업생
graduation 졸업
graffiti 낙서 그래피티
grammar 문법
grandad 할아버지
grandchild 손자 손주 손녀
granddad 할아버지
granddaughter 손녀 손주
grandfather 할아버지 조부모 어르신
grandkid 손주 손자녀
grandma 할머니 조부모
grandmom 할머니 조모
grandmother 할머니 조부모 어르신
grandpa 할아버지 조부모
grandparent 조부모 할머니 할아버지
grandson 손자 손주
granny 할머니
grant 보조금 지원금 교부
grantee 수혜자 지원대상
grape 포도
grass 잔디 잔디밭
grate 빗물받이 덮개
graveyard 묘지 공원묘지
green 녹색 친환경 녹지
greenbelt 개발제한구역 그린벨트
greencard 영주권
greenery 녹지 녹화
greenhouse 온실 온실가스
greenway 녹도 숲길
gridlock 정체 교통체증
grievance 고충 민원
grill 구이 바비큐 그릴
grilling 구이 바비큐
grocery 식료품 장보기
groom 신랑 예비신랑
groomer 애견미용 펫미용
grooming 미용 애견미용
groping 성추행 추행
groundwater 지하수
group 단체 그룹 모임
guarantee 보증 보증보험 보증금
guarantor 보증인 연대보증인
guard 경비원 보안요원
guardian 보호자 후견인 후견
guardianship 후견 성년후견
guardrail 가드레일 방호울타리
guest 손님 방문객 투숙객
guesthouse 게스트하우스 숙박 민박
guide 가이드 해설사 안내사 해설
gum 잇몸 치주
gust 돌풍 강풍
gutter 빗물받이 배수로 홈통
gwanghwamun 광화문
gyeongbokgung 경복궁
gym 체육관 헬스장 피트니스 체력단련
gymnastic 체조
gynaecologist 산부인과
gynecologist 산부인과
habitat 서식지
hacked 해킹 해킹당
hacker 해킹
hacking 해킹
hagwon 학원
hail 우박
hair 머리카락 모발 탈모
haircut 이발 미용 커트
hairdresser 미용실 미용
hairstylist 미용사 헤어디자이너
hakwon 학원
halal 할랄
half 절반 반값 반기
halfday 반일 반나절
hall 강당 회관 시청
halloween 핼러윈 할로윈
hallway 복도 현관
hammer 망치
hamster 햄스터
hanbang 한방 한의원
hanbok 한복
handbag 가방 핸드백
handicapped 장애인 장애
handicraft 공예 수공예
handrail 난간 안전손잡이
handset 단말기 휴대폰
handyman 집수리 수리기사
hangang 한강
hanger 옷걸이
hangover 숙취
hangul 한글
hanok 한옥
hanuiwon 한의원
harass 괴롭힘 희롱
harassed 괴롭힘 희롱
harassment 괴롭힘 성희롱 갑질
harbor 항만 항구
harbour 항만 항구
hardware 철물점 하드웨어
harness 하네스 가슴줄
harvest 수확 추수
hate 혐오 증오
hayfever 꽃가루 알레르기 비염
hazard 위험 유해 위해
hazardous 유해 위험물 위험
headache 두통
headhunter 헤드헌터 채용
headlight 전조등 헤드라이트
headmaster 교장
headphone 헤드폰
headteacher 교장
healing 치유 힐링
health 건강 보건
healthcare 의료 보건
hearing 청각 청력 보청기 공청회
heart 심장 심혈관
heartworm 심장사상충
heat 폭염 더위 무더위
heater 히터 난방기 온풍기
heating 난방
heatstroke 열사병 온열질환
heatwave 폭염
heavy 무거운 중량 대형
height 신장
heimlich 하임리히
heir 상속인 상속
helmet 헬멧 안전모
help 도움 지원 상담
helpdesk 안내데스크 상담창구 헬프데스크
helper 도우미 돌보미
helpline 상담전화 콜센터 핫라인
hen 닭 암탉
hepatitis 간염
herbal 한방 한약 약초
herbicide 제초제
heritage 문화재 유산 국가유산
heron 왜가리 백로
hide 숨기 피신
hiding 은신 피신
highchair 유아식탁의자 아기의자
highschool 고등학교 고교
highschooler 고등학생 고교생
highway 고속도로
hike 등산 둘레길
hikikomori 은둔형외톨이 은둔
hiking 등산 하이킹 둘레길
hill 언덕 오르막
hip 고관절 엉덩이
hire 채용 고용
hiring 채용 고용
history 역사 이력
hiv 에이즈 hiv
hive 벌집
hobby 취미 동호회
hoesik 회식
holiday 공휴일 휴일 명절
home 집 주택 가정 귀가
homebuyer 주택구입 내집마련 생애최초
homecare 재가 방문요양 방문돌봄
homeless 노숙인 노숙 홈리스
homelessness 노숙 노숙인 주거취약
homeowner 집주인 주택소유자 소유자
homeownership 내집마련 주택소유
homepage 누리집 홈페이지 사이트
homeschool 홈스쿨링 학교밖
homeschooling 홈스쿨링 학교밖
homestay 홈스테이 민박
hometax 홈택스
hometown 고향 고향사랑기부
homework 숙제 과제
honey 꿀 양봉
honeymoon 신혼여행
hongdae 홍대
hood 후드 주방후드
hornet 말벌 장수말벌 벌집
horse 승마 말산업
hospice 호스피스 완화의료
hospital 병원
hospitalisation 입원
hospitalization 입원
hostel 호스텔 숙소
hot 더위 무더위 폭염 뜨거운
hotel 호텔 숙박 숙소
hotline 상담전화 전화
hour 시간
hourly 시급 시간당
house 집 주택
housebound 거동불편 재가
household 가구 세대
householder 세대주
housekeeper 가사도우미 가사관리사
housekeeping 가사 가사도우미
housemate 룸메이트 셰어하우스 동거인
houseplant 반려식물 실내식물 화분
housewarming 집들이
housework 가사 집안일
housing 주거 주택
howling 짖음 하울링
hpv 자궁경부암 인유두종
human 인권
humanitarian 인도적 인도주의
humid 습한 습도 무더위
humidifier 가습기
humidity 습도 습기
hunger 결식 굶주림 기아
hungry 배고 결식 끼니
hurricane 태풍 허리케인
hurt 부상 다친
husband 남편 배우자
hwangap 환갑 회갑
hwangsa 황사
hybrid 하이브리드 친환경차
hydrant 소화전
hydrogen 수소 수소차
hygiene 위생
hypertension 고혈압
hypothermia 저체온증 한랭질환
ice 빙상 얼음 아이스링크
icu 중환자실
icy 빙판 결빙 블랙아이스
id 신분증
idcard 신분증 주민등록증
identification 신분증
identity 신원 본인확인 신분
idling 공회전
illegal 불법
illness 질병 질환
immigrant 이민자 이주민 외국인
immigration 출입국 이민
immobile 거동불편
immunisation 예방접종 접종
immunise 예방접종
immunization 예방접종 접종
immunize 예방접종
impaired 장애
impairment 장애 손상
impersonate 사칭
impersonation 사칭
implant 임플란트
impound 견인 보관소
impounded 견인 보관소
improvement 개선 향상 개량
incentive 인센티브 장려금
income 소득
incorrect 잘못된 오류 틀린
incubator 창업보육 인큐베이터
indemnity 배상 보상
indonesia 인도네시아
indonesian 인도네시아
industrial 산업 산재 공단
industry 산업 업종
inequality 불평등 격차
infancy 영아기 영유아
infant 영아 영유아 아기
infection 감염 감염병
infertility 난임 불임
inflation 물가 인플레이션 물가상승
influencer 인플루언서
influenza 인플루엔자 독감
information 정보 안내
ingam 인감
inhaler 흡입기
inherit 상속 물려받
inheritance 상속 유산
inherited 상속 물려받
injection 주사 접종
injunction 가처분 금지명령
injured 부상 다친 부상자
injury 부상 상해
inkan 인감
inlaw 시부모 장모 시댁 처가
inline 인라인
inmate 수형자 재소자 수감자
inn 여관 숙박업소
inpatient 입원
insect 곤충 해충 벌레
insecticide 살충제 방역
insolvency 파산 회생 지급불능
insomnia 불면증 수면장애
inspection 점검 검사 단속
instagram 인스타그램
install 설치
installation 설치
installment 분할납부 할부 분납
instalment 분할납부 할부 분납
institution 기관 시설
instructor 강사 지도자
insulation 단열
insulin 인슐린 당뇨
insurance 보험
insurer 보험사 보험회사
intellectual 지적장애
intercity 시외버스 광역 고속
intercom 인터폰
interest 이자 금리
interior 인테리어 실내
international 국제 해외
internet 인터넷 온라인 누리집
internist 내과
internship 인턴십 인턴 체험형
interpreter 통역 통역사
interracial 다문화 국제결혼
intersection 교차로
interview 면접 인터뷰
inundated 침수
inundation 침수
investment 투자
invoice 세금계산서 청구서 인보이스
ipad 태블릿 아이패드
irregular 비정규직 불규칙
islam 이슬람
island 섬
isolated 고립 고립된 단절
isolation 고립 격리 은둔
issuance 발급 교부
itaewon 이태원
itch 가려움 가려움증
itchy 가려움 가려운
ivf 체외수정 시험관 난임
jab 예방접종 접종 백신
jacket 재킷 점퍼 외투
jail 교도소 구치소 유치장
jam 정체 체증
jangma 장마
janitor 경비원 미화원 관리인
january 1월
japan 일본
japanese 일본어 일본
jaywalk 무단횡단
jaywalking 무단횡단
jellyfish 해파리
jeonse 전세
jesa 제사
jewellery 귀금속 보석 액세서리
jewelry 귀금속 보석 액세서리
jiujitsu 주짓수
jjimjilbang 찜질방
jjokbang 쪽방
job 일자리 직업 취업
jobless 실업 실직 무직
jobseeker 구직자 취업준비생
jog 조깅 달리기
jogging 조깅 달리기
join 가입 참여 참가
joining 가입 참여 참가
joint 관절 공동
jongno 종로
judge 판사 심사위원
judgement 판결 판단
judgment 판결 판단
juice 주스 음료
july 7월
junction 교차로 분기점
june 6월
jury 배심원 심사위원
juvenile 청소년 소년 미성년
kakao 카카오톡 카카오
kakaopay 카카오페이 간편결제
kakaotalk 카카오톡 카톡
karaoke 노래방 코인노래방
karate 가라테
kayak 카약
kazakh 카자흐스탄
kennel 개집 견사 위탁
kerb 연석
kettle 전기포트 주전자
key 열쇠
keyboard 키보드 자판
kibble 사료
kickback 리베이트 뇌물
kickboard 킥보드 전동킥보드
kid 아이 어린이 아동
kiddo 아이 어린이
kidney 신장 콩팥 투석
killed 사망 숨진
kimbap 김밥
kimchi 김치 김장
kimjang 김장
kin 친족 친척
kindergarten 유치원
kindergartener 유치원생 유아
kindergartner 유치원생 유아
kindy 유치원
kinship 친족 가족관계
kiosk 키오스크 무인
kitchen 주방 부엌
kitchenware 주방용품 조리도구
kitten 새끼고양이 고양이
kma 기상청
knee 무릎 관절
knife 칼 흉기 식칼
knitting 뜨개질 니트
koban 파출소 치안센터
korail 코레일 한국철도
korean 한국어
kosher 코셔
ktx 고속철도 ktx
label 라벨 상표
labor 노동 근로 노무
laborer 근로자 노동자 일용직
labour 노동 근로 노무
labourer 근로자 노동자 일용직
lactation 수유 수유실
ladder 사다리 사다리차
laidoff 해고 실직
lake 호수
lamp 조명 전등 램프 스탠드
land 토지 땅 부지
landlady 임대인 집주인
landlord 집주인 임대인
landmark 명소 랜드마크
landslide 산사태
landslip 산사태
lane 차로 차선 전용차로
language 언어 어학 외국어
lanka 스리랑카
lantern 연등 등축제 등불
laptop 노트북
last 막차 마지막 최종
late 늦게 심야 연체
lateness 지각 연체
latenight 심야
launch 출시 개시
launched 출시 개시
laundrette 빨래방 세탁소
laundromat 빨래방 세탁소
laundry 세탁 빨래 세탁소
law 법 법률
lawmaker 국회의원 의원
lawn 잔디 잔디밭
lawsuit 소송 재판
lawyer 변호사
layoff 해고 정리해고 감원
leaf 낙엽 나뭇잎
league 리그 대회
leak 누수 누출
leakage 누수 누출
leaked 누수 누출
leaking 누수 새는 누출
learn 학습 배움
learner 연습면허 초보운전 학습자
learning 학습
lease 임대차 임대 계약
leasehold 임차권
leaseholder 임차인
leash 목줄 리드줄
leather 가죽
leave 휴가 휴직 퇴사
lecture 강의 강좌 특강
lecturer 강사 교수
ledger 장부 가계부
leftover 음식물 잔반 음식물쓰레기
leg 다리
legal 법률 법적
legislation 법령 입법 법률
legislative 입법 의회
leisure 여가 레저
lend 대여 대출
lender 대부업 금융기관 대출기관
lending 대여 대출 빌려주
lens 렌즈 안경
lent 대여 대출
lesbian 성소수자 동성애
lessee 임차인
lesson 강습 수업 강좌
lessor 임대인
lgbt 성소수자
lgbtq 성소수자
lh 토지주택공사 엘에이치 lh
library 도서관
lice 머릿니
licence 면허 허가 자격
license 면허 허가 자격
licensing 자격 인허가 면허
lid 뚜껑
lien 근저당 저당 압류
lifeguard 안전요원 인명구조
lifejacket 구명조끼
lifelong 평생교육 평생학습
lifetime 평생 생애 종신
lift 엘리베이터 승강기
light 조명 가로등 신호등
lighter 라이터
lighting 조명
lightning 낙뢰 번개 벼락
limit 제한 한도
limited 한정 제한 선착순
limousine 리무진 공항버스
line 노선 호선 라인
listening 듣기 청취
listing 매물 목록
literacy 문해 문해교육 한글교실
litigation 소송 송사
litter 쓰레기 무단투기 투기
litterbox 모래 화장실
livelihood 기초생활 생계
liver 간암 간염
livestock 가축 축산
livestream 라이브 생중계
livestreaming 생중계
lizard 도마뱀
loan 대출 융자
loanshark 불법사금융 사채
loansharking 불법사금융 사채
local 동네 관내 지역주민
location 위치 장소 소재지
lock 잠금 도어락 자물쇠 잠금장치
locker 사물함 보관함
locksmith 열쇠 열쇠수리 도어락
loft 복층 다락
login 로그인 접속
logon 로그인
logout 로그아웃
loneliness 외로움 고독 고립
lonely 고독 외로움 고립
longterm 장기 장기요양
lorry 화물차 트럭
lose 분실 잃어버
losing 분실 잃어버
lost 분실 잃어버린 유실
lottery 추첨 복권
lotto 로또 복권
loud 시끄러운 소음 큰소리
lounge 휴게실 라운지
louse 머릿니
lovebug 러브버그 붉은등우단털파리
low 저소득 낮은
lpg 엘피지 lpg
lte lte
luggage 짐 수하물 짐보관
lunar 음력 설날
lunch 점심 급식 중식
lunchbox 도시락
lunchtime 점심시간
lung 폐암 호흡기
magazine 잡지
magic 마술 마법
magpie 까치
maid 가사도우미 가사관리사
mail 우편 우편물 메일
mailbox 우편함 우체통
maintenance 관리비 유지보수 보수
makeup 메이크업
makgeolli 막걸리
male 남성 남자
malfunction 고장 오작동
mall 쇼핑몰 백화점 상가
malware 악성코드 악성앱
mama 엄마
manager 관리자 매니저 관리인
mandate 위임 위임장
mandatory 의무 필수 의무적
mandu 만두
manga 만화
manhole 맨홀
map 지도
maple 단풍
marathon 마라톤
march 3월 행진
marijuana 대마 마약
marina 마리나 요트
market 시장 장터 마켓
marketing 마케팅 홍보
marketplace 장터
marriage 혼인 결혼
married 혼인 결혼
marsh 습지
martial 무술 무예
mask 마스크 방역마스크
master 석사 석사과정
match 시합 매칭 경기일정
maternity 출산 모성 산모 임산부
math 수학
mattress 매트리스 침대 대형폐기물
maximum 최대 최고 한도
mayor 시장 서울시장
meal 식사 급식 도시락
measle 홍역
meat 육류 고기 정육
mechanic 정비 정비소 카센터
medal 메달 훈장
media 언론 미디어 매체
mediation 조정 분쟁조정
mediator 조정위원 중재
medic 구급대원 의료진
medical 의료 진료
medication 약 의약품
medicine 약 의약품
meditation 명상 마음챙김
meet 만남 면담 모임
meeting 회의 모임 만남 면담
member 회원 조합원 구성원
membership 회원 멤버십 회원권
memorial 추모 추모관 기념
mend 수선 수리
mending 수선 수리
menopause 갱년기 폐경
menstrual 생리 생리대 월경
menstruation 월경 생리
mental 정신 마음
mentee 멘티
mentor 멘토 멘토링
mentoring 멘토링 멘토
menu 메뉴 식단
merchant 상인 소상공인
mesh 방충망 그물
message 문자 메시지 메세지
messy 지저분 어지러운
metaverse 메타버스
meteorological 기상 기상청
meter 계량기
meth 필로폰 마약
metro 지하철 도시철도 메트로
metropolitan 광역 특별시 광역시
mice 쥐 생쥐
microchip 내장칩 동물등록 마이크로칩
microwave 전자레인지
midday 정오 한낮
middle 중학교 중학생 중등
midge 깔따구
midnight 자정 심야
midterm 중간고사
midwife 조산사 조산원
migraine 편두통 두통
migrant 이주민 이주 이주노동자
mildew 곰팡이
mileage 주행거리 마일리지
military 병역 병적 군대 군인
milk 우유 분유
minbak 민박
mindfulness 마음챙김 명상
miner 광부
minimum 최저 최소
minister 장관
ministry 부처 중앙부처
minivan 승합차
minor 미성년자 미성년 경미
minute 분
minwon 민원
mirror 거울
miscarriage 계류유산 습관성유산
misemeonji 미세먼지
misogyny 여성혐오
missed 놓친 누락
missile 미사일
missing 실종 미아 분실
mistake 실수 착오 오류
mistreatment 부당대우 학대 괴롭힘
mite 진드기 집먼지진드기
mobile 모바일 휴대전화 휴대폰
mobility 이동지원 이동권
mock 모의 모의고사
modem 모뎀 공유기
mold 곰팡이
molest 추행 성추행
molestation 성추행 추행
mom 엄마 어머니 산모
mommy 엄마
monday 월요일
money 돈 금액 지원금
moneylender 대부업 사채 대부
mongolia 몽골
mongolian 몽골
monk 스님 승려
monorail 모노레일
monoxide 일산화탄소
monsoon 장마 장마철 우기
month 개월 매월
monthly 매월 매달 월
monument 기념비 기념물 유적
mop 걸레 대걸레
moped 오토바이 원동기 이륜차
moratorium 유예 상환유예
morning 오전 아침
mortgage 주택담보대출 담보대출
mortuary 장례식장 안치실 영안실
mosque 이슬람사원 모스크
mosquito 모기
motel 모텔 숙박업소
moth 나방
mother 산모 어머니 엄마
motherhood 모성 엄마
motherinlaw 시어머니 장모
motorbike 오토바이 이륜차
motorcycle 오토바이 이륜차 이륜자동차
motorcyclist 오토바이 이륜차
mould 곰팡이
mountain 산 등산 산림
mountaineering 등산
mouse 쥐 생쥐 마우스
mouth 구강
move 이사 전입
moved 이사 전입 이전신고
movein 입주 전입
moveout 퇴거 전출
mover 이삿짐 이사업체 포장이사
movie 영화
moving 이사 전입 이주
mower 예초기 잔디깎이
mowing 제초 풀베기 벌초
mri 자기공명 엠알아이
mud 진흙 토사
mudslide 산사태 토사유출
mug 머그컵 텀블러
multicultural 다문화
multifamily 다세대 다가구
multiuse 다회용
mum 엄마 어머니 산모
mummy 엄마
mump 유행성이하선염 볼거리
municipal 시립 구립 지자체
mural 벽화
museum 미술관 박물관
mushroom 버섯
music 음악
musical 뮤지컬 음악
muslim 무슬림 이슬람
muzzle 입마개
myanmar 미얀마
myeongdong 명동
nail 네일 손톱 네일아트
nameplate 문패 명패
namsan 남산
nanny 아이돌보미 베이비시터 돌보미
napkin 냅킨 휴지
nappy 기저귀
narcotic 마약 마약류
nationality 국적
natural 자연 천연
naturalisation 귀화
naturalization 귀화
naturalized 귀화
nature 자연 생태
nausea 메스꺼움 구역
naver 네이버
naverpay 네이버페이 간편결제
navigation 내비게이션 길찾기
navy 해군
neck 목디스크 경추 목통증
necklace 목걸이
necktie 넥타이
needle 주사기 바늘
needy 취약계층 저소득 기초생활
negotiation 협상 교섭 협의
neighbor 이웃 윗집 아랫집 층간
neighborhood 동네 마을
neighbour 이웃 윗집 아랫집 층간
neighbourhood 동네 마을
nepal 네팔
nepali 네팔
nephew 조카
nepotism 채용비리 연고주의
netzero 탄소중립
neuter 중성화
neutered 중성화
neutering 중성화
newborn 신생아 출생아 출생 출산
newbuild 신축
newcomer 신입 신규 새내기
newlywed 신혼부부 신혼
newsletter 소식지 뉴스레터
newspaper 신문
nextday 익일 다음날
nhis 건강보험공단 국민건강보험 nhis
niece 조카
night 밤 심야 야간
nightclub 클럽 유흥
noise 소음
noisy 소음
nonprofit 비영리 비영리단체
nonsmoking 금연 금연구역
nontaxable 비과세
noodle 면류 국수 컵라면
noon 정오
noraebang 노래방 코인노래방
nose 코 비염
notarization 공증
notarize 공증
notarized 공증 공증된
notary 공증
notebook 노트북 공책
notice 공지 공고 고지
notification 알림 통지 고지
novel 소설
november 11월
novice 초보 초급
nps 국민연금공단 국민연금 nps
nuclear 원자력 방사능
number 번호 개수
numberplate 번호판
nun 수녀 비구니
nuri 누리집
nurse 간호사 간호
nursery 어린이집 보육
nursing 요양 간호
nutrient 영양 영양소
nutrition 영양
obese 비만
obesity 비만
obgyn 산부인과
objection 이의 이의신청 반대
observatory 천문대 전망대
obstetrician 산부인과
occupancy 점용
occupant 거주자 입주자 점유자
occupational 직업 산업 직업병
ocean 해양 바다
october 10월
octopus 문어 낙지
odometer 주행거리
odor 악취 냄새
odour 악취 냄새
office 사무소 구청 센터 주민센터
officer 공무원 경찰관
officetel 오피스텔
official 공무원 공식
offpeak 비수기 한산
oil 기름 식용유 오일
ointment 연고
old 노후 낡은 노인
older 어르신 노인 고령
ombudsman 옴부즈만 권익위원회 고충처리
ombudsperson 옴부즈만
onboarding 입사 온보딩
ondol 온돌 바닥난방
oneroom 원룸
onion 양파
online 온라인 누리집 인터넷
onnuri 온누리상품권
open 운영 개방 문을
opened 개장 개관 개소 개통
opening 운영
opera 오페라
operation 수술
ophthalmologist 안과
opic 오픽 어학시험
opioid 마약성진통제 마약류
optician 안경원 안경점
optional 선택사항
optometrist 안경원 검안
oral 구강
orange 오렌지 귤
ordinance 조례
organ 장기기증 기증
organic 유기농 친환경
organization 기관 단체 조직
oriental 한방 한의원 동양
orientation 오리엔테이션 설명회
origami 종이접기
orphan 고아 보호아동 보호종료
orphanage 보육원 아동양육시설
orthodontic 교정 치아교정
orthopaedic 정형외과
orthopedic 정형외과
ossuary 봉안당 납골당
otp otp 일회용비밀번호
outage 정전 단수
outfit 복장 옷차림
outing 나들이 소풍 외출
outlet 콘센트 매장 아울렛
outpatient 외래
oven 오븐 전자레인지
overcharge 부당요금 바가지
overdose 과다복용 과량
overdue 연체 체납
overnight 야간 밤샘 숙박
overpass 육교 고가도로
overstay 불법체류 체류기간
overtime 연장근로 초과근무 야근
overuse 과의존 과다사용 남용
overweight 비만 과체중
owe 빚 채무 미납
owed 빚 채무 체불
owing 빚 채무 미납
owl 올빼미버스 심야
owner 소유자 주인 집주인 사장 운영
oxygen 산소
oyster 굴
ozone 오존
package 택배 소포 패키지
packaging 포장재 포장
pad 생리대 패드
padding 패딩 외투
paediatric 소아 소아과 소아청소년과
paediatrician 소아과 소아청소년과
paid 유료 납부 지급
pain 통증 아픔
painful 통증 아픈
painkiller 진통제
paint 페인트 도장
paintbrush 붓
painting 그림 미술 회화 도색
pakistan 파키스탄
palace 궁궐 고궁
pan 프라이팬 냄비
panel 패널 발전기
panic 공황 공황장애
pant 바지
papa 아빠
paper 종이 폐지 종이류
parade 퍼레이드 행진
paralegal 법무사
paralysed 마비
paralysis 마비
paralyzed 마비
paramedic 구급대원 응급구조사
parcel 택배 소포
parent 부모 보호자
parental 육아 육아휴직 부모
parenting 육아 양육 부모
park 공원
parkade 주차장
parking 주차
parliament 국회
parole 가석방 보호관찰
parrot 앵무새
participant 참여자 참가자
participate 참여 참가
participation 참여 참가
participatory 주민참여 참여예산 참여
partner 배우자 동반자 파트너
parttime 시간제 아르바이트 단시간
parttimer 아르바이트 단시간근로자 알바
pass 정기권 패스 이용권
passbook 통장
passenger 승객 탑승객
passive 간접 수동
passport 여권
password 비밀번호
pastor 목사
patch 패치
patent 특허
paternity 배우자 출산휴가 육아휴직
patient 환자
patrol 순찰 방범
patrolling 순찰 방범
pavement 인도 보행로 보도블록
pay 납부 지불 결제
payable 납부
payback 페이백 환급 캐시백
paycheck 급여 월급 임금
paycheque 급여 월급 임금
payday 급여일 월급날
paying 납부 결제 지불
payment 납부 결제 지급
payout 보험금 보험금지급
payroll 급여 임금대장
payslip 급여명세서 임금명세서
pc 컴퓨터 pc 피시
pcbang 피시방 pc방
pe 체육
peak 출퇴근 첨두 피크 성수기
pedal 페달 자전거
pedestrian 보행자 보행 도보
pediatric 소아 소아과 소아청소년과
pediatrician 소아과 소아청소년과
peel 껍질 껍데기
peeling 벗겨짐 들뜸 박리
pen 볼펜 필기구
penalty 과태료 가산세 벌금
pencil 연필
penpal 펜팔 말벗
pension 연금
pensioner 연금수급자 수급자
people 사람 시민
pepper 고추 후추
performance 공연 성과
performer 공연자 출연자 예술인
perfume 향수
period 기간 기한 생리
perk 혜택 복리후생 복지
permanent 영주 영주권 영구
permanently 영구 영구적
permit 허가 허가증 표지
permitted 허용 허가
persimmon 곶감 단감
person 사람 인원
pest 해충 방역 벌레
pesticide 농약 살충제
pet 반려동물 반려견
petition 청원 진정
petrol 휘발유 주유
petsitter 펫시터 반려동물돌봄
pharmacist 약사
pharmacy 약국
phd 박사 박사과정
phishing 피싱 보이스피싱 스미싱
phone 전화 휴대폰 폰
photo 사진
photobooth 사진관 무인사진
photocopy 복사 사본
photograph 사진 촬영
photographer 사진작가 사진사
photography 사진 촬영
photovoltaic 태양광
physical 신체 체육 물리
physician 의사 의료진
physio 물리치료
physiotherapist 물리치료사
physiotherapy 물리치료
pick 수거 픽업
picked 수거 픽업
picking 수거 픽업
pickpocket 소매치기
pickup 수거 픽업
picnic 피크닉 소풍 나들이
pig 돼지
pigeon 비둘기
pilates 필라테스
pill 약 알약
pillow 베개
pin 비밀번호 핀번호
pine 소나무
pingpong 탁구
pipe 배관 수도관
pipework 배관 수도관
pitch 구장 경기장 운동장
place 장소 곳
plaintiff 원고 청구인
plane 비행기 항공
plant 식물 나무 식재
plantation 식재 조림
planting 식재 나무심기 식목
plaster 미장 석고
plastic 플라스틱 페트 비닐
plate 번호판
platform 플랫폼 승강장
play 연극 놀이 공연
player 선수 플레이어
playground 놀이터
plaza 광장
plot 부지 필지 텃밭 구획
plug 플러그 콘센트
plumber 배관공 설비업체 수리기사
plumbing 배관 설비 수도관
pneumonia 폐렴
pocha 포차 포장마차
poison 중독 유독
poisoning 중독 식중독
poisonous 유독 독성
pojangmacha 포장마차
police 경찰
policeman 경찰관 경찰
policewoman 경찰관 경찰
policy 정책 제도
poll 투표 여론조사 설문
pollen 꽃가루 송화가루
pollution 오염 미세먼지 대기오염
polystyrene 스티로폼
pond 연못
ponzi 다단계 유사수신
poo 배설물 분변
pool 수영장
poop 배설물 분변
poor 저소득 취약
population 인구
pork 돼지고기 돈육
port 항만 항구
portal 포털 누리집
portfolio 포트폴리오 작품집
post 우편 우체국
postal 우편 우체국
postbox 우체통 우편함
postcode 우편번호
postgraduate 대학원 대학원생
posting 공고 채용공고 게시
postnatal 산후 산후조리
postpaid 후불
postpartum 산후 산후조리
postpone 연기 순연 미뤄
postponed 연기 순연
postponing 연기 미루
pot 냄비 화분
potato 감자
pothole 포트홀 도로파손 파손
potluck 포트럭 나눔
potted 화분
pottery 도자기 도예
poultry 가금 가금류 닭
poverty 빈곤 저소득 취약계층
power 전력 정전 전원
powerbank 보조배터리
pram 유모차
prayer 기도 기도실
preemie 미숙아 이른둥이
pregnancy 임신
pregnant 임신 임산부
premature 미숙아 이른둥이 조산
premium 권리금 프리미엄 할증
prenatal 산전 임신 태아
prepaid 선불 선불폰
presale 예매 사전판매
preschool 유치원 어린이집 유아
prescription 처방 처방전
press 보도자료 언론
preteen 초등학생 청소년
price 가격 요금
pricey 비싼 고가
priest 신부 사제 목사
primary 초등 초등학교
principal 교장 원장 원금
print 인쇄 출력 프린트
printed 인쇄 출력
printer 프린터 인쇄기
printing 인쇄 출력
priority 우선순위 우선권
prison 교도소 구치소
prisoner 수형자 재소자 수감자
privacy 개인정보 사생활
private 민간 사설 사립
prize 상금 시상
probate 상속 유언검인
probation 수습 보호관찰
probono 무료법률상담 공익법률
procedure 절차 처리절차
professor 교수
program 사업 프로그램 과정
programming 프로그래밍 코딩
prohibited 금지
promenade 산책로
promotion 홍보 판촉 승진
pronunciation 발음
proof 증명 증빙 확인서
property 재산
proposal 제안 정책제안
prosecution 기소 검찰
prosecutor 검사 검찰
prostate 전립선
prosthesis 의수 의족 보조기
prosthetic 의수 의족
protection 보호
protein 단백질
protest 집회 시위 항의
province 지방
provincial 지방 지방자치
proxy 대리인 위임 대리
prune 가지치기
pruning 가지치기 전정
psychiatric 정신과 정신건강
psychiatrist 정신과 정신건강의학과
psychiatry 정신건강의학과 정신과
psychological 심리 정신
psychologist 심리상담 상담사 심리
ptsd 외상후스트레스
pub 술집 주점 호프
puberty 사춘기 2차성징
public 공공 대중
pulse 맥박
pump 펌프 양수기
pumping 양수 배수 펌프
puncture 펑크 타이어
pupil 학생 초등학생
puppet 인형극 인형
puppy 강아지 반려견
purchase 구매 구입 매입
purifier 정수기 공기청정기
purse 지갑 핸드백
push 알림 푸시
pushchair 유모차
pushy 강매 강요
pyramid 다단계 피라미드
qr qr 큐알
qrcode 큐알코드 qr
qualification 자격 요건 자격증
qualified 자격 유자격 적격
quarantine 격리 검역 방역
quarter 분기
quarterly 분기 분기별
queer 성소수자 퀴어
queue 줄서기 대기열
quiet 조용 한산 정숙
quilt 이불 누비
quit 금연
quitting 퇴사 그만두
quiz 퀴즈 퀴즈대회
quota 정원 할당 모집인원
quotation 견적 견적서
quote 견적 견적서 인용
rabbit 토끼
rabie 광견병
raccoon 너구리 라쿤
race 경주 대회 인종
racism 인종차별
racist 인종차별
radiation 방사선 방사능
radiator 라디에이터 방열기 난방기
radio 라디오
radish 무청 총각무
radon 라돈
raffle 추첨 경품
rail 철도 레일 선로
railroad 철도 선로
railway 철도 선로
rain 호우 강우 빗물
raincoat 우비 우의
rainfall 강우 강수량 호우
rainwater 빗물 빗물저금통
rainy 우천 장마
rally 집회 결의대회
ramp 경사로
rape 성폭력 강간 성폭행
rash 발진 두드러기 피부염
rat 쥐 설치류
rate 비율 요율 세율
razor 면도기
reading 도서 독서
realtor 공인중개사 중개
realty 부동산 중개사무소
rebate 환급 리베이트 페이백 환급금
receipt 영수증
receive 수령 지급
received 수령
receiving 수령 지급
reception 안내데스크 리셉션
receptionist 안내데스크 리셉션
recharge 충전 재충전
recipe 요리법 레시피 조리법
recipient 수급자 수혜자 수령인
recluse 은둔 은둔형
reclusive 은둔 은둔형
recommendation 추천 추천서 권고
reconsideration 재심사 이의신청
reconstruction 재건축 복구
record 기록
recreation 여가 레크리에이션 휴양
recruit 채용 모집
recruitment 채용 모집
recycle 재활용
recycled 재활용
recycling 재활용
redevelopment 재개발 재건축 정비사업
redress 구제 권리구제
reduction 감면 감축 감소
redundancy 정리해고 해고 감원
referee 심판
referral 추천 의뢰 소개
refill 리필 충전 재충전
refrigerator 냉장고
refugee 난민
refund 환급 환불
refurbish 개보수 리모델링 수선
refusal 거부 거절
refuse 거부 거절
refused 거부 거절
regeneration 도시재생 재생
register 신고 등록 가입
registered 신고 등록 가입
registering 신고 등록 가입
registration 등록 신고
registry 등기 등기부 등기부등본
regulation 규정 규제 조례
rehab 재활
rehabilitation 재활 회생
reimburse 환급 보전 상환
reimbursed 환급 보전
reimbursement 환급 상환 정산
reissue 재발급 재교부
reject 거절 탈락 불허
rejected 거절 탈락 불승인
rejection 거절 탈락
relation 가족관계
relationship 관계 가족관계
relative 친척 친족
religion 종교
religious 종교 종교시설
reload 충전 재충전
relocate 이주 이사 이전신고
relocation 이주 이사
remaining 잔여 남은
remarriage 재혼
remarried 재혼
remedy 구제 구제절차
reminder 알림 안내문자
remit 송금 해외송금
remittance 송금 해외송금
remodel 리모델링 개보수 수선
remodeling 리모델링 개보수
remodelling 리모델링 개보수
remote 원격 재택
removal 제거 철거 수거
removalist 이삿짐 포장이사
renew 갱신 재발급
renewable 신재생 재생에너지
renewal 갱신 재발급
renewed 갱신 재발급
renewing 갱신 재발급 연장
renovation 리모델링 집수리 개보수 대수선
rent 임대 월세 대여 임차
rental 임대 임대주택 대여
rented 임대 임차 대여
renting 임대 임차 대여 월세
reopen 재개 재개관 재개장
reopening 재개 재개관 재개장
repaid 상환
repair 수리 보수
repaired 수리 보수
repairing 수리 보수
repairman 수리기사 기사님
repay 상환
repayment 상환
repeal 폐지
replace 교체 교환
replaced 교체 대체
replacement 교체 교환 재발급
replacing 교체 대체
report 신고 제보
reported 신고 제보
reporting 신고 제보
reptile 파충류
request 요청 청구
required 필수 구비서류
requirement 요건 조건 자격 기준
reschedule 일정변경 재예약 일정조정
rescheduled 일정변경 연기
rescheduling 일정변경 재예약 일정조정
rescue 구조대 구출 인명구조
research 연구 조사
reservation 예약
reserve 예약
reservist 예비군 예비역
reservoir 저수지
residence 거주 체류 거소 주거
residency 체류 거주 체류자격
resident 주민 거주
residential 주거 주택
resign 퇴사 사직 그만두
resignation 사직 퇴사 사직서
reskilling 재교육 직업훈련
respite 단기보호 휴식지원 돌봄휴가
restaurant 음식점 식당 외식
restraining 접근금지 접근금지명령
restricted 제한 통제
restriction 제한 규제
restroom 화장실
restructuring 채무조정 구조조정
resume 이력서 자기소개서
resumed 재개
retire 은퇴 퇴직
retirement 은퇴 퇴직 노후
retraining 재교육 직업훈련 전직
return 반환 귀가 반납
returnee 귀국자 귀환
reusable 다회용 재사용
reuse 재사용 다회용
revised 개정 개정된
revision 개정 수정
reward 포상 보상 리워드 적립
rhinitis 비염
rice 쌀 밥 백미
ride 탑승 승차 타기
rider 라이더 배달
rideshare 승차공유 카풀
rink 스케이트장 아이스링크 빙상
riot 폭동
risk 위험 위기 리스크
risky 위험
river 하천 한강 강변 강
riverbank 강변 둔치 한강변
riverside 강변 수변 한강공원
road 도로 길
roadkill 로드킬 동물사체
roadwork 도로공사 공사
roaming 로밍
robbed 강도 도난 절도
robbery 강도
robocall 스팸 광고전화
robot 로봇
rock 바위 암석 낙석
rockfall 낙석
rodent 설치류 쥐
roller 인라인 롤러
roof 지붕 옥상
rooftop 옥상
room 방 실
roommate 룸메이트 동거인
rooster 수탉 닭
root 뿌리
rope 밧줄 로프 완강기
rose 장미
rotten 썩은 부패 상한
roundabout 회전교차로 로터리
route 노선 경로
router 공유기 라우터
rowhouse 연립주택 다세대
rowing 보트 조정경기
rrn 주민등록번호
rugby 럭비
rule 규칙 기준
ruling 판결
runaway 가출 가출청소년
runner 러너 달리기 마라톤
running 달리기 러닝 마라톤
runny 콧물
rural 농촌 지방 농어촌
rush 출퇴근 혼잡
russia 러시아
russian 러시아 러시아어
rv 캠핑카 카라반
sacked 해고
safe 안전 안심
safety 안전
sailing 요트 세일링
salary 급여 임금 월급 연봉
sale 매매 판매 매각
salesman 판매원 방문판매
salon 미용실 미용
salt 소금 나트륨 염분
sameday 당일
samesex 동성 동성커플
samgyeopsal 삼겹살
sand 모래
sandal 샌들
sandbag 모래주머니 모래마대
sandbox 모래놀이터 모래
sandstorm 황사
sanhujoriwon 산후조리원
sanitary 생리대 위생
sanitiser 손소독제 소독제
sanitizer 손소독제 소독제
sanjae 산재 산업재해
sapling 묘목
sash 창호 창틀 샷시
saturday 토요일
sauce 소스 양념
sauna 사우나 목욕탕
saving 저축 적금 절약
scaling 스케일링
scam 사기 피싱 보이스피싱
scammed 사기 사기피해 사기당
scammer 사기꾼 사기범
scan 스캔 스캔본
scanned 스캔
scanner 스캐너
scar 흉터
scarf 목도리 스카프
scenery 경치 풍경
schedule 일정 일시 시간표 스케줄
schizophrenia 조현병
scholarship 장학금 장학
school 학교 초등학교
schoolbag 책가방
schooler 학생 재학생
science 과학
scissor 가위
scooter 킥보드 스쿠터 이륜차 이동장치
scorching 폭염 무더위
scout 스카우트
scratch 긁힘 흠집 스크래치
scratched 긁힘 흠집
screen 방충망 화면 스크린
screening 검진 선별진료소 검사
screw 나사
screwdriver 드라이버
scrivener 법무사
scuba 스쿠버
sculpture 조각 조형물
sea 바다 해양
seafood 해산물 수산물
seagull 갈매기
seal 인감 도장 직인
seaport 항만 항구
search 검색 수색
searching 검색 찾기 수색
season 계절 시즌
seasoning 양념 조미료
seat 좌석
seatbelt 안전벨트
seating 좌석
seaweed 미역 해조류
secondhand 중고 재사용 나눔
security 방범 보안 경비
sedan 승용차
seed 씨앗 종자
seedling 모종 묘목
segway 개인형이동장치
seizure 압류 경매 발작
select 선정 선발
selected 선정 선발 당첨
selection 선정 선발
selfemployed 자영업 소상공인 자영업자
selfharm 자해
sell 판매 매각
semester 학기
semiannual 반기 반기별
semibasement 반지하
seminar 세미나 강좌 설명회
send 발송 보내 송부 전송
sending 발송 전송 송금
senior 어르신 노인
sensor 센서 감지기
sent 발송 송부
sentence 선고 형량 형기
sentenced 선고
seollal 설날 명절
seongmyo 성묘
separate 분리 분리배출 따로
separated 별거 분리
separating 분리배출 분리수거
separation 별거 분리 이별
september 9월
septic 정화조
service 서비스 사업
serviceman 군인 장병
sesame 참깨 들깨
settlement 정산 합의 정착
severance 퇴직금
sewage 하수 오수 하수도
sewer 하수도 하수관 하수구
sewing 바느질 재봉 봉제
sex 성별
sexism 성차별
sexist 성차별
sexual 성폭력 성희롱 성범죄
shack 판잣집 쪽방 무허가
shade 그늘 그늘막
shampoo 샴푸
shanty 판자촌 비닐하우스
share 공유 나눔 셰어
shared 공유 공동
sharing 공유 나눔
shark 상어
sheep 양떼
shelf 선반 책장
shell 껍데기 껍질 조개껍데기
shellfish 조개 패류 조개껍데기 갑각류
shelter 쉼터 대피소
shift 교대 교대근무 근무조
shingle 대상포진
shipment 배송 발송
shipping 배송 배송비
shirt 셔츠 의류
shock 감전 충격 쇼크
shoe 신발
shop 가게 상가 점포 매장
shopkeeper 소상공인 상인 가게
shoplifting 절도 좀도둑
shot 접종 주사
shoulder 어깨 오십견
shovel 삽 넉가래 제설
shower 샤워 샤워실
shrimp 새우
shrine 사당
shut 폐쇄 휴업 닫힌
shutdown 폐쇄 중단 가동중단
shutin 은둔 은둔형외톨이
shutter 셔터 덧문
shuttle 셔틀 셔틀버스 순환버스
sibling 형제 자매
sick 질병 환자 병가 아픈
sidewalk 인도 보행로 보도블록
sightseeing 관광 구경 투어
sign 가입 신청
signal 신호 신호등 신호위반
signature 서명 자필서명
signboard 간판 옥외광고물
signed 서명 계약 체결
signin 로그인
signing 서명 계약 가입
signup 회원가입 가입
silver 실버 노인 어르신
sim 유심 심카드
singer 가수 성악가
singing 노래 가창 합창
single 한부모 1인
singleuse 일회용
sink 싱크대 세면대 개수대
sinkhole 싱크홀 땅꺼짐 지반침하
sinus 축농증 부비동
sister 자매 언니 누나 여동생
sisterinlaw 시누이 올케 처제 형수
site 사이트 현장
skate 스케이트
skateboard 스케이트보드
skating 스케이트 스케이트장 빙상
sketch 스케치 드로잉
ski 스키 스키장
skiing 스키 스키장
skill 기술 역량
skin 피부
skipped 결식 거르
slate 슬레이트 석면
sled 썰매 눈썰매장
sledding 썰매 눈썰매장
sledge 눈썰매
sleep 수면 잠
sleepless 불면
slide 미끄럼틀 슬라이드
slip 미끄러짐 낙상
slipper 슬리퍼 실내화
slippery 미끄럼 미끄러운 빙판
slope 경사로 비탈 경사
slum 판자촌 쪽방촌
small 소상공인 소규모 중소 소형
smartphone 스마트폰 휴대전화
smartwatch 스마트워치
sme 중소기업 중소
smell 냄새 악취
smelly 악취 냄새나는
smishing 스미싱 문자사기
smog 스모그 미세먼지
smoke 흡연 연기
smoked 훈제 흡연
smokefree 금연 금연구역
smoking 흡연 금연
sms 문자 문자메시지 sms
snack 간식 과자
snail 달팽이
snake 뱀
sneaker 운동화
sneeze 재채기
snoring 코골이
snow 대설 폭설 제설
snowboard 스노보드
snowfall 적설 강설 폭설
snowplough 제설차 제설
snowplow 제설차 제설
snowstorm 폭설 눈보라
sns 에스엔에스 sns 소셜미디어
soap 비누 세제
sober 금주 절주
soccer 축구 축구장
social 사회복지 사회적
sock 양말
socket 콘센트 소켓
soda 탄산음료 음료
sodium 나트륨 저염
sofa 소파 대형폐기물 가구
soil 토양 흙
sojourn 체류
soju 소주 주류
solar 태양광
sold 매진 판매
soldier 군인 장병
soldout 매진
solitary 고독 독거
son 아들 자녀
song 노래
soninlaw 사위
sophomore 2학년
sore 통증 아픈 염증
sorting 분리배출 분리수거 분류
sos 긴급 sos 구조요청
soundproof 방음 층간소음
soundproofing 방음 층간소음
soup 국물 수프
space 공간
spam 스팸 광고문자
spanish 스페인어 스페인
spare 여유 예비 남는
sparrow 참새
spay 중성화
spayed 중성화
speaking 말하기 회화
spectator 관중 관람객
speech 언어치료 말하기 연설
speed 속도
speeding 과속
spice 향신료 양념
spider 거미
spinal 척추 척수
spine 척추
splashpad 물놀이터 바닥분수
spoiled 상한 부패 변질
spoon 숟가락 수저
sport 체육 운동 스포츠
spouse 배우자
sprain 염좌 삐끗
spraying 방역 살포 분무
spring 봄 춘계
springtime 봄
sprinkler 스프링클러
spycam 불법촬영 몰래카메라
square 광장 제곱미터
squid 오징어
squirrel 다람쥐 청설모
sri 스리랑카
srt 고속철도 srt
ssireum 씨름
ssn 주민등록번호
stadium 경기장 운동장 스타디움
staff 직원 인력 종사자
stage 무대
stair 계단
staircase 계단
stairway 계단
stalker 스토커 스토킹
stalking 스토킹
stall 노점 가판
stamp 도장 스탬프 우표
stampede 압사 인파사고
standing 입석
start 시작
startup 창업 스타트업
starving 결식
stateless 무국적
statement 명세서 내역 진술
station 역 정류소 정류장
stationer 문구점 문방구
stationery 학용품 문구
statistic 통계
statue 동상 조형물
statute 법률 법령
stay 체류 숙박 체류기간
staycation 호캉스 도심휴가
std 성병 성매개감염
steal 절도 도난
stealing 절도 도난
steep 가파른 급경사
stepchild 의붓자녀 재혼가정
stepdaughter 의붓딸 재혼가정
stepfamily 재혼가정 재혼
stepfather 계부 새아버지 재혼가정
stepmother 계모 새어머니 재혼가정
stepparent 계부모 재혼가정
stepson 의붓아들 재혼가정
sterilisation 중성화 불임 멸균
sterilization 중성화 불임 멸균
sti 성병 성매개감염
sticker 표지 스티커
stillbirth 사산
sting 쏘임 벌쏘임
stink 악취 냄새
stipend 지원금 활동비 수당
stolen 도난 도난당한 도둑맞
stomach 복통 배탈 위장 위염
stomachache 복통 배탈
stone 석재 결석
stool 대변 분변
stop 정류장 정류소 중단
storage 보관 보관함 창고
store 가게 상점 매장
storey 층 층수
storm 태풍 폭풍 풍수해
stormwater 빗물 우수
stove 가스레인지 레인지 난로
straw 빨대
strawberry 딸기
stray 유기동물 유기견 길고양이
stream 하천 개천 실개천 계곡
streaming 스트리밍 생중계
street 거리 도로
streetlamp 가로등
streetlight 가로등
stress 스트레스
stretching 스트레칭
strike 파업 쟁의
stroke 뇌졸중 뇌경색 중풍
stroller 유모차
student 학생
studio 원룸 스튜디오
study 학습 공부
stung 쏘임 벌쏘임
stutter 말더듬
stuttering 말더듬
styrofoam 스티로폼
sublease 전대 재임대
sublet 전대 재임대
submerged 침수 잠긴
submit 제출
subscribe 구독 가입
subscription 청약 구독
subsidence 침하 지반침하
subsidise 보조금 지원금 지원
subsidised 보조금 지원금 지원
subsidize 보조금 지원금 지원
subsidized 보조금 지원금 지원
subsidy 보조금 지원금 지원
subtitle 자막
suburb 교외 외곽 근교
suburban 교외 외곽
subway 지하철
succulent 다육식물
sue 소송 고소
sugar 설탕 당류 혈당
suggestion 제안 건의
suicide 자살 자살예방
suit 정장 양복 소송
suitcase 캐리어 여행가방
summer 여름 하계
summertime 여름
summit 산꼭대기 산정상
sunburn 화상 일광화상
sunday 일요일
suneung 수능 대학수학능력시험
sunflower 해바라기
sunny 맑음 맑은
sunscreen 선크림 자외선차단
sunstroke 일사병 온열질환
supermarket 마트 슈퍼마켓
supervisor 감독 관리자 상사
supply 공급 물품 용품
support 지원
surcharge 가산세 가산금 할증
surfing 서핑
surgeon 외과 외과의사 집도
surgery 수술
surrogacy 대리모
survey 조사 설문 실태조사
suspect 용의자 피의자 의심
suspend 중지 정지 중단
suspended 정지 정학 중단
suspension 정지 정학 중지
sustainable 지속가능 친환경
suv 승용차 suv
swelling 부종 붓기
swim 수영
swimmer 수영
swimming 수영
swindle 사기 사기피해
swing 그네
switch 스위치 전환
switching 전환
swollen 부종 부은
syllabus 강의계획서 교육과정
symphony 교향악 오케스트라
symposium 심포지엄 학술대회
symptom 증상
syringe 주사기
tablet 알약 정제 태블릿
tactile 점자블록 촉지
taekwondo 태권도
tagging 태그 태깅
tailor 수선 수선집 양복점
takeaway 포장 테이크아웃
takeout 포장 테이크아웃
talk 대화 이야기
talking 대화 이야기
tampon 탐폰 생리용품
tangerine 귤 감귤
tank 탱크 정화조 물탱크 저수조
tap 수도꼭지 수돗물 수전
tape 테이프
tattoo 문신 타투
tax 세금 세액 납세
taxable 과세 과세대상
taxation 과세 세금 조세
taxfree 면세 택스리펀드 사후면세
taxi 택시
taxpayer 납세자 납세의무자
tb 결핵
tea 다도 다례 찻집 차
teacher 교사 선생님 강사
technician 기술자 수리기사
technology 기술 과학기술
teen 청소년
teenager 청소년
teeth 치아 치과
teething 이앓이
telecom 통신사 통신
telemarketing 텔레마케팅 광고전화
television 텔레비전 tv
telework 재택근무 원격근무
teleworking 재택근무 원격근무
temp 임시직 계약직 파견
temperature 온도 체온 기온
temple 사찰 템플스테이
templestay 템플스테이
temporary 임시 단기
tenancy 임대차 임차
tenant 세입자 임차인
tennis 테니스
tent 텐트 천막
terminal 터미널
terminate 해지 종료 해제
terminated 해지 종료
termination 해지 종료 해제
termite 흰개미
terror 테러
terrorism 테러
test 검사 시험
testament 유언장
tetanus 파상풍
text 문자 문자메시지 텍스트
textbook 교과서 교재
textile 섬유 의류
texting 문자
thai 태국
thailand 태국
theater 극장 공연장 연극
theatre 극장 공연장 연극
theft 도난 절도
therapist 치료사 상담사
therapy 치료 테라피 상담
thermometer 체온계 온도계
thermostat 온도조절기
thesis 논문 학위논문
thief 도둑 절도범
threat 협박 위협
threaten 협박 위협
threatened 협박 위협
threatening 협박 위협
threshold 기준 기준선 문턱
throat 인후 인후통 목감기
throw 배출 버리는 버리기
throwaway 버리 배출 폐기
throwing 버리 배출 투기
thrown 버려진 투기
thunder 천둥 뇌우
thunderstorm 뇌우 천둥번개
thursday 목요일
thyroid 갑상선
tick 진드기 참진드기
ticket 표 승차권 입장권
ticketing 발권 예매
tidal 해일 조수
tidy 정리 청소
tile 타일
time 시간
timetable 시간표 배차간격
tin 캔 통조림
tire 타이어
tired 피로 피곤
tissue 휴지 화장지
tmoney 티머니 교통카드
tnr 중성화 tnr
tobacco 담배
today 오늘 당일
toddler 유아 영유아
toe 발가락
toefl 토플 영어시험 어학시험
toeic 토익 영어시험 어학시험
tofu 두부
toilet 화장실
toll 통행료
tomorrow 내일
tonight 오늘밤 야간
tool 공구 도구
toolbox 공구함
tooth 치아 치과
toothache 치통 충치
toothbrush 칫솔
toothpaste 치약
topik 토픽 한국어능력시험
topping 충전
topup 충전
tornado 토네이도 돌풍
torrential 집중호우 폭우
tortoise 거북 거북이
total 합계 총액
tour 투어 관광 견학
tourism 관광
tourist 관광객 관광
tournament 대회 토너먼트
tow 견인
towed 견인 견인차
towel 수건 타월
towing 견인 렉카
town 마을 동네
townhouse 연립주택 타운하우스
toxic 유독 유해 독성
toy 장난감
track 선로 트랙 추적
tracking 배송조회 추적
tractor 트랙터 농기계
trademark 상표
tradition 전통
traditional 전통 전통시장
traffic 교통
trail 둘레길 산책로 탐방로 트레일
trailer 트레일러 견인
trailhead 등산로 입구
train 기차 열차 철도
trainee 수습 연수생 교육생 인턴
training 훈련 교육 연수
tram 트램 노면전차
trampoline 트램펄린 방방
transcript 성적증명서 성적표 녹취록
transfer 이체 환승 이전
transferring 전학 편입 이체 환승
transgender 트랜스젠더 성소수자
transit 대중교통 환승
translate 번역 통역
translation 번역 통역
transparency 투명성 정보공개
transplant 이식 장기이식
transport 교통
transportation 교통
trash 쓰레기
trauma 트라우마 외상
travel 여행 출장 관광
treatment 치료 진료 처치
tree 나무 수목 가로수
trekking 트레킹 둘레길
trial 재판 체험
triathlon 철인3종
trimester 학기 임신
trip 여행 출장 나들이
triplet 세쌍둥이 다태아
tripped 넘어짐 걸려넘어짐
trophy 트로피 우승
tropical 열대야 열대
trouser 바지
truancy 무단결석
truck 트럭 화물차 푸드트럭
tsunami 지진해일 쓰나미
ttareungi 따릉이 공공자전거
ttareungyi 따릉이 공공자전거
tteok 떡 떡국
tteokguk 떡국
tub 욕조
tube 지하철 튜브
tuberculosis 결핵
tuesday 화요일
tuition 등록금 수업료 학비
tumbler 텀블러 다회용컵
tumor 종양 암
tumour 종양 암
tunnel 터널 지하도
tupperware 밀폐용기
turnstile 개찰구
turtle 거북 거북이
tutor 멘토 강사
tutoring 과외 멘토링 학습지원
tv 텔레비전 tv
tween 초등학생 청소년
twin 쌍둥이 다태아
twitter 트위터
typhoon 태풍
tyre 타이어
uber 택시 호출
uk 영국
ultrafine 초미세먼지
ultrasound 초음파
ultraviolet 자외선
umbrella 우산 양산
umpire 심판
uncle 삼촌 외삼촌 큰아버지 작은아버지
underage 미성년자 미성년
underfloor 바닥난방 온돌
undergrad 대학생 학부생
undergraduate 대학생 학부생 학부
underground 지하 지하철
underpass 지하차도 지하보도
underwear 속옷
underweight 저체중
undocumented 미등록 불법체류 미등록이주
unemployed 실업 구직
unemployment 실업
unfair 부당 불공정
unification 통일
uniform 교복 유니폼 제복
union 노동조합 노조
unionize 노조 노동조합
university 대학 대학교
unlimited 무제한
unmanned 무인
unmarried 미혼 비혼
unoccupied 빈집 공실
unpaid 체불 미지급 무급 미납
unsafe 위험 불안전
unsubscribe 구독취소 해지 수신거부
unwed 미혼모 미혼부 미혼
upbringing 양육 육아
upcycle 업사이클링 새활용
upcycling 업사이클링 새활용
update 변경 갱신 업데이트
upgrade 개선 업그레이드 교체
upload 업로드 첨부
upskilling 역량강화 직무교육
uptown 도심
urban 도시 도시농업
urgent 긴급 응급
urgently 긴급 급히 시급
urine 소변 소변검사
usa 미국
usb usb
userid 아이디
username 아이디 계정
usim 유심
usury 고리 불법사금융 이자제한
utility 공과금 관리비
uturn 유턴
uv 자외선
uzbek 우즈베키스탄
uzbekistan 우즈베키스탄
vacancy 빈자리 공실 결원 빈집
vacant 빈집 공실
vacate 퇴거 비우
vacation 방학 휴가
vaccinate 예방접종 접종
vaccinated 예방접종 접종
vaccination 접종 예방접종
vaccine 백신 접종
vacuum 청소기 진공청소기 진공
valet 발레파킹 대리주차
valid 유효 유효기간
valley 계곡
van 승합차
vandalised 훼손 파손
vandalism 기물파손 훼손 낙서
vandalized 훼손 파손
vape 전자담배
vaping 전자담배
vat 부가가치세 부가세
vegan 비건 채식
vegetable 채소 야채
vegetarian 채식 채식주의
veggie 채소 야채
vehicle 차량 자동차
vending 자판기 자동판매기
vendor 노점 상인
vent 환기구 환풍구 통풍구
ventilation 환기 환풍기 환기설비
ventilator 환풍기 인공호흡기
venue 장소 예식장
veranda 베란다 발코니
verandah 베란다 발코니
verdict 판결 평결
verification 검증 인증 본인확인
verify 인증 검증 본인인증
vet 동물병원 수의사
veteran 보훈 국가유공자 참전
veterinarian 수의사 동물병원
vibration 진동
victim 피해자 피해
video 영상 동영상 비디오
videogame 게임
vietnam 베트남
vietnamese 베트남어 베트남
view 전망 경치
viewing 집보기 매물
viewpoint 전망대 조망
vigilante 자율방범대
villa 빌라 다세대
village 마을 마을버스
vinyl 비닐 비닐봉지
violation 위반
violence 폭력
visa 비자 사증 체류
visit 방문
visitation 면접교섭 면접교섭권
visiting 방문
visitor 방문객 방문자 관람객
visually 시각장애 시각
vitamin 비타민
vocabulary 어휘 단어
vocational 직업훈련 직업
volleyball 배구
volunteer 자원봉사 봉사
volunteering 자원봉사 봉사
vomit 구토
vomiting 구토
vote 투표
voting 투표
voucher 바우처 이용권
voyeurism 불법촬영
vulnerable 취약 취약계층 위기
wage 임금 최저임금 급여
wait 대기
waiting 대기자 기다 대기시간
waitlist 대기자 예비번호
waive 면제 감면
waived 면제 감면
waiver 면제 감면
walk 동행 도보 귀가
walkable 도보 걸어서
walkathon 걷기대회
walker 보행기 보행보조기
walking 도보 걷기 보행 산책
walkout 파업
walkway 산책로 보행로
wall 벽면 담장 외벽 벽체
wallet 지갑
wallpaper 도배 벽지
wander 배회 실종
wandering 배회 실종 치매
war 전쟁
ward 병동 병실
wardrobe 옷장
warm 따뜻 온기 난방
warning 경보 주의보 경고
wash 세척 세차 세탁
washbasin 세면대
washer 세탁기 와셔
washing 세탁기 세탁
washroom 화장실
wasp 말벌 벌집
waste 쓰레기 폐기물
wastewater 하수 폐수 오수
watch 관람 감시
watching 관람
watchman 경비원 야간순찰
water 수도 물 수돗물
waterfall 폭포
waterfront 수변 한강변 친수
waterlogged 침수
watermelon 수박
waterpark 물놀이장 워터파크
waterproof 방수
waterproofing 방수 방수공사
weather 날씨 기상
webinar 웨비나 온라인강의 세미나
webpage 누리집 홈페이지 사이트
website 누리집 홈페이지 사이트
webtoon 웹툰 만화
wedding 결혼 예식 결혼식
wednesday 수요일
weed 잡초 제초
weeding 제초 풀베기
week 매주 일주일
weekday 평일 주중
weekend 주말 토요일 일요일
weeklong 1주일
weekly 매주 주1회
weight 체중 몸무게 무게
welfare 복지
wellness 웰니스 건강
wet 젖은 습한 물기
wetax 위택스
wetland 습지
wfh 재택근무
whale 고래
wheel 바퀴 휠
wheelchair 휠체어
whistle 호루라기 호각
whistleblower 공익신고자 내부고발 공익제보
whistleblowing 공익신고 내부고발
widow 사별 유족
widowed 사별
widower 배우자사별 사별
wife 아내 배우자
wifi 와이파이 무선인터넷
wild 야생 야생동물
wildfire 산불
wildlife 야생동물 야생생물
wind 바람 강풍
window 창문 창호 창구
windowpane 유리창 창문
windscreen 앞유리
windshield 앞유리
windy 강풍 바람
wine 와인 포도주 주류
winner 당첨자 수상자 선정자
winter 겨울 동계
wintertime 겨울
wipe 물티슈 닦기
wiper 와이퍼
wire 전선 배선 케이블
wiring 전기배선 배선 전선
withdraw 출금 인출 철회
withdrawal 출금 인출 철회 탈퇴
withdrawn 은둔 고립 철회
withholding 원천징수
witness 증인
wolse 월세
woman 여성
women 여성
wood 목재 나무
wooden 목재 목조
woodworking 목공
work 근무 일자리 직장
workbook 문제집 교재
worker 근로자 노동자
worknet 워크넷 고용24
workplace 직장 사업장 일터
workshop 워크숍 워크샵 체험
workweek 주당 근로시간 주52시간
worm 벌레 지렁이
wound 상처 외상
wrap 포장
wrestling 레슬링 씨름
wrist 손목
writing 글쓰기 작문 쓰기
wrongful 부당 불법
xenophobia 외국인혐오 혐오
xray 엑스레이 방사선
yacht 요트 마리나
yaksu 약수 약수터
yard 마당
year 매년 연간 해마다
yearend 연말정산 연말
yearly 매년 연간
yeouido 여의도
yesterday 어제
yoga 요가
young 청년 청소년
youngster 청소년 아이
youth 청년 청소년
youtube 유튜브
youtuber 유튜버 크리에이터
zebra 횡단보도
zeropay 제로페이
zerowaste 제로웨이스트 쓰레기줄이기
zone 구역 지구
zoning 용도지역 용도지구
zoo 동물원
zumba 줌바 댄스
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
