//! The 249 ISO 3166-1 countries with the codes GDELT uses (CAMEO for actors, FIPS 10-4 for
//! places) and their names in English, French, Russian and Kazakh.
//!
//! Built from the files in the repository's `data/countries/` (pycountry/iso-codes,
//! GDELT's CAMEO country list, GeoNames; see `data/SOURCES.md`), compiled in.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use serde::Serialize;

use crate::lang::LangText;
use crate::text::fold;

const ISO_CSV: &str = include_str!("../../../data/countries/iso3166_countries_multilingual.csv");
const CAMEO_CSV: &str = include_str!("../../../data/countries/cameo_country_to_iso3.csv");
const GEONAMES_TSV: &str = include_str!("../../../data/countries/geonames_countryInfo.txt");

/// One ISO 3166-1 country.
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub alpha2: String,
    pub alpha3: String,
    /// ISO 3166-1 numeric, three digits with leading zeros (`"250"`).
    pub numeric: String,
    /// FIPS 10-4 code, used by GDELT for places (`ActionGeo_CountryCode`).
    pub fips: Option<String>,
    /// CAMEO actor country codes that stand for this country (usually the alpha-3 code,
    /// sometimes a legacy one such as `ROM` for Romania).
    pub cameo: Vec<String>,
    /// Short name per language (`en`, `fr`, `ru`, `kk`).
    pub name: LangText,
    /// Official name per language, where ISO gives one.
    pub official_name: LangText,
    /// Other names seen in GDELT's and GeoNames' tables (`Russia`, `South Korea`).
    pub aliases: Vec<String>,
}

impl Country {
    /// The short name in `lang`, falling back to English.
    pub fn name_in(&self, lang: &str) -> &str {
        self.name.best(lang)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name.best("en"), self.alpha3)
    }
}

/// Why a country query did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountryError {
    #[error("no country given")]
    Empty,
    #[error("unknown country \"{query}\"{}", suggestion_text(.suggestions))]
    Unknown { query: String, suggestions: Vec<String> },
    #[error("\"{query}\" may mean {}; use a code", .candidates.join(" or "))]
    Ambiguous { query: String, candidates: Vec<String> },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() { String::new() } else { format!("; did you mean {}?", suggestions.join(", ")) }
}

/// Every country, with indexes by code and by folded name.
pub struct CountryTable {
    countries: Vec<Country>,
    by_alpha2: HashMap<String, usize>,
    by_alpha3: HashMap<String, usize>,
    by_numeric: HashMap<String, usize>,
    by_cameo: HashMap<String, usize>,
    by_fips: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

static BUNDLED: LazyLock<CountryTable> = LazyLock::new(|| {
    CountryTable::from_sources(ISO_CSV, CAMEO_CSV, GEONAMES_TSV).expect("the bundled country tables parse (tested)")
});

impl CountryTable {
    /// The table compiled into entente.
    pub fn bundled() -> &'static CountryTable {
        &BUNDLED
    }

