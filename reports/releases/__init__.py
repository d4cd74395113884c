"""Numbered, unchanging releases: what one holds of each record, its zip, publishing one, what
changed between them, and where the live data stands."""
