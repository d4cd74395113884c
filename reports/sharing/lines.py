"""Text set in lines for an image: wrapped to a width as the card's own fonts measure it, at
spaces in a text that has them and between any two characters in Chinese (never before a
closing punctuation mark), and cut with an ellipsis past the lines there is room for."""

from dataclasses import dataclass

from reports.sharing.fonts import width

ELLIPSIS = "…"
#: Punctuation that may not begin a line of Chinese (it stays with the character before it).
NO_LINE_START = set("，。、；：！？）】》」』”’…%％")


@dataclass(frozen=True)
class Style:
    size: int
    bold: bool = False
    fill: str = "#1d2a36"
    #: From one line's baseline to the next, in ems.
    leading: float = 1.3

    @property
    def line_height(self):
        return round(self.size * self.leading)


def pieces(text):
    """The units a line breaks between: words and the spaces before them, or characters in a
    text without spaces (a closing punctuation mark kept with the character before it)."""
    if " " in text.strip():
        words = text.split(" ")
        return [words[0], *(f" {word}" for word in words[1:])]
    units = []
    for character in text:
        if units and character in NO_LINE_START:
            units[-1] += character
        else:
            units.append(character)
    return units


def all_lines(text, style, lang, max_width):
    """Every line of the text, wrapped to ``max_width``."""
    lines = [""]
    for piece in pieces(" ".join(text.split())):
        candidate = lines[-1] + piece
        if lines[-1] and width(candidate, style.size, lang, style.bold) > max_width:
            lines.append(piece.lstrip())
        else:
            lines[-1] = candidate
    return lines


def wrap(text, style, lang, max_width, max_lines):
    """The text's lines, at most ``max_lines``; the last cut with an ellipsis if the text is
    longer than they hold."""
    lines = all_lines(text, style, lang, max_width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and width(last + ELLIPSIS, style.size, lang, style.bold) > max_width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,;:，、；：") + ELLIPSIS
    return kept


def fitting(text, styles, lang, max_width, max_lines):
    """The first of the styles (largest first) in which the text fits ``max_lines`` whole,
    and its lines; in the last style, cut, if it fits in none."""
    for style in styles:
        if len(all_lines(text, style, lang, max_width)) <= max_lines:
            break
    return style, wrap(text, style, lang, max_width, max_lines)
