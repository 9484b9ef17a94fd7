"""Text helpers every stage shares: comparison forms, numerals, word tokens, control characters.

Not a pipeline stage: nothing here reads a file of the user's or knows about articles.  Legal text is
never altered by these functions; they compute keys and tokens from it.
"""

from lawdiff.text.controls import safe
from lawdiff.text.normalize import fold, key, match_text
from lawdiff.text.numerals import cn_number, cn_to_int, en_number
from lawdiff.text.words import Tokenizer

__all__ = ["Tokenizer", "cn_number", "cn_to_int", "en_number", "fold", "key", "match_text", "safe"]
