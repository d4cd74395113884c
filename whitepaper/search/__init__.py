"""Site search: records found by any word, in English or Chinese, on SQLite and PostgreSQL.

- text: normalised words, queries, and where a query's words occur in a text;
- documents: what each record gives the index, kept current by model signals;
- schema: the full-text index of each database (FTS5, tsvector);
- rebuild: the whole index rebuilt from the records;
- engine: the search itself, bounded, and the records of a page of results;
- popular: hot search keywords and the anonymous daily search counts.
"""
