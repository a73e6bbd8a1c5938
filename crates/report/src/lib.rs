//! entente's views: what a page or report shows, as data (serialisable, so every page has
//! a JSON twin), and its rendering as HTML with SVG charts drawn by the project.
//!
//! The web crate serves these; the CLI writes them to files. This crate knows nothing of
//! HTTP.

pub mod compare;
pub mod document;
pub mod dyad;
pub mod i18n;
pub mod pages;
pub mod search;
pub mod svg;
pub mod views;

pub use dyad::{DyadView, build as dyad_view};

#[cfg(test)]
mod tests {
    use super::*;
    use entente_cite::Style;
    use entente_model::Dyad;
    use entente_store::Store;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        store
    }

    #[test]
    fn the_dyad_page_has_every_section_and_escapes_text() {
        let store = store();
        let view = dyad_view(&store, &Dyad::new("FRA", "KAZ"), "en", Style::Gost).unwrap();
        assert!(view.claims.iter().any(|c| c.claim_id == "claim-students-doubled-2018"));
        assert!(view.records.iter().any(|r| r.id == "sorbonne-kazakhstan"));
        assert!(view.bibliography.iter().any(|b| b.id == "kussainova-2021"));
        assert!(view.bibliography.iter().any(|b| b.id == "ref09-kusainov-2008"));
        // GOST lists Cyrillic references first.
        assert!(view.bibliography[0].citation.chars().next().unwrap() >= 'А');
        let html = pages::dyad(&view).into_string();
        for needle in [
            "<svg",
            "France – Kazakhstan",
            "id=\"ev-2019-06-25-kaz-unesco-agreement\"",
            "id=\"src-kussainova-2021\"",
            "Bibliography",
        ] {
            assert!(html.contains(needle), "{needle}");
        }
        // Quotes in titles are escaped, never raw.
        assert!(html.contains("&quot;Digital Autumn 2018&quot;"));
        let kk = dyad_view(&store, &Dyad::new("FRA", "KAZ"), "kk", Style::Apa).unwrap();
        assert_eq!(kk.names, ["Франция".to_string(), "Қазақстан".to_string()]);
        assert!(pages::dyad(&kk).into_string().contains("Хронология"));
    }

    /// The bundled dataset and indicator subsets, as the CLI loads them on first use.
    fn store_with_indicators() -> Store {
        let mut store = store();
        for (name, bytes) in entente_ingest::bundled::FEEDS {
            let read = entente_ingest::indicators::read_feed(name, bytes).unwrap();
            store.load_dataset(&read.dataset, &format!("bundled:{name}"), name).unwrap();
        }
        store
    }

    fn comparison(store: &Store, focus: &str, lang: &str) -> entente_analytics::compare::Comparison {
        use entente_analytics::compare::{CompareOptions, Direction, Gathered, compare};
        let config = entente_index::Config::bundled();
        let g = Gathered::read(store, &config, focus, None).unwrap();
        let opts = CompareOptions {
            focus: focus.into(),
            direction: Direction::In,
            year: None,
            draws: Some(200),
            seed: Some(1),
            lang: lang.into(),
            style: Style::Gost,
        };
        compare(store, &config, &g, &opts).unwrap()
    }

    #[test]
    fn the_comparison_page_has_its_parts_and_escapes_text() {
        let store = store_with_indicators();
        let mut c = comparison(&store, "KAZ", "ru");
        let evil = "<script>alert(1)</script>";
        c.partners[0].name = evil.to_string();
        if let Some(cell) = c.partners[0].evidence.values_mut().find(|cell| cell.source.is_some()) {
            cell.source.as_mut().unwrap().citation = evil.to_string();
        }
        let asked = compare::Asked { partners: vec!["FRA".into(), "KOR".into(), "TUV".into()], ..Default::default() };
        let all = compare::CompareView::new(c.clone(), "ru", compare::Asked::default());
        let html = pages::compare(&all).into_string();
        assert!(!html.contains("<script"), "raw script from the data");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for part in [
            "<table class=\"ranking\"",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ranks\"",
            "id=\"method\"",
            "id=\"left-out\"",
            "id=\"sensitivity\"",
            "href=\"/dyad/FRA/KAZ?lang=ru\"",
            &c.config.sha256,
        ] {
            assert!(html.contains(part), "{part}");
        }
        // Chosen partners keep their ranks; one without data is named.
        let chosen = compare::CompareView::new(c.clone(), "ru", asked);
        let codes: Vec<&str> = chosen.comparison.partners.iter().map(|p| p.partner.as_str()).collect();
        assert_eq!(codes.len(), 2, "{codes:?}");
        assert_eq!(chosen.not_compared, ["TUV"]);
        let rank = |v: &compare::CompareView| v.comparison.partners.iter().find(|p| p.partner == "FRA").unwrap().rank;
        assert_eq!(rank(&chosen), rank(&all));
        assert!(pages::compare(&chosen).into_string().contains("TUV"));
    }

    #[test]
    fn the_dyad_page_shows_the_index_and_the_diagnosis_or_says_there_is_no_data() {
        let store = store_with_indicators();
        let mut view = dyad_view(&store, &Dyad::new("FRA", "KAZ"), "kk", Style::Gost).unwrap();
        let html = pages::dyad(&view).into_string();
        assert_eq!(html.matches("class=\"no-data\"").count(), 2, "index and diagnosis say there is no data");
        let config = entente_index::Config::bundled();
        let rules = entente_analytics::diagnose::Rules::bundled();
        let g = entente_analytics::compare::Gathered::read(&store, &config, "KAZ", None).unwrap();
        let mut analyses = compare::analyse(&store, &config, &rules, &g, "FRA", "kk", Style::Gost).unwrap();
        let evil = "<script>alert(1)</script>";
        analyses.diagnosis.as_mut().unwrap().judgements[0].text = evil.to_string();
        let bibliography = view.bibliography.len();
        view.set_analyses(&store, analyses).unwrap();
        assert!(view.bibliography.len() > bibliography, "the sources of the analyses join the bibliography");
        let html = pages::dyad(&view).into_string();
        assert!(!html.contains("class=\"no-data\""));
        assert!(!html.contains("<script"), "raw script from the data");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(html.matches("<li class=\"finding\"").count(), view.diagnosis.as_ref().unwrap().findings.len());
        for part in [
            "<h2 id=\"diagnostics\">Диагностика</h2>",
            "<h3>Кедергілер</h3>",
            "class=\"chart ranks\"",
            "table class=\"judgements\"",
        ] {
            assert!(html.contains(part), "{part}");
        }
        // Every source a finding or judgement links to is in the bibliography.
        for id in html.split("href=\"#src-").skip(1).filter_map(|rest| rest.split('"').next()) {
            assert!(html.contains(&format!("id=\"src-{id}\"")), "{id} is not in the bibliography");
        }
    }

    #[test]
    fn reference_partners_come_from_the_paper_else_the_best_ranked() {
        let store = store_with_indicators();
        let kaz = comparison(&store, "KAZ", "en");
        let b = compare::beside(&kaz, "FRA").unwrap();
        assert_eq!(b.references, "paper");
        assert_eq!(b.partners.iter().map(|p| p.partner.as_str()).collect::<Vec<_>>(), ["FRA", "KOR"]);
        // South Korea itself is set beside the best-ranked partners instead.
        let b = compare::beside(&kaz, "KOR").unwrap();
        assert_eq!(b.references, "best_ranked");
        assert_eq!(b.partners.len(), 1 + compare::MAX_REFERENCES);
        assert!(b.partners[1..].iter().all(|p| p.partner != "KOR" && p.rank.is_some()));
        let ranks: Vec<usize> = b.partners[1..].iter().filter_map(|p| p.rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        assert!(compare::beside(&kaz, "TUV").is_none(), "a partner without data");
    }

    #[test]
    fn the_home_page_lists_dyads() {
        let store = store();
        let html = pages::home("fr", &store.dyads().unwrap(), &store.datasets().unwrap()).into_string();
        assert!(html.contains("href=\"/dyad/FRA/KAZ?lang=fr\""), "{html}");
        assert!(html.contains("France – Kazakhstan"));
    }
}
