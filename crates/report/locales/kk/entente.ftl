### entente интерфейсі қазақ тілінде. Әр хабарлама en, fr, ru файлдарында да сол аргументтермен
### бар (crates/report/tests/i18n.rs тексереді); қосу тәртібі — ../README.md.
### CLDR: one/other, but a Kazakh noun after a numeral stays singular («5 оқиға»), so counts
### need no selector; a message whose number is shown elsewhere keeps `$n` in a one-variant
### selector so its arguments match the other languages.

## The language itself

language_name = Қазақша
unsupported_language = «{ $lang }» тіліне қолдау жоқ; қолдау бар тілдер: { $supported }.
unsupported_language_title = Қолдау жоқ тіл

## The pages: shell, home, dyad page, record, sources, country

tagline = Екіжақты мәдени дипломатияның ашық обсерваториясы
dyads_with_data = Деректері бар елдер жұбы
event_count = { $n } оқиға
event_noun =
    { $n ->
       *[other] оқиға
    }
open_pair = Жұпты ашу
country_a = Бірінші ел
country_b = Екінші ел
any_name = Код немесе атауы ағылшын, француз, орыс не қазақ тілінде
show = Көрсету
summary = Қорытынды
timeline = Хронология
events_per_year = Жыл бойынша оқиғалар
records = Жазбалар
record_count = { $n } жазба
bibliography = Библиография
date = Күні
direction = Бағыты
kind = Түрі
title = Атауы
status = Мәртебесі
sources = Дереккөздер
domains = Салалар
period = Кезең
mutual = өзара
unspecified = көрсетілмеген
internal = ішкі
external = сыртқы
third_country = үшінші ел
no_events = Бұл жұп үшін әзірге оқиға жоқ.
json_twin = Бұл бет JSON түрінде
sources_cited_noun =
    { $n ->
       *[other] дереккөз
    }
data_footer = Деректер: дереккөзі көрсетілген жазбалар; ел атаулары — ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0), GDELT CAMEO кестелері.
home = Басты бет
datasets = Деректер жинақтары
gdelt_series = Екі ел арасындағы GDELT оқиғалары, ай бойынша
gdelt_not_imported = GDELT оқиғалары импортталмаған. Орындаңыз: entente import gdelt <файлдар не қалталар>
gdelt_none_between = Импортталған GDELT оқиғаларында бұл екі ел арасында оқиға жоқ
gdelt_counts = { $files } файл, { $events } оқиға
article_count = { $n } мақала
tone = реңк
indicators = Көрсеткіштер
students = Бір елдің студенттері екіншісінде
shares = Шетелге шыққан студенттер үлесі және бағыттар арасындағы орны
agreement = Екі дереккөз бір ағынды санағанда
disagree = айырмашылық 10%-дан асады: пайдаланбас бұрын дереккөздерді салыстырыңыз
agree = 10% шегінде сәйкес
presence = Элькано жаһандық қатысу индексі: жұмсақ қатысу
claims = Тұжырымдар мен деректер
supported = расталды
contradicted = теріске шығарылды
not_comparable = салыстыруға келмейді
no_data = дерек жоқ
verdict_count_supported = расталды: { $n }
verdict_count_contradicted = теріске шығарылды: { $n }
verdict_count_not_comparable = салыстыруға келмейді: { $n }
verdict_count_no_data = дерек жоқ: { $n }
evidence = Дәлелдер
no_indicators = Бұл жұп үшін көрсеткіш жоқ.
sources_page = Дереккөздер
sources_intro = Жазбалар сілтеме жасайтын барлық дереккөздер таңдалған стильде, оларға сілтеген жазбалармен.
cited_by = Сілтеме жасағандар
cited_by_count = { $n } жазбада сілтеме бар
cites = Сілтемелері
partners = Серіктестер
partners_intro = Осы елмен оқиғалары не студенттер ағыны ортақ елдер, әр бар көрсеткіштің соңғы мәнімен.
partner = Серіктес
shared_events = Ортақ оқиғалар
soft_presence = Жұмсақ қатысу
outbound = жіберілген студенттер
inbound = қабылданған студенттер
no_partners = Қоймада бұл елге қатысты оқиға не студенттер ағыны жоқ.
names = Атаулары
codes = Кодтары
search = Іздеу
search_records = Жазбалардан іздеу
words = Сөздер
clear = Тазарту
no_results = Сәйкес жазба жоқ.
result_count = { $n } нәтиже
previous = Алдыңғы
next = Келесі
dataset = Деректер жинағы
origin = Шығу тегі
year = Жыл
domain = Сала
value = Мәні
citation_styles = Сілтеме
pairs = Жұптар
countries = Елдер
api = API
api_intro = Бұл беттердегі барлық мазмұн /api/v1 астында JSON түрінде, ал әр кесте CSV түрінде беріледі. OpenAPI құжаты әр бағытты сипаттайды.
style = Сілтеме стилі
not_found = Табылмады

