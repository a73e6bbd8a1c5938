#!/usr/bin/env python3
"""Checks gold.jsonl: schema, vocabulary, and that every passage from a local source is verbatim in
that source (re-read independently of build.py); prints counts per language, split, kind."""
import collections, csv, gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
KINDS = {'agreement_signed', 'institution_opened', 'programme_launched', 'season_or_festival', 'exhibition', 'performance',
         'screening', 'literary_event', 'conference', 'official_visit', 'mobility', 'grant_or_award', 'other'}
DOMAINS = {'education', 'language', 'arts', 'film', 'literature', 'heritage', 'science', 'media', 'sport', 'tourism', 'diaspora', 'digital'}
STATUS = {'held', 'planned', 'cancelled', 'postponed', 'online', 'partly_online'}
ISO3 = {r['alpha_3'] for r in csv.DictReader(open(os.path.join(REPO, 'data/countries/iso3166_countries_multilingual.csv'), encoding='utf-8'))}
DATE = re.compile(r'^\d{4}(-\d{2}(-\d{2})?)?$')

cache = {}
def source_text(path):
    """The searchable text of a local source: the file itself; for gzip'd CoNLL-U the `# text` lines; for
    KazNERD IOB2 the sentences as tokens joined by one space; for the PUD table each cell."""
    if path in cache: return cache[path]
    full = os.path.normpath(os.path.join(REPO, path))
    if full.endswith('.conllu.gz'):
        t = '\n'.join(l.split('=', 1)[1].strip() for l in gzip.open(full, 'rt', encoding='utf-8') if l.startswith('# text'))
    elif full.endswith('.txt.gz'):
        sents, cur = [], []
        for l in gzip.open(full, 'rt', encoding='utf-8'):
            if not l.strip():
                if cur: sents.append(' '.join(cur)); cur = []
            else: cur.append(l.split()[0])
        if cur: sents.append(' '.join(cur))
        t = '\n'.join(sents)
    elif full.endswith('.tsv'):
        t = '\n'.join(c for row in csv.reader(open(full, encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE) for c in row[1:])
    else:
        t = open(full, encoding='utf-8').read()
    cache[path] = t
    return t

rows = [json.loads(l) for l in open(os.path.join(HERE, 'gold.jsonl'), encoding='utf-8')]
ids, errors, unchecked = set(), [], 0
for r in rows:
    where = r.get('id')
    for k in ('id', 'lang', 'text', 'source', 'locator', 'licence', 'date', 'split', 'events'):
        if k not in r: errors.append(f'{where}: missing {k}')
    if r['id'] in ids: errors.append(f'{where}: duplicate id')
    ids.add(r['id'])
    if r['lang'] not in ('en', 'fr', 'ru', 'kk'): errors.append(f'{where}: lang {r["lang"]}')
    if r['split'] not in ('tune', 'heldout'): errors.append(f'{where}: split {r["split"]}')
    if r['date'] is not None and not DATE.match(r['date']): errors.append(f'{where}: date {r["date"]}')
    for e in r['events']:
        c = e['countries']
        if len(c) != 2 or c != sorted(c) or c[0] == c[1] or not set(c) <= ISO3: errors.append(f'{where}: countries {c}')
        if e['kind'] not in KINDS: errors.append(f'{where}: kind {e["kind"]}')
        if not e['domains'] or not set(e['domains']) <= DOMAINS: errors.append(f'{where}: domains {e["domains"]}')
        if e['status'] not in STATUS: errors.append(f'{where}: status {e["status"]}')
        if e['date'] is not None and not DATE.match(e['date']): errors.append(f'{where}: event date {e["date"]}')
    if r['source'].startswith('http'):
        unchecked += 1
    elif r['text'] not in source_text(r['source']):
        errors.append(f'{where}: text is not verbatim in {r["source"]}')

def table(title, counter):
    print(f'\n{title}')
    for k, v in sorted(counter.items()): print(f'  {k:<28} {v}')

langs = collections.Counter(r['lang'] for r in rows)
table('passages per language', langs)
table('passages per language and split', collections.Counter(f"{r['lang']} {r['split']}" for r in rows))
table('negatives (no event) per language', collections.Counter(r['lang'] for r in rows if not r['events']))
table('events per kind', collections.Counter(e['kind'] for r in rows for e in r['events']))
table('events per language and kind', collections.Counter(f"{r['lang']} {e['kind']}" for r in rows for e in r['events']))
table('events per split', collections.Counter(r['split'] for r in rows for e in r['events']))
neg = sum(1 for r in rows if not r['events'])
print(f'\ntotal {len(rows)} passages, {sum(len(r["events"]) for r in rows)} events, {neg} negatives ({neg / len(rows):.0%}), '
      f'{sum(r["split"] == "heldout" for r in rows)} held out; {len(rows) - unchecked} checked verbatim against local files, '
      f'{unchecked} web passages not checkable offline')
if len(rows) < 150: errors.append(f'only {len(rows)} passages (< 150)')
for l in ('en', 'fr', 'ru', 'kk'):
    if langs[l] < 25: errors.append(f'{l}: only {langs[l]} passages (< 25)')
if errors:
    print('\nERRORS'); [print(' ', e) for e in errors]; sys.exit(1)
print('OK')
