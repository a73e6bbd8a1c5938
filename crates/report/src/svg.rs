//! Charts drawn by entente as SVG: no script, hover titles on every mark, text escaped
//! by the template engine.

use std::collections::BTreeMap;

use entente_analytics::indicators::Flow;
use entente_analytics::{Series, Timeline};
use entente_model::dyad::Direction;
use maud::{Markup, html};

use crate::i18n::{tr, tr_args};

/// The colour of a direction, shared by every chart and legend.
pub fn direction_colour(d: Direction) -> &'static str {
    match d {
        Direction::AToB => "#1f6fb4",
        Direction::BToA => "#d95f02",
        Direction::Mutual => "#1b9e77",
        Direction::Unspecified => "#7a7a7a",
    }
}

const DIRECTIONS: [Direction; 4] = [Direction::AToB, Direction::Mutual, Direction::Unspecified, Direction::BToA];

fn lane_label(d: Direction, t: &Timeline, lang: &str) -> String {
    match d {
        Direction::AToB | Direction::BToA => d.label(&t.dyad),
        Direction::Mutual => tr(lang, "mutual").to_string(),
        Direction::Unspecified => tr(lang, "unspecified").to_string(),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The dyad's events as rows in date order, each marked in the lane of its direction.
/// Rows link to `#<id>` anchors of the page that holds the chart.
pub fn timeline(t: &Timeline, lang: &str) -> Markup {
    const ROW: i32 = 26;
    const TOP: i32 = 44;
    const DATE_W: i32 = 150;
    const LANE_W: i32 = 84;
    let lanes_x = DATE_W + 10;
    let text_x = lanes_x + LANE_W * 4 + 12;
    let width = 1060;
    let height = TOP + ROW * t.entries.len().max(1) as i32 + 12;
    let lane_centre = |d: Direction| {
        let i = DIRECTIONS.iter().position(|x| *x == d).unwrap_or(0) as i32;
        lanes_x + LANE_W * i + LANE_W / 2
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(tr(lang, "timeline")) {
            title { (tr(lang, "timeline")) ": " (t.names[0]) " – " (t.names[1]) }
            style { "text{font:12px system-ui,sans-serif;fill:#222}.lane{font-size:11px;fill:#555}.context text{fill:#777;font-style:italic}a:hover text{text-decoration:underline}" }
            @for d in DIRECTIONS {
                line x1=(lane_centre(d)) y1=(TOP - 8) x2=(lane_centre(d)) y2=(height - 8) stroke="#ddd" stroke-width="1" {}
                text.lane x=(lane_centre(d)) y="16" text-anchor="middle" { (lane_label(d, t, lang)) }
                circle cx=(lane_centre(d)) cy="30" r="5" fill=(direction_colour(d)) {}
            }
            @if t.entries.is_empty() {
                text x=(text_x) y=(TOP + 16) { (tr(lang, "no_events")) }
            }
            @for (i, e) in t.entries.iter().enumerate() {
                @let y = TOP + ROW * i as i32 + ROW / 2;
                @let colour = direction_colour(e.direction);
                @let hollow = e.status == "cancelled" || e.status == "planned" || e.status == "postponed";
                @let dashed = e.status == "online" || e.status == "partly_online";
                @let date = match (&e.period, &e.end) {
                    (Some(p), _) => p.clone(),
                    (None, Some(end)) => format!("{} – {}", e.date, end),
                    (None, None) => e.date.clone(),
                };
                // An event there by context only is drawn faint and says so: it is not bilateral.
                a href={"#" (e.id)} class=[e.context.then_some("context")] {
                    title { (date) " · " (e.title) " · " (e.direction_label) " · " (e.kind) " · " (e.status)
                        @if e.context { " · " (tr(lang, "context_caveat")) } }
                    @if i % 2 == 0 {
                        rect x="0" y=(y - ROW / 2) width=(width) height=(ROW) fill="#f7f7f7" {}
                    }
                    text x=(DATE_W) y=(y + 4) text-anchor="end" { (date) }
                    circle cx=(lane_centre(e.direction)) cy=(y) r="7"
                        fill=(if hollow { "#fff" } else { colour }) stroke=(colour) stroke-width="2"
                        stroke-dasharray=[dashed.then_some("3 2")] opacity=[e.context.then_some("0.4")] {}
                    text x=(text_x) y=(y + 4) { (truncate(&e.title, 95)) @if e.context { " (" (tr(lang, "context")) ")" } }
                }
            }
        }
    }
}

/// Events per year, stacked by direction. Years without events are left out; a gap
/// between shown years is marked with "…".
pub fn per_year(t: &Timeline, lang: &str) -> Markup {
    let mut years: BTreeMap<i32, BTreeMap<usize, usize>> = BTreeMap::new();
    // Bilateral events only: one there by context is not counted as the pair's.
    for e in t.entries.iter().filter(|e| !e.context) {
        let year: i32 = e.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let lane = DIRECTIONS.iter().position(|d| *d == e.direction).unwrap_or(0);
        *years.entry(year).or_default().entry(lane).or_default() += 1;
    }
    let max = years.values().map(|m| m.values().sum::<usize>()).max().unwrap_or(1).max(1);
    const BAR: i32 = 30;
    const GAP: i32 = 14;
    const PLOT_H: i32 = 160;
    const TOP: i32 = 20;
    let mut x = 40;
    let mut bars: Vec<(i32, i32, &BTreeMap<usize, usize>, bool)> = Vec::new();
    let mut last: Option<i32> = None;
    for (year, counts) in &years {
        let gap = last.is_some_and(|l| *year > l + 1);
        if gap {
            x += GAP;
        }
        bars.push((x, *year, counts, gap));
        x += BAR + 6;
        last = Some(*year);
    }
    let width = (x + 20).max(320);
    let height = TOP + PLOT_H + 40;
    let scale = |n: usize| (n as i32 * PLOT_H) / max as i32;
    // Stacked segments, bottom up: (x, y, height, colour, hover title).
    let mut segments: Vec<(i32, i32, i32, &str, String)> = Vec::new();
    for (bx, year, counts, _) in &bars {
        let mut base = TOP + PLOT_H;
        for (lane, n) in counts.iter() {
            let h = scale(*n);
            let d = DIRECTIONS[*lane];
            let events = tr_args(lang, "event_count", &[("n", (*n).into())]);
            let hover = format!("{year}: {events} ({})", lane_label(d, t, lang));
            segments.push((*bx, base - h, h, direction_colour(d), hover));
            base -= h;
        }
    }
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart per-year" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(tr(lang, "events_per_year")) {
            title { (tr(lang, "events_per_year")) }
            style { "text{font:11px system-ui,sans-serif;fill:#333}" }
            line x1="34" y1=(TOP + PLOT_H) x2=(width - 10) y2=(TOP + PLOT_H) stroke="#999" {}
            text x="30" y=(TOP + 4) text-anchor="end" { (max) }
            text x="30" y=(TOP + PLOT_H) text-anchor="end" { "0" }
            @for (sx, sy, h, colour, hover) in &segments {
                rect x=(sx) y=(sy) width=(BAR) height=(h) fill=(colour) { title { (hover) } }
            }
            @for (bx, year, _, gap) in &bars {
                @if *gap {
                    text x=(bx - GAP / 2 - 3) y=(TOP + PLOT_H + 14) text-anchor="middle" { "…" }
                }
                text x=(bx + BAR / 2) y=(TOP + PLOT_H + 14) text-anchor="middle" { (year) }
            }
        }
    }
}

