"""PySide6 widgets, models and workers: the only package that imports Qt."""
