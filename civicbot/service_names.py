"""A catalogue of named public services, benefits, facilities and civic objects, for saying "no document".

When a citizen asks about one particular thing (장애인콜택시 부르는 법, 도시가스 요금 감면, 테니스장 예약,
"How do I book the City Tour Bus?") and the city's documents have no page about it, the honest answer is
that there is no document about it, not an answer taken from a neighbouring page (the gas question
answered from the water-bill page). The engine uses this catalogue for that: when the question contains
one of a line's forms, and neither the page it would answer from nor any page of the collection contains
any of that line's forms, the thing asked about is not covered.

How it was written: by hand, from general knowledge of Korean public services, national ones and those
of Seoul and its districts, and of the names they go by, area by area: transport,
housing, welfare, health, childcare and education, work and business, taxes and civil paperwork,
utilities, culture, sport and leisure, environment and waste, safety and disasters, animals, foreign
residents, tourism, elections and civic life, family, and everyday life. It was not written from any
evaluation set's documents or questions. A city can extend it.

Line format: ``한국어형태1 한국어형태2 ... | english form 1; english form 2``. Korean forms are separated by
spaces and have no spaces inside (the check compares with spaces squashed out of question and page, so
주민등록표 등본 is written 주민등록표등본). English forms are lower case and separated by ";"; they may
contain spaces, and the English part may be empty. A line starting with "#" names an area and is not a
line of the catalogue.

Rules the lines follow (they decide whether the check helps or harms):

- One line names one distinctive thing. Generic words (신청, 지원, 서비스, 센터, 상담, 교육, 시설, 요금,
  할인, 무료, 시민, 청년, 어르신 alone ...) are never forms; a generic head keeps its modifier:
  도시가스, not 가스; 장애인콜택시, not 택시; 주정차위반, not 과태료.
- A line lists every spelling a page that covers the thing would certainly use one of: formal and
  everyday names, abbreviations (장콜), older names (수화통역, 노인정), the disease names of a vaccination
  (독감백신, 인플루엔자). A page that covers the thing under a form not listed would make the bot refuse
  a right answer, so lines err on more forms, and a thing that pages word in too many ways has no line.
- Korean forms have at least 3 syllables, except 2-syllable words that cannot be read inside other
  text. Because spaces are squashed, a 2-syllable form must not arise across a word boundary either:
  지진 is not a form (까지 진행 -> 까지진행), nor 요가 (필요가), 화재 (전화 재발급), 해고 (위해 고민),
  등본 (등 본인), 비자 (소비자), 한전 (필요한 전화), 정전 (일정 전에).
- Synonyms share one line; no form is on two lines. Squashing removes spaces, not the middle dot pages
  write in pairs (등·초본, 주·야간보호, 산모·신생아), so a line also lists the form after the dot
  (야간보호, 신생아건강관리) or the dotted form itself (등·초본); documents pages cover together
  (주민등록 등본 and 초본) share a line.
- A group of people (한부모, 신혼부부, 1인가구, 소상공인) and an object a general report channel covers
  without naming it (가로등, 포트홀, 횡단보도) have no line: they come up in questions about something
  else, and a page that answers those need not name them. Offices (구청, 보건소, 고용센터, 세무서,
  공단) likewise: "보건소에서 독감 접종" asks about the vaccination.
- English forms are what an English-speaking resident would type. Multiword forms are written in the
  singular (the engine folds plurals of single words only), with the plural where it is common. A
  single English word that is part of another line's form is a form only if that line's Korean forms
  hold this line's (dementia in dementia centre: 치매 in 치매안심센터); so tennis (table tennis),
  shelter (youth shelter) and donation (blood donation) are not forms.
- No other cities' place names, and no brand names but a service's public name (따릉이, 티머니).
- English forms name the thing the Korean forms name, not an activity around it: hiking trail for
  등산로, not hiking (등산 is no Korean form either), or "How do I protect myself from ticks when
  hiking?" over a page on ticks that says 등산 was refused as a question about trails.
"""

from __future__ import annotations

from functools import cache