    /// Builds the table from the three source files' contents.
    pub fn from_sources(iso_csv: &str, cameo_csv: &str, geonames_tsv: &str) -> Result<Self, String> {
        let mut countries = Vec::new();
        let mut reader = csv::Reader::from_reader(iso_csv.as_bytes());
        let headers = reader.headers().map_err(|e| e.to_string())?.clone();
        let col = |name: &str| headers.iter().position(|h| h == name).ok_or(format!("ISO table lacks column {name}"));
        let (a2, a3, num, fips, cameo) =
            (col("alpha_2")?, col("alpha_3")?, col("numeric")?, col("fips_10_4")?, col("cameo_code")?);
        let name_cols =
            [("en", col("name_en")?), ("fr", col("name_fr")?), ("ru", col("name_ru")?), ("kk", col("name_kk")?)];
        let official_cols =
            [("en", col("official_name_en")?), ("fr", col("official_name_fr")?), ("ru", col("official_name_ru")?)];
        let common_en = col("common_name_en")?;
        for row in reader.records() {
            let row = row.map_err(|e| e.to_string())?;
            let get = |i: usize| row.get(i).unwrap_or("").trim().to_string();
            let pick = |cols: &[(&str, usize)]| {
                LangText(
                    cols.iter()
                        .filter(|(_, i)| !get(*i).is_empty())
                        .map(|(lang, i)| (lang.to_string(), get(*i)))
                        .collect(),
                )
            };
            let non_empty = |s: String| if s.is_empty() { None } else { Some(s) };
            countries.push(Country {
                alpha2: get(a2),
                alpha3: get(a3),
                numeric: get(num),
                fips: non_empty(get(fips)),
                cameo: non_empty(get(cameo)).into_iter().collect(),
                name: pick(&name_cols),
                official_name: pick(&official_cols),
                aliases: non_empty(get(common_en)).into_iter().collect(),
            });
        }
        let by_alpha3: HashMap<String, usize> =
            countries.iter().enumerate().map(|(i, c)| (c.alpha3.clone(), i)).collect();

        // CAMEO: legacy codes (ROM, MTN…) and GDELT's English labels.
        let mut reader = csv::Reader::from_reader(cameo_csv.as_bytes());
        for row in reader.records() {
            let row = row.map_err(|e| e.to_string())?;
            let (code, label, iso3) = (row.get(0).unwrap_or(""), row.get(1).unwrap_or(""), row.get(2).unwrap_or(""));
            let Some(&i) = by_alpha3.get(iso3) else {
                continue;
            };
            let c = &mut countries[i];
            if !c.cameo.iter().any(|x| x == code) {
                c.cameo.push(code.to_string());
            }
            // Only the country's own code carries its name; "Baghdad" or "Gaza Strip" do not.
            if code == iso3 || row.get(3) == Some("Y") {
                push_alias(c, label);
            }
        }
        // GeoNames' English names ("Ivory Coast", "Russia").
        for line in geonames_tsv.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let (Some(iso3), Some(name)) = (fields.get(1), fields.get(4))
                && let Some(&i) = by_alpha3.get(*iso3)
            {
                push_alias(&mut countries[i], name);
            }
        }

