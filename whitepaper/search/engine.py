"""Searching the index, on SQLite (FTS5) and PostgreSQL (tsvector): the site's one place for
search queries.

A search reads, per kind of record, a bounded number of matches from the index, so that its
cost does not grow with the number of matches:

- counts: the matches of each kind, counted up to COUNT_CAP (a larger count is shown as
  "more than");
- candidates: the first RANKED_PER_KIND matches of each kind with every phrase in the title
  (label, name or title), and the first RANKED_PER_KIND with every phrase anywhere;
- ranking, in Python, of those candidates: title matches first (TITLE_WEIGHT), then the
  document's weight (a sentence of the source text counts half), then shorter text first,
  by BM25's length normalisation for one occurrence (k1 1.2, b 0.75).

The same rules and the same bounds hold on both databases; each database's own ranking
functions are not used (FTS5's bm25() reads every match of a common word to weigh it, which
is most of the time of a search among a million records).
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import connection
from django.urls import reverse

from whitepaper.models import Publication, record_models
from whitepaper.search import schema
from whitepaper.search.documents import (
    KINDS_IN_ID_ORDER,
    PUBLICATION,
    SENTENCE,
    kind_range,
    source_sentences,
)

#: The models of the kinds of a publication's records, by kind.
RECORD_MODELS = {model.KIND: model for model in record_models()}
#: The kinds in the order pages list them.
KINDS = (*RECORD_MODELS, PUBLICATION, SENTENCE)
RANKED_PER_KIND = 100
COUNT_CAP = 1_000
TITLE_WEIGHT = 10.0
#: Typical lengths (characters of indexed words) of a title and of a whole document.
AVERAGE_TITLE = 60
AVERAGE_DOCUMENT = 250


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: int
    publication_id: int
    score: float


@dataclass
class Results:
    query: object
    counts: dict = field(default_factory=dict)  # kind -> matches, at most COUNT_CAP + 1
    hits: list = field(default_factory=list)  # ranked, at most RANKED_PER_KIND * 2 per kind

    @property
    def total(self):
        return sum(min(count, COUNT_CAP) for count in self.counts.values())

    @property
    def is_capped(self):
        """More matches than counted: the total is a lower bound."""
        return any(count > COUNT_CAP for count in self.counts.values())


def length_factor(length, average):
    """BM25's weight of one occurrence in a text of this length (k1 = 1.2, b = 0.75)."""
    return 2.2 / (1 + 1.2 * (0.25 + 0.75 * length / average))


def score(weight, in_title, title_length, body_length):
    if in_title:
        return weight * TITLE_WEIGHT * length_factor(title_length, AVERAGE_TITLE)
    return weight * length_factor(title_length + body_length, AVERAGE_DOCUMENT)


def rank(rows):
    """Hits from candidate rows (id, kind, record id, publication id, weight, in title,
    title length, body length), best first; a document found twice counts once, as its
    better row."""
    best = {}
    for document_id, kind, record_id, publication_id, weight, in_title, *lengths in rows:
        hit = Hit(kind, record_id, publication_id, score(weight, in_title, *lengths))
        if document_id not in best or hit.score > best[document_id][0].score:
            best[document_id] = (hit, document_id)
    ordered = sorted(best.values(), key=lambda item: (-item[0].score, item[1]))
    return [hit for hit, _ in ordered]


HIDDEN_PUBLICATIONS = (
    f"AND d.publication_id NOT IN (SELECT id FROM {Publication._meta.db_table} "
    "WHERE NOT is_published)"
)
CANDIDATE_COLUMNS = (
    "d.id, d.kind, d.record_id, d.publication_id, d.weight, {in_title}, "
    "length(d.title), length(d.body)"
)


class SQLiteIndex:
    """FTS5: every phrase quoted (so that nothing a reader types is FTS5 syntax), all
    required; a title search is the same expression under a column filter."""

    def __init__(self, query):
        phrases = ['"' + " ".join(words).replace('"', '""') + '"' for words in query.phrases]
        self.anywhere = " AND ".join(phrases)
        self.in_title = "{title} : (" + self.anywhere + ")"

    def matches(self, expression, ids, hide, columns):
        """SQL and parameters of the matches in a range of ids, at most LIMIT %s of them."""
        fts = schema.FTS
        join = f"CROSS JOIN {schema.DOCUMENTS} d ON d.id = {fts}.rowid " if hide or columns else ""
        sql = (
            f"SELECT {columns or '1'} FROM {fts} {join}"
            f"WHERE {fts} MATCH %s AND {fts}.rowid BETWEEN %s AND %s "
            f"{HIDDEN_PUBLICATIONS if hide else ''} LIMIT %s"
        )
        return sql, [expression, *ids]

    def counts(self, kinds, hide):
        return [self.matches(self.anywhere, kind_range(kind), hide, None) for kind in kinds]

    def candidates(self, ranges, hide):
        parts = []
        for ids in ranges:
            for expression, in_title in ((self.in_title, 1), (self.anywhere, 0)):
                columns = CANDIDATE_COLUMNS.format(in_title=in_title)
                parts.append(self.matches(expression, ids, hide, columns))
        return parts


