"""Words as the search sees them: the same rules for the index and for a query, on SQLite and
PostgreSQL alike.

Text is normalised here, in Python, before either database sees it: compatibility forms
folded (full-width letters, ligatures), accents dropped, lower case, and split into words of
letters and digits. Chinese and Japanese are written without spaces, so each of their
characters is a word of its own; a Chinese query term is then searched as a phrase of its
characters (北京 is "北 京", the two characters next to each other). The databases only split
on spaces and stem English words (FTS5's porter tokenizer, PostgreSQL's english
configuration).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from whitepaper.models.search import QUERY_MAX_LENGTH

#: Scripts written without spaces between words: every character is a word.
CHARACTER_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
WORD = re.compile(rf"[{CHARACTER_SCRIPTS}]|[^\W_{CHARACTER_SCRIPTS}]+")
ASCII_WORD = re.compile(r"[a-z0-9]+")
#: At most this many words of a query are searched (the rest are left out, and the page
#: says so): each word is one more list the database reads.
MAX_QUERY_WORDS = 32


class _Accents(dict):
    """A str.translate table that drops combining marks, filled as characters are met."""

    def __missing__(self, codepoint):
        value = None if unicodedata.combining(chr(codepoint)) else codepoint
        self[codepoint] = value
        return value


ACCENTS = _Accents()


def normalise(text):
    """Compatibility forms folded, accents dropped, lower case: "Ｃafé" -> "cafe"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(ACCENTS)
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def words(text):
    """The words of a text as the index holds them."""
    text = normalise(text)
    if text.isascii():
        return ASCII_WORD.findall(text)
    return WORD.findall(text)


def index_text(parts):
    """The indexed form of some texts: their words, separated by single spaces."""
    return " ".join(word for part in parts if part for word in words(part))


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
    """A reader's query: what they typed, and the phrases to search for.

    Every whitespace-separated term is one phrase of its words, and a document must contain
    every phrase. The query is only ever data: operators, quotes and wildcards are words or
    nothing.
    """

    text: str
    phrases: tuple
    truncated: bool = False

    @property
    def normalised(self):
        return normalise_query(self.text)

    @property
    def is_empty(self):
        return not self.text.strip()


def parse_query(raw):
    """The Query of what a reader typed: a phrase per term, repeated terms and terms without
    a letter or digit left out, at most MAX_QUERY_WORDS words in all."""
    text = clean_query(raw).strip()
    phrases = []
    used = 0
    truncated = False
    for term in text.split():
        term_words = tuple(words(term))
        if not term_words or term_words in phrases:
            continue
        room = MAX_QUERY_WORDS - used
        if len(term_words) > room:
            truncated = True
            term_words = term_words[:room]
        if term_words:
            phrases.append(term_words)
            used += len(term_words)
        if truncated:
            break
    return Query(text=text, phrases=tuple(phrases), truncated=truncated)


_STEMMERS = (snowballstemmer.stemmer("porter"), snowballstemmer.stemmer("english"))
_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=100_000)
def stems(word):
    """The word's Porter stem (SQLite's tokenizer) and its Snowball English stem
    (PostgreSQL's), for finding the words a search matched."""
    with _STEM_LOCK:
        return tuple(stemmer.stemWord(word) for stemmer in _STEMMERS)


def same_word(a, b):
    return a == b or any(x == y for x, y in zip(stems(a), stems(b), strict=True))


ASCII_RAW_WORD = re.compile(r"[A-Za-z0-9]+")


def word_spans(text):
    """(word, start, end) for each word of the text, with its place in the text."""
    if text.isascii():
        for match in ASCII_RAW_WORD.finditer(text):
            yield match.group().lower(), match.start(), match.end()
        return
    for match in WORD.finditer(text):
        token = match.group()
        if "\u3400" <= token <= "\u9fff":  # a Han character: its own normalised form
            yield token, match.start(), match.end()
            continue
        for word in words(token):
            yield word, match.start(), match.end()


def might_match(text, phrases):
    """False when no phrase can occur in the text: stemming only ever changes the end of
    a word, so a matching word begins with the same three characters."""
    text = normalise(text)
    return any(phrase[0][:3] in text for phrase in phrases)


def match_spans(text, phrases):
    """Where the phrases occur in the text, as (start, end) pairs, in order, not overlapping.
    A phrase matches its words in a row, each word in any of its stemmed forms."""
    if not phrases or not might_match(text, phrases):
        return []
    found = list(word_spans(text))
    spans = []
    for phrase in phrases:
        size = len(phrase)
        first = phrase[0]
        for i in range(len(found) - size + 1):
            word = found[i][0]
            if word[:3] != first[:3] or not same_word(word, first):
                continue
            if all(same_word(found[i + j][0], phrase[j]) for j in range(1, size)):
                spans.append((found[i][1], found[i + size - 1][2]))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
