### Интерфейс entente на русском. Каждое сообщение есть и в en, fr, kk с теми же аргументами
### (проверяет crates/report/tests/i18n.rs); как добавить сообщение — ../README.md.
### Формы множественного числа (CLDR): one (1, 21, 101: «событие»), few (2–4, 22: «события»),
### many (0, 5–20, 25, 111: «событий»), other (дроби).

## The language itself

language_name = Русский
unsupported_language = Язык «{ $lang }» не поддерживается; поддерживаемые языки: { $supported }.
unsupported_language_title = Неподдерживаемый язык

## The pages: shell, home, dyad page, record, sources, country

tagline = Открытая обсерватория двусторонней культурной дипломатии
dyads_with_data = Пары стран с данными
event_count =
    { $n ->
        [one] { $n } событие
        [few] { $n } события
        [many] { $n } событий
       *[other] { $n } события
    }
event_noun =
    { $n ->
        [one] событие
        [few] события
        [many] событий
       *[other] события
    }
open_pair = Открыть пару
country_a = Первая страна
country_b = Вторая страна
any_name = Код или название на английском, французском, русском или казахском
show = Показать
summary = Сводка
timeline = Хронология
events_per_year = События по годам
records = Записи
record_count =
    { $n ->
        [one] { $n } запись
        [few] { $n } записи
        [many] { $n } записей
       *[other] { $n } записи
    }
bibliography = Библиография
date = Дата
direction = Направление
kind = Тип
title = Название
status = Статус
sources = Источники
domains = Сферы
period = Период
mutual = взаимно
unspecified = не указано
internal = внутреннее
external = внешнее
third_country = третья страна
no_events = Для этой пары событий пока нет.
json_twin = Эта страница в JSON
sources_cited_noun =
    { $n ->
        [one] источник
        [few] источника
        [many] источников
       *[other] источника
    }
data_footer = Данные: записи с источниками; названия стран — ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0), таблицы CAMEO проекта GDELT.
home = Главная
datasets = Наборы данных
gdelt_series = События GDELT между двумя странами, по месяцам
gdelt_not_imported = События GDELT не импортированы. Выполните: entente import gdelt <файлы или папки>
gdelt_none_between = В импортированных событиях GDELT нет событий между этими странами
gdelt_counts =
    { $files ->
        [one] { $files } файл
        [few] { $files } файла
        [many] { $files } файлов
       *[other] { $files } файла
    }, { $events ->
        [one] { $events } событие
        [few] { $events } события
        [many] { $events } событий
       *[other] { $events } события
    }
article_count =
    { $n ->
        [one] { $n } статья
        [few] { $n } статьи
        [many] { $n } статей
       *[other] { $n } статьи
    }
tone = тональность
indicators = Показатели
students = Студенты одной страны в другой
shares = Доля выезжающих студентов и место среди направлений
agreement = Когда два источника считают один и тот же поток
disagree = расхождение более 10%: сравните источники, прежде чем использовать любой из них
agree = совпадают с точностью до 10%
presence = Индекс глобального присутствия Элькано: мягкое присутствие
claims = Утверждения и данные
supported = подтверждено
contradicted = опровергнуто
not_comparable = несопоставимо
no_data = нет данных
verdict_count_supported = подтверждено: { $n }
verdict_count_contradicted = опровергнуто: { $n }
verdict_count_not_comparable = несопоставимо: { $n }
verdict_count_no_data = нет данных: { $n }
evidence = Данные
no_indicators = Для этой пары нет показателей.
sources_page = Источники
sources_intro = Все источники, на которые ссылаются записи, в выбранном стиле, с цитирующими их записями.
cited_by = Цитируется в
cited_by_count = цитируется в { $n ->
        [one] { $n } записи
       *[other] { $n } записях
    }
cites = Ссылается на
partners = Партнёры
partners_intro = Страны, связанные с этой событиями или потоками студентов, с последним значением каждого имеющегося показателя.
partner = Партнёр
shared_events = Общие события
soft_presence = Мягкое присутствие
outbound = отправлено студентов
inbound = принято студентов
no_partners = В хранилище нет событий или потоков студентов с участием этой страны.
names = Названия
codes = Коды
search = Искать
search_records = Поиск по записям
words = Слова
clear = Сбросить
no_results = Нет подходящих записей.
result_count =
    { $n ->
        [one] { $n } результат
        [few] { $n } результата
        [many] { $n } результатов
       *[other] { $n } результата
    }
previous = Назад
next = Далее
dataset = Набор данных
origin = Происхождение
year = Год
domain = Сфера
value = Значение
citation_styles = Ссылка
pairs = Пары
countries = Страны
api = API
api_intro = Всё содержимое этих страниц доступно в JSON, а каждая таблица — в CSV, по адресу /api/v1. Документ OpenAPI описывает каждый маршрут.
style = Стиль ссылок
not_found = Не найдено

## The comparison page.

