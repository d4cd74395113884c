"""Searching the index, on SQLite (FTS5) and PostgreSQL (tsvector): the site's one place for
search queries.

The database finds the documents: a query is one full-text expression, the same on both
(whitepaper.search.words made the terms). A document matches when it has every group of the
query (a word or a phrase, or any of its synonyms); a query of two to RELAXED_UP_TO groups
also finds the documents that have all of them but one, ranked below. A group that no
document has is left out (and named on the page). So that a search costs the same among a
million records as among forty, it reads, per kind of record, a bounded number of matches:

- counts: the matches of each kind, counted up to COUNT_CAP (a larger count is shown as
  "more than");
- candidates: the first RANKED_PER_KIND documents with every group in the title (label, name
  or title), the first RANKED_PER_KIND with every group anywhere, and, where those do not
  fill a read, as many with all groups but one, in the title and anywhere;
- ranking, in Python, of those candidates: the score's whole part is 1 for every group, 0 for
  all but one; its fraction grows with the share of the groups in the title (TITLE_WEIGHT),
  the document's weight (a paragraph of the source text counts half) and shortness (BM25's
  length normalisation for one occurrence, k1 1.2, b 0.75).

Each database's own ranking functions are not used: FTS5's bm25() reads every match of a
common word to weigh it, which is most of the time of a search among a million records.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse

from whitepaper.models import Publication, record_models
from whitepaper.search import schema
from whitepaper.search.documents import KINDS_IN_ID_ORDER, PARAGRAPH, PUBLICATION, kind_range
from whitepaper.source_text import article_paragraphs

#: The models of the kinds of a publication's records, by kind.
RECORD_MODELS = {model.KIND: model for model in record_models()}
#: The kinds in the order pages list them.
KINDS = (*RECORD_MODELS, PUBLICATION, PARAGRAPH)
RANKED_PER_KIND = 100
COUNT_CAP = 1_000
TITLE_WEIGHT = 10.0
#: Typical lengths (characters of indexed terms) of a title and of a whole document.
AVERAGE_TITLE = 60
AVERAGE_DOCUMENT = 250
#: A query of at most this many groups also finds the documents with all of them but one:
#: each more group is one more conjunction for the database to walk, and on common words a
#: walk that finds little reads whole lists (measured in bench/README.md).
RELAXED_UP_TO = 4
#: More than any fraction of a score can be, so that the fraction stays below 1.
MOST = 2 * TITLE_WEIGHT


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
    hits: list = field(default_factory=list)  # ranked, at most RANKED_PER_KIND * 4 per kind
    missing: list = field(default_factory=list)  # words typed that no document has

    @property
    def total(self):
        return sum(min(count, COUNT_CAP) for count in self.counts.values())

    @property
    def is_capped(self):
        """More matches than counted: the total is a lower bound."""
        return any(count > COUNT_CAP for count in self.counts.values())


class FTS5:
    """FTS5's query syntax: every phrase quoted, so nothing a reader types is syntax."""

    AND, OR, NOT = " AND ", " OR ", " NOT "
    FROM = (
        f"{schema.FTS} CROSS JOIN {schema.DOCUMENTS} d ON d.id = {schema.FTS}.rowid "
        f"WHERE {schema.FTS} MATCH %s AND {schema.FTS}.rowid"
    )
    #: Counting needs no document row, unless hidden publications are left out.
    COUNT_FROM = f"{schema.FTS} WHERE {schema.FTS} MATCH %s AND rowid"

    def phrase(self, terms, title):
        return '"' + " ".join(terms) + '"'

    def in_title(self, expression):
        return "{title} : (" + expression + ")"


class TSQuery:
    """PostgreSQL's tsquery syntax (cast, not parsed by a configuration: the terms are made);
    a title term is a lexeme of weight A."""

    AND, OR, NOT = " & ", " | ", " & !"
    FROM = COUNT_FROM = f"{schema.DOCUMENTS} d WHERE d.vector @@ %s::tsquery AND d.id"

    def phrase(self, terms, title):
        return " <-> ".join(f"'{term}'{':A' if title else ''}" for term in terms)

    def in_title(self, expression):
        return expression


SYNTAXES = {"sqlite": FTS5(), "postgresql": TSQuery()}


