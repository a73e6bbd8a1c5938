#!/usr/bin/env python3
"""Builds gold.jsonl from the annotation table below. Every local passage is cut out of its
source by locator (so it is verbatim by construction); check.py re-verifies it independently."""
import csv, gzip, hashlib, json, os

SH = '/work/shared'
SEED = f'{SH}/seed/000_978b51fb5a843068.txt'
PUD = f'{SH}/data/news_text/ud_pud_parallel/pud_parallel_en_fr_ru.tsv'
KTB = f'{SH}/data/news_text/ud_pud_parallel/kk_ktb-ud-test.conllu.gz'
KNERD = f'{SH}/data/news_text/kaznerd/IOB2_{{}}.txt.gz'
UNG = f'{SH}/data/news_text/ungdc_speeches_KAZ_FRA/'
LIC = {
    'seed': 'article of Bulletin of L.N. Gumilyov ENU (doi:10.32523/2616-6887/2021-134-1-16-22); journal licence not verified here - short quotation for identification, as dataset/fra-kaz/dataset.toml does',
    'pud': 'CC BY-SA 3.0 (UD PUD treebanks)',
    'ktb': 'CC BY-SA 4.0 (UD Kazakh-KTB)',
    'kaznerd': 'CC BY 4.0 (IS2AI/KazNERD, per shared data/SOURCES.md section 7)',
    'ungdc': 'CC0 1.0 (UN General Debate Corpus, Jankin, Baturo & Dasandi, doi:10.7910/DVN/0TJX8Y)',
    'wiki': 'CC BY-SA 4.0 (Wikipedia text, read through a mirror; attribution: Wikipedia contributors)',
}

def ev(countries, kind, domains, date=None, status='held'):
    return {'countries': sorted(countries), 'kind': kind, 'domains': domains, 'date': date, 'status': status}

def seed_line(n):
    return open(SEED, encoding='utf-8').read().split('\n')[n - 1]

def seed_span(first, last):
    return '\n'.join(open(SEED, encoding='utf-8').read().split('\n')[first - 1:last])

