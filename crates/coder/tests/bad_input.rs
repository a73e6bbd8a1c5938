//! Bad input never panics: empty and blank text, a 50 MB single line, binary noise, odd
//! Unicode; offsets always slice the text on character boundaries.

use entente_coder::{Doc, Lang, Options, code, dedup, sentence};

fn check(text: &str) -> usize {
    let mut n = 0;
    for lang in [None, Some(Lang::En), Some(Lang::Fr), Some(Lang::Ru), Some(Lang::Kk)] {
        let opts = Options { lang, ..Options::default() };
        let events = code(&Doc::new("bad", text.to_string()), &opts);
        for e in &events {
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end) && e.start <= e.end);
            assert_eq!(&text[e.start..e.end], e.evidence);
        }
        n += dedup(events).len();
    }
    n
}

#[test]
fn empty_and_blank() {
    assert_eq!(check(""), 0);
    assert_eq!(check(" \n\t\r\n "), 0);
    assert_eq!(check("."), 0);
    assert_eq!(check("France Kazakhstan"), 0, "two countries and no event");
}

#[test]
fn noise_and_odd_unicode() {
    let bytes: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    check(&String::from_utf8_lossy(&bytes));
    check("İSTANBUL ẞ Ǆ ﬁ \u{0301}\u{0301} Қ\u{0301}азақстан France festival 2019. \u{feff}\u{200b} ... !!! ??? …");
    check("25 June 99999999999999999999 2019 31 February 2019 0 May 2019 festival France Kazakhstan");
    check(
        "513513513513513513513513513513 students France Kazakhstan exchange festival 1,000,000,000,000,000,000,000,000,000.5 students",
    );
    check(&"Мр. А. Б. В. Г. ".repeat(1000));
    check(&"\n\n- \n#\n".repeat(1000));
}

#[test]
fn fifty_megabytes_on_one_line() {
    let unit = "France and Kazakhstan held a cultural festival in Astana and the embassy supported it with grants ";
    let text = unit.repeat(50_000_000 / unit.len());
    let spans = sentence::split(&text, &Default::default());
    assert!(spans.iter().all(|&(a, b)| b - a <= sentence::MAX_SENTENCE));
    let events = code(&Doc::new("big", text.clone()), &Options::default());
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e.end - e.start <= 3 * sentence::MAX_SENTENCE + 2));
    let n = events.len();
    assert!(dedup(events).len() <= n);
}