def expression(syntax, groups, title=False):
    """Every group (any of its phrases), in the title only or anywhere."""
    found = syntax.AND.join(
        "(" + syntax.OR.join(syntax.phrase(terms, title) for terms in group) + ")"
        for group in groups
    )
    return syntax.in_title(found) if title else found


def is_relaxed(groups):
    return 1 < len(groups) <= RELAXED_UP_TO


def all_but_one(syntax, groups, title=False):
    """Every group but one, or more (a query that is not relaxed: every group)."""
    if not is_relaxed(groups):
        return expression(syntax, groups, title)
    sets = [groups[:i] + groups[i + 1 :] for i in range(len(groups))]
    return syntax.OR.join(f"({expression(syntax, others, title)})" for others in sets)


def only_all_but_one(syntax, groups, title=False):
    """Every group but one, and not every group."""
    return f"({all_but_one(syntax, groups, title)}){syntax.NOT}({expression(syntax, groups)})"


HIDDEN_PUBLICATIONS = (
    f"AND d.publication_id NOT IN (SELECT id FROM {Publication._meta.db_table} "
    "WHERE NOT is_published)"
)


def matches(syntax, columns, hide):
    """SQL of the matches of an expression in a range of ids, at most a number of them:
    parameters expression, first id, last id, limit."""
    where = syntax.FROM if columns or hide else syntax.COUNT_FROM
    hidden = HIDDEN_PUBLICATIONS if hide else ""
    return f"SELECT {columns or '1'} FROM {where} BETWEEN %s AND %s {hidden} LIMIT %s"


