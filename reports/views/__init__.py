"""The public pages and files: one module per group of pages."""
