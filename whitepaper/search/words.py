"""Words as the search sees them: the same terms for the index and for a query, made here so
that SQLite and PostgreSQL, which only split the terms on spaces, find the same things.

A text is cut into runs of Chinese (or Japanese) characters and runs of other letters and
digits, each normalised (compatibility forms folded, accents dropped, lower case):

- Chinese is cut into words by rjieba (jieba's dictionary, the glossary's Chinese words
  added: whitepaper.search.vocabulary). A text to index is cut in search mode, a long word
  and the words within it (主营业务 gives 主营, 营业, 业务 and 主营业务); a query in precise
  mode, so 区块链企业 is 区块链 and 企业.
- Other words are stemmed (Snowball English: startups and startup are startup).
- Stop words ("the", "in", 的) are left out of both, so they never keep a record from a match.

A query is a list of groups: each word a reader typed, or a phrase of the vocabulary, with its
synonyms (trend finds tendency and 趋势). A record matches a group when it has any of them.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import rjieba
import snowballstemmer

from whitepaper.models.search import QUERY_MAX_LENGTH
from whitepaper.search import vocabulary

#: Scripts written without spaces between words, cut into words by the segmenter.
CHINESE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
RUN = re.compile(rf"(?P<chinese>[{CHINESE}]+)|[^\W_{CHINESE}]+")
WORD = re.compile(r"[^\W_]+")
#: Words too common to tell records apart, left out of the index and of queries.
STOP_WORDS = (
    "a about an and are as at be been by do does for from has have how i in into is it its s "
    "of on or our than that the their them then there these they this those to was we were "
    "what when where which who with you your 的 地 得 了 和 与 及 是 在 为 之 以 等 并 也 或 "
    "其 把 被 对 于"
)
STOP_WORDS = frozenset(STOP_WORDS.split())
#: At most this many words of a query are searched (the page says so): each is one more list
#: for the database to walk.
MAX_QUERY_WORDS = 10


def normalise(text):
    """Compatibility forms folded, accents dropped, lower case: "Ｃafé" -> "cafe"."""
    if not text.isascii():
        marked = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in marked if not unicodedata.combining(char))
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


@cache
def segmenter():
    jieba = rjieba.Jieba()
    for word in vocabulary.chinese_words():
        jieba.add_word(word, None, None)
    return jieba


_STEMMER = snowballstemmer.stemmer("english")
_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=100_000)
def stem(word):
    with _STEM_LOCK:  # a Snowball stemmer keeps state between words
        return _STEMMER.stemWord(word)


def tokens(text, mode="search"):
    """(term, start, end) of each term of the text, where start and end are its place in
    the text; mode "search" (to index, or to find in a text) or "default" (a query)."""
    for run in RUN.finditer(text):
        start, end = run.span()
        word = normalise(run.group())
        if run.group("chinese"):
            same_length = len(word) == end - start
            for piece, a, b in segmenter().tokenize(word, mode):
                if piece not in STOP_WORDS:
                    yield piece, *((start + a, start + b) if same_length else (start, end))
            continue
        for piece in WORD.findall(word):
            if piece not in STOP_WORDS:
                yield stem(piece), start, end


@lru_cache(maxsize=50_000)
def index_terms(text):
    return " ".join(term for term, _, _ in tokens(text))


def index_text(parts):
    """The indexed form of some texts: their terms, separated by single spaces."""
    return " ".join(terms for part in parts if part and (terms := index_terms(part)))


@cache
def synonyms():
    """{phrase: every phrase that finds the same records}, phrases as tuples of terms, from
    the vocabulary's rows; rows that share a phrase are one set."""
    sets = []
    for row in vocabulary.synonym_rows():
        phrases = {tuple(term for term, _, _ in tokens(form, "default")) for form in row} - {()}
        for other in [other for other in sets if other & phrases]:
            phrases |= other
            sets.remove(other)
        sets.append(phrases)
    return {phrase: tuple(sorted(found)) for found in sets for phrase in found}


def clean_query(raw):
    """The query as typed, with control characters (NUL and the like) turned into spaces."""
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in raw
    )


def normalise_query(text):
    """Lower case, whitespace collapsed: the form in which search counts keep a query (at
    most QUERY_MAX_LENGTH characters: lower-casing can make a word longer, "İ" → "i̇")."""
    return " ".join(text.lower().split())[:QUERY_MAX_LENGTH]


@dataclass(frozen=True)
class Query:
    """A reader's query: what they typed, and its groups, each a tuple of phrases (tuples of
    terms), the phrase typed first, with the words typed for each group (typed). The query is
    only ever data: operators, quotes and wildcards are words or nothing."""

    text: str
    groups: tuple
    typed: tuple = ()
    truncated: bool = False

    @property
    def normalised(self):
        return normalise_query(self.text)

    @property
    def is_empty(self):
        return not self.text.strip()


def parse_query(raw):
    """The Query of what a reader typed: its terms (each once, at most MAX_QUERY_WORDS), the
    longest phrases the vocabulary knows taken together, each with its synonyms."""
    text = clean_query(raw).strip()
    spans = {}
    for term, start, end in tokens(text, "default"):
        spans.setdefault(term, (start, end))
    terms = list(spans)
    known = synonyms()
    longest = max(map(len, known), default=1)
    groups, typed = [], []
    i = 0
    while i < min(len(terms), MAX_QUERY_WORDS):
        size = next(
            size
            for size in range(min(longest, len(terms) - i), 0, -1)
            if size == 1 or tuple(terms[i : i + size]) in known
        )
        phrase = tuple(terms[i : i + size])
        group = (phrase, *(other for other in known.get(phrase, ()) if other != phrase))
        if not any(set(group) == set(other) for other in groups):
            groups.append(group)
            typed.append(text[spans[phrase[0]][0] : spans[phrase[-1]][1]])
        i += size
    return Query(text, tuple(groups), tuple(typed), len(terms) > MAX_QUERY_WORDS)


@lru_cache(maxsize=4096)
def shown_tokens(text):
    """The tokens of a text shown with results, kept: the same few texts come back on page
    after page (several records quote one sentence)."""
    return tuple(tokens(text))


def match_spans(text, groups):
    """Where the groups' phrases occur in the text, as (start, end) pairs, in order, not
    overlapping."""
    phrases = [phrase for group in groups for phrase in group]
    found = shown_tokens(text)
    spans = []
    for i, (term, start, _) in enumerate(found):
        for phrase in phrases:
            if phrase[0] == term and tuple(t for t, _, _ in found[i : i + len(phrase)]) == phrase:
                spans.append((start, found[i + len(phrase) - 1][2]))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
