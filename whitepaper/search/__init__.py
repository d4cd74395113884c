"""Site search: records and paragraphs found by their words, in English or Chinese, on SQLite
and PostgreSQL.

- vocabulary: the words readers search with, from the glossary (docs/glossary.md);
- words: the terms of a text and of a query (Chinese cut into words, English stemmed), the
  groups of a query with their synonyms, and where they occur in a text;
- documents: what each record and paragraph gives the index, kept current by model signals;
- schema: the full-text index of each database (FTS5, tsvector);
- rebuild: the whole index rebuilt from the records;
- engine: the search itself, bounded, and the records of a page of results;
- popular: hot search keywords and the anonymous daily search counts.
"""
