"""The parser's version, apart from the parser, so a search can check an index
without loading the readers."""

# Recorded in every index; bump it when parsing changes what passages an
# unchanged file yields, so that old indexes are rebuilt rather than mixed.
# The bundled glossary counts: a build tags a topic's passages by its names
# too (indexer/build/documents.py), so a change to data/glossary/*.tsv that
# adds or moves a name changes an unchanged file's passages.
PARSER_VERSION = 81