## The comparison page.

compare_nav = Серіктестерді салыстыру
compare_title = { $country }: серіктестерді салыстыру
compare_form = Елдің серіктестерін салыстыру
focus_country = Ел
direction_in = Серіктес → { $code }: әр серіктестің осы елдегі қатысуы
direction_out = { $code } → серіктес: осы елдің әр серіктес елдегі қатысуы
dir_in_short = серіктес → ел
dir_out_short = ел → серіктес
other_direction = Кері бағыт
universe = { $year } жылы деректері бар серіктестер: { $n }, оның ішінде рейтингте: { $m } (қамту кемінде { $cov } %).
ranks_note = Орындар деректері бар барлық серіктестер арасында анықталады; серіктестерді не үздіктерді таңдау тек көрсетілетін жолдарды іріктейді.
not_compared = { $year } жылы мына елдер бойынша дерек жоқ: { $list } (олар салыстырылатын серіктестер арасында жоқ).
partners_param = Тек осы серіктестер (кодтар не атаулар, үтір арқылы)
top = Тек үздік орындағылар
ranking = Рейтинг
rank = Орны
index_score = Индекс
rank_interval = Орны, 5–95 %
median_rank = Медианалық орын
coverage = Қамту
unranked = рейтингтен тыс
rank_axis = Орын (1 — бірінші); нүкте — медиана, жолақ — Монте-Карло итерацияларының 5–95 %-ы
partners_ranked = рейтингте { $n } серіктес
chart_ranks = Орындар және олардың 5–95 % аралықтары
method = Әдіс
method_text = Әр серіктес көрсеткіштерінің бастапқы мәндері (төменде, дереккөздерімен) барлық серіктестер бойынша нормаланады, өз өлшемі ішінде салмақталады және конфигурацияға сәйкес екіжақты мәдени ынтымақтастық индексіне біріктіріледі. Серіктестің мәні бар көрсеткіштеріне индекс салмағының ең аз қамтуынан кем емес үлесі тиесілі болса, ол рейтингке енеді; жоқ мән оның бағасынан алынып тасталады және дереккөз сол елді қамтымаса, нөл деп саналмайды. Монте-Карло талдауы салмақтарды, нормалау мен біріктіру тәсілін қайта-қайта кездейсоқ таңдайды: әр орынның 5–95 % аралығы оның осы таңдауларға қаншалықты тәуелді екенін көрсетеді.
configuration = Конфигурация
normalisation = Нормалау
aggregation = Біріктіру
min_coverage = Ең аз қамту
draws = Монте-Карло итерациялары
seed = Бастапқы мән (seed)
effects = Орын ауысуларының { $n } %-ын нормалау тәсілін таңдау, { $a } %-ын біріктіру тәсілін таңдау түсіндіреді.
indicator = Көрсеткіш
dimension = Өлшем
weight = Салмақ
with_values = Мәні бар серіктестер
left_out = Бұл салыстырудан алынып тасталғандар
left_out_none = Конфигурацияның барлық көрсеткіштері қолданылады.
sensitivity = Сезімталдық
sensitivity_intro = Рейтингті ең көп өзгертетін көрсеткіштер, ең ықпалдысынан бастап: көрсеткіштің кездейсоқ салмағы мен орындар арасындағы корреляция және ол алынып тасталғандағы орындардың орташа ығысуы.
weight_rank_correlation = Салмақ пен орын корреляциясы
removal_shift = Алынып тасталғандағы орын ығысуы
values_sources = Мәндер және олардың дереккөздері
observed = бақыланған
zero_by_rule = ереже бойынша нөл
missing = дерек жоқ
excluded = алынып тасталды

