"""The licence of the records this site compiles (the white paper itself is not relicensed)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    url: str


RECORDS_LICENCE = Licence(
    name="CC-BY-4.0",
    title="Creative Commons Attribution 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
)
