"""The version of eventcoder: what a store records as the coder of a document, and what a report names.

Its own module, the lowest of all, so that a module which records the version does not import the package's
facade (`eventcoder/__init__.py`), which sits above everything.
"""
__version__ = "0.2.0"
