from __future__ import annotations

from pipeline.stages.ingest.formats.latex import latex_reading
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans

TEX = r"""\documentclass{article}
\title{Protokoll styrelsemöte}\date{14 mars 2024}\author{Lisa Berg}
\newcommand{\narvarande}[1]{Närvarande: #1}
\begin{document}\maketitle
\section{Närvaro}
\narvarande{Lisa Berg, Ali Haddad}

\ledamot{Eva Ström}{kassör}
\section{Ärenden}
\subsection{§ 1 Budget}
Styrelsen beslutade att \textbf{godkänna} budgeten -- med en ändring.
\begin{itemize}
\item Ali bokar lokal
\begin{enumerate}\item före 1 april\end{enumerate}
\item Eva kontaktar banken
\end{itemize}
\begin{tabular}{ll}
Vem & Vad \\ \hline
Ali & lokal \\
\end{tabular}
% en kommentar
\end{document}
"""


def test_latex_sections_lists_tables_metadata_macros():
    r = latex_reading(TEX)
    assert r.metadata == {"title": "Protokoll styrelsemöte", "date": "14 mars 2024", "author": "Lisa Berg"}
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "heading"] == [
        ("Närvaro", 1), ("Ärenden", 1), ("§ 1 Budget", 2)]
    assert "Närvarande: Lisa Berg, Ali Haddad" in r.text   # a macro the file defines, expanded
    assert "Eva Ström, kassör" in r.text                   # an unknown macro keeps its arguments
    assert "Styrelsen beslutade att godkänna budgeten – med en ändring." in r.text
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"] == [
        ("Ali bokar lokal", 1), ("före 1 april", 2), ("Eva kontaktar banken", 1)]
    assert spans(r.text, r.blocks, "table_row") == ["Vem | Vad", "Ali | lokal"]
    assert "kommentar" not in r.text and "documentclass" not in r.text
    assert_blocks_valid(r.text, r.blocks)