_CATALOGUE = """
# 교통 transport
장애인콜택시 장콜 장애인택시 장애인전용택시 교통약자콜택시 교통약자택시 특별교통수단 교통약자이동지원센터 교통약자이동지원 | disability call taxi; disabled taxi; accessible taxi; wheelchair taxi; special transport service
바우처택시 장애인바우처택시 교통약자바우처택시 | voucher taxi
임산부택시 임산부전용택시 임산부이동지원 | taxi for pregnant women; pregnancy taxi
개인택시면허 개인택시양수 개인택시 | private taxi licence; private taxi license; individual taxi licence
택시운전자격 택시자격시험 택시운전자격증 | taxi driver qualification; taxi driver certificate
택시분실물 택시유실물 | lost item in a taxi; left something in a taxi
대중교통분실물 유실물센터 분실물센터 유실물 철도분실물 | lost and found; lost property
따릉이 공공자전거 서울자전거 서울공공자전거 | ttareungyi; public bike; public bicycle; bike sharing; bike share; seoul bike
자전거보험 시민자전거보험 자전거상해보험 | bicycle insurance; bike insurance
자전거등록 자전거등록제 | bicycle registration; bike registration
자전거수리 자전거수리센터 자전거정비 | bicycle repair; bike repair
자전거도로 자전거전용도로 자전거길 | bike lane; bicycle lane; cycle path; cycling road
전동킥보드 개인형이동장치 공유킥보드 | electric scooter; e-scooter; kick scooter; personal mobility
시티투어버스 시티투어 투어버스 | city tour bus; tour bus; city tour
심야버스 올빼미버스 심야전용버스 | night bus; owl bus; late-night bus
마을버스 | village bus; maeul bus; neighbourhood bus; neighborhood bus
공항버스 공항리무진 리무진버스 | airport bus; airport limousine
공항철도 공항철도직통열차 공항직통열차 | airport railroad; airport express train; arex
광역버스 광역급행버스 | metropolitan bus; red bus
고속버스 고속버스터미널 | express bus; express bus terminal
시외버스 시외버스터미널 | intercity bus; intercity bus terminal
수요응답형버스 수요응답형교통 | demand responsive bus; demand-responsive transport
저상버스 | low-floor bus; low floor bus
자율주행버스 | self-driving bus; autonomous bus
한강버스 수상버스 수상택시 | river bus; water bus; water taxi
지하철정기권 정기권 | commuter pass; season ticket
기후동행카드 기후동행 | climate card; climate companion card; unlimited transit pass
케이패스 K패스 알뜰교통카드 | k-pass; k pass
교통카드 티머니 | transit card; transportation card; t-money; tmoney
어르신교통카드 우대용교통카드 무임승차 지하철무임 무임교통카드 | senior transit card; senior free pass; free subway for seniors
청소년교통카드 어린이교통카드 청소년요금 | youth transit card; student transit card
환승할인 대중교통환승 | transfer discount; transit transfer
지하철역엘리베이터 역엘리베이터 교통약자엘리베이터 | station elevator; subway elevator
지하철물품보관함 물품보관함 코인라커 | coin locker; storage locker; luggage locker
자동차등록 차량등록 자동차신규등록 | car registration; vehicle registration; registering a car
자동차이전등록 이전등록 자동차명의이전 차량명의이전 | vehicle ownership transfer; car ownership transfer; transferring a car
자동차말소 말소등록 차량말소 폐차 | car scrapping; scrapping a car; vehicle deregistration
조기폐차 노후경유차 배출가스5등급 5등급차량 | early scrapping; old diesel car; old diesel vehicle; emission grade 5
자동차번호판 번호판 | license plate; licence plate; number plate
자동차검사 차량검사 자동차종합검사 자동차정기검사 | vehicle inspection; car inspection
자동차세 | car tax; vehicle tax; automobile tax
자동차세연납 자동차세선납 | annual car tax payment; car tax prepayment
자동차보험 책임보험 의무보험 | car insurance; auto insurance
운전면허 운전면허증 면허증 | driving licence; driving license; driver's license; driver license
운전면허갱신 면허갱신 정기적성검사 적성검사기간 | driving licence renewal; license renewal; driver's license renewal
국제운전면허 국제운전면허증 | international driving permit; international driving licence; international driver's license
외국면허교환 외국운전면허 운전면허교환 외국인운전면허 | foreign licence exchange; foreign license exchange; foreign driving licence
고령운전자면허반납 운전면허반납 면허반납 자진반납 | licence return; license return; giving up a driving licence
도로주행 운전면허시험 기능시험 | driving test; road test
주정차위반 주정차과태료 주차위반 불법주정차 불법주차 주차단속 주정차단속 정차위반 주차과태료 | parking ticket; parking fine; illegal parking; parking violation; parking enforcement
견인차량 차량견인 견인보관소 견인료 견인차 | towing; towed car; towed vehicle; tow
속도위반 과속단속 과속카메라 신호위반 | speeding ticket; speeding fine; speed camera; red light camera
공영주차장 공공주차장 시영주차장 구영주차장 | public parking lot; public car park; municipal parking
거주자우선주차 거주자주차 거주자우선주차구역 | resident parking; residential parking permit; resident priority parking
주차공유 공유주차 주차장공유 | shared parking; parking sharing
장애인주차구역 장애인전용주차 장애인주차 장애인자동차표지 | disabled parking; accessible parking; disabled parking permit
전기차충전 전기차충전소 전기자동차충전 충전소 | ev charging; electric car charging; charging station; ev charger
전기차보조금 전기자동차보조금 전기차구매 | electric car subsidy; ev subsidy
수소차 수소충전소 수소자동차 | hydrogen car; hydrogen station; hydrogen charging
혼잡통행료 남산터널 | congestion charge; namsan tunnel toll
통행료 유료도로 하이패스 | toll; toll road; hipass; hi-pass
승용차요일제 차량2부제 차량5부제 | car-free day scheme; vehicle rotation
카셰어링 나눔카 공유차량 | car sharing; car share; car-sharing
대리운전 | designated driver; substitute driver
화물차 화물자동차 화물운송 | cargo truck; freight vehicle; freight truck
도로점용 도로점용허가 | road occupancy permit; road use permit
도로굴착 굴착허가 도로굴착허가 | road excavation permit; road digging permit
교통범칙금 범칙금 | traffic fine; penalty notice
자동차압류 차량압류 번호판영치 | car seizure; vehicle seizure; plate seizure
교통유발부담금 | traffic inducement charge; traffic impact fee
주차장확보 부설주차장 | attached parking; parking requirement
고속철도 기차표 | ktx; high-speed train; train ticket
휠체어리프트 휠체어충전기 전동휠체어충전 | wheelchair lift; wheelchair charger
장애인보조기기 보조기기 | assistive device; assistive technology
자동차등록증 차량등록증 | vehicle registration certificate; car registration certificate
운전경력증명서 | driving record certificate; driving history certificate
저공해자동차 저공해차 저공해차량 | low-emission vehicle; low-emission car
매연저감장치 | diesel particulate filter
이륜자동차 이륜차 오토바이 | motorcycle; motorbike
주차정기권 월정기주차 | monthly parking pass; parking season ticket
자전거주차장 자전거보관소 자전거거치대 | bike parking; bicycle parking; bike rack
# 주거 housing
전세사기 전세피해 전세사기피해 깡통전세 | jeonse fraud; jeonse scam; rental deposit fraud
전세보증금반환보증 전세보증보험 보증금반환보증 전세보증금보험 | jeonse deposit insurance; deposit return guarantee; deposit insurance
전세자금대출 전세대출 버팀목 버팀목전세자금 | jeonse loan; rental deposit loan
월세지원 청년월세 월세지원금 청년월세지원 | monthly rent support; youth rent support; rent subsidy
주거급여 | housing benefit; housing allowance
임차보증금 보증금대출 임차보증금대출 임차보증금이자지원 | tenancy deposit loan; lease deposit loan
확정일자 | fixed date; fixed-date stamp
전입신고 주소변경 주소이전 | moving-in report; move-in report; change of address; resident move-in registration
전월세신고 주택임대차신고 임대차신고 월세신고 | rental contract report; lease report; tenancy report
임대차분쟁 주택임대차분쟁조정 임대차분쟁조정 | rental dispute; tenancy dispute; lease dispute
임차권등기명령 임차권등기 | leasehold registration order; tenancy registration order
주택청약 청약통장 주택청약종합저축 청약 | housing subscription; apartment subscription; subscription savings
공공임대주택 공공임대 임대주택 국민임대 영구임대 | public rental housing; public housing; rental housing
행복주택 | happy house; happy housing
장기전세주택 장기전세 | long-term jeonse housing; shift housing
매입임대주택 매입임대 | purchased rental housing
청년안심주택 역세권청년주택 | youth safe housing; youth housing near stations
신혼부부임대주택 신혼희망타운 신혼부부주택 | newlywed housing; housing for newlyweds
전세임대 전세임대주택 | jeonse rental housing
사회주택 공동체주택 | social housing; community housing
셰어하우스 공유주택 | share house; shared housing
고시원 | gosiwon; goshiwon
반지하 반지하주택 | semi-basement; banjiha
쪽방 쪽방촌 | jjokbang; tiny room
주거취약계층 비주택거주자 | housing-vulnerable; non-housing residents
주택개량 집수리 주택수리 노후주택수리 | home repair; house repair; housing improvement
에너지효율개선 단열공사 창호교체 | energy efficiency retrofit; insulation work
재개발 재개발사업 | redevelopment
재건축 재건축사업 안전진단 | reconstruction; apartment reconstruction; safety diagnosis
신속통합기획 신통기획 | fast-track integrated planning
모아타운 모아주택 소규모주택정비 가로주택정비 | moa town; small-scale housing renewal
도시재생 도시재생사업 | urban regeneration
리모델링 공동주택리모델링 | remodelling; remodeling
분양권 아파트분양 분양가 공공분양 | pre-sale right; apartment sale; pre-sale
주택담보대출 주담대 | mortgage loan; home loan; home mortgage
디딤돌대출 내집마련 | didimdol loan; first-time buyer loan
주택연금 | reverse mortgage; housing pension
건축허가 건축신고 | building permit; construction permit
건축물대장 | building register; building ledger
사용승인 준공검사 | use approval; completion inspection
불법건축물 위반건축물 무허가건물 | illegal building; unauthorized building
옥탑방 옥상증축 | rooftop room
층간소음 | noise between floors; floor noise; upstairs noise
아파트관리비 공동주택관리비 관리비고지서 | maintenance fee; management fee; apartment management fee
공동주택관리 관리사무소 입주자대표회의 | apartment management; residents' council
부동산중개 중개수수료 중개보수 공인중개사 | real estate agent; brokerage fee; realtor
토지거래허가 토지거래허가구역 | land transaction permit
개발제한구역 그린벨트 | greenbelt; green belt; development restriction zone
토지이용계획 토지이용계획확인원 토지이용계획확인서 | land use plan; land use plan certificate
지적도 지적측량 | cadastral map; cadastral survey
개별공시지가 공시지가 | officially assessed land price; land price
주택공시가격 공동주택가격 개별주택가격 | official housing price; assessed house price
빈집 빈집정비 | empty house; vacant house
주거환경개선 | residential environment improvement
장기수선충당금 | long-term repair reserve
주택임대사업자 임대사업자 | rental business operator; landlord registration
부동산실거래 실거래가 | real transaction price; actual transaction price
등기부등본 등기사항전부증명서 부동산등기부 | property registry; real estate register; property register certificate
포장이사 이삿짐 이사업체 | moving company; removal company; removals
노숙인 홈리스 | homeless; homeless people; rough sleeper
무료법률상담 법률상담 마을변호사 법률구조 법률구조공단 | free legal advice; legal aid; legal consultation
주택도시기금 | housing fund
계약갱신청구권 갱신요구권 전월세상한제 월세상한제 | lease renewal right; rent increase cap
보증금반환소송 지급명령 | deposit return lawsuit; payment order
생애최초 생애최초주택 | first-time home buyer; first home buyer
전입세대열람 전입세대확인서 전입세대열람내역 | move-in household inspection; move-in household record
# 복지 welfare
기초생활수급 기초생활보장 기초수급 수급자 기초생활수급자 | basic livelihood security; basic livelihood; welfare recipient; national basic livelihood
생계급여 | livelihood benefit; living allowance
의료급여 | medical aid; medical benefit
교육급여 | education benefit
해산급여 | childbirth benefit
장제급여 | funeral benefit
차상위 차상위계층 | near-poverty; near poverty; second-lowest income
긴급복지 긴급지원 긴급복지지원 긴급생계지원 | emergency welfare; emergency support; emergency aid
서울형기초보장 | seoul basic security
안심소득 | safe income; income guarantee
기초연금 | basic pension; basic old-age pension
국민연금 연금보험료 | national pension; pension contribution
장애인연금 | disability pension
장애수당 장애인수당 | disability allowance
장애아동수당 | disabled child allowance
장애인등록 장애등록 장애인증 장애인증명서 장애인복지카드 장애정도 | disability registration; disability card; disability certificate
장애인활동지원 활동지원사 장애인활동보조 활동지원서비스 활동지원급여 | personal assistance for the disabled; activity assistance; disability assistance
장애인일자리 장애인고용 | jobs for the disabled; disability employment
장애인복지관 | disability welfare centre; disability welfare center
수어통역 수화통역 한국수어 수어통역사 수어교실 | sign language interpreting; sign language interpreter; sign language
점자 점자도서 | braille
보청기 | hearing aid
장애인보장구 보장구 휠체어대여 휠체어대여소 | mobility aid; wheelchair rental
노인장기요양 장기요양 장기요양보험 장기요양등급 | long-term care; long-term care insurance; long-term care grade
요양원 노인요양시설 요양시설 | nursing home; care home
요양병원 | nursing hospital; geriatric hospital
주야간보호 주간보호 데이케어 주간보호센터 야간보호 | day care for seniors; adult day care; day care centre; day care center
방문요양 재가요양 방문목욕 | home care; home-visit care; visiting care
노인맞춤돌봄 노인돌봄 맞춤돌봄 | elderly care service; customised care for seniors
노인일자리 어르신일자리 노인일자리사업 | senior jobs; elderly employment; jobs for seniors
경로당 노인정 | senior citizens' hall; seniors' hall; senior center; senior centre
노인복지관 어르신복지관 | senior welfare centre; senior welfare center
무료급식 경로식당 급식소 | free meal; free lunch; meal service for seniors
밑반찬 반찬배달 도시락배달 | side-dish delivery; lunch box delivery
노인틀니 틀니 | dentures
임플란트 | dental implant
아동수당 | child allowance; child benefit
부모급여 영아수당 | parental benefit; parent allowance; infant allowance
양육수당 가정양육수당 | childrearing allowance; parenting allowance
첫만남이용권 첫만남 | first meeting voucher; birth voucher
출산지원금 출산축하금 출산장려금 | childbirth grant; birth grant; baby bonus
산후조리 산후조리원 공공산후조리원 산후조리비 산후조리경비 | postnatal care; postpartum care centre; postpartum care
산모신생아건강관리 신생아건강관리 산모도우미 산후도우미 | postnatal helper; maternal newborn care helper
아동학대 | child abuse
드림스타트 | dream start
디딤씨앗통장 아동발달지원계좌 | didim seed account; child development account
자립준비청년 보호종료아동 자립수당 자립정착금 | youth leaving care; care leaver; young people leaving care
가정위탁 위탁가정 위탁부모 | foster care; foster family; foster parent
입양 입양신고 | adoption; adopting a child
청년수당 청년활동지원 | youth allowance
청년내일저축계좌 내일저축계좌 희망저축계좌 희망키움통장 내일키움통장 청년희망적금 청년도약계좌 자산형성 | savings account for young people; asset building account; youth savings
희망두배청년통장 | youth double savings account
청년기본소득 | youth basic income
국민취업지원제도 취업성공패키지 구직촉진수당 구직활동지원금 | national employment support; job seeker allowance
에너지바우처 | energy voucher
문화누리카드 통합문화이용권 문화누리 | culture nuri card; culture voucher
평생교육바우처 | lifelong education voucher
스포츠강좌이용권 | sports voucher
고독사 고립가구 사회적고립 | lonely death; social isolation; isolated households
복지사각지대 위기가구 | welfare blind spot; households in crisis
푸드뱅크 푸드마켓 | food bank; food market
희망온돌 | hope ondol
무연고사망 무연고 공영장례 | unclaimed death; public funeral
자활근로 자활사업 지역자활센터 | self-sufficiency work; self-sufficiency programme
사회복지사 | social worker
복지관 사회복지관 종합사회복지관 | social welfare centre; welfare centre; community welfare center
행복e음 복지로 | bokjiro; welfare portal
노인학대 | elder abuse; abuse of the elderly
가정폭력 | domestic violence
성폭력 성범죄 | sexual violence; sexual assault
디지털성범죄 불법촬영 | digital sex crime; spy camera; illegal filming
스토킹 | stalking
데이트폭력 교제폭력 | dating violence
해바라기센터 | sunflower centre; sunflower center
여성긴급전화 | women's emergency hotline
학교폭력 학폭 | school violence; school bullying
청소년쉼터 가출청소년 | youth shelter; runaway youth
은둔형외톨이 고립은둔청년 은둔청년 | reclusive youth; hikikomori; socially withdrawn young people
돌봄SOS 돌봄에스오에스 | care sos
긴급돌봄 | emergency care
간병비 간병인 | caregiver; carer; nursing care cost
병원동행 동행서비스 | hospital escort; accompanying to hospital
참전명예수당 참전수당 | war veteran; veteran allowance
장애인주택개조 주택개조 | home modification for the disabled
장애인자립생활센터 자립생활센터 | independent living centre; independent living center
주간활동서비스 발달장애인주간활동 | day activity service
장수수당 장수축하금 | longevity allowance
공공후견 성년후견 후견제도 후견신청 | guardianship; adult guardianship
아동급식카드 꿈나무카드 아동급식 결식아동 | child meal card; meal card for children
아동양육비 한부모아동양육비 | child-rearing allowance for single parents
한부모가족증명서 | single-parent family certificate
위기임산부 보호출산 출생통보 | protected birth; crisis pregnancy; birth notification
지역사회서비스투자사업 사회서비스바우처 | community social service voucher
가사간병방문지원 가사간병 간병방문 | home help and nursing visit; housekeeping and nursing care
보조견 안내견 장애인보조견 | guide dog; assistance dog
수급자증명서 | welfare recipient certificate
응급안전안심서비스 응급안전알림 응급호출기 | emergency safety alarm; emergency call device
배회감지기 | wandering detector; gps tracker
손주돌봄 서울형아이돌봄비 | grandparent care allowance
# 건강 health
독감예방접종 독감백신 독감접종 인플루엔자 | flu shot; flu vaccine; flu vaccination; influenza
코로나19 코로나백신 코로나예방접종 코로나 | covid; covid-19; coronavirus; covid vaccine
폐렴구균 폐렴구균예방접종 | pneumococcal; pneumonia vaccine
대상포진 대상포진예방접종 | shingles; herpes zoster
자궁경부암백신 HPV백신 자궁경부암예방접종 사람유두종바이러스 | hpv vaccine; cervical cancer vaccine
B형간염 B형간염예방접종 | hepatitis b
A형간염 A형간염예방접종 | hepatitis a
홍역 홍역예방접종 | measles; mmr
수두예방접종 수두접종 수두백신 | chickenpox; varicella
일본뇌염 | japanese encephalitis
결핵 결핵검진 잠복결핵 | tuberculosis; tb test; bcg
파상풍 백일해 디프테리아 | tetanus; whooping cough; pertussis
로타바이러스 | rotavirus
엠폭스 원숭이두창 | mpox; monkeypox
어린이국가예방접종 국가예방접종 필수예방접종 | national immunization; national vaccination programme; childhood vaccination
예방접종증명서 접종증명서 예방접종내역 | vaccination certificate; immunization record
광견병 광견병예방접종 | rabies; rabies vaccine
국가건강검진 일반건강검진 건강검진 | health checkup; health check-up; medical checkup; health screening
암검진 국가암검진 | cancer screening
위암검진 위내시경 | stomach cancer screening; gastroscopy
대장암검진 대장내시경 분변잠혈 | colon cancer screening; colonoscopy
유방암검진 유방촬영 | breast cancer screening; mammogram
자궁경부암검진 | cervical cancer screening; pap smear
폐암검진 저선량CT 저선량흉부CT | lung cancer screening
간암검진 | liver cancer screening
영유아건강검진 영유아검진 | infant health checkup; child health checkup
학생건강검사 학생검진 | student health examination
구강검진 치과검진 불소도포 치아홈메우기 스케일링 | dental checkup; fluoride; scaling; dental sealant
건강진단결과서 보건증 | health certificate; food handler health certificate
채용신체검사 신체검사서 | medical examination certificate; physical examination
진단서 의료기관진단서 | medical certificate; doctor's note
보건지소 건강생활지원센터 | health branch office; healthy living support centre
치매안심센터 치매검사 치매조기검진 치매선별검사 | dementia centre; dementia center; dementia screening; dementia test
치매 | dementia; alzheimer's
치매치료관리비 | dementia treatment subsidy
정신건강복지센터 정신건강 마음건강 | mental health; mental health centre; mental health center
우울증 우울 | depression
자살예방 자살예방상담전화 생명의전화 | suicide prevention; suicide hotline
중독관리 알코올중독 도박중독 마약중독 인터넷중독 중독관리통합지원센터 | addiction; alcohol addiction; gambling addiction; drug addiction
금연클리닉 금연치료 금연상담 | quit smoking; stop smoking; smoking cessation
금연구역 흡연구역 흡연부스 | no-smoking area; smoking area; smoking booth
절주 음주폐해 | moderate drinking
비만클리닉 비만예방 비만관리 체중관리 | obesity; weight management
모바일헬스케어 손목닥터 손목닥터9988 | mobile healthcare; wrist doctor
걷기앱 걷기챌린지 | walking challenge; walking app
방문건강관리 방문간호 | home health visit; visiting nurse
재활치료 지역사회재활 재활병원 재활운동 | rehab; rehabilitation therapy; rehabilitation hospital
임신출산진료비 출산진료비 국민행복카드 | pregnancy medical expenses; national happiness card
엽산 철분제 | folic acid; iron supplements
난임시술 난임지원 난임치료 난임부부 시험관 | infertility; ivf; fertility treatment
난자동결 | egg freezing
가임력검사 임신준비검사 임신사전건강관리 | fertility test; pre-pregnancy check
모유수유 수유실 | breastfeeding; nursing room
선천성대사이상 신생아청각선별 신생아검사 | newborn screening; newborn hearing test
미숙아 이른둥이 | premature baby; preemie
고위험임산부 | high-risk pregnancy
청소년산모 | teenage mother
응급실 응급의료 | emergency room
달빛어린이병원 | moonlight children's hospital; night children's hospital
공공심야약국 심야약국 | late-night pharmacy; night pharmacy
휴일진료 휴일지킴이약국 휴일약국 | holiday clinic; holiday pharmacy
응급처치 심폐소생술 | first aid; cpr
자동심장충격기 심장충격기 제세동기 | aed; defibrillator
구급차 | ambulance
공공병원 서울의료원 시립병원 | public hospital; city hospital; municipal hospital
의료비지원 재난적의료비 | medical expense support; catastrophic medical expenses
본인부담상한제 | out-of-pocket ceiling
희귀질환 희귀난치성질환 | rare disease; rare diseases
건강보험 국민건강보험 건강보험료 | national health insurance; health insurance
건강보험피부양자 피부양자 | health insurance dependant; dependent
산정특례 | special calculation case
장애인건강주치의 | disability primary doctor
호스피스 완화의료 | hospice; palliative care
연명의료 사전연명의료의향서 | advance directive; life-sustaining treatment
장기기증 장기기증희망등록 | organ donation; organ donor
헌혈 헌혈의집 | blood donation; donating blood
시신기증 | body donation
식중독 | food poisoning
노로바이러스 | norovirus
말라리아 | malaria
해충방제 방역소독 소독필증 | pest control; disinfection; fumigation
에이즈 에이치아이브이 | hiv
성매개감염병 성병검사 성병진료 | sexually transmitted disease; std
간염검사 C형간염 | hepatitis c
한의원 한방진료 한방병원 한의진료 | korean medicine; oriental medicine
외국인진료 외국인환자 | medical care for foreigners
의료관광 | medical tourism
폐의약품 | unused medicine disposal; expired medicine
마약류 | narcotics
낙상예방 | fall prevention
구강보건 | oral health
영양플러스 | nutrition plus
정신응급 | psychiatric emergency
심리상담 심리지원 | psychological counselling; psychological counseling
청년마음건강 | youth mental health
장티푸스 | typhoid
수막구균 뇌수막염 | meningococcal; meningitis
폴리오 소아마비 | polio
골다공증 골밀도검사 | osteoporosis; bone density test
아동치과주치의 치과주치의 | child dental doctor; school dentist
임산부교통비 | transport allowance for pregnant women
방문진료 재택의료 | home medical care; doctor home visit
요양보호사 요양보호사자격 | care worker; care worker certificate
# 보육·교육 childcare and education
어린이집입소 입소대기 어린이집입소대기 임신육아종합포털 아이사랑 | daycare admission; daycare waiting list; nursery admission
어린이집 국공립어린이집 공립어린이집 보육시설 | daycare; daycare centre; daycare center; nursery; childcare centre
서울형어린이집 | seoul-type daycare
보육료 보육료지원 | childcare fee support; childcare subsidy
유치원 유치원입학 처음학교로 | kindergarten; kindergarten admission
유아학비 유치원비 | kindergarten tuition support
아이돌봄 아이돌보미 아이돌봄서비스 베이비시터 | babysitter; baby sitter; childminder; childcare helper
시간제보육 시간제어린이집 | hourly childcare; part-time childcare
우리동네키움센터 키움센터 | kium centre; kium center; after-school care centre
지역아동센터 | local children's centre; local children's center; community child centre
초등돌봄교실 돌봄교실 늘봄학교 늘봄 | after-school care class; elementary care class; neulbom
방과후학교 방과후수업 | after-school programme; after-school program; after-school class
공동육아나눔터 공동육아 육아나눔터 | cooperative childcare; shared childcare space
육아종합지원센터 육아지원센터 | childcare support centre; childcare support center
장난감도서관 장난감대여 | toy library; toy rental
서울형키즈카페 공공키즈카페 키즈카페 | kids cafe; public kids cafe
영유아놀이터 실내놀이터 놀이터 | playground; indoor playground
아이맘택시 유아동반택시 엄마아빠택시 서울엄마아빠택시 | taxi with baby; kids taxi
육아휴직 육아휴직급여 | parental leave; childcare leave
출산휴가 출산전후휴가 배우자출산휴가 | maternity leave; paternity leave
육아기근로시간단축 | reduced working hours for childcare
입학준비금 입학축하금 | school entrance allowance
교복지원 무상교복 교복구입비 | school uniform
무상급식 친환경급식 학교급식 | free school meals; school meal; school lunch
초등학교입학 취학통지서 취학유예 취학대상 예비소집 | school enrollment; school enrolment; elementary school admission
전학절차 전학신청 전학서류 | school transfer; transferring schools
중학교배정 고등학교배정 | school assignment
검정고시 | ged; qualification exam
학교밖청소년 꿈드림 | out-of-school youth; kumdream
대안학교 | alternative school
홈스쿨링 | homeschooling
특수교육 특수학교 | special education; special school
영재교육 | gifted education
장학금 장학재단 | scholarship
학자금대출 학자금 | student loan; tuition loan
대학등록금 등록금 | college tuition; tuition fee; university tuition
국가장학금 | national scholarship
기숙사 공공기숙사 | dormitory; dorm
서울런 | seoul learn
평생학습 평생교육 평생학습관 | lifelong learning; lifelong education
시민대학 서울시민대학 | citizens' university; citizen university
학점은행 학점은행제 | credit bank
문해교육 한글교실 성인문해 | literacy class; adult literacy
디지털교육 디지털배움터 스마트폰교육 키오스크교육 어르신스마트폰 디지털포용 | digital literacy; smartphone class; digital training
코딩교육 | coding class; coding education
영어마을 | english village
도서관 공공도서관 구립도서관 시립도서관 | library; public library
작은도서관 | small library
도서관회원증 도서관카드 도서관회원 | library card; library membership
책이음 상호대차 | book interlibrary loan; interlibrary loan
전자도서관 전자책 | e-book; ebook; digital library
스마트도서관 무인도서관 | smart library; book vending
희망도서 희망도서신청 | book request; requested book
독서실 열람실 | reading room; study room
청소년수련관 청소년센터 청소년문화의집 | youth centre; youth center; youth training centre
청소년상담복지센터 | youth counselling centre; youth counseling center
진로체험 진로교육 | career exploration; career education
수학여행 현장체험학습 | school trip; field trip
학원비 교습소 사설학원 학원교습 학원등록 | private academy; cram school; hagwon
과외교습 개인과외교습 과외신고 | private tutoring
학교운영위원회 | school steering committee
어린이날 | children's day
어린이통학버스 통학버스 스쿨버스 | school bus; children's commuter bus
다함께돌봄 다함께돌봄센터 | together care centre; da-hamkke care
야간보육 24시간보육 | night childcare; 24-hour childcare
보육교사 보육교사자격 | childcare teacher
산후우울 산후우울증 | postpartum depression
영유아발달 발달검사 | child development test; developmental screening
언어치료 발달재활 | speech therapy; developmental rehabilitation
놀이치료 미술치료 | play therapy; art therapy
장애아전문어린이집 장애아통합어린이집 | daycare for disabled children
아동안전지킴이집 | child safety house
청소년증 | youth id card; youth identification card
# 일자리·사업 work and business
실업급여 구직급여 | unemployment benefit; unemployment insurance benefit; jobseeker's allowance
고용보험 | employment insurance
산재보험 산업재해 산재신청 | industrial accident insurance; workplace injury; workers' compensation
국민내일배움카드 내일배움카드 | tomorrow learning card; naeil baeum card; training card
직업훈련 직업교육 직업훈련기관 | vocational training; job training
워크넷 고용24 | worknet; work24
일자리카페 일자리센터 | job cafe; youth job cafe
청년인턴 서울형인턴 공공인턴 | youth internship; internship
공공근로 공공일자리 | public works job; public job
희망근로 안심일자리 | hope work
뉴딜일자리 | new deal job
중장년일자리 50플러스 오십플러스 50플러스센터 | 50 plus; middle-aged employment
여성새로일하기센터 새일센터 | women's reemployment centre; women returning to work
최저임금 생활임금 | minimum wage; living wage
임금체불 체불임금 | unpaid wages; wage arrears
부당해고 해고예고 해고통보 | unfair dismissal; wrongful dismissal
노동권익 노동상담 노동권익센터 | labour rights; labor rights; labour counselling
직장내괴롭힘 직장갑질 | workplace harassment; bullying at work
퇴직금 | severance pay; retirement pay
근로계약서 | employment contract
주52시간 주52시간제 | 52-hour workweek
이동노동자쉼터 휴서울이동노동자쉼터 | rest area for mobile workers
감정노동 | emotional labour; emotional labor
고용허가제 외국인고용허가 | employment permit system
창업 창업지원 | start-up; startup; starting a business
창업보육센터 창업센터 창업허브 | business incubator; startup hub
사업자등록 사업자등록증 | business registration; business registration certificate
폐업신고 폐업 | business closure; closing a business
휴업신고 | business suspension
통신판매업 통신판매업신고 | mail-order business report; online seller registration
영업신고 영업허가 | business permit; business licence; business license
식품위생 식품접객업 일반음식점 휴게음식점 음식점영업 | restaurant licence; restaurant license; food business
위생교육 식품위생교육 | hygiene training; food hygiene training
소상공인정책자금 정책자금 경영안정자금 | small business loan; policy fund
신용보증재단 서울신용보증재단 신용보증 | credit guarantee foundation; credit guarantee
전통시장 재래시장 | traditional market
온누리상품권 | onnuri gift certificate; onnuri voucher
지역사랑상품권 서울사랑상품권 지역화폐 | local currency; local gift certificate; seoul love gift certificate
제로페이 | zero pay; zeropay
노란우산 노란우산공제 | yellow umbrella mutual aid
사회적기업 사회적경제 협동조합 마을기업 | social enterprise; social cooperative; social economy; village enterprise
착한가격업소 | good price store
상가임대차 상가임대차분쟁 상가건물임대차 | commercial lease; commercial lease dispute
권리금 | key money; premium for shop
간판 옥외광고물 간판허가 | signboard; outdoor advertisement; sign permit
현수막 불법현수막 지정게시대 | banner; illegal banner; banner display board
푸드트럭 | food truck
옥외영업 테라스영업 | outdoor dining; terrace business
공유오피스 공유사무실 | shared office; coworking space
지식재산 특허 상표등록 | patent; trademark; intellectual property
수출지원 해외판로 | export support
중소기업육성자금 | sme loan; sme fund
공공조달 입찰 나라장터 | public procurement; bidding; tender
도시농업 도시텃밭 텃밭 주말농장 상자텃밭 | urban farming; urban agriculture; community garden; allotment; weekend farm
귀농 귀촌 귀농귀촌 | returning to farming; moving to the countryside
공무원시험 공무원채용 | civil service exam; civil servant recruitment
시간선택제 | flexible working
직장어린이집 | workplace daycare
장애인고용장려금 고용장려금 | employment subsidy
고용유지지원금 | employment retention subsidy
두루누리 두루누리사회보험 | durunuri; social insurance subsidy
손실보상 손실보상금 | loss compensation
상권분석 상권정보 | commercial area analysis; market area analysis
희망리턴패키지 재창업 | business restart support; closing business support
원산지표시 | country of origin labelling; country of origin labeling
음식점위생등급 위생등급 | restaurant hygiene rating; hygiene grade
모범음식점 | model restaurant
공중위생영업 이미용업 미용업 이발소 | beauty salon licence; barber licence; hairdresser licence
숙박업 숙박업신고 | lodging business; accommodation business; lodging licence
# 세금·민원서류 taxes and civil paperwork
주민등록등본 주민등록표등본 등본발급 주민등록초본 주민등록표초본 초본발급 등초본 등·초본 | resident registration certificate; certificate of residence; copy of resident registration; abstract of resident registration
주민등록증 주민등록증재발급 주민증 | resident registration card; national id card; korean id card
모바일신분증 모바일주민등록증 | mobile id; mobile id card
주민등록번호변경 | resident registration number change
가족관계증명서 가족관계등록부 | family relation certificate; family relationship certificate
기본증명서 | basic certificate
혼인관계증명서 | marriage relation certificate; marital status certificate
입양관계증명서 친양자입양관계증명서 | adoption relation certificate
제적등본 제적부 | removed family register
인감증명서 인감도장 인감증명 인감신고 인감변경 외국인인감 | certificate of seal impression; seal certificate; personal seal
본인서명사실확인서 | signature confirmation certificate
출생신고 | birth registration; birth report; registering a birth
사망신고 | death registration; death report
혼인신고 | marriage registration; marriage report; registering a marriage
이혼신고 협의이혼 | divorce registration; divorce report
개명 개명신청 | name change; changing my name
성본변경 | surname change
실종신고 실종 | missing person report; missing person
여권 여권발급 여권재발급 | passport; passport renewal; passport application
긴급여권 | emergency passport
병적증명서 병역 | military service record; military service
예비군 예비군훈련 | reserve forces; reserve training
민방위 민방위교육 민방위훈련 | civil defence; civil defense
병역판정검사 징병검사 | military service examination
지방세 | local tax
재산세 | property tax
주민세 | resident tax
종합부동산세 종부세 | comprehensive real estate tax
취득세 | acquisition tax
등록면허세 | registration and licence tax; registration license tax
양도소득세 양도세 | capital gains tax
종합소득세 종소세 | global income tax; income tax return
부가가치세 부가세 | value-added tax; vat
연말정산 | year-end tax settlement
근로장려금 자녀장려금 | earned income tax credit; child tax credit
상속세 증여세 상속 | inheritance tax; gift tax; inheritance
안심상속 상속재산조회 사망자재산조회 | inheritance property inquiry; one-stop inheritance service
지방세체납 체납 체납액 | tax arrears; overdue tax; unpaid tax
세무조사 | tax audit
지방세환급 지방세환급금 과오납 | local tax refund; overpaid tax
납세증명서 지방세납세증명서 | tax payment certificate
소득금액증명 소득증명 | proof of income; income certificate
위택스 이택스 | wetax; etax
홈택스 손택스 | hometax
정부24 민원24 | government24; gov24
무인민원발급기 무인발급기 | unmanned civil document kiosk; document kiosk
공증 | notarisation; notarization; notary
아포스티유 | apostille
번역공증 | notarized translation
행정심판 | administrative appeal
정보공개청구 정보공개 | freedom of information request; information disclosure
국민신문고 | national sinmungo; e-people
응답소 120다산콜센터 다산콜센터 다산콜 | dasan call centre; dasan call center; 120 call centre
고충민원 | grievance
옴부즈만 시민감사관 | ombudsman
부패신고 공익신고 | whistleblowing; corruption report
부동산등기 소유권이전등기 | property registration; ownership transfer registration
법인등기 | corporate registration
가족관계정정 | correction of family register
국적취득 귀화 귀화시험 귀화면접 | naturalisation; naturalization; acquiring nationality
국적회복 국적이탈 | renunciation of nationality; nationality restoration
재외국민 재외국민등록 | overseas korean; overseas koreans
해외이주신고 | emigration report
행정사 | administrative agent
등기우편 우편물 우체국 | post office; registered mail
도로명주소 도로명주소안내 | road name address
건물번호판 | building number plate
전자서명 공동인증서 금융인증서 | digital certificate; e-signature
지방세감면 | local tax reduction; local tax exemption
자동차세감면 | car tax exemption
간이과세 간이과세자 | simplified taxation
지방소득세 | local income tax
원천징수영수증 근로소득원천징수영수증 | withholding tax receipt
거주불명등록 주민등록말소 | whereabouts-unknown registration; resident registration cancellation
세대분리 세대주변경 | household separation; change of head of household
영문증명서 영문등본 영문가족관계증명서 | english-language certificate; certificate in english
건강보험자격득실확인서 자격득실확인서 | health insurance eligibility certificate
건강보험료납부확인서 | health insurance payment certificate
국민연금가입증명서 국민연금가입자증명서 | pension enrollment certificate
졸업증명서 | graduation certificate
재학증명서 | certificate of enrollment; certificate of enrolment
성적증명서 | transcript; academic transcript
경력증명서 | certificate of employment; employment certificate
범죄경력회보서 범죄경력조회 | criminal record check; criminal background check
출입국사실증명 출입국증명 | certificate of entry and exit; immigration record
토지대장 임야대장 | land register; forest land register
# 공공요금·생활 utilities
도시가스 도시가스요금 가스요금 | city gas; gas bill; gas supply; natural gas
가스요금감면 도시가스감면 가스감면 가스요금경감 도시가스요금경감 가스요금할인 | gas bill discount; gas bill reduction
가스안전점검 가스누출 가스안전 | gas safety inspection; gas leak
엘피지 액화석유가스 LPG가스 | lpg; propane
전기요금 전기세 전기요금감면 | electricity bill; power bill; electricity rate
정전사고 정전피해 정전신고 | power outage; blackout; power cut
태양광 미니태양광 베란다태양광 | solar panel; solar power; mini solar
수도요금 상하수도요금 수도세 하수도요금 | water bill; water rate; water charge
수도요금감면 상하수도요금감면 수도요금경감 상하수도요금경감 수도요금할인 | water bill discount; water bill reduction
수돗물 아리수 | tap water; arisu; drinking water
수질검사 수돗물수질검사 | water quality test; water testing
단수예고 급수중단 단수지역 단수시간 | water outage; water supply interruption
수도관 수도계량기 동파 | water pipe; water meter; frozen pipe; frozen water meter
누수 | water leak; leaking water
상수도 상수도공사 | water mains; water supply network
하수도 하수관 하수구 | sewer; sewage pipe; sewer pipe
정화조 정화조청소 | septic tank
분뇨 분뇨수거 | night soil; human waste
통신요금 통신비 휴대폰요금 | phone bill; mobile phone bill
통신요금감면 통신비감면 통신요금할인 통신비할인 | phone bill discount; telecom discount
공공와이파이 무료와이파이 공공WiFi | public wifi; free wifi
TV수신료 수신료 | tv licence fee; tv license fee
지역난방 난방비 | district heating; heating bill
연탄 연탄쿠폰 난방유 등유지원 | kerosene; briquettes; coal briquette
난방비지원 | heating cost support
냉방비 냉방비지원 | cooling cost support
친환경보일러 저녹스보일러 콘덴싱보일러 | eco-friendly boiler; condensing boiler
가스개통 가스전출 가스연결 가스설치 | gas connection; gas installation
도시가스배관 가스배관 | gas pipe; gas pipeline
우편번호 | postal code; zip code; postcode
# 문화·체육·여가 culture, sport and leisure
테니스장 테니스코트 테니스 | tennis court; tennis courts
수영장 실내수영장 야외수영장 | swimming pool; swimming
한강수영장 야외물놀이장 물놀이장 | outdoor pool; water play area; splash pad
축구장 풋살장 인조잔디구장 | football pitch; soccer field; futsal court
야구장 | baseball field; baseball stadium
농구장 농구 | basketball court
배드민턴장 배드민턴 | badminton court; badminton
탁구장 탁구 | table tennis; ping pong
족구장 | jokgu court
게이트볼장 게이트볼 | gateball
파크골프장 파크골프 | park golf
골프장 골프연습장 골프 | golf course; driving range
풋볼장 럭비 | rugby
배구장 | volleyball
체육관 실내체육관 국민체육센터 | gymnasium; sports centre; sports center
헬스장 공공헬스장 | fitness centre; fitness center; public gym
야외운동기구 운동기구 | outdoor exercise equipment
클라이밍 인공암벽 | climbing wall; climbing; bouldering
스케이트장 아이스링크 빙상장 | skating rink; ice rink; ice skating
썰매장 눈썰매장 | sledding; sled slope
스키장 | ski resort; skiing
볼링장 | bowling alley
롤러스케이트장 인라인스케이트장 | roller skating rink; inline skating
스케이트보드 스케이트파크 | skate park; skateboard
요가교실 요가강좌 필라테스 | yoga; pilates
생활체육 생활체육교실 | community sports
마라톤 달리기대회 | marathon; running race
걷기대회 | walking event
자전거대회 | cycling race
공공체육시설예약 체육시설예약 | sports facility booking; sports facility reservation
공공서비스예약 서울시공공서비스예약 | public service reservation
캠핑장 오토캠핑장 야영장 글램핑 캠핑 | campsite; camping; campground; glamping
자연휴양림 휴양림 | recreational forest; forest lodge
치유의숲 산림치유 | healing forest; forest therapy
수목원 식물원 | arboretum; botanical garden
동물원 어린이대공원 서울대공원 | zoo; children's grand park
미술관 시립미술관 갤러리 | art museum; art gallery
박물관 역사박물관 | history museum
과학관 천문대 | science museum; observatory; planetarium
공연장 문화회관 세종문화회관 아트센터 콘서트홀 | concert hall; performing arts centre; performing arts center
영화관 영화상영 | cinema; movie theater; movie screening
문화센터 문화강좌 | culture class; culture course
주민센터프로그램 자치회관 주민자치프로그램 | community centre class
문화재 국가유산 문화유산 | cultural heritage; cultural property
궁궐 경복궁 창덕궁 덕수궁 창경궁 | palace; royal palace
한옥마을 한옥체험 한옥스테이 | hanok; hanok village; hanok stay
전통문화체험 한복체험 한복대여 | hanbok; traditional culture experience
템플스테이 | temple stay; templestay
빛초롱축제 연등회 연등행렬 | lantern festival
벚꽃축제 벚꽃 | cherry blossom festival; cherry blossom
김장 김장나눔 김장축제 | kimjang; kimchi making
야시장 밤도깨비야시장 | night market
플리마켓 벼룩시장 | flea market
문화의날 문화가있는날 | culture day
박물관패스 | museum pass
서울패스 디스커버서울패스 | discover seoul pass; seoul pass
한강공원 | han river park; hanriver park
반려식물 반려식물병원 | plant clinic; companion plant
둘레길 서울둘레길 트레킹 | dullegil; walking trail; seoul trail
등산로 등산객 | hiking trail; hiking path; mountain trail
산림욕장 숲길 | forest trail
유아숲체험원 유아숲 | forest experience for children
피크닉 돗자리 | picnic
분수대 음악분수 바닥분수 | fountain; music fountain
전망대 | observation deck; observation tower
생태공원 습지공원 | ecological park; wetland park
낚시 낚시터 | fishing; fishing spot
수상레저 카약 요트 수상스키 웨이크보드 | kayak; yacht; water sports
드론 드론비행 | drone; drone flying
반려견놀이터 | dog park; dog playground
불꽃놀이 불꽃축제 | fireworks; fireworks festival
공연예매 공연티켓 | show tickets; concert tickets
버스킹 거리공연 | busking; street performance
예술인 예술인지원 예술인복지 | artist support; artists
문화예술교육 | arts education
공연장대관 시설대관 대관신청 대관료 대관안내 | venue rental; hall rental; facility rental
회의실대관 회의실예약 회의실 | meeting room rental; meeting room
강당 다목적실 | auditorium; multipurpose room
청년공간 청년센터 무중력지대 | youth space; youth hub
노래방 | karaoke; noraebang
피시방 | pc bang; internet cafe
찜질방 사우나 목욕탕 | sauna; bathhouse; jjimjilbang
어린이도서관 | children's library
만화도서관 | comic library
기록관 서울기록원 | archives
서울광장 광장사용 광장사용허가 | seoul plaza; square use permit
국악 | gugak; korean traditional music
승마장 승마 | horse riding; riding centre
국궁 궁도장 양궁장 | archery; archery range
사격장 | shooting range
청년문화패스 | youth culture pass
국민체력100 체력인증 | national fitness certification; fitness test
# 환경·폐기물 environment and waste
대형폐기물 대형생활폐기물 폐가구 | bulky waste; large waste; furniture disposal
종량제봉투 쓰레기봉투 종량제 | garbage bag; volume-based waste bag; pay-as-you-throw bag
음식물쓰레기 음식물류폐기물 음식물폐기물 음식물처리기 | food waste; food waste bin
분리배출 분리수거 재활용 | recycling; separating recyclables
폐가전 폐가전제품 가전제품배출 소형가전 | old appliance disposal; appliance disposal; e-waste
폐건전지 폐형광등 | used batteries; fluorescent lamp disposal
투명페트병 페트병 | pet bottle; plastic bottle
아이스팩 | ice pack
의류수거함 헌옷수거함 헌옷 | clothing bin; clothes collection bin; old clothes
폐식용유 | used cooking oil
건설폐기물 공사장폐기물 | construction waste
사업장폐기물 사업장생활계폐기물 | commercial waste
재활용센터 재활용품 되살림터 | recycling centre; recycling center; reuse centre
다회용컵 다회용기 일회용컵 | reusable cup; disposable cup
제로웨이스트 | zero waste
미세먼지 초미세먼지 | fine dust; particulate matter; air quality
대기오염 | air pollution
열섬 폭염저감 쿨링포그 | cooling fog; heat island
나무심기 가로수 | tree planting; street trees
가지치기 수목제거 | tree pruning
꽃길 꽃밭 | flower bed; flower road
탄소중립 | carbon neutral; carbon neutrality
탄소중립포인트 에코마일리지 탄소포인트 | eco mileage; carbon points
빗물 빗물저금통 | rainwater; rainwater tank
지하수 | groundwater
하천정비 하천변 하천산책로 | stream; river maintenance
석면 석면철거 | asbestos
라돈 | radon
토양오염 | soil pollution
환경영향평가 | environmental impact assessment
전자파 | electromagnetic waves
텀블러 | tumbler
장바구니 비닐봉투 | shopping bag; plastic bag
녹조 | algae bloom
배출요일 배출시간 수거요일 수거시간 | garbage collection day; collection day; rubbish collection day
종이팩 멸균팩 우유팩 | milk carton; paper pack
폐휴대폰 | old mobile phone; old phone disposal
옥상녹화 벽면녹화 | rooftop greening; green roof
시민정원사 정원박람회 | citizen gardener; garden show
# 안전·재난 safety and disasters
재난문자 안전문자 긴급재난문자 안전디딤돌 | emergency alert; disaster text; emergency text message
대피소 민방위대피소 대피시설 | evacuation shelter; air raid shelter; emergency shelter
무더위쉼터 폭염쉼터 | cooling centre; cooling center; heat shelter
한파쉼터 | warming centre; warming center; cold shelter
폭염 폭염특보 | heat wave; heatwave
한파특보 한파주의보 한파경보 한파대비 | cold wave; cold snap
폭설 제설작업 제설함 염화칼슘 | snow removal; heavy snow; de-icing salt
폭우 호우특보 집중호우 | heavy rain; torrential rain
침수피해 침수방지 물막이판 차수판 | flood damage; flood barrier
태풍 | typhoon
지진대피 지진발생 지진안전 지진대비 지진행동요령 내진설계 내진보강 | earthquake
산사태 | landslide
산불 | wildfire; forest fire
화재신고 화재예방 화재대피 화재발생 | fire report; fire prevention; house fire
소화기 주택용소방시설 화재감지기 | fire extinguisher; smoke detector
재난지원금 재난피해지원 | disaster relief fund; disaster support
풍수해보험 | storm and flood insurance
시민안전보험 | citizen safety insurance
안전신문고 | safety report; safety sinmungo
방범CCTV 방범카메라 폐쇄회로 | cctv; security camera
안심귀가 안심귀갓길 안심귀가스카우트 | safe return home; safe walk home
여성안심택배 안심택배 안심택배함 | safe parcel locker
1인가구안심 1인가구안심장비 | safety kit for single households
보이스피싱 전화금융사기 | voice phishing; phone scam
스미싱 | smishing
전기안전 전기안전점검 | electrical safety
안전체험관 안전체험 | safety experience centre; safety education centre
수난사고 물놀이안전 | water safety
비상급수 비상급수시설 | emergency water supply
재난배상책임보험 | disaster liability insurance
지문사전등록 지문등사전등록 실종아동사전등록 | fingerprint pre-registration
가스타이머콕 타이머콕 | gas timer valve
서울시안심이 안심이앱 | safety app
# 동물 animals
동물등록 반려동물등록 반려견등록 내장형칩 | pet registration; dog registration; animal registration; microchip
유기동물 유기견 유기묘 | abandoned animal; stray dog; abandoned dog
동물입양 유기견입양 유기동물입양 반려동물입양 | pet adoption; adopt a dog; adopt a cat
길고양이 길냥이 길고양이중성화 길고양이급식소 | stray cat; street cat; tnr
중성화 중성화수술 | neutering; spaying
반려견순찰대 | dog patrol
반려동물놀이터 | pet playground
동물병원 공공동물병원 | animal hospital; vet; veterinary clinic
반려동물의료비 | pet medical expenses
동물학대 | animal abuse; animal cruelty
맹견 맹견보험 | dangerous dog; dangerous dog insurance
목줄 인식표 | leash; dog tag
반려동물장례 동물장묘 반려동물화장 | pet funeral; pet cremation
반려동물교육 펫티켓 | pet etiquette; dog training
반려동물돌봄 펫시터 | pet sitter; pet care
동물보호센터 동물보호소 | animal shelter
동물구조 구조동물 | animal rescue
반려동물보험 펫보험 | pet insurance
동물판매업 동물생산업 반려동물영업 | pet shop licence; pet shop license
# 외국인 foreign residents
외국인등록 외국인등록증 외국인등록신고 외국인등록사실증명 | alien registration; alien registration card; residence card; foreigner registration
체류기간연장 체류연장 체류자격 | visa extension; stay extension; residence status
비자발급 비자신청 사증발급 취업비자 | visa application; work visa; visa issuance
외국인거소신고 거소신고 국내거소신고 | domestic residence report; residence report
외국인주민센터 외국인지원센터 글로벌센터 서울글로벌센터 | global centre; global center; foreign residents centre
다누리콜센터 다누리 | danuri helpline
외국인한국어교실 한국어교실 한국어교육 한국어강좌 한국어수업 한국어학당 | korean language class; korean class; korean lessons
사회통합프로그램 | kiip; social integration program; social integration programme
외국인근로자센터 외국인노동자센터 | migrant worker centre; migrant workers center
통번역 통역 통역서비스 통번역서비스 번역서비스 | interpretation service; translation service; interpreting service
외국인건강보험 | health insurance for foreigners
난민신청 난민인정 난민지위 | refugee; asylum
외국인투자 | foreign investment
외국인창업 | start-up for foreigners
외국인종합안내센터 | foreigner call centre; foreigner call center
영주권 영주자격 | permanent residency; permanent resident
외국인학교 국제학교 | international school; foreign school
한국어능력시험 토픽 | topik; korean proficiency test
재외동포 재외동포비자 동포비자 | ethnic korean; korean diaspora
# 관광 tourism
관광안내소 관광정보센터 관광안내센터 | tourist information centre; tourist information center; tourist information
움직이는관광안내소 | moving tourist information
관광통역안내 관광통역 관광안내전화 | tourist interpreter; travel hotline
택스리펀드 사후면세 부가세환급 | tax refund for tourists; tax-free shopping
면세점 | duty free; duty-free shop
관광택시 인터내셔널택시 | international taxi; tourist taxi
한강유람선 유람선 크루즈 | river cruise; han river cruise
서울도보관광 도보관광 도보해설관광 | walking tour
관광호텔 게스트하우스 숙박시설 | hotel; guest house; guesthouse
외국인관광도시민박 한옥민박 민박업 | homestay; minbak
환전소 외화환전 | currency exchange; money exchange
남산서울타워 남산타워 N서울타워 | namsan tower; n seoul tower; seoul tower
케이블카 | cable car
관광버스 전세버스 | chartered bus; sightseeing bus
여행자보험 | travel insurance
관광불편신고 | tourist complaint
의료관광지원 | medical tourism support
팸투어 | fam tour
야간관광 야경투어 | night tour; night tourism
수학여행숙소 | school trip lodging
무장애관광 열린관광 | accessible tourism; barrier-free tourism
짐보관 짐배송 수하물보관 | luggage storage; luggage delivery
# 선거·시민참여 elections and civic life
사전투표 선거일 선거관리위원회 선관위 대통령선거 국회의원선거 지방선거 | election; early voting
선거인명부 | electoral roll; voter list
부재자투표 거소투표 | absentee voting; absentee ballot
재외선거 재외투표 | overseas voting
투표소 | polling station; polling place
주민투표 | local referendum
주민소환 | recall vote; residents' recall
주민참여예산 참여예산 | participatory budgeting; participatory budget
주민자치회 주민자치위원회 | residents' autonomy council
민주주의서울 | democracy seoul
주민청원 시민청원 국민청원 | petition
공청회 | public hearing
자원봉사 봉사활동 봉사시간 | volunteering; volunteer work; volunteer
기부금 고향사랑기부제 고향사랑기부 기부영수증 | charitable donation; hometown love donation; donation receipt
명예시민 | honorary citizen
마을공동체 마을활동가 | community group; village community
청소년참여위원회 청소년의회 | youth council; youth parliament
# 가족·여성·청년 family, women and youth
결혼식 공공예식장 작은결혼식 예식장 | wedding; wedding hall
건강가정지원센터 가족센터 다문화가족지원센터 | family centre; family center
가족상담 부부상담 | family counselling; family counseling; couples counselling
이혼상담 | divorce counselling; divorce counseling
양육비 양육비이행 양육비선지급 | child support; child support payments
성희롱 | sexual harassment
생리대 여성청소년생리용품 생리용품 | sanitary pads; menstrual products
청년몽땅정보통 | youth policy portal
청년도전지원 | youth challenge support
청년취업사관학교 | youth job academy
청년부상제대군인 | injured young soldiers
장례 장례식장 화장장 추모공원 | funeral hall; funeral home; crematorium
봉안당 납골당 | columbarium
자연장 수목장 | natural burial; tree burial
묘지 공원묘지 | cemetery; graveyard
분묘개장 묘지이장 | grave relocation
# 생활·기타 everyday life and more
공유냉장고 | community fridge
나눔가게 기부가게 | charity shop; thrift store
공구대여 공구도서관 | tool library; tool rental
우산대여 양심우산 | umbrella rental
유모차대여 유아차대여 | stroller rental; pram rental
보조배터리대여 | power bank rental
소비자상담 소비자피해 | consumer complaint; consumer protection
다단계 불법다단계 | pyramid scheme
불법대부 불법사채 대부업 | illegal loan; loan shark
채무조정 개인회생 파산 신용회복 | debt adjustment; personal rehabilitation; bankruptcy; debt relief
서울금융복지상담센터 금융복지 | financial welfare counselling
재무상담 | financial counselling; financial counseling
"""