compare_nav = Сравнить партнёров
compare_title = { $country }: сравнение партнёров
compare_form = Сравнить партнёров страны
focus_country = Страна
direction_in = Партнёр → { $code }: присутствие каждого партнёра в этой стране
direction_out = { $code } → партнёр: присутствие этой страны в каждой стране-партнёре
dir_in_short = партнёр → страна
dir_out_short = страна → партнёр
other_direction = Обратное направление
universe = Партнёров с данными за { $year } год: { $n }, из них в рейтинге: { $m } (покрытие не менее { $cov } %).
ranks_note = Места определяются среди всех партнёров с данными; выбор партнёров или лучших по месту влияет только на то, какие строки показаны.
not_compared = Нет данных за { $year } год для: { $list } (их нет среди сравниваемых партнёров).
partners_param = Только эти партнёры (коды или названия через запятую)
top = Только лучшие по месту
ranking = Рейтинг
rank = Место
index_score = Индекс
rank_interval = Место, 5–95 %
median_rank = Медианное место
coverage = Покрытие
unranked = вне рейтинга
rank_axis = Место (1 — первое); точка — медиана, полоса — 5–95 % итераций Монте-Карло
partners_ranked =
    { $n ->
        [one] { $n } партнёр в рейтинге
        [few] { $n } партнёра в рейтинге
        [many] { $n } партнёров в рейтинге
       *[other] { $n } партнёра в рейтинге
    }
chart_ranks = Места и их интервалы 5–95 %
method = Метод
method_text = Исходные значения показателей каждого партнёра (ниже, с источниками) нормируются по всем партнёрам, взвешиваются внутри своего измерения и агрегируются в индекс двустороннего культурного сотрудничества согласно конфигурации. Партнёр получает место, если на показатели, по которым у него есть значения, приходится не меньше минимального покрытия веса индекса; пропущенное значение исключается из его оценки и не считается нулём, если только источник не охватывает эту страну. Анализ Монте-Карло многократно заново выбирает веса, способ нормирования и агрегирования: интервал 5–95 % каждого места показывает, насколько оно зависит от этих решений.
configuration = Конфигурация
normalisation = Нормирование
aggregation = Агрегирование
min_coverage = Минимальное покрытие
draws = Итерации Монте-Карло
seed = Начальное значение (seed)
effects = Выбор нормирования объясняет { $n } % сдвигов мест, выбор агрегирования — { $a } %.
indicator = Показатель
dimension = Измерение
weight = Вес
with_values = Партнёров со значением
left_out = Исключены из этого сравнения
left_out_none = Используются все показатели конфигурации.
sensitivity = Чувствительность
sensitivity_intro = Показатели, сильнее всего меняющие рейтинг, начиная с самого влиятельного: корреляция между случайным весом показателя и местами и средний сдвиг мест при его исключении.
weight_rank_correlation = Корреляция веса и места
removal_shift = Сдвиг мест при исключении
values_sources = Значения и их источники
observed = наблюдаемое
zero_by_rule = ноль по правилу
missing = нет данных
excluded = исключено

## A dyad's index and diagnosis.

index_over_years = Индекс { $a } → { $b } по годам
index_intro = Каждый год страна { $a } оценивается среди всех партнёров страны { $b }, по которым есть данные, по индексу двустороннего культурного сотрудничества.
index_no_data = Нет данных: в хранилище нет показателей индекса для этой пары.
years_no_data = Нет данных за годы:
beside = В сравнении с другими партнёрами ({ $year })
references_paper = Партнёры для сравнения — те же, что в статье, на которой основан встроенный набор данных (Кусаинова и Калибекова, 2021).
references_best = Партнёры для сравнения — занимающие первые места.
diagnostics = Диагностика
diagnostics_intro = Выводы правил { $rules } для { $a } → { $b } за { $year } год: каждое правило проверяет один показатель и сообщает, подтверждают ли его данные.
diagnosis_no_data = Нет данных: ни правила, ни источники пока ничего не говорят об этой паре.
strengths = Сильные стороны
weaknesses = Слабые стороны
barriers = Барьеры
prospects = Перспективы
strength = сильная сторона
weakness = слабая сторона
barrier = барьер
prospect = перспектива
status_supported = подтверждается
status_contradicted = не подтверждается
status_no_data = нет данных
judgements = Оценки источников в сопоставлении с данными
no_judgements = Ни один источник в хранилище не даёт оценки этой паре.
source_says = Источник утверждает
data_says = Данные показывают
no_rule_on_topic = нет правила по этой теме
category = Категория
topic = Тема
rule = Правило
why = Обоснование
topic_education_ranking = рейтинг образования
topic_distance_cost = расстояние и стоимость
topic_language = язык
topic_brain_drain = утечка мозгов
topic_student_mobility = студенческая мобильность
topic_institutions = учреждения
topic_events = мероприятия
topic_agreements = соглашения
topic_diplomatic_presence = дипломатическое присутствие
topic_programmes = программы
topic_diaspora = диаспора
topic_media = СМИ
topic_general = в целом
review_page = Очередь проверки
review_intro = События, найденные кодировщиком текстов и ожидающие проверки человеком. Кандидат — ещё не запись: принятый, он становится проверенным событием со ссылкой на текст; отклонённый остаётся здесь с причиной. Принимайте или отклоняйте командой `entente review` или через API (POST /api/v1/candidates/{"{"}id{"}"}/accept или /reject, с токеном записи).
no_candidates = Здесь нет кандидатов. Закодируйте тексты командой `entente code ФАЙЛЫ --store`.
state_pending = ожидают
state_accepted = приняты
state_rejected = отклонены
state_all = все
confidence = Уверенность
document = Документ
candidate = Кандидат
reason = Причина

