"""Helpers the tests share: code a text written for a test the way the library does."""
from eventcoder import Document
from eventcoder.merge import merge_events
from eventcoder.model import CodedDocument


def code(coder, text: str, **kw) -> list:
    """The events of `text`, coded as one document and merged as `extract` merges them."""
    return merge_events(coder.code_one(Document(text, id="t", **kw)))


def coded(coder, text: str) -> CodedDocument:
    """`text` coded whole, as one document: its events, control claims and tolls over a period."""
    [document] = list(coder.code_full([Document(text, id="t")]))
    return document