/// A plotted point: x, y and its hover title.
type Point = (i32, i32, String);

/// The GDELT series as two lines, one per direction: events per period, with a hover title
/// on every point giving events, articles, mean Goldstein and tone.
pub fn series(s: &Series, lang: &str) -> Markup {
    let mut periods: Vec<&str> = s.rows.iter().map(|r| r.period.as_str()).collect();
    periods.dedup();
    const LEFT: i32 = 44;
    const TOP: i32 = 24;
    const PLOT_H: i32 = 180;
    let step = if periods.len() > 60 {
        8
    } else if periods.len() > 24 {
        14
    } else {
        40
    };
    let width = (LEFT + step * periods.len().max(1) as i32 + 40).max(360);
    let height = TOP + PLOT_H + 46;
    let max = s.rows.iter().map(|r| r.events).max().unwrap_or(0).max(1);
    let x = |i: usize| LEFT + 10 + step * i as i32;
    let y = |n: i64| TOP + PLOT_H - ((n * i64::from(PLOT_H)) / max) as i32;
    let label_every = (periods.len() / 12).max(1);
    let lines: Vec<(Direction, String, Vec<Point>)> = [Direction::AToB, Direction::BToA]
        .into_iter()
        .map(|d| {
            let points: Vec<Point> = s
                .rows
                .iter()
                .filter(|r| r.direction == d)
                .filter_map(|r| {
                    let i = periods.iter().position(|p| *p == r.period)?;
                    let mut hover = format!(
                        "{} {}: {}, {}",
                        r.period,
                        r.direction_label,
                        tr_args(lang, "event_count", &[("n", r.events.into())]),
                        tr_args(lang, "article_count", &[("n", r.articles.into())]),
                    );
                    if let Some(g) = r.goldstein_mean {
                        hover.push_str(&format!(", Goldstein {g:.2}"));
                    }
                    if let Some(t) = r.tone_mean {
                        hover.push_str(&format!(", {} {t:.2}", tr(lang, "tone")));
                    }
                    Some((x(i), y(r.events), hover))
                })
                .collect();
            let path = points.iter().map(|(px, py, _)| format!("{px},{py}")).collect::<Vec<_>>().join(" ");
            (d, path, points)
        })
        .collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart series" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} role="img" aria-label="GDELT" {
            title { "GDELT: " (s.dyad.a) " – " (s.dyad.b) }
            style { "text{font:11px system-ui,sans-serif;fill:#333}" }
            line x1=(LEFT) y1=(TOP + PLOT_H) x2=(width - 10) y2=(TOP + PLOT_H) stroke="#999" {}
            line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + PLOT_H) stroke="#999" {}
            text x=(LEFT - 4) y=(TOP + 4) text-anchor="end" { (max) }
            text x=(LEFT - 4) y=(TOP + PLOT_H) text-anchor="end" { "0" }
            @for (i, p) in periods.iter().enumerate() {
                @if i % label_every == 0 {
                    text x=(x(i)) y=(TOP + PLOT_H + 14) text-anchor="middle" { (p) }
                }
            }
            @for (d, path, points) in &lines {
                polyline points=(path) fill="none" stroke=(direction_colour(*d)) stroke-width="2" {}
                @for (px, py, hover) in points {
                    circle cx=(px) cy=(py) r="4" fill=(direction_colour(*d)) { title { (hover) } }
                }
            }
            @for (i, d) in [Direction::AToB, Direction::BToA].into_iter().enumerate() {
                rect x=(LEFT + 10 + 120 * i as i32) y=(height - 16) width="10" height="10" fill=(direction_colour(d)) {}
                text x=(LEFT + 24 + 120 * i as i32) y=(height - 7) { (d.label(&s.dyad)) }
            }
        }
    }
}

