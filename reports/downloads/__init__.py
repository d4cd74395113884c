"""Every table as CSV and JSON, and the whole dataset as a zip, streamed from the database."""
