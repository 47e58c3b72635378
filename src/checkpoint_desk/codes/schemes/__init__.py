"""One module per code scheme, each with ``recognise(text)`` and ``read(text, ctx)``."""