/// Colours for the lines of a flows chart, one per flow.
const FLOW_COLOURS: [&str; 6] = ["#1f6fb4", "#d95f02", "#7570b3", "#1b9e77", "#e7298a", "#66a61e"];

/// Student flows as lines over the years, one per flow (direction and dataset), with a hover
/// title on every point.
pub fn flows(flows: &[Flow], lang: &str) -> Markup {
    let drawable: Vec<&Flow> = flows.iter().filter(|f| !f.points.is_empty()).collect();
    let years: Vec<i32> = {
        let mut y: Vec<i32> = drawable
            .iter()
            .flat_map(|f| f.points.iter().filter_map(|p| p.period.get(..4).and_then(|y| y.parse().ok())))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return html! {};
    };
    const LEFT: i32 = 56;
    const TOP: i32 = 16;
    const PLOT_H: i32 = 170;
    let span = (last - first).max(1);
    let step = (760 / span).clamp(14, 60);
    let width = LEFT + step * span + 40;
    let height = TOP + PLOT_H + 34 + 18 * drawable.len() as i32;
    let max = drawable.iter().flat_map(|f| f.points.iter().map(|p| p.value)).fold(1.0_f64, f64::max);
    let x = |y: i32| LEFT + step * (y - first);
    let y = |v: f64| TOP + PLOT_H - ((v / max) * f64::from(PLOT_H)) as i32;
    let lines: Vec<(&str, String, Vec<Point>, String)> = drawable
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let colour = FLOW_COLOURS[i % FLOW_COLOURS.len()];
            let pts: Vec<Point> = f
                .points
                .iter()
                .filter_map(|p| {
                    let year: i32 = p.period.get(..4)?.parse().ok()?;
                    let hover = format!(
                        "{} {}: {} ({})",
                        f.label,
                        p.period,
                        entente_model::record::format_number(p.value),
                        f.dataset
                    );
                    Some((x(year), y(p.value), hover))
                })
                .collect();
            let path = pts.iter().map(|(px, py, _)| format!("{px},{py}")).collect::<Vec<_>>().join(" ");
            (colour, path, pts, format!("{} · {} · {}", f.label, f.indicator, f.dataset))
        })
        .collect();
    let label_every = ((span / 10) + 1).max(1);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart flows" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(tr(lang, "students")) {
            title { (tr(lang, "students")) }
            style { "text{font:11px system-ui,sans-serif;fill:#333}" }
            line x1=(LEFT) y1=(TOP + PLOT_H) x2=(width - 10) y2=(TOP + PLOT_H) stroke="#999" {}
            line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + PLOT_H) stroke="#999" {}
            text x=(LEFT - 4) y=(TOP + 4) text-anchor="end" { (entente_model::record::format_number(max.round())) }
            text x=(LEFT - 4) y=(TOP + PLOT_H) text-anchor="end" { "0" }
            @for yr in (first..=last).filter(|yr| (yr - first) % label_every == 0) {
                text x=(x(yr)) y=(TOP + PLOT_H + 14) text-anchor="middle" { (yr) }
            }
            @for (colour, path, pts, _) in &lines {
                polyline points=(path) fill="none" stroke=(colour) stroke-width="2" {}
                @for (px, py, hover) in pts {
                    circle cx=(px) cy=(py) r="3.5" fill=(colour) { title { (hover) } }
                }
            }
            @for (i, (colour, _, _, legend)) in lines.iter().enumerate() {
                rect x=(LEFT) y=(TOP + PLOT_H + 26 + 18 * i as i32) width="10" height="10" fill=(colour) {}
                text x=(LEFT + 16) y=(TOP + PLOT_H + 35 + 18 * i as i32) { (legend) }
            }
        }
    }
}

