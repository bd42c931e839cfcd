"""Storage: everything that knows the index's bytes on disk.

The codec our segments are written with (codec) and the readers of its
postings (postings), the Whoosh schema with its columns and stored records
(schema, record_column, tail_column, records), a passage's place key
(places), segment files read without copying (buffers), and the index
folder's generations as a search opens them (generations). The small files
of the index folder are validated when read (index_files), every file of a
generation is checksummed when committed and verified when read (checksums),
and a whole index verified on demand (check). Every use of
Whoosh's private names is in one module, the door to Whoosh (whoosh_door),
which also offers what build needs of Whoosh's writer internals. Building
(`build`) and searching (`retrieval`) both stand on it; it knows neither.

Names are imported from their modules on first use.
"""

from __future__ import annotations

from ...corpus.exports import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["ITEM_SIZES", "layout"], "codec"),
    **dict.fromkeys([
        "Codec", "LeafMatcher", "TermInfo", "check_open", "field_key", "field_postings_writer",
        "follow_commit",
        "fixed_bytes_reader", "index_segments", "info_ids", "info_matcher",
        "lookups_remembered", "mark_added",
        "segment_reader", "term_blocks", "term_stream", "term_table",
        "write_segment",
        "writer_hooks"], "whoosh_door"),
    **dict.fromkeys([
        "DENSE", "counts_among", "decoded_blocks", "field_postings", "holding_every",
        "ids_near", "leading_ids", "posting_counts", "posting_ids", "posting_set",
        "prefix_postings", "segment_ids", "segments", "span_entries",
        "entries_holding", "entries_ids", "keyed_entries", "term_matcher"], "postings"),
    **dict.fromkeys([
        "ALIAS_GROUP", "DUPLICATE", "FACET", "NAMED", "NAMED_SEPARATOR", "PASSAGE",
        "RANKED_DOWN", "RANKED_DOWN_FLAG", "REPORT",
        "SECTION", "ColumnLookup", "StoredRecords", "TermSet", "column_values", "column_values_at",
        "fixed_column_slices",
        "later_in_segment", "make_schema", "ranked_down", "read_column",
        "search_build_info", "segment_numbers"], "schema"),
    "ReportRuns": "report_runs",
    "collector_paused": "collector",
    **dict.fromkeys(["StoredPassage", "dated", "heading_match", "heading_words",
                     "report_trip"], "records"),
    **dict.fromkeys(["PLACE_KEY_BYTES", "PLACE_SIZE", "number_at", "order_key",
                     "report_part"], "places"),
    **dict.fromkeys([
        "IndexReading", "build_info", "check_build_info",
        "current_generation", "open_whoosh", "read_build_info"], "generations"),
    **dict.fromkeys([
        "BUILD_FILE", "CURRENT", "ROOTS_FILE", "generation_checks", "generations",
        "read_current", "read_roots", "read_sources", "remembered_roots", "seal_generation"],
        "index_files"),
    **dict.fromkeys(["SOURCES_FILE", "SourceRow", "Sources"], "sources"),
    **dict.fromkeys(["CHANGES_FILE", "files_to_write"], "source_changes"),
    **dict.fromkeys(["CHECKSUMS_FILE", "CHECKSUMS_VERSION", "read_manifest",
                     "verify_generation", "write_checksums"], "checksums"),
    **dict.fromkeys(["CheckResult", "check_index"], "check"),
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