def hidden_and_present(syntax, groups):
    """One query: whether a publication is hidden, and whether any document has each group
    (one that none has is left out: it could only keep the others from matching)."""
    every_id = (kind_range(KINDS_IN_ID_ORDER[0])[0], kind_range(KINDS_IN_ID_ORDER[-1])[1])
    present = f"EXISTS ({matches(syntax, None, False)})"
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM {Publication._meta.db_table} WHERE NOT is_published), "
        + ", ".join([present] * len(groups))
    )
    parameters = [v for group in groups for v in (expression(syntax, (group,)), *every_id, 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        hide, *found = cursor.fetchone()
    return bool(hide), [bool(value) for value in found]


def count_matches(syntax, groups, kinds, hide):
    """One query: the matches of each kind, counted up to COUNT_CAP + 1, and those with every
    group, counted up to RANKED_PER_KIND (enough to know whether they fill a read)."""
    found = [(all_but_one(syntax, groups), COUNT_CAP + 1)]
    if is_relaxed(groups):
        found.append((expression(syntax, groups), RANKED_PER_KIND))
    part = matches(syntax, None, hide)
    sql = "SELECT " + ", ".join(
        f"(SELECT count(*) FROM ({part}) AS c{n})" for n in range(len(kinds) * len(found))
    )
    parameters = [
        value
        for expression_and_cap in found
        for kind in kinds
        for value in (expression_and_cap[0], *kind_range(kind), expression_and_cap[1])
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        values = cursor.fetchone()
    counts = dict(zip(kinds, values[: len(kinds)], strict=True))
    return counts, dict(zip(kinds, values[-len(kinds) :], strict=True))


def read_runs(counts):
    """The kinds to read candidates of, in runs read together: each kind with more than
    RANKED_PER_KIND matches on its own, and kinds next to each other in id order whose
    matches together fit in one read of RANKED_PER_KIND, together (every read of the index
    has a cost of its own)."""
    runs = []
    total = 0
    for kind in KINDS_IN_ID_ORDER:
        count = counts.get(kind, 0)
        if not count:
            continue
        if not runs or total + count > RANKED_PER_KIND:
            runs.append([])
            total = 0
        runs[-1].append(kind)
        total += count
    return runs


def find_candidates(syntax, groups, runs, full_counts, hide):
    """One query: the candidate rows (id, kind, record id, publication id, whole part of the
    score, weight, title, body length) of every run of kinds (see the module's docstring).
    Documents with all groups but one are not read where those with every group fill a
    read: they would rank below all of them."""
    every = [(expression(syntax, groups, title), 1) for title in (True, False)]
    but_one = [(only_all_but_one(syntax, groups, title), 0) for title in (True, False)]
    parts, parameters = [], []
    for run in runs:
        ids = (kind_range(run[0])[0], kind_range(run[-1])[1])
        filled = not is_relaxed(groups) or sum(full_counts[kind] for kind in run) >= RANKED_PER_KIND
        for found, tier in every if filled else every + but_one:
            columns = f"d.id, d.kind, d.record_id, d.publication_id, {tier}, d.weight, d.title, length(d.body)"
            parts.append(f"SELECT * FROM ({matches(syntax, columns, hide)}) AS m{len(parts)}")
            parameters += [found, *ids, RANKED_PER_KIND]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), parameters)
        return cursor.fetchall()


def length_factor(length, average):
    """BM25's weight of one occurrence in a text of this length (k1 = 1.2, b = 0.75)."""
    return 2.2 / (1 + 1.2 * (0.25 + 0.75 * length / average))


def score(groups, tier, weight, title, body_length):
    """The whole part: every group (1) or all but one (0); the fraction: see the module."""
    padded = f" {title} "
    share = sum(any(f" {' '.join(terms)} " in padded for terms in group) for group in groups)
    share /= len(groups)
    in_title = share * TITLE_WEIGHT * length_factor(len(title), AVERAGE_TITLE)
    anywhere = (1 - share) * length_factor(len(title) + body_length, AVERAGE_DOCUMENT)
    return tier + weight * (in_title + anywhere) / MOST


def rank(groups, rows):
    """Hits from candidate rows, best first; a document read twice counts once."""
    best = {}
    for document_id, kind, record_id, publication_id, *scored in rows:
        if document_id not in best:
            best[document_id] = Hit(kind, record_id, publication_id, score(groups, *scored))
    return [best[key] for key in sorted(best, key=lambda key: (-best[key].score, key))]


def search(query, kind=None):
    """The ranked hits and the counts of a parsed query (whitepaper.search.words.Query), of
    one kind or of all. Three queries at most: hidden publications and the words any
    document has, counts, candidates."""
    results = Results(query)
    if not query.groups:
        return results
    syntax = SYNTAXES[connection.vendor]
    hide, present = hidden_and_present(syntax, query.groups)
    groups = tuple(group for group, found in zip(query.groups, present, strict=True) if found)
    results.missing = [word for word, found in zip(query.typed, present, strict=True) if not found]
    if not groups:
        return results
    kinds = [kind] if kind else list(KINDS)
    results.counts, full_counts = count_matches(syntax, groups, kinds, hide)
    runs = read_runs(results.counts)
    if runs:
        results.hits = rank(groups, find_candidates(syntax, groups, runs, full_counts, hide))
    return results


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a publication's source text, as a search result."""

    publication: Publication
    number: int
    text: str

    def get_absolute_url(self):
        """The source reader, at this paragraph (its anchor)."""
        return (
            f"{reverse('reports:source', kwargs={'slug': self.publication.slug})}#p-{self.number}"
        )


def records_to_show(kind):
    """The records of a kind as results show them, in one query per kind: each record's link
    (its own page) needs its publication's slug, read in the same query."""
    if kind == PUBLICATION:
        return Publication.objects.all()
    model = RECORD_MODELS[kind]
    return model.objects.select_related(*model.RECORD_PAGE_RELATED)


def records_of(hits):
    """[(hit, record)] for one page of hits, in the hits' order: one query per kind on the
    page (publications and paragraphs share one). A hit whose record has gone is left out."""
    wanted = {}
    for hit in hits:
        kind = PUBLICATION if hit.kind == PARAGRAPH else hit.kind
        record_id = hit.publication_id if hit.kind == PARAGRAPH else hit.record_id
        wanted.setdefault(kind, set()).add(record_id)
    loaded = {}
    for kind, ids in wanted.items():
        loaded[kind] = records_to_show(kind).filter(is_published=True).in_bulk(ids)
    paragraphs = {}
    shown = []
    for hit in hits:
        if hit.kind == PARAGRAPH:
            publication = loaded[PUBLICATION].get(hit.publication_id)
            if publication is None:
                continue
            if publication.pk not in paragraphs:
                paragraphs[publication.pk] = dict(
                    article_paragraphs(publication.source_text, publication.source_page_lines)
                )
            text = paragraphs[publication.pk].get(hit.record_id)
            record = Paragraph(publication, hit.record_id, text) if text else None
        else:
            record = loaded[hit.kind].get(hit.record_id)
        if record is not None:
            shown.append((hit, record))
    return shown