/// One row of a rank chart: a partner (or a year) with its rank's median and 5–95 % interval.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    pub label: String,
    /// Where the row's label links to, if anywhere.
    pub href: Option<String>,
    /// The rank under the configuration's own choices.
    pub rank: Option<usize>,
    pub median: f64,
    pub p05: f64,
    pub p95: f64,
    /// Among how many the rank is taken.
    pub of: usize,
    /// Drawn in the accent colour (the dyad's own country among its peers).
    pub highlight: bool,
}

/// Ranks with their Monte Carlo intervals, one row each: a bar from the 5th to the 95th
/// percentile and a dot at the median, rank 1 on the left. Rows without a rank are left out
/// by the caller; every mark has a hover title.
pub fn ranks(rows: &[RankRow], title: &str, lang: &str) -> Markup {
    const ROW: i32 = 24;
    const TOP: i32 = 30;
    const LABEL_W: i32 = 190;
    const PLOT_W: i32 = 560;
    let width = LABEL_W + PLOT_W + 30;
    let height = TOP + ROW * rows.len().max(1) as i32 + 34;
    let max = rows.iter().map(|r| r.of.max(r.p95.ceil() as usize)).max().unwrap_or(1).max(2);
    let x = |rank: f64| LABEL_W + 10 + (((rank - 1.0) / (max as f64 - 1.0)) * f64::from(PLOT_W - 20)).round() as i32;
    let step = match max {
        0..=12 => 1,
        13..=30 => 5,
        31..=80 => 10,
        _ => 25,
    };
    let ticks: Vec<usize> = std::iter::once(1).chain((step..=max).step_by(step).filter(|t| *t > 1)).collect::<Vec<_>>();
    let bottom = TOP + ROW * rows.len().max(1) as i32;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart ranks" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(title) {
            title { (title) }
            style { "text{font:12px system-ui,sans-serif;fill:#222}.axis{font-size:11px;fill:#555}.hl{font-weight:700}a:hover text{text-decoration:underline}" }
            text.axis x=(LABEL_W + 10) y="14" { (tr(lang, "rank_axis")) }
            @for t in &ticks {
                line x1=(x(*t as f64)) y1=(TOP - 6) x2=(x(*t as f64)) y2=(bottom) stroke="#e4e4e4" stroke-width="1" {}
                text.axis x=(x(*t as f64)) y=(bottom + 14) text-anchor="middle" { (t) }
            }
            @if rows.is_empty() {
                text x=(LABEL_W + 10) y=(TOP + 16) { (tr(lang, "no_data")) }
            }
            @for (i, r) in rows.iter().enumerate() {
                @let y = TOP + ROW * i as i32 + ROW / 2;
                @let colour = if r.highlight { "#d95f02" } else { "#1f6fb4" };
                @let hover = format!(
                    "{}: {} {} · {} {} · 5–95 %: {}–{} · {}",
                    r.label,
                    tr(lang, "rank"),
                    r.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
                    tr(lang, "median_rank"),
                    format_rank(r.median),
                    format_rank(r.p05),
                    format_rank(r.p95),
                    tr_args(lang, "partners_ranked", &[("n", r.of.into())]),
                );
                g {
                    title { (hover) }
                    @if i % 2 == 0 {
                        rect x="0" y=(y - ROW / 2) width=(width) height=(ROW) fill="#f7f7f7" {}
                    }
                    @match &r.href {
                        Some(href) => {
                            a href=(href) {
                                text.hl[r.highlight] x=(LABEL_W) y=(y + 4) text-anchor="end" { (truncate(&r.label, 26)) }
                            }
                        }
                        None => { text.hl[r.highlight] x=(LABEL_W) y=(y + 4) text-anchor="end" { (truncate(&r.label, 26)) } }
                    }
                    rect x=(x(r.p05)) y=(y - 4) width=((x(r.p95) - x(r.p05)).max(2)) height="8" rx="3"
                        fill=(colour) fill-opacity="0.35" {}
                    circle cx=(x(r.median)) cy=(y) r="5.5" fill=(colour) {}
                }
            }
        }
    }
}

