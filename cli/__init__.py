"""The `rsearch` command line: Click commands and output rendering only."""
