### L'interface d'entente en français. Chaque message existe aussi en en, ru et kk, avec les
### mêmes arguments (vérifié par crates/report/tests/i18n.rs) ; voir ../README.md.
### Pluriels (CLDR) : one (0 et 1 : « 0 événement, 1 événement »), other.

## The language itself

language_name = Français
unsupported_language = La langue « { $lang } » n’est pas prise en charge ; les langues prises en charge sont { $supported }.
unsupported_language_title = Langue non prise en charge

## The pages: shell, home, dyad page, record, sources, country

tagline = Observatoire ouvert de la diplomatie culturelle bilatérale
dyads_with_data = Paires de pays documentées
event_count =
    { $n ->
        [one] { $n } événement
       *[other] { $n } événements
    }
event_noun =
    { $n ->
        [one] événement
       *[other] événements
    }
open_pair = Ouvrir une paire
country_a = Premier pays
country_b = Second pays
any_name = Code ou nom, en anglais, français, russe ou kazakh
show = Afficher
summary = Résumé
timeline = Chronologie
events_per_year = Événements par an
records = Fiches
record_count =
    { $n ->
        [one] { $n } fiche
       *[other] { $n } fiches
    }
bibliography = Bibliographie
date = Date
direction = Direction
kind = Type
title = Titre
status = Statut
sources = Sources
domains = Domaines
period = Période
mutual = mutuel
unspecified = non précisé
internal = interne
external = externe
third_country = pays tiers
no_events = Aucun événement enregistré pour cette paire.
json_twin = Cette page en JSON
sources_cited_noun =
    { $n ->
        [one] source citée
       *[other] sources citées
    }
data_footer = Données : fiches sourcées ; noms de pays ISO 3166 (iso-codes, LGPL-2.1), GeoNames (CC BY 4.0) et tables CAMEO de GDELT.
home = Accueil
datasets = Jeux de données
gdelt_series = Événements GDELT entre les deux pays, par mois
gdelt_not_imported = Aucun événement GDELT importé. Lancez : entente import gdelt <fichiers ou dossiers>
gdelt_none_between = Les événements GDELT importés n'en contiennent aucun entre ces deux pays
gdelt_counts =
    { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }, { $events ->
        [one] { $events } événement
       *[other] { $events } événements
    }
article_count =
    { $n ->
        [one] { $n } article
       *[other] { $n } articles
    }
tone = tonalité
indicators = Indicateurs
students = Étudiants d'un pays dans l'autre
shares = Part des étudiants partis et rang parmi les destinations
agreement = Quand deux sources comptent le même flux
disagree = écart de plus de 10 % : comparer les sources avant d'utiliser l'une ou l'autre
agree = concordent à 10 % près
presence = Indice de présence mondiale Elcano : présence douce
claims = Affirmations et données
supported = confirmée
contradicted = contredite
not_comparable = non comparable
no_data = pas de données
verdict_count_supported =
    { $n ->
        [one] { $n } confirmée
       *[other] { $n } confirmées
    }
verdict_count_contradicted =
    { $n ->
        [one] { $n } contredite
       *[other] { $n } contredites
    }
verdict_count_not_comparable =
    { $n ->
        [one] { $n } non comparable
       *[other] { $n } non comparables
    }
verdict_count_no_data = { $n } sans données
evidence = Éléments
no_indicators = Aucun indicateur pour cette paire.
sources_page = Sources
sources_intro = Toutes les sources citées par les fiches, dans le style choisi, avec les fiches qui les citent.
cited_by = Cité par
cited_by_count = citée par { $n ->
        [one] { $n } fiche
       *[other] { $n } fiches
    }
cites = Cite
partners = Partenaires
partners_intro = Les pays qui partagent des événements ou des flux d'étudiants avec celui-ci, avec la dernière valeur de chaque indicateur disponible.
partner = Partenaire
shared_events = Événements communs
soft_presence = Présence douce
outbound = étudiants envoyés
inbound = étudiants accueillis
no_partners = Aucun événement ni flux d'étudiants ne concerne ce pays.
names = Noms
codes = Codes
search = Rechercher
search_records = Rechercher dans les fiches
words = Mots
clear = Effacer
no_results = Aucune fiche ne correspond.
result_count =
    { $n ->
        [one] { $n } résultat
       *[other] { $n } résultats
    }
previous = Précédent
next = Suivant
dataset = Jeu de données
origin = Origine
year = Année
domain = Domaine
value = Valeur
citation_styles = Citation
pairs = Paires
countries = Pays
api = API
api_intro = Tout le contenu de ces pages est aussi servi en JSON, et chaque tableau en CSV, sous /api/v1. Le document OpenAPI décrit chaque route.
style = Style de citation
not_found = Introuvable

## The comparison page.

