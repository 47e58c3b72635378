"""Pure checkpoint rules: no I/O, no Qt."""
