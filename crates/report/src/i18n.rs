//! Interface strings in English, French, Russian and Kazakh.

/// The interface languages, in the order the switcher lists them.
pub const LANGS: [(&str, &str); 4] = [("en", "English"), ("fr", "Français"), ("ru", "Русский"), ("kk", "Қазақша")];

/// A supported interface language for `code`, English otherwise.
pub fn lang(code: Option<&str>) -> &'static str {
    let code = code.unwrap_or("en");
    LANGS.iter().map(|(c, _)| *c).find(|c| *c == code).unwrap_or("en")
}

/// The column of `lang` in a four-language string table (en, fr, ru, kk); English otherwise.
pub(crate) fn column(lang: &str) -> usize {
    match lang {
        "fr" => 1,
        "ru" => 2,
        "kk" => 3,
        _ => 0,
    }
}

/// The interface string `key` in `lang`; the key itself when it has no entry.
pub fn tr(lang: &str, key: &'static str) -> &'static str {
    let i = column(lang);
    let row: [&'static str; 4] = match key {
        "tagline" => [
            "An open observatory of bilateral cultural diplomacy",
            "Observatoire ouvert de la diplomatie culturelle bilatérale",
            "Открытая обсерватория двусторонней культурной дипломатии",
            "Екіжақты мәдени дипломатияның ашық обсерваториясы",
        ],
        "dyads_with_data" => [
            "Country pairs with data",
            "Paires de pays documentées",
            "Пары стран с данными",
            "Деректері бар елдер жұбы",
        ],
        "events" => ["events", "événements", "событий", "оқиға"],
        "open_pair" => ["Open a pair", "Ouvrir une paire", "Открыть пару", "Жұпты ашу"],
        "country_a" => ["First country", "Premier pays", "Первая страна", "Бірінші ел"],
        "country_b" => ["Second country", "Second pays", "Вторая страна", "Екінші ел"],
        "any_name" => [
            "Any code or name, in English, French, Russian or Kazakh",
            "Code ou nom, en anglais, français, russe ou kazakh",
            "Код или название на английском, французском, русском или казахском",
            "Код немесе атауы ағылшын, француз, орыс не қазақ тілінде",
        ],
        "show" => ["Show", "Afficher", "Показать", "Көрсету"],
        "summary" => ["Summary", "Résumé", "Сводка", "Қорытынды"],
        "timeline" => ["Timeline", "Chronologie", "Хронология", "Хронология"],
        "events_per_year" => ["Events per year", "Événements par an", "События по годам", "Жыл бойынша оқиғалар"],
        "records" => ["Records", "Fiches", "Записи", "Жазбалар"],
        "bibliography" => ["Bibliography", "Bibliographie", "Библиография", "Библиография"],
        "date" => ["Date", "Date", "Дата", "Күні"],
        "direction" => ["Direction", "Direction", "Направление", "Бағыты"],
        "kind" => ["Kind", "Type", "Тип", "Түрі"],
        "title" => ["Title", "Titre", "Название", "Атауы"],
        "status" => ["Status", "Statut", "Статус", "Мәртебесі"],
        "sources" => ["Sources", "Sources", "Источники", "Дереккөздер"],
        "domains" => ["Domains", "Domaines", "Сферы", "Салалар"],
        "period" => ["Period", "Période", "Период", "Кезең"],
        "mutual" => ["mutual", "mutuel", "взаимно", "өзара"],
        "unspecified" => ["unspecified", "non précisé", "не указано", "көрсетілмеген"],
        "internal" => ["internal", "interne", "внутреннее", "ішкі"],
        "external" => ["external", "externe", "внешнее", "сыртқы"],
        "third_country" => ["third country", "pays tiers", "третья страна", "үшінші ел"],
        "no_events" => [
            "No events recorded for this pair yet.",
            "Aucun événement enregistré pour cette paire.",
            "Для этой пары событий пока нет.",
            "Бұл жұп үшін әзірге оқиға жоқ.",
        ],
        "json_twin" => ["This page as JSON", "Cette page en JSON", "Эта страница в JSON", "Бұл бет JSON түрінде"],
        "data_footer" => [
            "Data: curated records with their sources; country names from ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0) and GDELT's CAMEO tables.",
            "Données : fiches sourcées ; noms de pays ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0) et tables CAMEO de GDELT.",
            "Данные: записи с источниками; названия стран — ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0), таблицы CAMEO проекта GDELT.",
            "Деректер: дереккөзі көрсетілген жазбалар; ел атаулары — ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0), GDELT CAMEO кестелері.",
        ],
        "first_last" => ["From {first} to {last}", "De {first} à {last}", "С {first} по {last}", "{first} – {last}"],
        "cited_sources" => ["sources cited", "sources citées", "источников", "дереккөз"],
        "home" => ["Home", "Accueil", "Главная", "Басты бет"],
        "datasets" => ["Datasets", "Jeux de données", "Наборы данных", "Деректер жинақтары"],
        "gdelt_series" => [
            "GDELT events between the two countries, by month",
            "Événements GDELT entre les deux pays, par mois",
            "События GDELT между двумя странами, по месяцам",
            "Екі ел арасындағы GDELT оқиғалары, ай бойынша",
        ],
        "gdelt_not_imported" => [
            "No GDELT events are imported. Run: entente import gdelt <files or folders>",
            "Aucun événement GDELT importé. Lancez : entente import gdelt <fichiers ou dossiers>",
            "События GDELT не импортированы. Выполните: entente import gdelt <файлы или папки>",
            "GDELT оқиғалары импортталмаған. Орындаңыз: entente import gdelt <файлдар не қалталар>",
        ],
        "gdelt_none_between" => [
            "The imported GDELT events hold none between these two countries",
            "Les événements GDELT importés n'en contiennent aucun entre ces deux pays",
            "В импортированных событиях GDELT нет событий между этими странами",
            "Импортталған GDELT оқиғаларында бұл екі ел арасында оқиға жоқ",
        ],
        "indicators" => ["Indicators", "Indicateurs", "Показатели", "Көрсеткіштер"],
        "students" => [
            "Students from one country in the other",
            "Étudiants d'un pays dans l'autre",
            "Студенты одной страны в другой",
            "Бір елдің студенттері екіншісінде",
        ],
        "shares" => [
            "Share of outbound students and rank among destinations",
            "Part des étudiants partis et rang parmi les destinations",
            "Доля выезжающих студентов и место среди направлений",
            "Шетелге шыққан студенттер үлесі және бағыттар арасындағы орны",
        ],
        "agreement" => [
            "Where two sources count the same flow",
            "Quand deux sources comptent le même flux",
            "Когда два источника считают один и тот же поток",
            "Екі дереккөз бір ағынды санағанда",
        ],
        "disagree" => [
            "differ by more than 10%: compare the sources before using either",
            "écart de plus de 10 % : comparer les sources avant d'utiliser l'une ou l'autre",
            "расхождение более 10%: сравните источники, прежде чем использовать любой из них",
            "айырмашылық 10%-дан асады: пайдаланбас бұрын дереккөздерді салыстырыңыз",
        ],
        "agree" => ["agree within 10%", "concordent à 10 % près", "совпадают с точностью до 10%", "10% шегінде сәйкес"],
        "presence" => [
            "Elcano Global Presence Index: soft presence",
            "Indice de présence mondiale Elcano : présence douce",
            "Индекс глобального присутствия Элькано: мягкое присутствие",
            "Элькано жаһандық қатысу индексі: жұмсақ қатысу",
        ],
        "claims" => {
            ["Claims and the data", "Affirmations et données", "Утверждения и данные", "Тұжырымдар мен деректер"]
        }
        "verdict" => ["Verdict", "Verdict", "Вердикт", "Қорытынды"],
        "supported" => ["supported", "confirmée", "подтверждено", "расталды"],
        "contradicted" => ["contradicted", "contredite", "опровергнуто", "теріске шығарылды"],
        "not_comparable" => ["not comparable", "non comparable", "несопоставимо", "салыстыруға келмейді"],
        "no_data" => ["no data", "pas de données", "нет данных", "дерек жоқ"],
        "evidence" => ["Evidence", "Éléments", "Данные", "Дәлелдер"],
        "no_indicators" => [
            "No indicators for this pair in the store.",
            "Aucun indicateur pour cette paire.",
            "Для этой пары нет показателей.",
            "Бұл жұп үшін көрсеткіш жоқ.",
        ],
        "sources_page" => ["Sources", "Sources", "Источники", "Дереккөздер"],
        "sources_intro" => [
            "Every source the records cite, formatted in the chosen style, with the records citing it.",
            "Toutes les sources citées par les fiches, dans le style choisi, avec les fiches qui les citent.",
            "Все источники, на которые ссылаются записи, в выбранном стиле, с цитирующими их записями.",
            "Жазбалар сілтеме жасайтын барлық дереккөздер таңдалған стильде, оларға сілтеген жазбалармен.",
        ],
        "cited_by" => ["Cited by", "Cité par", "Цитируется в", "Сілтеме жасағандар"],
        "cites" => ["Cites", "Cite", "Ссылается на", "Сілтемелері"],
        "as_cited_caveat" => [
            "as cited in the source only, not evidence for this record",
            "seulement tel que la source le cite, pas une preuve de cette fiche",
            "только как ссылка в источнике, не подтверждение этой записи",
            "тек дереккөз сілтеген түрде, бұл жазбаның дәлелі емес",
        ],
        "context" => ["context", "contexte", "контекст", "контекст"],
        "context_caveat" => [
            "belongs to the pair only by context; not counted as a bilateral event",
            "liée à la paire par le seul contexte ; non comptée comme événement bilatéral",
            "относится к паре только по контексту; не считается двусторонним событием",
            "жұпқа тек контекст бойынша қатысты; екіжақты оқиға ретінде саналмайды",
        ],
        "context_events" => ["context only", "contexte seulement", "только контекст", "тек контекст"],
        "partners" => ["Partners", "Partenaires", "Партнёры", "Серіктестер"],
        "partners_intro" => [
            "The countries that share events or student flows with this one, with the latest figure of every indicator that exists for them.",
            "Les pays qui partagent des événements ou des flux d'étudiants avec celui-ci, avec la dernière valeur de chaque indicateur disponible.",
            "Страны, связанные с этой событиями или потоками студентов, с последним значением каждого имеющегося показателя.",
            "Осы елмен оқиғалары не студенттер ағыны ортақ елдер, әр бар көрсеткіштің соңғы мәнімен.",
        ],
        "partner" => ["Partner", "Partenaire", "Партнёр", "Серіктес"],
        "shared_events" => ["Shared events", "Événements communs", "Общие события", "Ортақ оқиғалар"],
        "soft_presence" => ["Soft presence", "Présence douce", "Мягкое присутствие", "Жұмсақ қатысу"],
        "outbound" => ["students sent", "étudiants envoyés", "отправлено студентов", "жіберілген студенттер"],
        "inbound" => ["students received", "étudiants accueillis", "принято студентов", "қабылданған студенттер"],
        "no_partners" => [
            "No events or student flows involve this country in the store.",
            "Aucun événement ni flux d'étudiants ne concerne ce pays.",
            "В хранилище нет событий или потоков студентов с участием этой страны.",
            "Қоймада бұл елге қатысты оқиға не студенттер ағыны жоқ.",
        ],
        "names" => ["Names", "Noms", "Названия", "Атаулары"],
        "codes" => ["Codes", "Codes", "Коды", "Кодтары"],
        "search" => ["Search", "Rechercher", "Искать", "Іздеу"],
        "search_records" => {
            ["Search the records", "Rechercher dans les fiches", "Поиск по записям", "Жазбалардан іздеу"]
        }
        "words" => ["Words", "Mots", "Слова", "Сөздер"],
        "clear" => ["Clear", "Effacer", "Сбросить", "Тазарту"],
        "results" => ["results", "résultats", "результатов", "нәтиже"],
        "no_results" => {
            ["No record matches.", "Aucune fiche ne correspond.", "Нет подходящих записей.", "Сәйкес жазба жоқ."]
        }
        "previous" => ["Previous", "Précédent", "Назад", "Алдыңғы"],
        "next" => ["Next", "Suivant", "Далее", "Келесі"],
        "dataset" => ["Dataset", "Jeu de données", "Набор данных", "Деректер жинағы"],
        "origin" => ["Origin", "Origine", "Происхождение", "Шығу тегі"],
        "year" => ["Year", "Année", "Год", "Жыл"],
        "domain" => ["Domain", "Domaine", "Сфера", "Сала"],
        "record" => ["Record", "Fiche", "Запись", "Жазба"],
        "field" => ["Field", "Champ", "Поле", "Өріс"],
        "value" => ["Value", "Valeur", "Значение", "Мәні"],
        "citation_styles" => ["Citation", "Citation", "Ссылка", "Сілтеме"],
        "pairs" => ["Pairs", "Paires", "Пары", "Жұптар"],
        "countries" => ["Countries", "Pays", "Страны", "Елдер"],
        "api" => ["API", "API", "API", "API"],
        "api_intro" => [
            "Everything on these pages is also served as JSON, and every table as CSV, under /api/v1. The OpenAPI document describes each route.",
            "Tout le contenu de ces pages est aussi servi en JSON, et chaque tableau en CSV, sous /api/v1. Le document OpenAPI décrit chaque route.",
            "Всё содержимое этих страниц доступно в JSON, а каждая таблица — в CSV, по адресу /api/v1. Документ OpenAPI описывает каждый маршрут.",
            "Бұл беттердегі барлық мазмұн /api/v1 астында JSON түрінде, ал әр кесте CSV түрінде беріледі. OpenAPI құжаты әр бағытты сипаттайды.",
        ],
        "licence" => ["Licence", "Licence", "Лицензия", "Лицензия"],
        "style" => ["Citation style", "Style de citation", "Стиль ссылок", "Сілтеме стилі"],
        "not_found" => ["Not found", "Introuvable", "Не найдено", "Табылмады"],
        // The comparison page.
        "compare_nav" => {
            ["Compare partners", "Comparer les partenaires", "Сравнить партнёров", "Серіктестерді салыстыру"]
        }
        "compare_title" => [
            "{country}: partners compared",
            "{country} : comparaison des partenaires",
            "{country}: сравнение партнёров",
            "{country}: серіктестерді салыстыру",
        ],
        "compare_form" => [
            "Compare a country's partners",
            "Comparer les partenaires d'un pays",
            "Сравнить партнёров страны",
            "Елдің серіктестерін салыстыру",
        ],
        "focus_country" => ["Country", "Pays", "Страна", "Ел"],
        "direction_in" => [
            "Partner → {code}: each partner's presence in this country",
            "Partenaire → {code} : présence de chaque partenaire dans ce pays",
            "Партнёр → {code}: присутствие каждого партнёра в этой стране",
            "Серіктес → {code}: әр серіктестің осы елдегі қатысуы",
        ],
        "direction_out" => [
            "{code} → partner: this country's presence in each partner",
            "{code} → partenaire : présence de ce pays chez chaque partenaire",
            "{code} → партнёр: присутствие этой страны в каждой стране-партнёре",
            "{code} → серіктес: осы елдің әр серіктес елдегі қатысуы",
        ],
        "dir_in_short" => ["partner → country", "partenaire → pays", "партнёр → страна", "серіктес → ел"],
        "dir_out_short" => ["country → partner", "pays → partenaire", "страна → партнёр", "ел → серіктес"],
        "other_direction" => ["The other direction", "L'autre sens", "Обратное направление", "Кері бағыт"],
        "universe" => [
            "{n} partners with data in {year}, {m} ranked (coverage at least {cov} %).",
            "{n} partenaires ayant des données en {year}, {m} classés (couverture d'au moins {cov} %).",
            "Партнёров с данными за {year} год: {n}, из них в рейтинге: {m} (покрытие не менее {cov} %).",
            "{year} жылы деректері бар серіктестер: {n}, оның ішінде рейтингте: {m} (қамту кемінде {cov} %).",
        ],
        "ranks_note" => [
            "Ranks are taken among every partner with data; choosing partners or the best-ranked only selects the rows shown.",
            "Les rangs sont établis parmi tous les partenaires ayant des données ; choisir des partenaires ou les mieux classés ne fait que sélectionner les lignes affichées.",
            "Места определяются среди всех партнёров с данными; выбор партнёров или лучших по месту влияет только на то, какие строки показаны.",
            "Орындар деректері бар барлық серіктестер арасында анықталады; серіктестерді не үздіктерді таңдау тек көрсетілетін жолдарды іріктейді.",
        ],
        "not_compared" => [
            "No data in {year} for: {list} (not among the partners compared).",
            "Pas de données en {year} pour : {list} (absents des partenaires comparés).",
            "Нет данных за {year} год для: {list} (их нет среди сравниваемых партнёров).",
            "{year} жылы мына елдер бойынша дерек жоқ: {list} (олар салыстырылатын серіктестер арасында жоқ).",
        ],
        "partners_param" => [
            "Only these partners (codes or names, comma-separated)",
            "Seulement ces partenaires (codes ou noms, séparés par des virgules)",
            "Только эти партнёры (коды или названия через запятую)",
            "Тек осы серіктестер (кодтар не атаулар, үтір арқылы)",
        ],
        "top" => ["Best-ranked only", "Seulement les mieux classés", "Только лучшие по месту", "Тек үздік орындағылар"],
        "ranking" => ["Ranking", "Classement", "Рейтинг", "Рейтинг"],
        "rank" => ["Rank", "Rang", "Место", "Орны"],
        "index_score" => ["Index", "Indice", "Индекс", "Индекс"],
        "rank_interval" => ["Rank, 5–95 %", "Rang, 5–95 %", "Место, 5–95 %", "Орны, 5–95 %"],
        "median_rank" => ["Median rank", "Rang médian", "Медианное место", "Медианалық орын"],
        "coverage" => ["Coverage", "Couverture", "Покрытие", "Қамту"],
        "unranked" => ["not ranked", "non classé", "вне рейтинга", "рейтингтен тыс"],
        "rank_axis" => [
            "Rank (1 = first); dot: median, bar: 5–95 % of the Monte Carlo draws",
            "Rang (1 = premier) ; point : médiane, barre : 5–95 % des tirages de Monte-Carlo",
            "Место (1 — первое); точка — медиана, полоса — 5–95 % итераций Монте-Карло",
            "Орын (1 — бірінші); нүкте — медиана, жолақ — Монте-Карло итерацияларының 5–95 %-ы",
        ],
        "chart_ranks" => [
            "Ranks with their 5–95 % intervals",
            "Rangs et leurs intervalles 5–95 %",
            "Места и их интервалы 5–95 %",
            "Орындар және олардың 5–95 % аралықтары",
        ],
        "method" => ["Method", "Méthode", "Метод", "Әдіс"],
        "method_text" => [
            "Each partner's raw indicator values (below, with their sources) are normalised across the partners, weighted within their dimension and aggregated into the bilateral cultural cooperation index, as the configuration says. A partner is ranked when the indicators it has values for carry at least the minimum coverage of the index's weight; a missing value is left out of its score, never taken as zero unless the source covers the country. The Monte Carlo analysis draws the weights, the normalisation and the aggregation again and again: the 5–95 % interval of each rank shows how much it depends on those choices.",
            "Les valeurs brutes des indicateurs de chaque partenaire (ci-dessous, avec leurs sources) sont normalisées entre partenaires, pondérées au sein de leur dimension et agrégées en un indice de coopération culturelle bilatérale, selon la configuration. Un partenaire est classé lorsque les indicateurs dont il a des valeurs portent au moins la couverture minimale du poids de l'indice ; une valeur manquante est écartée de son score, jamais comptée comme zéro, sauf si la source couvre le pays. L'analyse de Monte-Carlo tire au sort, encore et encore, les poids, la normalisation et l'agrégation : l'intervalle 5–95 % de chaque rang montre à quel point il dépend de ces choix.",
            "Исходные значения показателей каждого партнёра (ниже, с источниками) нормируются по всем партнёрам, взвешиваются внутри своего измерения и агрегируются в индекс двустороннего культурного сотрудничества согласно конфигурации. Партнёр получает место, если на показатели, по которым у него есть значения, приходится не меньше минимального покрытия веса индекса; пропущенное значение исключается из его оценки и не считается нулём, если только источник не охватывает эту страну. Анализ Монте-Карло многократно заново выбирает веса, способ нормирования и агрегирования: интервал 5–95 % каждого места показывает, насколько оно зависит от этих решений.",
            "Әр серіктес көрсеткіштерінің бастапқы мәндері (төменде, дереккөздерімен) барлық серіктестер бойынша нормаланады, өз өлшемі ішінде салмақталады және конфигурацияға сәйкес екіжақты мәдени ынтымақтастық индексіне біріктіріледі. Серіктестің мәні бар көрсеткіштеріне индекс салмағының ең аз қамтуынан кем емес үлесі тиесілі болса, ол рейтингке енеді; жоқ мән оның бағасынан алынып тасталады және дереккөз сол елді қамтымаса, нөл деп саналмайды. Монте-Карло талдауы салмақтарды, нормалау мен біріктіру тәсілін қайта-қайта кездейсоқ таңдайды: әр орынның 5–95 % аралығы оның осы таңдауларға қаншалықты тәуелді екенін көрсетеді.",
        ],
        "configuration" => ["Configuration", "Configuration", "Конфигурация", "Конфигурация"],
        "normalisation" => ["Normalisation", "Normalisation", "Нормирование", "Нормалау"],
        "aggregation" => ["Aggregation", "Agrégation", "Агрегирование", "Біріктіру"],
        "min_coverage" => ["Minimum coverage", "Couverture minimale", "Минимальное покрытие", "Ең аз қамту"],
        "draws" => ["Monte Carlo draws", "Tirages de Monte-Carlo", "Итерации Монте-Карло", "Монте-Карло итерациялары"],
        "seed" => ["Seed", "Graine", "Начальное значение (seed)", "Бастапқы мән (seed)"],
        "effects" => [
            "The choice of normalisation explains {n} % of the rank shifts, that of aggregation {a} %.",
            "Le choix de la normalisation explique {n} % des variations de rang, celui de l'agrégation {a} %.",
            "Выбор нормирования объясняет {n} % сдвигов мест, выбор агрегирования — {a} %.",
            "Орын ауысуларының {n} %-ын нормалау тәсілін таңдау, {a} %-ын біріктіру тәсілін таңдау түсіндіреді.",
        ],
        "indicator" => ["Indicator", "Indicateur", "Показатель", "Көрсеткіш"],
        "dimension" => ["Dimension", "Dimension", "Измерение", "Өлшем"],
        "weight" => ["Weight", "Poids", "Вес", "Салмақ"],
        "with_values" => {
            ["Partners with a value", "Partenaires ayant une valeur", "Партнёров со значением", "Мәні бар серіктестер"]
        }
        "left_out" => [
            "Left out of this comparison",
            "Écartés de cette comparaison",
            "Исключены из этого сравнения",
            "Бұл салыстырудан алынып тасталғандар",
        ],
        "left_out_none" => [
            "Every indicator of the configuration is used.",
            "Tous les indicateurs de la configuration sont utilisés.",
            "Используются все показатели конфигурации.",
            "Конфигурацияның барлық көрсеткіштері қолданылады.",
        ],
        "sensitivity" => ["Sensitivity", "Sensibilité", "Чувствительность", "Сезімталдық"],
        "sensitivity_intro" => [
            "The indicators that move the ranking most, most influential first: the correlation between an indicator's drawn weight and the ranks, and the mean shift of the ranks when it is removed.",
            "Les indicateurs qui font le plus bouger le classement, du plus influent au moins influent : corrélation entre le poids tiré d'un indicateur et les rangs, et déplacement moyen des rangs lorsqu'on le retire.",
            "Показатели, сильнее всего меняющие рейтинг, начиная с самого влиятельного: корреляция между случайным весом показателя и местами и средний сдвиг мест при его исключении.",
            "Рейтингті ең көп өзгертетін көрсеткіштер, ең ықпалдысынан бастап: көрсеткіштің кездейсоқ салмағы мен орындар арасындағы корреляция және ол алынып тасталғандағы орындардың орташа ығысуы.",
        ],
        "weight_rank_correlation" => [
            "Weight–rank correlation",
            "Corrélation poids–rang",
            "Корреляция веса и места",
            "Салмақ пен орын корреляциясы",
        ],
        "removal_shift" => [
            "Rank shift when removed",
            "Déplacement des rangs s'il est retiré",
            "Сдвиг мест при исключении",
            "Алынып тасталғандағы орын ығысуы",
        ],
        "values_sources" => [
            "Values and their sources",
            "Valeurs et leurs sources",
            "Значения и их источники",
            "Мәндер және олардың дереккөздері",
        ],
        "observed" => ["observed", "observée", "наблюдаемое", "бақыланған"],
        "zero_by_rule" => ["zero by rule", "zéro par règle", "ноль по правилу", "ереже бойынша нөл"],
        "missing" => ["missing", "manquante", "нет данных", "дерек жоқ"],
        "excluded" => ["left out", "écartée", "исключено", "алынып тасталды"],
        // A dyad's index and diagnosis.
        "index_over_years" => [
            "Index {a} → {b} over the years",
            "Indice {a} → {b} au fil des années",
            "Индекс {a} → {b} по годам",
            "{a} → {b} индексі жылдар бойынша",
        ],
        "index_intro" => [
            "Each year, {a} is scored among all partners of {b} with data on the bilateral cultural cooperation index.",
            "Chaque année, le pays {a} est évalué parmi tous les partenaires du pays {b} ayant des données, sur l'indice de coopération culturelle bilatérale.",
            "Каждый год страна {a} оценивается среди всех партнёров страны {b}, по которым есть данные, по индексу двустороннего культурного сотрудничества.",
            "Әр жыл сайын {a} елі {b} елінің деректері бар барлық серіктестері арасында екіжақты мәдени ынтымақтастық индексі бойынша бағаланады.",
        ],
        "index_no_data" => [
            "No data: the store holds no indicator of the index for this pair.",
            "Pas de données : la base ne contient aucun indicateur de l'indice pour cette paire.",
            "Нет данных: в хранилище нет показателей индекса для этой пары.",
            "Дерек жоқ: қоймада бұл жұп үшін индекс көрсеткіштері жоқ.",
        ],
        "years_no_data" => [
            "No data for these years:",
            "Pas de données pour ces années :",
            "Нет данных за годы:",
            "Мына жылдар бойынша дерек жоқ:",
        ],
        "beside" => [
            "Beside other partners ({year})",
            "Face à d'autres partenaires ({year})",
            "В сравнении с другими партнёрами ({year})",
            "Басқа серіктестермен салыстырғанда ({year})",
        ],
        "references_paper" => [
            "Reference partners as in the paper the bundled dataset follows (Kussainova & Kalibekova, 2021).",
            "Partenaires de référence comme dans l'article que suit le jeu de données fourni (Kussainova & Kalibekova, 2021).",
            "Партнёры для сравнения — те же, что в статье, на которой основан встроенный набор данных (Кусаинова и Калибекова, 2021).",
            "Салыстыруға арналған серіктестер — кіріктірілген деректер жинағы негізделген мақаладағыдай (Кусаинова мен Калибекова, 2021).",
        ],
        "references_best" => [
            "Reference partners: the best-ranked.",
            "Partenaires de référence : les mieux classés.",
            "Партнёры для сравнения — занимающие первые места.",
            "Салыстыруға арналған серіктестер — рейтингте алғашқы орындағылар.",
        ],
        "diagnostics" => ["Diagnostics", "Diagnostic", "Диагностика", "Диагностика"],
        "diagnostics_intro" => [
            "Findings of the rules {rules} for {a} → {b} in {year}: each rule tests one figure and says whether the data bear it out.",
            "Constats des règles {rules} pour {a} → {b} en {year} : chaque règle teste un chiffre et dit si les données le confirment.",
            "Выводы правил {rules} для {a} → {b} за {year} год: каждое правило проверяет один показатель и сообщает, подтверждают ли его данные.",
            "{rules} ережелерінің {a} → {b} бойынша {year} жылғы қорытындылары: әр ереже бір көрсеткішті тексеріп, оны деректер растай ма, жоқ па, соны көрсетеді.",
        ],
        "diagnosis_no_data" => [
            "No data: neither the rules nor the sources have anything to say about this pair yet.",
            "Pas de données : ni les règles ni les sources n'ont encore rien à dire sur cette paire.",
            "Нет данных: ни правила, ни источники пока ничего не говорят об этой паре.",
            "Дерек жоқ: бұл жұп туралы әзірге ережелер де, дереккөздер де ештеңе айтпайды.",
        ],
        "strengths" => ["Strengths", "Points forts", "Сильные стороны", "Күшті жақтары"],
        "weaknesses" => ["Weaknesses", "Points faibles", "Слабые стороны", "Әлсіз жақтары"],
        "barriers" => ["Barriers", "Obstacles", "Барьеры", "Кедергілер"],
        "prospects" => ["Prospects", "Perspectives", "Перспективы", "Перспективалар"],
        "strength" => ["strength", "point fort", "сильная сторона", "күшті жағы"],
        "weakness" => ["weakness", "point faible", "слабая сторона", "әлсіз жағы"],
        "barrier" => ["barrier", "obstacle", "барьер", "кедергі"],
        "prospect" => ["prospect", "perspective", "перспектива", "перспектива"],
        "status_supported" => ["borne out", "confirmé", "подтверждается", "расталады"],
        "status_contradicted" => ["not borne out", "non confirmé", "не подтверждается", "расталмайды"],
        "status_no_data" => ["no data", "pas de données", "нет данных", "дерек жоқ"],
        "judgements" => [
            "The sources' judgements beside the data",
            "Les jugements des sources face aux données",
            "Оценки источников в сопоставлении с данными",
            "Дереккөздердің бағалары деректермен салыстырғанда",
        ],
        "no_judgements" => [
            "No source in the store makes a judgement about this pair.",
            "Aucune source de la base ne porte de jugement sur cette paire.",
            "Ни один источник в хранилище не даёт оценки этой паре.",
            "Қоймадағы бірде-бір дереккөз бұл жұпқа баға бермейді.",
        ],
        "source_says" => ["The source says", "La source dit", "Источник утверждает", "Дереккөз бойынша"],
        "data_says" => ["The data say", "Les données disent", "Данные показывают", "Деректер бойынша"],
        "no_rule_on_topic" => [
            "no rule on this topic",
            "aucune règle sur ce thème",
            "нет правила по этой теме",
            "бұл тақырып бойынша ереже жоқ",
        ],
        "category" => ["Category", "Catégorie", "Категория", "Санат"],
        "topic" => ["Topic", "Thème", "Тема", "Тақырып"],
        "rule" => ["Rule", "Règle", "Правило", "Ереже"],
        "why" => ["Why", "Pourquoi", "Обоснование", "Негіздемесі"],
        "topic_education_ranking" => {
            ["education ranking", "classement de l'éducation", "рейтинг образования", "білім беру рейтингі"]
        }
        "topic_distance_cost" => {
            ["distance and cost", "distance et coût", "расстояние и стоимость", "қашықтық пен шығын"]
        }
        "topic_language" => ["language", "langue", "язык", "тіл"],
        "topic_brain_drain" => ["brain drain", "fuite des cerveaux", "утечка мозгов", "білікті мамандардың кетуі"],
        "topic_student_mobility" => {
            ["student mobility", "mobilité étudiante", "студенческая мобильность", "студенттер ұтқырлығы"]
        }
        "topic_institutions" => ["institutions", "institutions", "учреждения", "мекемелер"],
        "topic_events" => ["events", "événements", "мероприятия", "іс-шаралар"],
        "topic_agreements" => ["agreements", "accords", "соглашения", "келісімдер"],
        "topic_diplomatic_presence" => {
            ["diplomatic presence", "présence diplomatique", "дипломатическое присутствие", "дипломатиялық қатысу"]
        }
        "topic_programmes" => ["programmes", "programmes", "программы", "бағдарламалар"],
        "topic_diaspora" => ["diaspora", "diaspora", "диаспора", "диаспора"],
        "topic_media" => ["media", "médias", "СМИ", "БАҚ"],
        "topic_general" => ["general", "général", "в целом", "жалпы"],
        "review_page" => ["Review queue", "File de relecture", "Очередь проверки", "Тексеру кезегі"],
        "review_intro" => [
            "Events the text coder found, waiting for a person. A candidate is not a record: accepted, it becomes a curated event citing its text; rejected, it stays here with the reason. Accept or reject with `entente review` or the API (POST /api/v1/candidates/{id}/accept or /reject, with the write token).",
            "Événements trouvés par le codeur de textes, en attente d'une relecture. Un candidat n'est pas une fiche : accepté, il devient un événement vérifié citant son texte ; rejeté, il reste ici avec la raison. Acceptez ou rejetez avec `entente review` ou l'API (POST /api/v1/candidates/{id}/accept ou /reject, avec le jeton d'écriture).",
            "События, найденные кодировщиком текстов и ожидающие проверки человеком. Кандидат — ещё не запись: принятый, он становится проверенным событием со ссылкой на текст; отклонённый остаётся здесь с причиной. Принимайте или отклоняйте командой `entente review` или через API (POST /api/v1/candidates/{id}/accept или /reject, с токеном записи).",
            "Мәтін кодтаушысы тапқан, адамның тексеруін күтіп тұрған оқиғалар. Үміткер әлі жазба емес: қабылданса, мәтініне сілтеме жасайтын тексерілген оқиғаға айналады; қабылданбаса, себебімен осында қалады. `entente review` пәрменімен немесе API арқылы (POST /api/v1/candidates/{id}/accept не /reject, жазу токенімен) қабылдаңыз не қабылдамаңыз.",
        ],
        "no_candidates" => [
            "No candidates here. Code texts with `entente code FILES --store`.",
            "Aucun candidat ici. Codez des textes avec `entente code FICHIERS --store`.",
            "Здесь нет кандидатов. Закодируйте тексты командой `entente code ФАЙЛЫ --store`.",
            "Мұнда үміткер жоқ. Мәтіндерді `entente code ФАЙЛДАР --store` пәрменімен кодтаңыз.",
        ],
        "state_pending" => ["pending", "en attente", "ожидают", "күтуде"],
        "state_accepted" => ["accepted", "acceptés", "приняты", "қабылданды"],
        "state_rejected" => ["rejected", "rejetés", "отклонены", "қабылданбады"],
        "state_all" => ["all", "tous", "все", "барлығы"],
        "confidence" => ["Confidence", "Confiance", "Уверенность", "Сенімділік"],
        "document" => ["Document", "Document", "Документ", "Құжат"],
        "candidate" => ["Candidate", "Candidat", "Кандидат", "Үміткер"],
        "reason" => ["Reason", "Raison", "Причина", "Себебі"],
        _ => return key,
    };
    row[i]
}

/// The interface string of a category (strength, weakness, barrier, prospect), a finding's
/// status or a topic; the code itself when it has none.
pub fn tr_code(lang: &str, prefix: &str, code: &str) -> String {
    let key: &'static str = match (prefix, code) {
        ("status", "supported") => "status_supported",
        ("status", "contradicted") => "status_contradicted",
        ("status", "no_data") => "status_no_data",
        ("category", "strength") => "strength",
        ("category", "weakness") => "weakness",
        ("category", "barrier") => "barrier",
        ("category", "prospect") => "prospect",
        ("categories", "strength") => "strengths",
        ("categories", "weakness") => "weaknesses",
        ("categories", "barrier") => "barriers",
        ("categories", "prospect") => "prospects",
        ("topic", "education_ranking") => "topic_education_ranking",
        ("topic", "distance_cost") => "topic_distance_cost",
        ("topic", "language") => "topic_language",
        ("topic", "brain_drain") => "topic_brain_drain",
        ("topic", "student_mobility") => "topic_student_mobility",
        ("topic", "institutions") => "topic_institutions",
        ("topic", "events") => "topic_events",
        ("topic", "agreements") => "topic_agreements",
        ("topic", "diplomatic_presence") => "topic_diplomatic_presence",
        ("topic", "programmes") => "topic_programmes",
        ("topic", "diaspora") => "topic_diaspora",
        ("topic", "media") => "topic_media",
        ("topic", "general") => "topic_general",
        ("value", "observed") => "observed",
        ("value", "zero_by_rule") => "zero_by_rule",
        ("value", "missing") => "missing",
        ("value", "excluded") => "excluded",
        _ => return code.to_string(),
    };
    tr(lang, key).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_four_languages_and_unknown_falls_back() {
        assert_eq!(tr("kk", "timeline"), "Хронология");
        assert_eq!(tr("fr", "records"), "Fiches");
        assert_eq!(tr("xx", "records"), "Records");
        assert_eq!(tr("en", "no-such-key"), "no-such-key");
        assert_eq!(lang(Some("ru")), "ru");
        assert_eq!(lang(Some("de")), "en");
    }

    #[test]
    fn every_category_status_and_topic_has_words_in_each_language() {
        for l in ["en", "fr", "ru", "kk"] {
            for c in ["strength", "weakness", "barrier", "prospect"] {
                assert!(!tr_code(l, "category", c).is_empty() && !tr_code(l, "categories", c).is_empty());
            }
            for t in entente_model::ontology::Topic::ALL {
                let word = tr_code(l, "topic", t.as_str());
                assert!(!word.contains('_'), "{l}: topic {} has no words", t.as_str());
            }
            for s in ["supported", "contradicted", "no_data"] {
                assert!(!tr_code(l, "status", s).contains('_'), "{l} {s}");
            }
        }
        assert_eq!(tr_code("ru", "categories", "barrier"), "Барьеры");
        assert_eq!(tr_code("kk", "status", "supported"), "расталады");
        assert_eq!(tr_code("fr", "topic", "unknown_topic"), "unknown_topic");
    }
}