class PostgresIndex:
    """tsvector: each phrase through phraseto_tsquery (which takes any text), all required
    (&&); a title search is the same query with every lexeme limited to weight A."""

    LEXEME = r"'((?:[^']|'')+)'"
    IN_TITLE = r"'\1':A"

    def __init__(self, query):
        self.phrases = [" ".join(words) for words in query.phrases]
        self.anywhere = " && ".join(["phraseto_tsquery('english', %s)"] * len(self.phrases))
        self.in_title = f"regexp_replace(({self.anywhere})::text, %s, %s, 'g')::tsquery"

    def matches(self, in_title, ids, hide, columns):
        expression = self.in_title if in_title else f"({self.anywhere})"
        parameters = [*self.phrases, self.LEXEME, self.IN_TITLE] if in_title else self.phrases
        sql = (
            f"SELECT {columns or '1'} FROM {schema.DOCUMENTS} d "
            f"WHERE d.vector @@ {expression} AND d.id BETWEEN %s AND %s "
            f"{HIDDEN_PUBLICATIONS if hide else ''} LIMIT %s"
        )
        return sql, [*parameters, *ids]

    def counts(self, kinds, hide):
        return [self.matches(False, kind_range(kind), hide, None) for kind in kinds]

    def candidates(self, ranges, hide):
        return [
            self.matches(in_title, ids, hide, CANDIDATE_COLUMNS.format(in_title=int(in_title)))
            for ids in ranges
            for in_title in (True, False)
        ]


INDEXES = {"sqlite": SQLiteIndex, "postgresql": PostgresIndex}


def count_matches(index, kinds, hide):
    """One query: the number of matches of each kind, each counted up to COUNT_CAP + 1."""
    parts = index.counts(kinds, hide)
    sql = "SELECT " + ", ".join(
        f"(SELECT count(*) FROM ({part}) AS c{n})" for n, (part, _) in enumerate(parts)
    )
    parameters = [
        value for _, part_parameters in parts for value in (*part_parameters, COUNT_CAP + 1)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return dict(zip(kinds, cursor.fetchone(), strict=True))


def read_ranges(counts):
    """The ranges of ids to read candidates from: each kind with more than RANKED_PER_KIND
    matches on its own, and runs of kinds next to each other in id order whose matches
    together fit in one read of RANKED_PER_KIND, together (every read of the index has a
    cost of its own)."""
    ranges = []
    run = []
    total = 0
    for kind in KINDS_IN_ID_ORDER:
        count = counts.get(kind, 0)
        if not count:
            continue
        if run and total + count > RANKED_PER_KIND:
            ranges.append((kind_range(run[0])[0], kind_range(run[-1])[1]))
            run, total = [], 0
        run.append(kind)
        total += count
    if run:
        ranges.append((kind_range(run[0])[0], kind_range(run[-1])[1]))
    return ranges


def find_candidates(index, ranges, hide):
    """One query: the candidate rows of every range of ids (see the module's docstring)."""
    parts = index.candidates(ranges, hide)
    sql = " UNION ALL ".join(f"SELECT * FROM ({part}) AS m{n}" for n, (part, _) in enumerate(parts))
    parameters = [
        value for _, part_parameters in parts for value in (*part_parameters, RANKED_PER_KIND)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def search(query, kind=None):
    """The ranked hits and the counts of a parsed query (whitepaper.search.text.Query), of
    one kind or of all. Three queries at most: hidden publications, counts, candidates."""
    results = Results(query)
    if not query.phrases:
        return results
    kinds = [kind] if kind else list(KINDS)
    index = INDEXES[connection.vendor](query)
    hide = Publication.objects.filter(is_published=False).exists()
    results.counts = count_matches(index, kinds, hide)
    ranges = read_ranges(results.counts)
    if ranges:
        results.hits = rank(find_candidates(index, ranges, hide))
    return results


@dataclass(frozen=True)
class Sentence:
    """A sentence of a publication's source text, as a search result."""

    publication: Publication
    number: int
    text: str

    def get_absolute_url(self):
        """The source reader, scrolled to this sentence and highlighting it (a text
        fragment, #:~:text=; a browser that does not know them opens the reader's top)."""
        reader = reverse("reports:source", kwargs={"slug": self.publication.slug})
        words = self.text.split()
        if len(words) > 8:
            fragment = (
                f"{quote(' '.join(words[:4]), safe='')},{quote(' '.join(words[-4:]), safe='')}"
            )
        else:
            fragment = quote(self.text, safe="")
        return f"{reader}#:~:text={fragment}"


def records_to_show(kind):
    """The records of a kind as results show them, in one query per kind: each record's link
    (its own page) needs its publication's slug, read in the same query."""
    if kind == PUBLICATION:
        return Publication.objects.all()
    model = RECORD_MODELS[kind]
    return model.objects.select_related(*model.RECORD_PAGE_RELATED)


def records_of(hits):
    """[(hit, record)] for one page of hits, in the hits' order: one query per kind on the
    page (publications and sentences share one). A hit whose record has gone is left out."""
    wanted = {}
    for hit in hits:
        kind = PUBLICATION if hit.kind == SENTENCE else hit.kind
        record_id = hit.publication_id if hit.kind == SENTENCE else hit.record_id
        wanted.setdefault(kind, set()).add(record_id)
    loaded = {}
    for kind, ids in wanted.items():
        loaded[kind] = records_to_show(kind).filter(is_published=True).in_bulk(ids)
    sentences = {}
    shown = []
    for hit in hits:
        if hit.kind == SENTENCE:
            publication = loaded[PUBLICATION].get(hit.publication_id)
            if publication is None:
                continue
            if publication.pk not in sentences:
                sentences[publication.pk] = dict(
                    source_sentences(publication.source_text, publication.source_page_lines)
                )
            text = sentences[publication.pk].get(hit.record_id)
            record = Sentence(publication, hit.record_id, text) if text else None
        else:
            record = loaded[hit.kind].get(hit.record_id)
        if record is not None:
            shown.append((hit, record))
    return shown
