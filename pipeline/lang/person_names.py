"""A person span as a name finder returns it, cut into the names it really holds.

Layout glues what belongs apart: a two-column form puts 'Anna Berg' and 'Per Lund' on one line
('Anna Berg      Per Lund', or with a single space when a PDF's text layer joins the columns), a
list puts one name per line, and labels and titles stand right beside names ('Sekreterare Vera
Lagerström Paragrafer', 'Verksamhetschefer Jessica Rönnerfors'). :func:`name_parts` returns the
names inside a span:

* a run of three or more spaces, a tab, a table-cell separator, a comma, a slash or a bracket ends
  a name; so does a line break between two names of two words or more;
* form labels, roles and job titles (``pipeline.lang.roles``) are never part of a name: they are
  trimmed from its ends and split it where they stand inside;
* words that cannot be in a name (lower-case words other than name particles such as 'af', 'von')
  split it too;
* two names glued together ('Johannes Mattsson Vidar Magnusson', 'William Levén William Levén')
  are split where a first name follows a surname, leaving two names of two words or more.
"""
from __future__ import annotations

import re

from pipeline.lang.names import is_first_name
from pipeline.lang.roles import is_not_name_word

_HARD = re.compile(r"[ \t]{3,}|\t|\n[ \t]*\n|[ \t]*\|[ \t]*|[,;:()\[\]/]|\s[-–—]\s|[•●○■▪]")
_TOKEN = re.compile(r"\S+")
_PARTICLES = {"af", "av", "von", "van", "der", "den", "de", "la", "le", "di", "da", "du", "el", "al", "bin", "ibn"}
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$")
# common endings of Swedish surnames: a first name after one of these starts a new name
_SURNAME_END = re.compile(r"(?:sson|son|berg|ström|qvist|kvist|quist|gren|lund|dahl|lin|man|ell|ius|holm|stedt|"
                          r"fors|blad|mark|borg|hult|näs|bäck|sten|stam|ling|ander|lander|ér|én)$")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at hard separators."""
    out, pos = [], start
    for m in _HARD.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]


def _name_runs(text: str, toks: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of name-like tokens; labels, titles and other words end a run."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    for t in toks:
        word = t[2].strip(".'’")
        ok = bool(word) and ((word[0].isupper() and _NAME_TOKEN.match(word) is not None)
                             or (word in _PARTICLES and runs[-1]))
        if ok and is_not_name_word(word):
            ok = False
        if ok and runs[-1] and "\n" in text[runs[-1][-1][1]:t[0]]:
            runs.append([])  # a line break: decided in _join_lines
        if ok:
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _join_lines(text: str, runs: list[list]) -> list[list]:
    """Rejoin a name wrapped over two lines ('Ann-Helen\\nSvensson'): only when one part is one word."""
    out: list[list] = []
    for r in runs:
        prev = out[-1] if out else None
        if prev and "\n" in text[prev[-1][1]:r[0][0]] and not text[prev[-1][1]:r[0][0]].strip() \
                and (len(prev) == 1 or len(r) == 1) and len(prev) + len(r) <= 4:
            prev.extend(r)
        else:
            out.append(list(r))
    return out


def _split_glued(run: list) -> list[list]:
    """'Johannes Mattsson Vidar Magnusson' -> two; 'Anna Lena Johnson' stays one."""
    words = [t[2] for t in run]
    n = len(words)
    if n >= 4 and n % 2 == 0 and words[: n // 2] == words[n // 2:]:
        return [run[: n // 2], run[n // 2:]]
    if n >= 4:
        for i in range(2, n - 1):
            starts = is_first_name(words[i]) or (_SURNAME_END.search(words[i - 1].lower())
                                                 and not _SURNAME_END.search(words[i].lower()))
            if starts and not is_first_name(words[i - 1]) and n - i >= 2:
                return [run[:i]] + _split_glued(run[i:])
    return [run]


def name_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of every name inside ``text[start:end]``, in order."""
    out: list[tuple[int, int]] = []
    for s, e in _pieces(text, start, end):
        runs = _join_lines(text, _name_runs(text, _tokens(text, s, e)))
        for run in runs:
            for part in _split_glued(run):
                while part and part[-1][2].strip(".'’").lower() in _PARTICLES:
                    part = part[:-1]
                if not part:
                    continue
                ps, pe = part[0][0], part[-1][1]
                while pe > ps and text[pe - 1] in ".'’":
                    pe -= 1
                if pe - ps >= 2:
                    out.append((ps, pe))
    return out
