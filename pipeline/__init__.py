"""referat's pipeline: ingest orchestration, storage, the Datasette server and the command line."""

# Bump when extraction changes what it produces: documents read by an older version are read again.
PARSER_VERSION = "6"
