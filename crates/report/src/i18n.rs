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
        _ => return key,
    };
    row[i]
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
}
