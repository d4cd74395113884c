"""The progress line of the long management commands (fill_benchmark, rebuild_search_index)."""

import time

WIDTH = 30


def progress_line(done, total, started, noun):
    """ "\\r[#####.....] 5,000/1,000,000 statistics (54,593/s)": the carriage return first, so
    that each line overwrites the one before on a terminal."""
    filled = int(WIDTH * done / total) if total else WIDTH
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed else 0
    return f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done:,}/{total:,} {noun} ({rate:,.0f}/s)"
