"""The JSON shapes of the core engines, shared by the Python API, the command and the REST endpoint."""

from collections.abc import Sequence
from typing import Any

from .text_keys import normalize_for_search, search_tokens, skeleton


def search_keys_report(texts: Sequence[str]) -> dict[str, Any]:
    """For each text: its normalised form, its tokens and their cross-script skeletons."""
    return {
        "results": [
            {
                "text": text,
                "normalized": normalize_for_search(text),
                "tokens": search_tokens(text),
                "skeletons": [skeleton(token) for token in search_tokens(text)],
            }
            for text in texts
        ]
    }
