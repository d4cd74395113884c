"""How readers see each kind of record: its page's pieces, its text in either language, its
citation, its corrections, the source text it quotes, its charts and the audit of all of it."""