/// A rank or percentile as printed: whole numbers without decimals.
fn format_rank(v: f64) -> String {
    entente_model::record::format_number((v * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_cite::Style;
    use entente_model::Dyad;
    use entente_store::{EventFilter, Store};

    fn fra_kaz() -> Timeline {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        entente_analytics::timeline(&store, &Dyad::new("FRA", "KAZ"), &EventFilter::default(), "en", Style::Apa)
            .unwrap()
    }

    #[test]
    fn context_events_are_drawn_apart_and_left_out_of_the_yearly_counts() {
        let t = fra_kaz();
        let context = t.entries.iter().filter(|e| e.context).count();
        assert!(context > 0 && context < t.entries.len(), "{context} of {}", t.entries.len());
        let svg = timeline(&t, "en").into_string();
        assert_eq!(svg.matches("<a href=\"#").count(), t.entries.len());
        assert_eq!(svg.matches("class=\"context\"").count(), context, "{svg}");
        assert_eq!(svg.matches("not counted as a bilateral event").count(), context);
        // 1883 is a year of context only: the bars count bilateral events, so it has none.
        assert!(t.entries.iter().any(|e| e.context && e.date.starts_with("1883")));
        let bars = per_year(&t, "en").into_string();
        assert!(!bars.contains("1883"), "{bars}");
        // Each bar segment's title says "YEAR: N events (lane)"; together they count the
        // bilateral events, each once.
        let counted: usize = bars
            .split("<rect")
            .filter_map(|r| r.split_once("<title>")?.1.split_once(": ")?.1.split(' ').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(counted, t.entries.len() - context, "{bars}");
    }
}
