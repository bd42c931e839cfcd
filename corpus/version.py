"""The parser's version, apart from the parser, so a search can check an index
without loading the readers."""

# Recorded in every index; bump it when parsing changes what passages an
# unchanged file yields, so that old indexes are rebuilt rather than mixed.
PARSER_VERSION = 60
