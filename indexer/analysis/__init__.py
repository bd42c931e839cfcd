"""Analysis, shared by building and searching: how text folds (width, case,
Traditional to Simplified), its match tokens, the index terms made of them
(grams, joins, jieba words, sites of names side by side), and the glossaries
of names (with the bundled data they read, in data/).

Names are imported from their modules on first use.
"""

from __future__ import annotations

from ...corpus.exports import lazy_exports

_EXPORTS = {
    **dict.fromkeys([
        "DATA_DIR", "FOLDING", "JOIN", "SEGMENTER", "aligned_fold", "cjk_runs", "count",
        "fold_char",
        "fold_key", "grams", "is_cjk", "jieba_words", "joins", "match_string", "match_text",
        "match_tokens", "needle_pattern", "occurrences", "passage_terms", "places_in_fold",
        "segmenter_info", "table_fold", "tokenize"], "text"),
    **dict.fromkeys(["site_term", "site_terms"], "sites"),
    **dict.fromkeys(["BUNDLED", "GlossaryError", "agreed_groups", "bundled_glossary",
                     "load_glossary"], "glossary"),
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
