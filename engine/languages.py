"""The six official languages of the United Nations, as resdiff names and lists them.

A module of its own so that what only needs the names (the store's paths and manifests,
the command line's options) does not load the document model.
"""

LANGUAGES = ("zh", "en", "fr", "es", "ru", "ar")