compare_nav = Comparer les partenaires
compare_title = { $country } : comparaison des partenaires
compare_form = Comparer les partenaires d'un pays
focus_country = Pays
direction_in = Partenaire → { $code } : présence de chaque partenaire dans ce pays
direction_out = { $code } → partenaire : présence de ce pays chez chaque partenaire
dir_in_short = partenaire → pays
dir_out_short = pays → partenaire
other_direction = L'autre sens
universe =
    { $n ->
        [one] { $n } partenaire ayant des données
       *[other] { $n } partenaires ayant des données
    } en { $year }, { $m ->
        [one] { $m } classé
       *[other] { $m } classés
    } (couverture d'au moins { $cov } %).
ranks_note = Les rangs sont établis parmi tous les partenaires ayant des données ; choisir des partenaires ou les mieux classés ne fait que sélectionner les lignes affichées.
not_compared = Pas de données en { $year } pour : { $list } (absents des partenaires comparés).
partners_param = Seulement ces partenaires (codes ou noms, séparés par des virgules)
top = Seulement les mieux classés
ranking = Classement
rank = Rang
index_score = Indice
rank_interval = Rang, 5–95 %
median_rank = Rang médian
coverage = Couverture
unranked = non classé
rank_axis = Rang (1 = premier) ; point : médiane, barre : 5–95 % des tirages de Monte-Carlo
partners_ranked =
    { $n ->
        [one] { $n } partenaire classé
       *[other] { $n } partenaires classés
    }
chart_ranks = Rangs et leurs intervalles 5–95 %
method = Méthode
method_text = Les valeurs brutes des indicateurs de chaque partenaire (ci-dessous, avec leurs sources) sont normalisées entre partenaires, pondérées au sein de leur dimension et agrégées en un indice de coopération culturelle bilatérale, selon la configuration. Un partenaire est classé lorsque les indicateurs dont il a des valeurs portent au moins la couverture minimale du poids de l'indice ; une valeur manquante est écartée de son score, jamais comptée comme zéro, sauf si la source couvre le pays. L'analyse de Monte-Carlo tire au sort, encore et encore, les poids, la normalisation et l'agrégation : l'intervalle 5–95 % de chaque rang montre à quel point il dépend de ces choix.
configuration = Configuration
normalisation = Normalisation
aggregation = Agrégation
min_coverage = Couverture minimale
draws = Tirages de Monte-Carlo
seed = Graine
effects = Le choix de la normalisation explique { $n } % des variations de rang, celui de l'agrégation { $a } %.
indicator = Indicateur
dimension = Dimension
weight = Poids
with_values = Partenaires ayant une valeur
left_out = Écartés de cette comparaison
left_out_none = Tous les indicateurs de la configuration sont utilisés.
sensitivity = Sensibilité
sensitivity_intro = Les indicateurs qui font le plus bouger le classement, du plus influent au moins influent : corrélation entre le poids tiré d'un indicateur et les rangs, et déplacement moyen des rangs lorsqu'on le retire.
weight_rank_correlation = Corrélation poids–rang
removal_shift = Déplacement des rangs s'il est retiré
values_sources = Valeurs et leurs sources
observed = observée
zero_by_rule = zéro par règle
missing = manquante
excluded = écartée

## A dyad's index and diagnosis.

index_over_years = Indice { $a } → { $b } au fil des années
index_intro = Chaque année, le pays { $a } est évalué parmi tous les partenaires du pays { $b } ayant des données, sur l'indice de coopération culturelle bilatérale.
index_no_data = Pas de données : la base ne contient aucun indicateur de l'indice pour cette paire.
years_no_data = Pas de données pour ces années :
beside = Face à d'autres partenaires ({ $year })
references_paper = Partenaires de référence comme dans l'article que suit le jeu de données fourni (Kussainova & Kalibekova, 2021).
references_best = Partenaires de référence : les mieux classés.
diagnostics = Diagnostic
diagnostics_intro = Constats des règles { $rules } pour { $a } → { $b } en { $year } : chaque règle teste un chiffre et dit si les données le confirment.
diagnosis_no_data = Pas de données : ni les règles ni les sources n'ont encore rien à dire sur cette paire.
strengths = Points forts
weaknesses = Points faibles
barriers = Obstacles
prospects = Perspectives
strength = point fort
weakness = point faible
barrier = obstacle
prospect = perspective
status_supported = confirmé
status_contradicted = non confirmé
status_no_data = pas de données
judgements = Les jugements des sources face aux données
no_judgements = Aucune source de la base ne porte de jugement sur cette paire.
source_says = La source dit
data_says = Les données disent
no_rule_on_topic = aucune règle sur ce thème
category = Catégorie
topic = Thème
rule = Règle
why = Pourquoi
topic_education_ranking = classement de l'éducation
topic_distance_cost = distance et coût
topic_language = langue
topic_brain_drain = fuite des cerveaux
topic_student_mobility = mobilité étudiante
topic_institutions = institutions
topic_events = événements
topic_agreements = accords
topic_diplomatic_presence = présence diplomatique
topic_programmes = programmes
topic_diaspora = diaspora
topic_media = médias
topic_general = général
review_page = File de relecture
review_intro = Événements trouvés par le codeur de textes, en attente d'une relecture. Un candidat n'est pas une fiche : accepté, il devient un événement vérifié citant son texte ; rejeté, il reste ici avec la raison. Acceptez ou rejetez avec `entente review` ou l'API (POST /api/v1/candidates/{"{"}id{"}"}/accept ou /reject, avec le jeton d'écriture).
no_candidates = Aucun candidat ici. Codez des textes avec `entente code FICHIERS --store`.
state_pending = en attente
state_accepted = acceptés
state_rejected = rejetés
state_all = tous
confidence = Confiance
document = Document
candidate = Candidat
reason = Raison

