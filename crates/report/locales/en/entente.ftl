### entente's interface in English. Every message here exists in fr, ru and kk with the same
### arguments (crates/report/tests/i18n.rs checks it); see ../README.md to add one.
### English plural forms (CLDR): one (1), other.

## The language itself

language_name = English
unsupported_language = Language "{ $lang }" is not supported; the supported languages are { $supported }.
unsupported_language_title = Unsupported language

## The pages: shell, home, dyad page, record, sources, country

tagline = An open observatory of bilateral cultural diplomacy
dyads_with_data = Country pairs with data
event_count =
    { $n ->
        [one] { $n } event
       *[other] { $n } events
    }
event_noun =
    { $n ->
        [one] event
       *[other] events
    }
open_pair = Open a pair
country_a = First country
country_b = Second country
any_name = Any code or name, in English, French, Russian or Kazakh
show = Show
summary = Summary
timeline = Timeline
events_per_year = Events per year
records = Records
record_count =
    { $n ->
        [one] { $n } record
       *[other] { $n } records
    }
bibliography = Bibliography
date = Date
direction = Direction
kind = Kind
title = Title
status = Status
sources = Sources
domains = Domains
period = Period
mutual = mutual
unspecified = unspecified
internal = internal
external = external
third_country = third country
no_events = No events recorded for this pair yet.
json_twin = This page as JSON
sources_cited_noun =
    { $n ->
        [one] source cited
       *[other] sources cited
    }
data_footer = Data: curated records with their sources; country names from ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0) and GDELT's CAMEO tables.
home = Home
datasets = Datasets
gdelt_series = GDELT events between the two countries, by month
gdelt_not_imported = No GDELT events are imported. Run: entente import gdelt <files or folders>
gdelt_none_between = The imported GDELT events hold none between these two countries
gdelt_counts =
    { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $events ->
        [one] { $events } event
       *[other] { $events } events
    }
article_count =
    { $n ->
        [one] { $n } article
       *[other] { $n } articles
    }
tone = tone
indicators = Indicators
students = Students from one country in the other
shares = Share of outbound students and rank among destinations
agreement = Where two sources count the same flow
disagree = differ by more than 10%: compare the sources before using either
agree = agree within 10%
presence = Elcano Global Presence Index: soft presence
claims = Claims and the data
supported = supported
contradicted = contradicted
not_comparable = not comparable
no_data = no data
verdict_count_supported = { $n } supported
verdict_count_contradicted = { $n } contradicted
verdict_count_not_comparable = { $n } not comparable
verdict_count_no_data = { $n } with no data
evidence = Evidence
no_indicators = No indicators for this pair in the store.
sources_page = Sources
sources_intro = Every source the records cite, formatted in the chosen style, with the records citing it.
cited_by = Cited by
cited_by_count = cited by { $n ->
        [one] { $n } record
       *[other] { $n } records
    }
cites = Cites
partners = Partners
partners_intro = The countries that share events or student flows with this one, with the latest figure of every indicator that exists for them.
partner = Partner
shared_events = Shared events
soft_presence = Soft presence
outbound = students sent
inbound = students received
no_partners = No events or student flows involve this country in the store.
names = Names
codes = Codes
search = Search
search_records = Search the records
words = Words
clear = Clear
no_results = No record matches.
result_count =
    { $n ->
        [one] { $n } result
       *[other] { $n } results
    }
previous = Previous
next = Next
dataset = Dataset
origin = Origin
year = Year
domain = Domain
value = Value
citation_styles = Citation
pairs = Pairs
countries = Countries
api = API
api_intro = Everything on these pages is also served as JSON, and every table as CSV, under /api/v1. The OpenAPI document describes each route.
style = Citation style
not_found = Not found

## The comparison page.

compare_nav = Compare partners
compare_title = { $country }: partners compared
compare_form = Compare a country's partners
focus_country = Country
direction_in = Partner → { $code }: each partner's presence in this country
direction_out = { $code } → partner: this country's presence in each partner
dir_in_short = partner → country
dir_out_short = country → partner
other_direction = The other direction
universe =
    { $n ->
        [one] { $n } partner with data
       *[other] { $n } partners with data
    } in { $year }, { $m } ranked (coverage at least { $cov } %).