## A dyad's index and diagnosis.

index_over_years = { $a } → { $b } индексі жылдар бойынша
index_intro = Әр жыл сайын { $a } елі { $b } елінің деректері бар барлық серіктестері арасында екіжақты мәдени ынтымақтастық индексі бойынша бағаланады.
index_no_data = Дерек жоқ: қоймада бұл жұп үшін индекс көрсеткіштері жоқ.
years_no_data = Мына жылдар бойынша дерек жоқ:
beside = Басқа серіктестермен салыстырғанда ({ $year })
references_paper = Салыстыруға арналған серіктестер — кіріктірілген деректер жинағы негізделген мақаладағыдай (Кусаинова мен Калибекова, 2021).
references_best = Салыстыруға арналған серіктестер — рейтингте алғашқы орындағылар.
diagnostics = Диагностика
diagnostics_intro = { $rules } ережелерінің { $a } → { $b } бойынша { $year } жылғы қорытындылары: әр ереже бір көрсеткішті тексеріп, оны деректер растай ма, жоқ па, соны көрсетеді.
diagnosis_no_data = Дерек жоқ: бұл жұп туралы әзірге ережелер де, дереккөздер де ештеңе айтпайды.
strengths = Күшті жақтары
weaknesses = Әлсіз жақтары
barriers = Кедергілер
prospects = Перспективалар
strength = күшті жағы
weakness = әлсіз жағы
barrier = кедергі
prospect = перспектива
status_supported = расталады
status_contradicted = расталмайды
status_no_data = дерек жоқ
judgements = Дереккөздердің бағалары деректермен салыстырғанда
no_judgements = Қоймадағы бірде-бір дереккөз бұл жұпқа баға бермейді.
source_says = Дереккөз бойынша
data_says = Деректер бойынша
no_rule_on_topic = бұл тақырып бойынша ереже жоқ
category = Санат
topic = Тақырып
rule = Ереже
why = Негіздемесі
topic_education_ranking = білім беру рейтингі
topic_distance_cost = қашықтық пен шығын
topic_language = тіл
topic_brain_drain = білікті мамандардың кетуі
topic_student_mobility = студенттер ұтқырлығы
topic_institutions = мекемелер
topic_events = іс-шаралар
topic_agreements = келісімдер
topic_diplomatic_presence = дипломатиялық қатысу
topic_programmes = бағдарламалар
topic_diaspora = диаспора
topic_media = БАҚ
topic_general = жалпы
review_page = Тексеру кезегі
review_intro = Мәтін кодтаушысы тапқан, адамның тексеруін күтіп тұрған оқиғалар. Үміткер әлі жазба емес: қабылданса, мәтініне сілтеме жасайтын тексерілген оқиғаға айналады; қабылданбаса, себебімен осында қалады. `entente review` пәрменімен немесе API арқылы (POST /api/v1/candidates/{"{"}id{"}"}/accept не /reject, жазу токенімен) қабылдаңыз не қабылдамаңыз.
no_candidates = Мұнда үміткер жоқ. Мәтіндерді `entente code ФАЙЛДАР --store` пәрменімен кодтаңыз.
state_pending = күтуде
state_accepted = қабылданды
state_rejected = қабылданбады
state_all = барлығы
confidence = Сенімділік
document = Құжат
candidate = Үміткер
reason = Себебі

## Reports (entente report)

