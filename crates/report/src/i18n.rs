//! Interface strings in English, French, Russian and Kazakh.

/// The interface languages, in the order the switcher lists them.
pub const LANGS: [(&str, &str); 4] = [("en", "English"), ("fr", "Français"), ("ru", "Русский"), ("kk", "Қазақша")];

/// A supported interface language for `code`, English otherwise.
pub fn lang(code: Option<&str>) -> &'static str {
    let code = code.unwrap_or("en");
    LANGS.iter().map(|(c, _)| *c).find(|c| *c == code).unwrap_or("en")
}

/// The interface string `key` in `lang`; the key itself when it has no entry.
pub fn tr(lang: &str, key: &'static str) -> &'static str {
    let i = match lang {
        "fr" => 1,
        "ru" => 2,
        "kk" => 3,
        _ => 0,
    };
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