ranks_note = Ranks are taken among every partner with data; choosing partners or the best-ranked only selects the rows shown.
not_compared = No data in { $year } for: { $list } (not among the partners compared).
partners_param = Only these partners (codes or names, comma-separated)
top = Best-ranked only
ranking = Ranking
rank = Rank
index_score = Index
rank_interval = Rank, 5–95 %
median_rank = Median rank
coverage = Coverage
unranked = not ranked
rank_axis = Rank (1 = first); dot: median, bar: 5–95 % of the Monte Carlo draws
partners_ranked =
    { $n ->
        [one] { $n } partner ranked
       *[other] { $n } partners ranked
    }
chart_ranks = Ranks with their 5–95 % intervals
method = Method
method_text = Each partner's raw indicator values (below, with their sources) are normalised across the partners, weighted within their dimension and aggregated into the bilateral cultural cooperation index, as the configuration says. A partner is ranked when the indicators it has values for carry at least the minimum coverage of the index's weight; a missing value is left out of its score, never taken as zero unless the source covers the country. The Monte Carlo analysis draws the weights, the normalisation and the aggregation again and again: the 5–95 % interval of each rank shows how much it depends on those choices.
configuration = Configuration
normalisation = Normalisation
aggregation = Aggregation
min_coverage = Minimum coverage
draws = Monte Carlo draws
seed = Seed
effects = The choice of normalisation explains { $n } % of the rank shifts, that of aggregation { $a } %.
indicator = Indicator
dimension = Dimension
weight = Weight
with_values = Partners with a value
left_out = Left out of this comparison
left_out_none = Every indicator of the configuration is used.
sensitivity = Sensitivity
sensitivity_intro = The indicators that move the ranking most, most influential first: the correlation between an indicator's drawn weight and the ranks, and the mean shift of the ranks when it is removed.
weight_rank_correlation = Weight–rank correlation
removal_shift = Rank shift when removed
values_sources = Values and their sources
observed = observed
zero_by_rule = zero by rule
missing = missing
excluded = left out

## A dyad's index and diagnosis.

index_over_years = Index { $a } → { $b } over the years
index_intro = Each year, { $a } is scored among all partners of { $b } with data on the bilateral cultural cooperation index.
index_no_data = No data: the store holds no indicator of the index for this pair.
years_no_data = No data for these years:
beside = Beside other partners ({ $year })
references_paper = Reference partners as in the paper the bundled dataset follows (Kussainova & Kalibekova, 2021).
references_best = Reference partners: the best-ranked.
diagnostics = Diagnostics
diagnostics_intro = Findings of the rules { $rules } for { $a } → { $b } in { $year }: each rule tests one figure and says whether the data bear it out.
diagnosis_no_data = No data: neither the rules nor the sources have anything to say about this pair yet.
strengths = Strengths
weaknesses = Weaknesses
barriers = Barriers
prospects = Prospects
strength = strength
weakness = weakness
barrier = barrier
prospect = prospect
status_supported = borne out
status_contradicted = not borne out
status_no_data = no data
judgements = The sources' judgements beside the data
no_judgements = No source in the store makes a judgement about this pair.
source_says = The source says
data_says = The data say
no_rule_on_topic = no rule on this topic
category = Category
topic = Topic
rule = Rule
why = Why
topic_education_ranking = education ranking
topic_distance_cost = distance and cost
topic_language = language
topic_brain_drain = brain drain
topic_student_mobility = student mobility
topic_institutions = institutions
topic_events = events
topic_agreements = agreements
topic_diplomatic_presence = diplomatic presence
topic_programmes = programmes
topic_diaspora = diaspora
topic_media = media
topic_general = general
review_page = Review queue
review_intro = Events the text coder found, waiting for a person. A candidate is not a record: accepted, it becomes a curated event citing its text; rejected, it stays here with the reason. Accept or reject with `entente review` or the API (POST /api/v1/candidates/{"{"}id{"}"}/accept or /reject, with the write token).
no_candidates = No candidates here. Code texts with `entente code FILES --store`.
state_pending = pending
state_accepted = accepted
state_rejected = rejected
state_all = all
confidence = Confidence
document = Document
candidate = Candidate
reason = Reason

