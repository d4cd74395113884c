"""One data version drives every cache and ETag of the public side: the keys, conditional GET
and the page cache."""