def pud():
    return {r['sent_id']: r for r in csv.DictReader(open(PUD, encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE)}

def kaznerd(split):
    sents, cur = [], []
    for line in gzip.open(KNERD.format(split), 'rt', encoding='utf-8'):
        if not line.strip():
            if cur: sents.append(' '.join(cur)); cur = []
            continue
        cur.append(line.split()[0])
    if cur: sents.append(' '.join(cur))
    return sents

def ktb():
    out, sid = {}, None
    for line in gzip.open(KTB, 'rt', encoding='utf-8'):
        if line.startswith('# sent_id'): sid = line.split('=', 1)[1].strip()
        elif line.startswith('# text'): out[sid] = line.split('=', 1)[1].strip()
    return out

def cut(full, start, end=None):
    """The passage of `full` from the first occurrence of `start` through the end of `end`."""
    i = full.index(start)
    if end is None: return start
    j = full.index(end, i) + len(end)
    return full[i:j]

items = []
BATCH = 1  # 1 = the original 151 passages; 2 = the extension (positives in fr/ru, more en/kk); see the split below
def add(lang, text, source, locator, licence, date, events, group=None):
    items.append({'lang': lang, 'text': text, 'source': source, 'locator': locator, 'licence': licence,
                  'date': date, 'events': events, '_group': group or f'{source}#{locator}', '_batch': BATCH})

# ---------------- seed paper, English ----------------
S = '../shared/seed/000_978b51fb5a843068.txt'
seed = [
    (61, 'Of particular importance was the opening of the Sorbonne-Kazakhstan', 'attended its opening in 2014.',
     [ev(['FRA', 'KAZ'], 'institution_opened', ['education', 'language'], '2014')]),
    (63, 'It should be emphasized that one of the clear indicators', 'entered French universities in 2013-14 [9].',
     [ev(['FRA', 'KAZ'], 'mobility', ['education'], '2013')]),
    (73, 'The French Embassy in Kazakhstan held the next culture season', '"Digital Autumn 2018".',
     [ev(['FRA', 'KAZ'], 'season_or_festival', ['digital'], '2018')]),
    (77, 'The 550th anniversary of the Kazakh khanate was not ignored by France.', 'Union of writers of Kazakhstan [11].',
     [ev(['FRA', 'KAZ'], 'conference', ['heritage'], '2015')]),
    (79, 'Representatives of Kazakhstan, in turn, held events', '"Kazakhstan autumn in France" in 2019.',
     [ev(['FRA', 'KAZ'], 'season_or_festival', ['arts'], '2019')]),
    (69, 'Every year "French spring" is held by the French cultural center', 'French Embassy in Kazakhstan.',
     [ev(['FRA', 'KAZ'], 'season_or_festival', ['arts', 'film'], None)]),
    # negatives: two countries, no cultural-diplomacy event
    (39, 'Kazakhstan takes 88th place among 146 countries', 'best education systems in the world.', []),
    (31, 'For France, the Republic of Kazakhstan is of interest primarily', 'investment opportunities.', []),
    (33, 'Kazakhstan, in the framework of cooperation with France, gets the opportunity', 'investment funds for development.', []),
    (35, 'Today, cultural interaction between Kazakhstan and France is carried out in different areas.', None, []),
    (46, 'An example is the strong leap in relations with South Korea', 'between the two states.', []),
    (17, 'Close ties have been established with many countries', 'plays a role in future development.', []),
    (85, 'Based on the experience of France, Kazakhstan should develop a cultural diplomacy', 'richness of its culture.', []),
    (7, 'The article analyzes aspects of cultural diplomacy', 'establishing diplomatic relations.', []),
    (19, 'Thus, a comprehensive analysis of cultural relations between France and Kazakhstan has been carried out', 'further prospects for this cooperation.', []),
]
for n, a, b, evs in seed:
    add('en', cut(seed_line(n), a, b), S, f'line {n}', LIC['seed'], '2021', evs)
# passages broken over a page break in the extracted text: kept verbatim with their newlines
add('en', cut(seed_span(65, 67), 'On June 25, 2019, an Agreement', 'under the auspices of UNESCO.'), S, 'lines 65-67', LIC['seed'], '2021',
    [ev(['FRA', 'KAZ'], 'agreement_signed', ['heritage'], '2019-06-25')])
add('en', cut(seed_span(73, 75), 'The briefing was held on the next culture season', 'to December 12, 2018.'), S, 'lines 73-75', LIC['seed'], '2021',
    [ev(['FRA', 'KAZ'], 'season_or_festival', ['digital'], '2018-10-19')])
add('en', cut(seed_span(53, 55), 'The center for the promotion of the French language in Kazakhstan', 'framework of educational cooperation.'), S, 'lines 53-55', LIC['seed'], '2021',
    [ev(['FRA', 'KAZ'], 'institution_opened', ['language', 'education'], '2004')])

# seed paper, Russian and Kazakh title/abstract (general statements: negatives)
add('ru', seed_line(122)[3:], S, 'line 122 (Russian title)', LIC['seed'], '2021', [])
add('ru', cut(seed_line(124), 'В данной статье анализируются', 'дипломатических отношений.'), S, 'line 124 (Russian abstract)', LIC['seed'], '2021', [])
for n, a, b in [(90, 'Султангалиев М. На основе доверия', 'Нурланом Даненовым.'),
                (92, 'Тусупбекова Л. Астана Париж: динамика взаимных интересов.', None),
                (94, 'Курятов В., Алибекова Р. Масштаб', 'качественно новый уровень.'),
                (95, 'Магер Ю. Казахстан Франция: на уровне стратегического партнерства.', None)]:
    add('ru', cut(seed_line(n), a, b), S, f'line {n} (reference list)', LIC['seed'], '2021', [])
add('kk', seed_line(110)[3:], S, 'line 110 (Kazakh title)', LIC['seed'], '2021', [])
add('kk', cut(seed_line(112), 'Бұл мақалада Франция мен Қазақстан', 'маңызы талданады.'), S, 'line 112 (Kazakh abstract)', LIC['seed'], '2021', [])

# ---------------- UN General Debate (English) ----------------
def ung(fn, a, b):
    return cut(open(UNG + fn, encoding='utf-8').read(), a, b)
U = '../shared/data/news_text/ungdc_speeches_KAZ_FRA/'
add('en', ung('KAZ_69_2014.txt', 'We are spending $50 million to train', 'in Kazakhstan universities.'), U + 'KAZ_69_2014.txt', 'lines 252-253', LIC['ungdc'], '2014',
    [ev(['AFG', 'KAZ'], 'mobility', ['education'], None)])
add('en', ung('KAZ_69_2014.txt', 'The \nfirst civilian students will soon', 'in their home country.'), U + 'KAZ_69_2014.txt', 'lines 253-256', LIC['ungdc'], '2014', [])
add('en', ung('KAZ_71_2016.txt', 'Kazakhstan is investing more than $50 million to educate Afghan students', 'humanitarian assistance.'), U + 'KAZ_71_2016.txt', 'line 18', LIC['ungdc'], '2016',
    [ev(['AFG', 'KAZ'], 'mobility', ['education'], None)])
add('en', ung('KAZ_71_2016.txt', 'We pledged to provide a further $2 million', 'the Afghan army.'), U + 'KAZ_71_2016.txt', 'line 18', LIC['ungdc'], '2016', [])
add('en', ung('KAZ_53_1998.txt', 'We believe that the agreements signed with China', 'strengthening regional'), U + 'KAZ_53_1998.txt', 'lines 91-93', LIC['ungdc'], '1998', [])
add('en', ung('KAZ_54_1999.txt', 'Kazakhstan commends a', 'modified median line.'), U + 'KAZ_54_1999.txt', 'lines 189-193', LIC['ungdc'], '1999', [])
add('en', ung('FRA_79_2024.txt', 'We are also progressing on the issue of water', 'Kazakhstan and Saudi Arabia.'), U + 'FRA_79_2024.txt', 'line 86', LIC['ungdc'], '2024', [])

# ---------------- UD PUD parallel en/fr/ru (negatives) ----------------
P = pud()
PUD_NEG = ['n01034033', 'n01038021', 'n01101003', 'n01145012', 'w01007004', 'w01013083', 'w01085007', 'w01100046',
           'w01135035', 'w01137050', 'n02027007', 'w02013033', 'w01018029', 'w01079077', 'w01096013', 'w01150048',
           'w01085008', 'w01050068', 'w04007021', 'w05005085', 'w01013096', 'w01026037']
for sid in PUD_NEG:
    for lang in ('en', 'fr', 'ru'):
        add(lang, P[sid][lang], '../shared/data/news_text/ud_pud_parallel/pud_parallel_en_fr_ru.tsv', f'sent_id {sid}', LIC['pud'], None, [], group=f'pud:{sid}')

# ---------------- Kazakh: KazNERD (tokens joined by one space, as the IOB2 file gives them) ----------------
KN = {'test': kaznerd('test'), 'valid': kaznerd('valid')}
kn = [
    ('valid', 4513, [ev(['KAZ', 'RUS'], 'season_or_festival', ['heritage', 'diaspora'], None)]),
    ('test', 10577, [ev(['FRA', 'KAZ'], 'performance', ['arts']), ev(['BRA', 'KAZ'], 'performance', ['arts']), ev(['KAZ', 'RUS'], 'performance', ['arts'])]),
    ('valid', 10575, [ev(['KAZ', 'USA'], 'performance', ['arts'], None, 'planned')]),
    ('valid', 217, [ev(['KAZ', 'UZB'], 'season_or_festival', ['arts'], None)]),
    ('test', 9358, [ev(['IRN', 'RUS'], 'exhibition', ['arts'], None, 'planned')]),
    # negatives
    ('test', 325, []), ('test', 512, []), ('test', 3248, []), ('test', 4723, []), ('test', 4736, []), ('test', 4990, []),
    ('test', 5185, []), ('test', 7813, []), ('test', 1561, []), ('test', 10034, []), ('test', 2213, []), ('test', 3850, []),
    ('test', 8491, []), ('test', 7033, []), ('test', 7318, []),
    ('valid', 1509, []), ('valid', 2400, []), ('valid', 3829, []), ('valid', 4313, []), ('valid', 8053, []), ('valid', 9265, []),
    ('valid', 8316, []), ('valid', 5630, []), ('valid', 3541, []), ('valid', 4363, []), ('test', 7695, []), ('valid', 7340, []), ('test', 5189, []),
]
for split, n, evs in kn:
    add('kk', KN[split][n - 1], f'../shared/data/news_text/kaznerd/IOB2_{split}.txt.gz', f'sentence {n} (1-based, blank-line separated)', LIC['kaznerd'], None, evs)

# ---------------- Kazakh: UD KTB ----------------
K = ktb()
for sid in ['akorda-random.tagged.txt:47:833', 'akorda-random.tagged.txt:271:4848', 'akorda-random.tagged.txt:187:3370', 'Иран.tagged.txt:74:2107', 'Иран.tagged.txt:99:2861', 'Иран.tagged.txt:100:2914', 'Иран.tagged.txt:101:2945', 'Футболдан_әлем_чемпионаты_2014.tagged.txt:7:224', 'Иран.tagged.txt:44:1185', 'Иран.tagged.txt:60:1747']:
    add('kk', K[sid], '../shared/data/news_text/ud_pud_parallel/kk_ktb-ud-test.conllu.gz', f'sent_id {sid}', LIC['ktb'], None, [])

# ---------------- Wikipedia through mirrors (not checkable locally; copied from the stored page) ----------------
EN_W = 'https://talk.dob.jp/enwiki/w/index.php?direction=next&oldid=838411193&title=France%E2%80%93Kazakhstan_relations'
FR_W = 'https://profilbaru.com/fr/Relations_entre_la_France_et_le_Kazakhstan'
for text, loc, evs in [
    ('That same year, France participated in the Expo 2017 being held in Astana.[1]', 'History', [ev(['FRA', 'KAZ'], 'exhibition', ['science'], '2017')]),
    ('The Alliance Française operates two centers in Kazakhstan, in Astana and in Almaty.', 'History', []),
    ('In September 1993, French President François Mitterrand paid an official visit to Kazakhstan.[2]', 'History', []),
    ('In 2008, France transferred its embassy from the former capital of Almaty to the country\'s new capital of Astana.[3]', 'History', []),
]:
    add('en', text, EN_W, f'"France–Kazakhstan relations", section {loc}', LIC['wiki'], None, evs)
for text, loc in [
    ('La France et le Kazakhstan ont établi des relations diplomatiques le 25 janvier 1992 et la France est devenue le premier pays européen à reconnaître le Kazakhstan.', 'Histoire'),
    ("En fin d'année 2022, le président du Kazakhstan, Kassym-Jomart Tokaïev, effectue une visite de deux jours en France pour rencontrer le président français, Emmanuel Macron[1].", 'Histoire'),
    ('Le Kazakhstan est le premier partenaire commercial de la France en Asie centrale, la France est le troisième investisseur étranger au Kazakhstan[2].', 'Liens économiques'),
    ('En 2021, le Kazakhstan est le deuxième fournisseur de pétrole brut de la France[3].', 'Liens économiques'),
    ("Les échanges entre les deux pays ont progressé de 15% en 2021, les importations françaises ont augmenté de 30% pour s'établir à 2,05 milliards d'euros cette année-là.", 'Liens économiques'),
]:
    add('fr', text, FR_W, f'"Relations entre la France et le Kazakhstan", section {loc}', LIC['wiki'], None, [])

# =====================================================================================================
# Batch 2 (extension): positives in fr and ru, more positives in en and kk, hard negatives in fr/ru/kk.
# Web passages are copied character for character from the text the search tool stores for the page
# (not checkable offline: the live page may differ); local passages are cut from their files as above.
# =====================================================================================================
BATCH = 2
LIC.update({
    'kremlin': 'CC BY 4.0 (Presidential Executive Office of Russia; kremlin.ru states "All content on this site is licensed under Creative Commons Attribution 4.0 International")',
    'kremlin_copy': 'CC BY 4.0 (kremlin.ru text, as republished by the page given in source; attribution: Presidential Executive Office of Russia)',
    'wiki_fr': 'CC BY-SA (Wikipedia contributors; French Wikipedia text, read on fr.wikipedia.org)',
    'wiki_fr_mirror': 'CC BY-SA (Wikipedia contributors; French Wikipedia text read through a mirror, revision of the mirror\'s date)',
    'wiki_en_ipfs': 'CC BY-SA 3.0 (Wikipedia contributors; English Wikipedia 2017 snapshot on the IPFS Distributed Wikipedia Mirror)',
    'wikinews_ru': 'CC BY 2.5 (Russian Wikinews contributors, ru.wikinews.org) - licence version not re-checked',
    'culture_fr': 'CC BY-SA 3.0 FR (texts of culture.gouv.fr under the ministry\'s mentions legales since May 2014, as reported by Next INpact 15/05/2014) - current terms not re-checked',
    'fr_public': 'French public information, free reuse with the source named (CRPA art. L321-1; Licence Ouverte 2.0 is the reference licence of the DILA/vie-publique.fr) - site terms not re-checked',
    'fr_mae': 'official communique/speech of the French foreign ministry, freely reusable with the source named (diplomatie.gouv.fr terms: "official documents are freely reusable: declarations, speeches, press kits and communiques")',
    'jorf': 'French official text (Journal officiel de la Republique francaise), free reuse under Licence Ouverte 2.0 (Legifrance/DILA open data)',
    'jorf_mirror': 'French official text (Journal officiel de la Republique francaise), free reuse under Licence Ouverte 2.0 (Legifrance/DILA open data); read through a mirror of the JO',
    'an_mirror': 'report of the French Assemblee nationale (public parliamentary document) read through the nosdeputes.fr mirror - reuse terms not re-checked',
    'adilet': 'official document of the Republic of Kazakhstan, not an object of copyright (Law of the RK "On copyright and related rights", art. 8); adilet.zan.kz',
    'ru_official': 'official document (Russian Federation), not an object of copyright (Civil Code of the RF, art. 1259(6)); read on the page given in source',
    'ru_decree_quote': 'text of an order of the President of Russia (official document, not an object of copyright, Civil Code of the RF art. 1259(6)), quoted verbatim on the news page given in source; only the order\'s words are used',
    'ogl_copy': 'Crown copyright, Open Government Licence v3.0 (UK government press release, as republished by the page given in source)',
})

# ---------------- English ----------------
add('en', 'The exhibition opening marked the official beginning of the Year of Russia in France and the Year of France in Russia.',
    'http://en.special.kremlin.ru/events/president/news/7015', '"Dmitry Medvedev and Nicolas Sarkozy opened the Holy Russia exhibition at the Louvre" (March 2, 2010, Paris), first paragraph',
    LIC['kremlin'], '2010-03-02',
    [ev(['FRA', 'RUS'], 'exhibition', ['arts', 'heritage']), ev(['FRA', 'RUS'], 'season_or_festival', ['arts'])])
KR22276 = 'http://en.special.kremlin.ru/events/president/transcripts/22276'
add('en', "The Year of Kazakhstan in Russia is handing over the baton to the Year of Russia in Kazakhstan to continue the relay of friendship, trust and openness, uniting millions of people in Eurasia and meeting the spirit of our time and the two nations' historical aspirations for brotherhood and unity with each other.",
    KR22276, 'transcript of Vladimir Putin\'s speech (opening of the Year of Russia in Kazakhstan), paragraph 1', LIC['kremlin'], '2004',
    [ev(['KAZ', 'RUS'], 'season_or_festival', ['arts']), ev(['KAZ', 'RUS'], 'season_or_festival', ['arts'])])
add('en', 'Allow me, above all, to thank all our Kazakh friends and especially the President of Kazakhstan for the fine organisation of the Year of Kazakhstan in Russia, for his informal and personal participation in many events and projects, and also for the high sense of responsibility shown by the leadership of this country during all the Year of Kazakhstan in Russia programmes.',
    KR22276, 'transcript of Vladimir Putin\'s speech (opening of the Year of Russia in Kazakhstan), paragraph 3', LIC['kremlin'], '2004',
    [ev(['KAZ', 'RUS'], 'season_or_festival', ['arts'])])
add('en', 'Vladimir Putin and Prime Minister of Japan Shinzo Abe attended a reception following a concert at the Bolshoi Theatre to mark the opening of the Cross Years of Russia and Japan.',
    'http://en.kremlin.ru/events/president/news/57569/print', '"Reception to mark Cross Years of Russia and Japan opening" (May 26, 2018, Moscow), lead',
    LIC['kremlin'], '2018-05-26',
    [ev(['JPN', 'RUS'], 'season_or_festival', ['arts']), ev(['JPN', 'RUS'], 'performance', ['arts'])])
add('en', 'Your visit gives us this excellent opportunity to declare the opening of the Year of Russia in Greece and the Year of Greece in Russia. These programmes will see more than 30 different events take place, nearly 40 in fact, 37 events in all.',
    'https://embassynews.net/2016/01/15/president-of-the-hellenic-republic-prokopis-pavlopoulos-met-with-vladimir-putin/',
    'quotation of Vladimir Putin\'s welcome speech (kremlin.ru English transcript of the meeting with Prokopis Pavlopoulos), paragraph 3',
    LIC['kremlin_copy'], '2016-01-15',
    [ev(['GRC', 'RUS'], 'season_or_festival', ['arts'])])
add('en', 'The university was created as a "mutual university" between Kazakhstan and Turkey, in an arrangement formalised in agreement between Nursultan Nazarbayev and Süleyman Demirel in 1993.[1]',
    'https://nzt-eth.ipns.dweb.link/wiki/Ahmet_Yesevi_University.html', '"Ahmet Yesevi University" (English Wikipedia, 2017 snapshot), lead',
    LIC['wiki_en_ipfs'], None,
    [ev(['KAZ', 'TUR'], 'institution_opened', ['education']), ev(['KAZ', 'TUR'], 'agreement_signed', ['education'], '1993')])
add('en', 'On the occasion of the 160th anniversary of diplomatic relations between France and Japan in 2018, the two countries announced in 2016 the organization in France of a series of cultural events on the theme "Japonisms 2018: souls in resonance".',
    'https://www.culture.gouv.fr/en/Press/Press-releases2/Francoise-Nyssen-Mr-Taro-Kono-Minister-of-Foreign-Affairs-of-Japan-and-H.E.M.-Masato-Kitera-Ambassador-of-Japan-to-France-inaugurated-last-nig',
    'press release of the French Ministry of Culture (Japonisms 2018 inauguration), paragraph 1', LIC['culture_fr'], '2018',
    [ev(['FRA', 'JPN'], 'season_or_festival', ['arts'], '2018')])
add('en', 'In September this year, 14 Somali scholars will depart the country to undertake their Chevening award for a one-year Master’s Degree in universities across the UK.',
    'http://government-world.com/tag/hm-government/page/377/?print=print-search',
    '"Applications for the UK Government’s Chevening Scholarships open for Somalis" (GOV.UK press release, republished), paragraph 4',
    LIC['ogl_copy'], '2022',
    [ev(['GBR', 'SOM'], 'grant_or_award', ['education']), ev(['GBR', 'SOM'], 'mobility', ['education'], None, 'planned')])
add('en', 'In normal times, all candidates would have commenced their studies in the UK in September and October 2020 but because of the COVID-19 challenges, they will have the opportunity to start their courses online and later join the in-class teaching at their respective University as soon as international flights are reinstated and Turkmen citizens can freely leave the country. They will become the latest scholars from Turkmenistan to benefit from the scholarship programme, which is sponsored by the Foreign, Commonwealth and Development Office.',
    'https://www.fenews.co.uk/press-releases/217-resources/54622-chevening-community-in-turkmenistan-to-reach-over-80',
    '"Chevening community in Turkmenistan to reach over 80" (UK government press release, republished by FE News), paragraph 4',
    LIC['ogl_copy'], '2020-09-10',
    [ev(['GBR', 'TKM'], 'mobility', ['education'], '2020', 'partly_online'), ev(['GBR', 'TKM'], 'grant_or_award', ['education'], '2020')])
add('en', 'As part of the new global scheme, Canada, Japan and the United States are amongst over 150 international destinations where UK students will be funded to take up work and study placements – alongside popular European countries like Germany and France.',
    'http://government-world.com/uk/politics-2/hm-government/page/1734/?print=print-search',
    '"40,000 students to study across the globe as part of new Turing Scheme" (GOV.UK press release, republished), paragraph 4',
    LIC['ogl_copy'], '2021',
    [ev(['CAN', 'GBR'], 'mobility', ['education'], None, 'planned'), ev(['GBR', 'JPN'], 'mobility', ['education'], None, 'planned'),
     ev(['GBR', 'USA'], 'mobility', ['education'], None, 'planned'), ev(['DEU', 'GBR'], 'mobility', ['education'], None, 'planned'),
     ev(['FRA', 'GBR'], 'mobility', ['education'], None, 'planned')])

# ---------------- French: Wikipedia ----------------
SORB = 'https://fr.wikipedia.org/wiki/Universit%C3%A9_Paris-Sorbonne-Abou_Dabi'
add('fr', "L’université Paris-Sorbonne-Abou Dabi est une université émirienne, en partie francophone, créée par un accord de coopération internationale entre l’université Paris-Sorbonne et le Ministère de l’Enseignement supérieur et de la Recherche de l'Émirat d'Abou Dabi, (Émirats arabes unis).",
    SORB, '"Université Paris-Sorbonne-Abou Dabi", lead', LIC['wiki_fr'], None,
    [ev(['ARE', 'FRA'], 'institution_opened', ['education', 'language']), ev(['ARE', 'FRA'], 'agreement_signed', ['education'])])
add('fr', "L'ambassadeur émirien à Paris rencontre le président de l'Université Paris IV Jean-Robert Pitte en , et ce dernier est invité à Abou Dabi six mois plus tard pour discuter d'un projet d'implantation de son établissement dans cette ville.",
    SORB, '"Université Paris-Sorbonne-Abou Dabi", section Historique / Contexte de création (the month is missing in the stored text)', LIC['wiki_fr'], None,
    [ev(['ARE', 'FRA'], 'official_visit', ['education'])])
add('fr', "L’Université Paris-Sorbonne-Abu Dhabi a été créée par un accord de coopération internationale entre l'Université française Paris-Sorbonne (Paris IV) et le ministère de l’enseignement supérieur et de la recherche de l'Émirat d'Abou Dhabi, (Émirats arabes unis), signé le 19 février 2006, dans la ville d'Abou Dhabi (la capitale de la Fédération) en présence du ministre français de l’éducation nationale, de l’enseignement supérieur et de la recherche, Gilles de Robien.",
    'https://fr-academic.com/dic.nsf/frwiki/1684189', '"Université Paris-Sorbonne-Abu Dhabi" (older French Wikipedia revision, fr-academic.com mirror), lead',
    LIC['wiki_fr_mirror'], None,
    [ev(['ARE', 'FRA'], 'agreement_signed', ['education'], '2006-02-19'), ev(['ARE', 'FRA'], 'institution_opened', ['education'], '2006-02-19')])
add('fr', "Inauguré le 8 novembre 2017 et ouvert au public le 11 novembre, ce musée, dépendant du musée du Louvre et installé dans une architecture confiée à l'architecte français Jean Nouvel, est créé après un accord intergouvernemental signé le entre la France et l'émirat d'Abou Dabi[2].",
    'https://franco.wiki/fr/Louvre_Abou_Dabi.html', '"Louvre Abou Dabi" (French Wikipedia, franco.wiki mirror), lead (the date of signature is missing in the stored text)',
    LIC['wiki_fr_mirror'], None,
    [ev(['ARE', 'FRA'], 'institution_opened', ['heritage', 'arts'], '2017-11-08'), ev(['ARE', 'FRA'], 'agreement_signed', ['heritage'])])

# ---------------- French: Ministry of Culture, vie-publique, foreign ministry ----------------
add('fr', 'Un accord signé le 6 mars 2007 entre Renaud Donnedieu de Vabres et les Émirats arabes unis prévoit la création du musée du Louvre Abu-Dhabi. La France est chargée d’élaborer le projet scientifique et culturel, et de conseiller le musée pour la constitution de ses collections permanentes.',
    'https://www.culture.gouv.fr/de/Uns-kennen/Entdecken-Sie-das-Ministerium/Histoire-du-ministere/Ministere-de-la-Culture-60-ans-d-action-en-500-dates/mardi-6-mars-2007-Louvre-Abu-Dhabi',
    '"Ministère de la Culture, 60 ans d\'action en 500 dates": "mardi 6 mars 2007 - Louvre Abu Dhabi"', LIC['culture_fr'], '2007-03-06',
    [ev(['ARE', 'FRA'], 'agreement_signed', ['heritage', 'arts'], '2007-03-06'), ev(['ARE', 'FRA'], 'institution_opened', ['heritage'], None, 'planned')])
add('fr', 'Le ministre de la Culture et de la Communication, Frédéric Mitterrand en compagnie du ministre de la Culture et du Tourisme de la République de Turquie, Erturğul Günay, lance mardi 30 juin la saison de la Turquie en France. Elle se tiendra du 1er juillet 2009 au 31 mars 2010.',
    'https://www.culture.gouv.fr/Nous-connaitre/Decouvrir-le-ministere/Histoire-du-ministere/Ressources-documentaires/Discours-de-ministres/Discours-de-ministres-depuis-1998/Frederic-Mitterrand-2009-2012/Articles-2009-2012/Presentation-de-la-Saison-de-la-Turquie-en-France',
    '"Présentation de la Saison de la Turquie en France", lead', LIC['culture_fr'], '2009-06-30',
    [ev(['FRA', 'TUR'], 'season_or_festival', ['arts'], '2009-07-01', 'planned')])
VP2010 = 'https://www.vie-publique.fr/discours/178048-conseil-des-ministres-du-3-fevrier-2010-lannee-croisee-france-russie'
add('fr', "L'année croisée France-Russie, ouverte le 25 janvier dernier, va donner lieu, tout au long de l'année 2010, à plus de quatre cents manifestations touchant à de nombreux domaines : la culture, mais également l'économie, avec notamment le Forum économique de Saint-Pétersbourg en juin prochain, al recherche, l'éducation, la jeunesse ou encore le sport.",
    VP2010, 'compte rendu du Conseil des ministres du 3 février 2010, "L\'année croisée France-Russie", paragraph 3', LIC['fr_public'], '2010-02-03',
    [ev(['FRA', 'RUS'], 'season_or_festival', ['arts', 'education', 'science', 'sport'], '2010-01-25')])
add('fr', "Elle sera l'occasion de grandes expositions, comme celle consacrée à la « Sainte Russie » au Musée du Louvre ou celle des chefs-d'oeuvre du Musée Picasso, qui seron t présentés à Moscou et à Saint-Pétersbourg, et de plusieurs tournées, comme celle de la Comédie-Française qui jouera dans six villes russes « Le mariage de Figaro ».",
    VP2010, 'compte rendu du Conseil des ministres du 3 février 2010, "L\'année croisée France-Russie", paragraph 5', LIC['fr_public'], '2010-02-03',
    [ev(['FRA', 'RUS'], 'exhibition', ['heritage', 'arts'], None, 'planned'), ev(['FRA', 'RUS'], 'exhibition', ['arts'], None, 'planned'),
     ev(['FRA', 'RUS'], 'performance', ['arts'], None, 'planned')])
VP2003 = 'https://www.vie-publique.fr/discours/158280-conseil-des-ministres-19112003-accord-france-et-chine'
add('fr', "Le ministre des affaires étrangères a présenté un projet de loi portant approbation de l'accord entre le Gouvernement de la République française et le Gouvernement de la République populaire de Chine sur la création et les statuts des centres culturels, signé à Paris le 29 novembre 2002.",
    VP2003, 'compte rendu du Conseil des ministres du 19 novembre 2003, "Accord France et Chine", paragraph 1', LIC['fr_public'], '2003-11-19',
    [ev(['CHN', 'FRA'], 'agreement_signed', ['arts', 'language'], '2002-11-29')])
add('fr', "La France est le premier pays à s'être vu proposer d'ouvrir à Pékin un véritable centre culturel libre d'accès et libre d'organiser les activités culturelles et éducatives de son choix.",
    VP2003, 'compte rendu du Conseil des ministres du 19 novembre 2003, "Accord France et Chine", paragraph 3', LIC['fr_public'], '2003-11-19',
    [ev(['CHN', 'FRA'], 'institution_opened', ['arts', 'education'], None, 'planned')])
add('fr', 'La mise en place du programme "vacances-travail" franco-canadien, semblable à ceux qui existent depuis 1999 avec le Japon et la Nouvelle Zélande, permettra en année pleine à 500 jeunes de chaque pays de se rendre dans l\'autre pour des séjours d\'un an maximum en ayant la possibilité d\'exercer sans contrainte ni formalité une activité salariée pour compléter leurs ressources financières de départ.',
    'https://www.vie-publique.fr/discours/168322-communique-du-ministere-des-affaires-etrangeres-en-date-du-6-fevrier-20',
    'communiqué du ministère des affaires étrangères du 6 février 2001 (source diplomatie.gouv.fr), paragraph 1', LIC['fr_mae'], '2001-02-06',
    [ev(['CAN', 'FRA'], 'programme_launched', ['education', 'tourism']), ev(['CAN', 'FRA'], 'mobility', ['education', 'tourism'], None, 'planned')])
add('fr', 'Discours de M. Franck Riester, ministre de la culture, prononcé à l’occasion du forum culture franco-chinois (Nice, 7 octobre 2019)',
    'https://cn.ambafrance.org/Cooperation-culturelle-franco-chinoise', '"Coopération culturelle franco-chinoise" (French embassy in China), heading of the speech',
    LIC['fr_mae'], '2019-10-07',
    [ev(['CHN', 'FRA'], 'conference', ['arts', 'heritage'], '2019-10-07')])

# ---------------- French: Journal officiel (decrees publishing agreements) ----------------
add('fr', "Considérant l'Accord culturel entre le Gouvernement de la République française et le Gouvernement de la République populaire de Chine signé le 27 septembre 2002 à Paris,",
    'https://legal.tricoteuses.fr/articles/JORFARTI000028048479',
    'JORFARTI000028048479, accord relatif à un programme de mise en œuvre de l\'accord culturel franco-chinois 2013-2015, preamble (tricoteuses.fr mirror of Légifrance)',
    LIC['jorf_mirror'], None,
    [ev(['CHN', 'FRA'], 'agreement_signed', ['arts'], '2002-09-27')])
add('fr', "Décret no 94-985 du 8 novembre 1994 portant publication de l'accord entre le Gouvernement de la République française et le Gouvernement de la Fédération de Russie sur la création et les modalités de fonctionnement des centres culturels, fait à Paris le 12 novembre 1992",
    'https://www.admi.net/jo/19941116/MAEJ9430065D.html', 'décret no 94-985 (JO du 16 novembre 1994), title (admi.net mirror)', LIC['jorf_mirror'], '1994-11-08',
    [ev(['FRA', 'RUS'], 'agreement_signed', ['arts', 'language'], '1992-11-12')])
add('fr', "Décret no 94-834 du 21 septembre 1994 portant publication de l'accord de coopération culturelle entre le Gouvernement de la République française et le Gouvernement de la Fédération de Russie, signé à Paris le 6 février 1992",
    'http://ns3316548.ip-5-135-166.eu/jo/19940928/MAEJ9430060D.html', 'décret no 94-834 (JO du 28 septembre 1994), title (mirror of admi.net)', LIC['jorf_mirror'], '1994-09-21',
    [ev(['FRA', 'RUS'], 'agreement_signed', ['arts'], '1992-02-06')])
GALA = 'https://www.admi.net/jo/19960915/MAEJ9630056D.html'
add('fr', "Le protocole annexe à l'accord du 14 avril 1992 entre le Gouvernement de la République française et le Gouvernement de la République de Turquie relatif à l'établissement d'enseignement intégré de Galatasaray (ensemble un échange de lettres), signé à Paris le 13 octobre 1994, sera publié au Journal officiel de la République française.",
    GALA, 'décret no 96-802 (JO du 15 septembre 1996), art. 1er (admi.net mirror)', LIC['jorf_mirror'], '1996-09-11',
    [ev(['FRA', 'TUR'], 'agreement_signed', ['education', 'language'], '1994-10-13')])
add('fr', "Vu le décret no 92-1225 du 17 novembre 1992 portant publication de l'accord de coopération technique et scientifique entre le Gouvernement de la République française et le Gouvernement de la République de Turquie, signé à Ankara le 29 octobre 1968 ;",
    GALA, 'décret no 96-802 (JO du 15 septembre 1996), visas (admi.net mirror)', LIC['jorf_mirror'], '1996-09-11',
    [ev(['FRA', 'TUR'], 'agreement_signed', ['science'], '1968-10-29')])
add('fr', "Décret n° 2019-834 du 9 août 2019 portant publication de l'accord sous forme d'échange de notes portant modification de l'accord du 24 novembre 2003 entre le Gouvernement de la République française et le Gouvernement de l'Australie relatif au programme vacances-travail, signées à Paris les 24 et 25 juin 2019",
    'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000038906700', 'décret n° 2019-834 (JORF n°0186 du 11 août 2019), title', LIC['jorf'], '2019-08-09',
    [ev(['AUS', 'FRA'], 'agreement_signed', ['education', 'tourism'], '2019-06-24')])
add('fr', "Art. 1er. - La convention relative au programme vacances-travail entre le Gouvernement de la République française et le Gouvernement de Nouvelle-Zélande, signée à Paris le 2 juin 1999, sera publiée au Journal officiel de la République française.",
    'http://admi.net/jo/20000512/MAEJ0030036D.html', 'décret no 2000-400 du 4 mai 2000 (JO du 12 mai 2000), art. 1er (admi.net mirror)', LIC['jorf_mirror'], '2000-05-04',
    [ev(['FRA', 'NZL'], 'agreement_signed', ['education', 'tourism'], '1999-06-02')])

# ---------------- French: literary events (Ministry of Culture communiqué, 2008) ----------------
ALB = 'http://www.culture.gouv.fr/culture/actualites/communiq/albanel/sdulivre08.htm'
add('fr', "Christine Albanel, ministre de la Culture et de la Communication, regrette les prises de position récentes appelant à ne pas participer à la XXVIII° édition du Salon du Livre de Paris, au motif que la littérature d'Israël en sera l'invité d'honneur.",
    ALB, 'communiqué "le Salon du Livre est un lieu de rencontres et de débats libres" (2 mars 2008), paragraph 1', LIC['culture_fr'], '2008-03-02',
    [ev(['FRA', 'ISR'], 'literary_event', ['literature'], '2008', 'planned')])
add('fr', 'La Ministre rappelle que la dernière édition des "Belle étrangères", organisée à l’automne 2007 par le Centre National du Livre, a mis à l’honneur la littérature du Liban.',
    ALB, 'communiqué "le Salon du Livre est un lieu de rencontres et de débats libres" (2 mars 2008), paragraph 3', LIC['culture_fr'], '2008-03-02',
    [ev(['FRA', 'LBN'], 'literary_event', ['literature'], '2007')])

# ---------------- French: hard negatives (two countries, no cultural-diplomacy event) ----------------
add('fr', "Les principes fondamentaux des relations franco-kazakhs ont été établis en 1992 lors de la visite officielle en France du président kazakhNoursoultan Nazarbaïev, au cours de laquelle un traité d'amitié, de coopération et de compréhension mutuelle a été signé entre les deux pays.",
    FR_W, '"Relations entre la France et le Kazakhstan", section Histoire', LIC['wiki'], None, [])
add('fr', "En septembre 1993, le président françaisFrançois Mitterrand a effectué une visite officielle au Kazakhstan.",
    FR_W, '"Relations entre la France et le Kazakhstan", section Histoire', LIC['wiki'], None, [])
add('fr', "Vu le décret no 93-818 du 7 mai 1993 portant publication du traité entre la France et la Russie, fait à Paris le 7 février 1992;",
    'https://www.admi.net/jo/19941116/MAEJ9430065D.html', 'décret no 94-985 (JO du 16 novembre 1994), visas (admi.net mirror)', LIC['jorf_mirror'], '1994-11-08', [])
add('fr', "Mais ce qui est également évoqué ici, ce sont trois siècles d’amitié entre la France et la Russie.",
    'https://www.culture.gouv.fr/es/Conocernos/Descubrir-el-ministerio/histoire-du-ministere/recursos-documentales/Discurso-de-ministros/Discursos-de-ministros-desde-1998/Frederic-Mitterrand-2009-2012/Discurso-2009-2012/Discurso-de-Frederic-Mitterrand-ministro-de-Cultura-y-Comunicacion-con-motivo-de-la-inauguracion-de-la-exposicion-Artes-y-Tradiciones-en-Rusia-d2',
    'speech of Frédéric Mitterrand (exhibition "Arts et traditions en Russie"), paragraph 2', LIC['culture_fr'], None, [])
add('fr', "Les accords aujourd'hui soumis à l'Assemblée nationale participent de l'approfondissement des relations entre la France et le Kazakhstan qu'appelait de ses voeux le traité de partenariat stratégique signé le 11 juin 2008 par les deux pays.\nAprès la coopération militaire (1), ces accords, signés le 6 octobre 2009 et déjà ratifiés par les autorités kazakhstanaises, visent à renforcer et à mieux encadrer la coopération en matière de lutte contre la criminalité et dans le domaine de la protection civile.",
    'https://2007-2012.nosdeputes.fr/document/4173', 'Assemblée nationale report (accords France-Kazakhstan sur la criminalité et la protection civile), introduction', LIC['an_mirror'], None, [])

# ---------------- Russian: kremlin.ru ----------------
KR23518 = 'http://special.kremlin.ru/events/president/transcripts/23518'
add('ru', 'Это знаковое событие в отношениях между Казахстаном и Россией. Мы сегодня открываем памятник выдающемуся литератору, поэту и мыслителю Абаю Кунанбаеву.',
    KR23518, '"Церемония открытия памятника казахскому просветителю Абаю Кунанбаеву" (4 апреля 2006 года, Москва), речь В.Путина, абзац 3', LIC['kremlin'], '2006-04-04',
    [ev(['KAZ', 'RUS'], 'other', ['heritage', 'literature'])])
add('ru', 'Мы сегодня вечером будем говорить об открытии Года Абая в России и Года Пушкина в Казахстане.',
    KR23518, '"Церемония открытия памятника казахскому просветителю Абаю Кунанбаеву" (4 апреля 2006 года, Москва), речь В.Путина, абзац 5', LIC['kremlin'], '2006-04-04',
    [ev(['KAZ', 'RUS'], 'season_or_festival', ['literature'], None, 'planned'), ev(['KAZ', 'RUS'], 'season_or_festival', ['literature'], None, 'planned')])
add('ru', 'Мы открываем Год России в Китайской Народной Республике. Убежден, это не просто торжественное, но в полном смысле знаковое событие.',
    'http://kremlin.ru/d/23497', 'выступление В.Путина на церемонии открытия Года России в Китае (2006), абзац 2', LIC['kremlin'], '2006',
    [ev(['CHN', 'RUS'], 'season_or_festival', ['arts'])])
add('ru', 'Сердечно приветствую вас на торжественной церемонии открытия Года Китая в Российской Федерации. Это действительно знаменательное событие для двух наших стран.',
    'http://kremlin.ru/d/24097', 'выступление В.Путина на церемонии открытия Года Китая в России (2007), абзац 2', LIC['kremlin'], '2007',
    [ev(['CHN', 'RUS'], 'season_or_festival', ['arts'])])
add('ru', 'С удовлетворением отмечаю, что благодаря Вашему личному вниманию и прекрасной организации российской стороны мой мартовский визит в Россию и церемония открытия Года Китая в России прошли с полным успехом.',
    'http://kremlin.ru/events/president/transcripts/24321', 'беседа В.Путина с Ху Цзиньтао (2007), реплика Ху Цзиньтао, абзац 1', LIC['kremlin'], '2007',
    [ev(['CHN', 'RUS'], 'season_or_festival', ['arts'])])
KR53621 = 'http://special.kremlin.ru/catalog/persons/433/events/53621'
add('ru', 'Лидеры подвели итоги развития российско-греческого сотрудничества в 2016 году. Была дана, в частности, высокая оценка реализации масштабного проекта перекрёстных Годов Россия–Греция. Намечены ключевые направления дальнейшего развития двустороннего взаимодействия, прежде всего в торгово-экономической, энергетической и гуманитарной сферах, включая обмен Годами туризма в 2017–2018 годах.',
    KR53621, '"Телефонный разговор с Премьер-министром Греции Алексисом Ципрасом" (29 декабря 2016 года), абзац 3', LIC['kremlin'], '2016-12-29',
    [ev(['GRC', 'RUS'], 'season_or_festival', ['arts'], '2016'), ev(['GRC', 'RUS'], 'season_or_festival', ['tourism'], '2017', 'planned')])

# ---------------- Russian: Wikinews ----------------
add('ru', 'Президент России Дмитрий Медведев вручил государственные награды ряду иностранных граждан за большой вклад в укрепление дружбы, сотрудничества и развитие культурных связей с Россией. Торжественная церемония состоялась 4 ноября - в День народного единства - в Большом кремлевском дворце, передает ИТАР-ТАСС.\nОрден Почета вручен Элен Каррер де Анкос - постоянному секретарю французской академии.',
    'https://ru.m.wikinews.org/wiki/%D0%9C%D0%B5%D0%B4%D0%B2%D0%B5%D0%B4%D0%B5%D0%B2_%D0%B2%D1%80%D1%83%D1%87%D0%B8%D0%BB_%D0%B3%D0%BE%D1%81%D1%83%D0%B4%D0%B0%D1%80%D1%81%D1%82%D0%B2%D0%B5%D0%BD%D0%BD%D1%8B%D0%B5_%D0%BD%D0%B0%D0%B3%D1%80%D0%B0%D0%B4%D1%8B_%D0%B8%D0%BD%D0%BE%D1%81%D1%82%D1%80%D0%B0%D0%BD%D1%86%D0%B0%D0%BC_%D0%B7%D0%B0_%D0%BF%D1%80%D0%BE%D0%B4%D0%B2%D0%B8%D0%B6%D0%B5%D0%BD%D0%B8%D0%B5_%C2%AB%D0%A0%D1%83%D1%81%D1%81%D0%BA%D0%BE%D0%B3%D0%BE_%D0%BC%D0%B8%D1%80%D0%B0%C2%BB',
    '"Медведев вручил государственные награды иностранцам за продвижение «Русского мира»" (Викиновости, 4 ноября 2009 года), абзацы 1-2',
    LIC['wikinews_ru'], '2009-11-04',
    [ev(['FRA', 'RUS'], 'grant_or_award', ['literature', 'heritage'])])

# ---------------- Russian: official documents (Russia, Kazakhstan) ----------------
add('ru', 'До заключения этого Соглашения, в соответствии со ст. 13 подписанного сегодня Соглашения между Правительством Российской Федерации и Правительством Французской Республики о культурном сотрудничестве, Стороны разрешат на временной основе взаимное открытие и будут содействовать функционированию культурных центров, создаваемых на их территории.',
    'https://base.garant.ru/2540909', 'письмо министра иностранных дел РФ министру иностранных дел Франции (Париж, 6 февраля 1992 года), абзац 2', LIC['ru_official'], '1992-02-06',
    [ev(['FRA', 'RUS'], 'agreement_signed', ['arts']), ev(['FRA', 'RUS'], 'institution_opened', ['arts', 'language'], None, 'planned')])
add('ru', 'Соглашение между Правительством Российской Федерации и Правительством Республики Армения об условиях деятельности в Республике Армения Российско-Армянского университета от 20 декабря 2024 года (ратифицировано Федеральным законом от 31 июля 2025 года № 292-ФЗ, вступило в силу 22 августа 2025 года)',
    'https://pravo.starec.ai/intl/2975/download/txt', 'title of the agreement (text of an international treaty of the Russian Federation)', LIC['ru_official'], None,
    [ev(['ARM', 'RUS'], 'agreement_signed', ['education'], '2024-12-20')])
add('ru', 'В целях дальнейшего развития российско-китайских отношений и расширения двусторонних связей в области культуры провести в 2024-2025 годах Годы культуры России – Китая',
    'https://www.tatar-inform.ru/news/putin-podpisal-rasporyazenie-o-provedenii-godov-kultury-rossii-i-kitaya-5931437',
    'распоряжение Президента РФ о проведении Годов культуры России – Китая, quoted in paragraph 2', LIC['ru_decree_quote'], None,
    [ev(['CHN', 'RUS'], 'season_or_festival', ['arts'], '2024', 'planned')])
add('ru', 'В целях дальнейшего развития российско-британских отношений провести в 2014 году Год российской культуры в Соединенном Королевстве Великобритании и Северной Ирландии и Год британской культуры в Российской Федерации',
    'http://sibdepo.ru/news/god-velikobritanii-proydet-v-rossii-v-2014-godu.html',
    'распоряжение Президента РФ о проведении Года российской культуры в Великобритании и Года британской культуры в РФ (2013), quoted in paragraph 2', LIC['ru_decree_quote'], '2013',
    [ev(['GBR', 'RUS'], 'season_or_festival', ['arts'], '2014', 'planned')])
add('ru', 'Уполномочить Министра культуры и спорта Республики Казахстан Мухамедиулы Арыстанбека подписать от имени Правительства Республики Казахстан Соглашение между Правительством Республики Казахстан и Правительством Турецкой Республики о создании, функционировании и деятельности культурных центров, разрешив вносить изменения и дополнения, не имеющие принципиального характера.',
    'http://adilet.zan.kz/rus/docs/P1800000560/compare', 'постановление Правительства РК от 12 сентября 2018 года № 560, п. 2', LIC['adilet'], '2018-09-12',
    [ev(['KAZ', 'TUR'], 'agreement_signed', ['arts', 'language'], None, 'planned')])
add('ru', 'Одобрить прилагаемый проект Соглашения между Правительством Республики Казахстан и Правительством Французской Республики относительно создания международных (французских) школ в Республике Казахстан и преподавания французского языка в организациях образования Республики Казахстан.',
    'http://adilet.zan.kz/rus/docs/P2300000952', 'постановление Правительства РК от 30 октября 2023 года № 952, п. 1', LIC['adilet'], '2023-10-30',
    [ev(['FRA', 'KAZ'], 'agreement_signed', ['education', 'language'], None, 'planned')])
add('ru', 'СОГЛАШЕНИЕ* между Министерством образования и науки Республики Казахстан и Министерством Европы и иностранных дел Французской Республики о реализации программы "Абай-Верн"\n\nСоглашение, 19 апреля 2018 года',
    'https://adilet.zan.kz/rus/docs/O1800000005/compare/kaz', 'соглашение о реализации программы "Абай-Верн", title and date', LIC['adilet'], '2018-04-19',
    [ev(['FRA', 'KAZ'], 'agreement_signed', ['education', 'science'], '2018-04-19'), ev(['FRA', 'KAZ'], 'programme_launched', ['education', 'science'], '2018-04-19')])
add('ru', 'Правительство Республики Казахстан и Правительство Китайской Народной Республики, ниже именуемые Стороны, в целях укрепления дружественных связей и развития культурного сотрудничества между двумя странами заключили настоящее Соглашение о следующем:',
    'https://adilet.zan.kz/rus/docs/O9200000008/compare/kaz', 'соглашение о культурном сотрудничестве между правительствами РК и КНР (1992), preamble', LIC['adilet'], None,
    [ev(['CHN', 'KAZ'], 'agreement_signed', ['arts', 'education'])])

# ---------------- Russian: hard negatives ----------------
add('ru', 'Регулярные встречи и диалоги на нашем уровне говорят о том, что отношения между Китаем и Россией вступили в качественно новый этап развития.',
    'http://kremlin.ru/events/president/transcripts/24321', 'беседа В.Путина с Ху Цзиньтао (2007), реплика Ху Цзиньтао, абзац 2', LIC['kremlin'], '2007', [])
add('ru', 'Сегодня российско-китайские отношения без преувеличения служат примером истинного добрососедства и взаимного уважения. Они работают на повышение роли и влияния России и Китая в мире, на модернизацию наших стран.',
    'http://kremlin.ru/d/23497', 'выступление В.Путина на церемонии открытия Года России в Китае (2006), абзац 3', LIC['kremlin'], '2006', [])
add('ru', 'По инициативе греческой стороны состоялся телефонный разговор Владимира Путина с Премьер-министром Греческой Республики Алексисом Ципрасом.',
    KR53621, '"Телефонный разговор с Премьер-министром Греции Алексисом Ципрасом" (29 декабря 2016 года), абзац 1', LIC['kremlin'], '2016-12-29', [])
add('ru', 'Премьер-министр Греции выразил глубокие соболезнования в связи с трагической гибелью Посла России в Турции Андрея Карлова в результате террористического акта и крушением самолёта «Ту-154» над Чёрным морем.',
    KR53621, '"Телефонный разговор с Премьер-министром Греции Алексисом Ципрасом" (29 декабря 2016 года), абзац 2', LIC['kremlin'], '2016-12-29', [])
add('ru', 'Обсуждался ряд международных проблем включая ситуацию в Сирии и кипрское урегулирование.',
    KR53621, '"Телефонный разговор с Премьер-министром Греции Алексисом Ципрасом" (29 декабря 2016 года), абзац 4', LIC['kremlin'], '2016-12-29', [])

# ---------------- Kazakh: KazNERD (more sentences) ----------------
for split, n, evs in [
    ('valid', 2590, [ev(['KAZ', 'UZB'], 'season_or_festival', ['arts']), ev(['KAZ', 'UZB'], 'season_or_festival', ['arts'])]),
    ('test', 8601, [ev(['KAZ', 'KOR'], 'official_visit', ['heritage'])]),
    ('valid', 2602, [ev(list(p), 'other', ['arts']) for p in [('AZE', 'KAZ'), ('KAZ', 'TUR'), ('KAZ', 'KGZ'), ('AZE', 'TUR'), ('AZE', 'KGZ'), ('KGZ', 'TUR')]]),
    ('valid', 745, [ev(list(p), 'other', ['arts']) for p in [('KAZ', 'UZB'), ('KAZ', 'TJK'), ('KAZ', 'KGZ'), ('TJK', 'UZB'), ('KGZ', 'UZB'), ('KGZ', 'TJK')]]),
]:
    add('kk', KN[split][n - 1], f'../shared/data/news_text/kaznerd/IOB2_{split}.txt.gz', f'sentence {n} (1-based, blank-line separated)', LIC['kaznerd'], None, evs)

# ---------------- Kazakh: adilet.zan.kz (official documents) ----------------
add('kk', 'Қоса беріліп отырған 2023 жылғы 1 қарашада Астанада жасалған Қазақстан Республикасының Үкіметі мен Француз Республикасының Үкіметі арасындағы Қазақстан Республикасында халықаралық (француз) мектептер құруға және Қазақстан Республикасының білім беру ұйымдарында француз тілін оқытуға қатысты келісім бекітілсін.',
    'https://adilet.zan.kz/kaz/docs/P2400000234/compare', 'ҚР Үкіметінің 2024 жылғы 27 наурыздағы № 234 қаулысы, 1-тармақ', LIC['adilet'], '2024-03-27',
    [ev(['FRA', 'KAZ'], 'agreement_signed', ['education', 'language'], '2023-11-01')])
add('kk', 'Қоса беріліп отырған Қазақстан Республикасының Үкіметі мен Француз Республикасының Үкіметі арасындағы Қазақстан Республикасында халықаралық (француз) мектептер құруға және Қазақстан Республикасының білім беру ұйымдарында француз тілін оқытуға қатысты келісімнің жобасы мақұлдансын.',
    'http://adilet.zan.kz/kaz/docs/P2300000952/compare', 'ҚР Үкіметінің 2023 жылғы 30 қазандағы № 952 қаулысы, 1-тармақ', LIC['adilet'], '2023-10-30',
    [ev(['FRA', 'KAZ'], 'agreement_signed', ['education', 'language'], None, 'planned')])
add('kk', '2023 жылғы 27 қарашада Астанада жасалған Қазақстан Республикасының Үкіметі мен Қытай Халық Республикасының Үкіметі арасындағы мәдени орталықтарды өзара құру туралы келісім ратификациялансын.',
    'https://adilet.zan.kz/kaz/docs/Z2400000098/compare', 'ҚР 2024 жылғы 27 маусымдағы № 98-VIII Заңы', LIC['adilet'], '2024-06-27',
    [ev(['CHN', 'KAZ'], 'agreement_signed', ['arts'], '2023-11-27')])
# hard negative: a border agreement between two countries
add('kk', '2009 жылғы 11 қыркүйекте Орынборда жасалған Қазақстан Республикасының Үкіметі мен Ресей Федерациясының Үкіметі арасындағы Қазақстан – Ресей мемлекеттік шекарасында бірлескен бақылауды жүзеге асыру саласындағы ынтымақтастық туралы келісім ратификациялансын.',
    'https://adilet.zan.kz/kaz/docs/Z1300000117/compare', 'ҚР 2013 жылғы 2 шілдедегі № 117-V Заңы', LIC['adilet'], '2013-07-02', [])


# ---------------- ids and a stratified split ----------------
def h(s): return hashlib.sha256(s.encode()).hexdigest()
out = []
for lang in ('en', 'fr', 'ru', 'kk'):
    li = [it for it in items if it['lang'] == lang]
    for i, it in enumerate(li, 1): it['id'] = f'{lang}-{i:03d}'
# PUD triples share a split (a translation must not sit on both sides); 30 % of the groups are held out.
groups = sorted({it['_group'] for it in items if it['_group'].startswith('pud:')}, key=h)
held_groups = set(groups[:round(0.3 * len(groups))])
# The rule is applied to each batch on its own, so that adding passages never moves an existing passage
# from one side to the other (the ranking by hash of the id is the same as before inside batch 1).
for batch in sorted({it['_batch'] for it in items}):
    for lang in ('en', 'fr', 'ru', 'kk'):
        li = [it for it in items if it['lang'] == lang and it['_batch'] == batch and not it['_group'].startswith('pud:')]
        # stratify by positive/negative inside each language
        for pos in (True, False):
            part = sorted([it for it in li if bool(it['events']) == pos], key=lambda it: h(it['id']))
            k = round(0.3 * len(part))
            for j, it in enumerate(part): it['split'] = 'heldout' if j < k else 'tune'
for it in items:
    if it['_group'].startswith('pud:'): it['split'] = 'heldout' if it['_group'] in held_groups else 'tune'
keys = ['id', 'lang', 'text', 'source', 'locator', 'licence', 'date', 'split', 'events']
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gold.jsonl'), 'w', encoding='utf-8') as f:
    for it in items:
        f.write(json.dumps({k: it[k] for k in keys}, ensure_ascii=False) + '\n')
print(len(items), 'passages written')