report_subtitle = Мәдени байланыстар: дереккөзі көрсетілген есеп
generated_by = entente { $version } бағдарламасымен жасалды
reference_style = Сілтеме стилі
language = Тілі
notes = Ескертпелер
measure = Көрсеткіш
events_total = Оқиғалар
sources_cited = Келтірілген дереккөздер
claims_checked = Деректермен салыстырылған тұжырымдар
latest_students = Студенттер { $label }, { $period } ({ $dataset })
gdelt_events_total = GDELT оқиғалары { $label }
computed_events = entente хронологиядағы { $n } оқиға бойынша есептеді; олардың дереккөздері:
computed_claims = entente тұжырымдар бөліміндегі { $n } тұжырым бойынша санады; әрқайсысы басқа дереккөздердің бақылауларымен салыстырылды.
computed_change = Қатардың алдыңғы мәнінен өзгерісі, бүкіл қатар бойынша өзгеріс және орташа жылдық өсу қарқыны (CAGR); entente кестедегі сілтемесі бар мәндерден есептеді.
computed_ratio = Бір ағын мен кезең үшін бірінші дереккөз мәнінің екіншісіне қатынасы; entente жоғарыдағы кестелердегі сілтемесі бар мәндерден есептеді; 1-ден 10%-дан артық ауытқу сәйкессіздік деп саналады.
flows_figure = entente төмендегі кестелердің мәндерінен салды; дереккөздер:
computed_share = Барлығы, үлесі мен орны entente осы деректер жинағы шыққан ел үшін көрсететін барлық бағыттан есептеді ({ $basis }); дереккөз:
presence_row = { $country }, { $variable }, { $year } жолы
claims_reading = entente оқылымы мен негіздемесі — жазылған тұжырым мен қоймадағы бақылаулар бойынша, тұжырымдарды тексеру ережесіне сәйкес.
reading = entente оқылымы
no_claims = Қоймада бұл жұп туралы тұжырым жоқ.
other_records = Бағдарламалар мен қатысушылар
students_col = Студенттер
outbound_total = Шетелге шыққан студенттер барлығы
share = Үлес
country = Ел
variable = Айнымалы
articles = Мақалалар
total = Барлығы
gdelt_source = Импортталған GDELT файлдары: { $files }; сақталған оқиғалар: { $events }{ $dates }. Айлық қатарды entente импортталған оқиғалардан есептеді (entente series).
comparison = Салыстыру
comparison_intro = { $b } елінің серіктестері { $year } жылғы екіжақты мәдени ынтымақтастық индексі бойынша салыстырылды: деректері барлары — { $n }, рейтингтегілері — { $m }. { $a } елі мына серіктестермен салыстырылады: { $refs }.
differ_most = { $a } мен { $r } ең көп ерекшеленетін өлшемдер
index_note = entente { $name } { $version } индекс конфигурациясы (SHA-256 { $sha }) бойынша мәндер кестесіндегі сілтемесі бар көрсеткіш мәндерінен есептеді: нормалау — { $norm }, біріктіру — { $agg }, рейтингке ену үшін қамту кемінде { $cov } %; орындардың 5–95 % аралықтары { $draws } Монте-Карло итерациясы бойынша алынды (seed { $seed }).
zero_rule_note = Бұл жұп бойынша жазба жоқ; { $dataset } осы елдерді қамтиды, сондықтан конфигурация ережесі (absent = zero_if_covered) жоқтықты нөл деп санайды.
zero_events_note = Бұл жұп үшін мұндай оқиға жазылмаған, бірақ елдер арасындағы басқа оқиғалар бар, сондықтан конфигурация ережесі (absent = zero_if_covered) мәнді нөл деп санайды.
records_note = entente қоймадағы { $n } жазба бойынша санады: { $ids }.
left_out_mark = есепке алынбайды
no_events_note = entente қоймадағы жұптың оқиғалары бойынша санады: бұл кезеңде олар жоқ.
gdelt_count_note = entente екі ел арасындағы импортталған GDELT оқиғалары бойынша санады ({ $period }).
diagnose_index_note = entente { $b } елі серіктестерін { $name } { $version } индекс конфигурациясы (SHA-256 { $sha }) бойынша салыстырудан есептеді.
rules_note = { $name } { $version } ережелерінің қорытындылары (data/diagnose-rules.toml, SHA-256 { $sha }); entente оларды әр қорытындының жанындағы сілтемесі бар көрсеткіштерге қолданды.
# A quotation in running text (Markdown reports), with the language's quotation marks.
quoted = «{ $text }»
chart_timeline = Оқиғалар күні мен бағыты бойынша

## Evidence caveats
as_cited_caveat = тек дереккөз сілтеген түрде, бұл жазбаның дәлелі емес
context = контекст
context_caveat = жұпқа тек контекст бойынша қатысты; екіжақты оқиға ретінде саналмайды
context_events = тек контекст
raw_in_file = файлда
timeline_context_note = оның ішінде тек контекст: { $n } (екіжақты емес; --no-context жасырады)