def _parse_line(number: int, line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(korean forms, english forms) of one catalogue line; ValueError naming the line if it has no forms."""
    korean, _, english = line.partition("|")
    korean_forms = tuple(korean.split())
    english_forms = tuple(form.strip().lower() for form in english.split(";") if form.strip())
    if not korean_forms:
        raise ValueError(f"service catalogue line {number}: no Korean form before '|': {line!r}")
    return korean_forms, english_forms


def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the catalogue's lines, without blanks and "#" area headers."""
    numbered = enumerate(text.splitlines(), start=1)
    return [
        (number, line.strip())
        for number, line in numbered
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def service_names() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The catalogue, parsed once: one (korean_forms, english_forms) pair per line, in catalogue order.

    korean_forms: one or more Korean strings without spaces (e.g. ("도시가스", "도시가스요금", "가스요금"));
    english_forms: zero or more lower-case English strings that may contain spaces (e.g. ("city gas",
    "gas bill")). Raises ValueError naming the line if a line has no Korean form.
    """
    return tuple(_parse_line(number, line) for number, line in _lines(_CATALOGUE))


@cache
def areas() -> dict[str, int]:
    """{area header (the text after "#"): number of catalogue lines under it}, for reports and tests."""
    counts: dict[str, int] = {}
    area = ""
    for line in _CATALOGUE.splitlines():
        if line.startswith("#"):
            area = line.lstrip("#").strip()
            counts[area] = 0
        elif line.strip():
            counts[area] = counts.get(area, 0) + 1
    return counts
