"""Texts for properties of the match rules: pieces that fold, join and split
in every way a match string can tell (Chinese beside Latin, letters beside
digits, full-width forms, separators, letters that fold to two)."""

from hypothesis import strategies as st

PIECES = ["海", "關", "單一窗口", "電子商務", "e", "commerce", "api", "APIS", "2016", "2",
          "２０", "ａ", "UNI", "-", "PASS", " ", "、", "，", "（", ")", "\n", "é", "ﬁ"]
pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12)
