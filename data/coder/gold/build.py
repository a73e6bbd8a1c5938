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
def add(lang, text, source, locator, licence, date, events, group=None):
    items.append({'lang': lang, 'text': text, 'source': source, 'locator': locator, 'licence': licence,
                  'date': date, 'events': events, '_group': group or f'{source}#{locator}'})

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

# ---------------- ids and a stratified split ----------------
def h(s): return hashlib.sha256(s.encode()).hexdigest()
out = []
for lang in ('en', 'fr', 'ru', 'kk'):
    li = [it for it in items if it['lang'] == lang]
    for i, it in enumerate(li, 1): it['id'] = f'{lang}-{i:03d}'
# PUD triples share a split (a translation must not sit on both sides); 30 % of the groups are held out.
groups = sorted({it['_group'] for it in items if it['_group'].startswith('pud:')}, key=h)
held_groups = set(groups[:round(0.3 * len(groups))])
for lang in ('en', 'fr', 'ru', 'kk'):
    li = [it for it in items if it['lang'] == lang and not it['_group'].startswith('pud:')]
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