## Reports (entente report)

report_subtitle = Relations culturelles : rapport sourcé
generated_by = Produit par entente { $version }
reference_style = Style des références
language = Langue
notes = Notes
measure = Mesure
events_total = Événements
sources_cited = Sources citées
claims_checked = Affirmations confrontées aux données
latest_students = Étudiants { $label }, { $period } ({ $dataset })
gdelt_events_total = Événements GDELT { $label }
computed_events =
    { $n ->
        [one] Calculé par entente à partir de { $n } événement de la chronologie ; sa source :
       *[other] Calculé par entente à partir des { $n } événements de la chronologie ; leurs sources :
    }
computed_claims =
    { $n ->
        [one] Compté par entente à partir de { $n } affirmation de la section consacrée aux affirmations, confrontée aux observations d'autres sources.
       *[other] Compté par entente à partir des { $n } affirmations de la section consacrée aux affirmations, chacune confrontée aux observations d'autres sources.
    }
computed_change = Variation par rapport à la valeur précédente de la même série, variation sur toute la série et taux de croissance annuel composé (TCAC), calculés par entente à partir des valeurs annotées du tableau.
computed_ratio = Rapport de la valeur de la première source à celle de la seconde pour le même flux et la même période, calculé par entente à partir des valeurs annotées des tableaux ci-dessus ; un écart de plus de 10 % à 1 compte comme un désaccord.
flows_figure = Tracé par entente à partir des valeurs des tableaux ci-dessous ; sources :
computed_share = Total, part et rang calculés par entente à partir de toutes les destinations que ce jeu de données indique pour le pays d'origine ({ $basis }) ; source :
presence_row = la ligne { $country }, { $variable }, { $year }
claims_reading = Lecture et raisonnement d'entente, à partir de l'affirmation telle qu'enregistrée et des observations de la base, selon sa politique de vérification.
reading = Lecture d'entente
no_claims = Aucune affirmation sur cette paire dans la base.
other_records = Programmes et acteurs
students_col = Étudiants
outbound_total = Total des étudiants partis
share = Part
country = Pays
variable = Variable
articles = Articles
total = Total
gdelt_source = Fichiers GDELT importés : { $files } ; événements stockés : { $events }{ $dates }. Série mensuelle calculée par entente sur les événements importés (entente series).
comparison = Comparaison
comparison_intro = Partenaires du pays { $b } comparés sur l'indice de coopération culturelle bilatérale en { $year } : { $n } ayant des données, { $m } classés. Le pays { $a } est placé à côté de : { $refs }.
differ_most = { $a } et { $r } diffèrent le plus sur
index_note = Calculé par entente avec la configuration d'indice { $name } { $version } (SHA-256 { $sha }) à partir des valeurs d'indicateurs annotées dans le tableau des valeurs : normalisation { $norm }, agrégation { $agg }, couverture d'au moins { $cov } % pour être classé ; les intervalles 5–95 % des rangs viennent de { $draws ->
        [one] { $draws } tirage
       *[other] { $draws } tirages
    } de Monte-Carlo (graine { $seed }).
zero_rule_note = Aucune fiche pour cette paire ; { $dataset } couvre ces pays, donc la règle de la configuration (absent = zero_if_covered) lit l'absence comme un zéro.
zero_events_note = Aucun événement de ce type n'est enregistré pour cette paire, alors que d'autres le sont, donc la règle de la configuration (absent = zero_if_covered) le lit comme un zéro.
records_note = Compté par entente à partir de { $n ->
        [one] { $n } fiche
       *[other] { $n } fiches
    } de la base : { $ids }.
left_out_mark = écarté
no_events_note = Compté par entente à partir des événements sourcés de la paire dans la base : aucun sur cette période.
gdelt_count_note = Compté par entente à partir des événements GDELT importés entre les deux pays ({ $period }).
diagnose_index_note = Calculé par entente à partir de la comparaison des partenaires du pays { $b } selon la configuration d'indice { $name } { $version } (SHA-256 { $sha }).
rules_note = Constats des règles { $name } { $version } (data/diagnose-rules.toml, SHA-256 { $sha }), appliquées par entente aux chiffres annotés à côté de chaque constat.
# A quotation in running text (Markdown reports), with the language's quotation marks.
quoted = « { $text } »
chart_timeline = Événements par date et par direction

## Evidence caveats
as_cited_caveat = seulement tel que la source le cite, pas une preuve de cette fiche
context = contexte
context_caveat = liée à la paire par le seul contexte ; non comptée comme événement bilatéral
context_events = contexte seulement
raw_in_file = le fichier donne
timeline_context_note = dont { $n } de contexte seulement (non bilatéraux ; masqués par --no-context)