## Reports (entente report)

report_subtitle = Cultural relations: a sourced report
generated_by = Generated by entente { $version }
reference_style = Reference style
language = Language
notes = Notes
measure = Measure
events_total = Events
sources_cited = Sources cited
claims_checked = Claims checked against the data
latest_students = Students { $label }, { $period } ({ $dataset })
gdelt_events_total = GDELT events { $label }
computed_events = Computed by entente from the { $n ->
        [one] { $n } event
       *[other] { $n } events
    } listed in the timeline; their sources:
computed_claims = Counted by entente from the { $n ->
        [one] { $n } claim
       *[other] { $n } claims
    } listed in the section on claims, each checked against the observations of other sources.
computed_change = Change from the previous value of the same series, change over the whole series and compound annual growth rate (CAGR), computed by entente from the values footnoted in the table.
computed_ratio = Ratio of the first source's value to the second's for the same flow and period, computed by entente from the values footnoted in the tables above; more than 10% away from 1 counts as a disagreement.
flows_figure = Drawn by entente from the values in the tables below; sources:
computed_share = Total, share and rank computed by entente from every destination this dataset lists for the origin ({ $basis }); source:
presence_row = the row for { $country }, { $variable }, { $year }
claims_reading = Reading and reasoning by entente, from the claim as recorded and the observations in the store, under its claims policy.
reading = As read by entente
no_claims = No claims about this pair in the store.
other_records = Programmes and actors
students_col = Students
outbound_total = All outbound students
share = Share
country = Country
variable = Variable
articles = Articles
total = Total
gdelt_source = GDELT files imported: { $files }; events stored: { $events }{ $dates }. Series by month computed by entente over the imported events (entente series).
comparison = Comparison
comparison_intro = Partners of { $b } compared on the bilateral cultural cooperation index in { $year }: { $n } with data, { $m } ranked. { $a } is set beside { $refs }.
differ_most = { $a } and { $r } differ most on
index_note = Computed by entente with the index configuration { $name } { $version } (SHA-256 { $sha }) from the indicator values footnoted in the table of values: { $norm } normalisation, { $agg } aggregation, a coverage of at least { $cov } % to be ranked; the ranks' 5–95 % intervals come from { $draws ->
        [one] { $draws } Monte Carlo draw
       *[other] { $draws } Monte Carlo draws
    } (seed { $seed }).
zero_rule_note = No record for this pair; { $dataset } reports on these countries, so the configuration's rule (absent = zero_if_covered) reads the absence as zero.
zero_events_note = No event of this kind is recorded for the pair, though other events between them are, so the configuration's rule (absent = zero_if_covered) reads it as zero.
records_note = Counted by entente from { $n ->
        [one] { $n } record
       *[other] { $n } records
    } in the store: { $ids }.
left_out_mark = left out
no_events_note = Counted by entente from the curated events of the pair in the store: none in this period.
gdelt_count_note = Counted by entente from the imported GDELT events between the two countries ({ $period }).
diagnose_index_note = Computed by entente from the comparison of the partners of { $b } under the index configuration { $name } { $version } (SHA-256 { $sha }).
rules_note = Findings of the rules { $name } { $version } (data/diagnose-rules.toml, SHA-256 { $sha }), applied by entente to the figures footnoted beside each finding.
# A quotation in running text (Markdown reports), with the language's quotation marks.
quoted = “{ $text }”
chart_timeline = Events by date and direction

## Evidence caveats
as_cited_caveat = as cited in the source only, not evidence for this record
context = context
context_caveat = belongs to the pair only by context; not counted as a bilateral event
context_events = context only
raw_in_file = the file gives
timeline_context_note = { $n } of them context only (not bilateral; hidden by --no-context)
