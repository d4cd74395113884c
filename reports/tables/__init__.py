"""The public tables: their columns, filters and layout, their rows as HTML, paging, and the
catalogue of the tables the site has."""