        let mut table = CountryTable {
            by_alpha2: countries.iter().enumerate().map(|(i, c)| (c.alpha2.clone(), i)).collect(),
            by_numeric: countries.iter().enumerate().map(|(i, c)| (c.numeric.clone(), i)).collect(),
            by_cameo: HashMap::new(),
            by_fips: HashMap::new(),
            by_name: HashMap::new(),
            by_alpha3,
            countries: Vec::new(),
        };
        for (i, c) in countries.iter().enumerate() {
            for code in &c.cameo {
                table.by_cameo.insert(code.clone(), i);
            }
            if let Some(f) = &c.fips {
                table.by_fips.insert(f.clone(), i);
            }
            let names =
                c.name.iter().chain(c.official_name.iter()).map(|(_, n)| n).chain(c.aliases.iter().map(String::as_str));
            for name in names {
                for variant in name_variants(name) {
                    let entry = table.by_name.entry(fold(&variant)).or_default();
                    if !entry.contains(&i) {
                        entry.push(i);
                    }
                }
            }
        }
        table.countries = countries;
        Ok(table)
    }

    /// Every country, in ISO alpha-2 order.
    pub fn all(&self) -> &[Country] {
        &self.countries
    }

    pub fn by_alpha3(&self, code: &str) -> Option<&Country> {
        self.by_alpha3.get(code).map(|&i| &self.countries[i])
    }

    /// The name of the country with alpha-3 `code` in `lang`, or the code itself when the
    /// table has no such country (a regional code in a data set, say).
    pub fn name_or_code(&self, code: &str, lang: &str) -> String {
        self.by_alpha3(code).map(|c| c.name_in(lang).to_string()).unwrap_or_else(|| code.to_string())
    }

    /// The country a CAMEO actor country code stands for (`FRA`, legacy `ROM`); regional
    /// codes such as `EUR` or `CAS` stand for none.
    pub fn by_cameo(&self, code: &str) -> Option<&Country> {
        self.by_cameo.get(code).map(|&i| &self.countries[i])
    }

    /// The country a FIPS 10-4 code stands for (GDELT's place codes: `FR`, `KZ`, `UK`).
    pub fn by_fips(&self, code: &str) -> Option<&Country> {
        self.by_fips.get(code).map(|&i| &self.countries[i])
    }

    /// Resolves any code or name, ignoring case and diacritics: `FRA`, `fr`, `250`,
    /// `France`, `Франция`, `Қазақстан`, `cameo:ROM`, `fips:UK`.
    ///
    /// Two letters are read as ISO alpha-2 (FIPS codes clash with them: `GM` is Gambia in
    /// ISO and Germany in FIPS), so FIPS needs the `fips:` prefix.
    pub fn resolve(&self, query: &str) -> Result<&Country, CountryError> {
        let q = query.trim();
        if q.is_empty() {
            return Err(CountryError::Empty);
        }
        let unknown = || CountryError::Unknown { query: q.to_string(), suggestions: self.suggest(q) };
        let lower = q.to_ascii_lowercase();
        if let Some(code) = lower.strip_prefix("fips:") {
            return self.by_fips(&code.trim().to_ascii_uppercase()).ok_or_else(unknown);
        }
        if let Some(code) = lower.strip_prefix("cameo:") {
            return self.by_cameo(&code.trim().to_ascii_uppercase()).ok_or_else(unknown);
        }
        let upper = q.to_ascii_uppercase();
        let found = if q.len() <= 3 && q.bytes().all(|b| b.is_ascii_digit()) {
            self.by_numeric.get(&format!("{:0>3}", q)).copied()
        } else if q.len() == 2 && q.bytes().all(|b| b.is_ascii_alphabetic()) {
            self.by_alpha2.get(&upper).copied()
        } else if q.len() == 3 && q.bytes().all(|b| b.is_ascii_alphabetic()) {
            self.by_alpha3.get(&upper).or_else(|| self.by_cameo.get(&upper)).copied()
        } else {
            None
        };
        if let Some(i) = found {
            return Ok(&self.countries[i]);
        }
        match self.by_name.get(&fold(q)).map(Vec::as_slice) {
            Some([i]) => Ok(&self.countries[*i]),
            Some(many) if !many.is_empty() => Err(CountryError::Ambiguous {
                query: q.to_string(),
                candidates: many.iter().map(|&i| self.countries[i].to_string()).collect(),
            }),
            _ => Err(unknown()),
        }
    }

    /// Up to three countries whose names are closest to `query`.
    pub fn suggest(&self, query: &str) -> Vec<String> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (name, idx) in &self.by_name {
            let mut score = strsim::normalized_damerau_levenshtein(&q, name);
            if name.starts_with(&q) && q.chars().count() >= 3 {
                score = score.max(0.9);
            }
            for &i in idx {
                scored.push((score, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // Only names about as close as the best one: "Frnace" suggests France, not Finland.
        let floor = scored.first().map_or(1.0, |(best, _)| (best - 0.12).max(0.6));
        let mut out: Vec<usize> = Vec::new();
        for (score, i) in scored {
            if score < floor || out.len() == 3 {
                break;
            }
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.into_iter().map(|i| self.countries[i].to_string()).collect()
    }
}

fn push_alias(c: &mut Country, name: &str) {
    let name = name.trim();
    let known =
        c.name.iter().chain(c.official_name.iter()).any(|(_, n)| n == name) || c.aliases.iter().any(|a| a == name);
    if !name.is_empty() && !known {
        c.aliases.push(name.to_string());
    }
}

/// A name as written, plus its natural order when ISO inverts it: "Korea, Republic of"
/// is also "Republic of Korea", "Russie, Fédération de" also "Fédération de Russie".
fn name_variants(name: &str) -> Vec<String> {
    let mut v = vec![name.to_string()];
    if let Some((head, tail)) = name.split_once(", ") {
        let tail = tail.trim();
        let sep = if tail.ends_with('\'') { "" } else { " " };
        v.push(format!("{tail}{sep}{head}"));
    }
    // "Holy See (Vatican City State)" is also "Holy See".
    if let Some((head, _)) = name.split_once(" (")
        && name.ends_with(')')
    {
        v.push(head.trim().to_string());
    }
    // "The Democratic Republic of the Congo" (from "Congo, The Democratic Republic of the")
    // is also without its article.
    let without_article: Vec<String> = v.iter().filter_map(|n| n.strip_prefix("The ").map(String::from)).collect();
    v.extend(without_article);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> &'static CountryTable {
        CountryTable::bundled()
    }

    #[test]
    fn has_all_249_with_codes() {
        assert_eq!(t().all().len(), 249);
        for c in t().all() {
            assert_eq!(c.alpha2.len(), 2, "{c:?}");
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert_eq!(c.numeric.len(), 3, "{c:?}");
            for lang in ["en", "fr", "ru", "kk"] {
                assert!(c.name.get(lang).is_some(), "{} lacks a {lang} name", c.alpha3);
            }
        }
        let kaz = t().by_alpha3("KAZ").unwrap();
        assert_eq!(kaz.fips.as_deref(), Some("KZ"));
        assert_eq!(kaz.cameo, ["KAZ"]);
        assert_eq!(kaz.name.get("kk"), Some("Қазақстан"));
    }

    #[test]
    fn resolves_the_issue_examples() {
        for q in ["FRA", "fr", "250", "France", "Франция", " france ", "FRANCE", "République française"] {
            assert_eq!(t().resolve(q).unwrap().alpha3, "FRA", "{q}");
        }
        for q in ["KAZ", "kz", "398", "Kazakhstan", "Казахстан", "Қазақстан", "казахстан", "Republic of Kazakhstan"]
        {
            assert_eq!(t().resolve(q).unwrap().alpha3, "KAZ", "{q}");
        }
    }

    #[test]
    fn resolves_aliases_inverted_names_and_gdelt_codes() {
        assert_eq!(t().resolve("Russia").unwrap().alpha3, "RUS");
        assert_eq!(t().resolve("South Korea").unwrap().alpha3, "KOR");
        assert_eq!(t().resolve("Republic of Korea").unwrap().alpha3, "KOR");
        assert_eq!(t().resolve("Fédération de Russie").unwrap().alpha3, "RUS");
        assert_eq!(t().resolve("Cote d'Ivoire").unwrap().alpha3, "CIV");
        assert_eq!(t().resolve("Turkey").unwrap().alpha3, "TUR");
        assert_eq!(t().resolve("Holy See").unwrap().alpha3, "VAT");
        assert_eq!(t().resolve("Türkiye").unwrap().alpha3, "TUR");
        assert_eq!(t().resolve("cameo:ROM").unwrap().alpha3, "ROU");
        assert_eq!(t().resolve("ROM").unwrap().alpha3, "ROU");
        assert_eq!(t().resolve("fips:GM").unwrap().alpha3, "DEU");
        assert_eq!(t().resolve("GM").unwrap().alpha3, "GMB");
        assert_eq!(t().by_fips("UK").unwrap().alpha3, "GBR");
        assert_eq!(t().by_cameo("MTN").unwrap().alpha3, "MNE");
        assert!(t().by_cameo("EUR").is_none());
        assert_eq!(t().resolve("8").unwrap().alpha3, "ALB");
    }

    #[test]
    fn unknown_names_get_close_suggestions() {
        let err = t().resolve("Kazakstan").unwrap_err();
        let CountryError::Unknown { suggestions, .. } = &err else { panic!("{err:?}") };
        assert_eq!(suggestions.first().map(String::as_str), Some("Kazakhstan (KAZ)"));
        assert!(err.to_string().contains("did you mean Kazakhstan (KAZ)"), "{err}");
        let err = t().resolve("Frnace").unwrap_err();
        assert!(err.to_string().contains("France (FRA)"), "{err}");
        assert!(matches!(t().resolve("  "), Err(CountryError::Empty)));
        assert!(t().resolve("QQQ").is_err());
        assert!(t().resolve("fips:").is_err());
    }

    #[test]
    fn every_country_resolves_by_each_of_its_four_names_or_says_why() {
        for c in t().all() {
            for (lang, name) in c.name.iter() {
                match t().resolve(name) {
                    Ok(found) => assert_eq!(found.alpha3, c.alpha3, "{lang} name {name}"),
                    Err(CountryError::Ambiguous { candidates, .. }) => {
                        assert!(candidates.contains(&c.to_string()), "{name}: {candidates:?}")
                    }
                    Err(e) => panic!("{} {lang} name {name}: {e}", c.alpha3),
                }
            }
        }
    }
}