## Reports (entente report)

report_subtitle = Культурные связи: отчёт с источниками
generated_by = Подготовлено программой entente { $version }
reference_style = Стиль ссылок
language = Язык
notes = Примечания
measure = Показатель
events_total = События
sources_cited = Цитируемые источники
claims_checked = Утверждения, сверенные с данными
latest_students = Студенты { $label }, { $period } ({ $dataset })
gdelt_events_total = События GDELT { $label }
computed_events = Подсчитано entente по { $n ->
        [one] { $n } событию
       *[other] { $n } событиям
    } хронологии; их источники:
computed_claims = Подсчитано entente по { $n ->
        [one] { $n } утверждению
       *[other] { $n } утверждениям
    } из раздела об утверждениях; каждое сверено с наблюдениями других источников.
computed_change = Изменение относительно предыдущего значения ряда, изменение за весь ряд и среднегодовой темп роста (CAGR), вычисленные entente по значениям таблицы со сносками.
computed_ratio = Отношение значения первого источника к значению второго для того же потока и периода, вычисленное entente по значениям таблиц выше со сносками; отклонение от 1 более чем на 10% считается расхождением.
flows_figure = Построено entente по значениям таблиц ниже; источники:
computed_share = Итог, доля и место вычислены entente по всем направлениям, которые этот набор данных указывает для страны происхождения ({ $basis }); источник:
presence_row = строка { $country }, { $variable }, { $year }
claims_reading = Прочтение и обоснование entente — по утверждению в записи и наблюдениям в хранилище, согласно правилам проверки утверждений.
reading = Прочтение entente
no_claims = В хранилище нет утверждений об этой паре.
other_records = Программы и участники
students_col = Студенты
outbound_total = Всего выехавших студентов
share = Доля
country = Страна
variable = Переменная
articles = Статьи
total = Итого
gdelt_source = Импортировано файлов GDELT: { $files }; сохранено событий: { $events }{ $dates }. Помесячный ряд вычислен entente по импортированным событиям (entente series).
comparison = Сравнение
comparison_intro = Партнёры страны { $b }, сравнённые по индексу двустороннего культурного сотрудничества за { $year } год: с данными — { $n }, в рейтинге — { $m }. Страна { $a } сопоставляется со следующими партнёрами: { $refs }.
differ_most = Сильнее всего { $a } и { $r } различаются по измерениям
index_note = Вычислено entente по конфигурации индекса { $name } { $version } (SHA-256 { $sha }) из значений показателей, снабжённых сносками в таблице значений: нормирование { $norm }, агрегирование { $agg }, для места в рейтинге нужно покрытие не менее { $cov } %; интервалы мест 5–95 % получены по { $draws ->
        [one] { $draws } итерации
       *[other] { $draws } итерациям
    } Монте-Карло (seed { $seed }).
zero_rule_note = Записи для этой пары нет; { $dataset } охватывает эти страны, поэтому правило конфигурации (absent = zero_if_covered) считает отсутствие нулём.
zero_events_note = Для этой пары нет событий такого рода, хотя другие события между странами записаны, поэтому правило конфигурации (absent = zero_if_covered) считает значение нулём.
records_note = Подсчитано entente по { $n ->
        [one] { $n } записи
       *[other] { $n } записям
    } из хранилища: { $ids }.
left_out_mark = не учитывается
no_events_note = Подсчитано entente по событиям пары в хранилище: за этот период их нет.
gdelt_count_note = Подсчитано entente по импортированным событиям GDELT между двумя странами ({ $period }).
diagnose_index_note = Вычислено entente по сравнению партнёров страны { $b } согласно конфигурации индекса { $name } { $version } (SHA-256 { $sha }).
rules_note = Выводы правил { $name } { $version } (data/diagnose-rules.toml, SHA-256 { $sha }), применённых entente к показателям, указанным в сносках рядом с каждым выводом.
# A quotation in running text (Markdown reports), with the language's quotation marks.
quoted = «{ $text }»
chart_timeline = События по датам и направлениям

## Evidence caveats
as_cited_caveat = только как ссылка в источнике, не подтверждение этой записи
context = контекст
context_caveat = относится к паре только по контексту; не считается двусторонним событием
context_events = только контекст
raw_in_file = в файле
timeline_context_note = из них только контекст: { $n } (не двусторонние; скрываются флагом --no-context)
