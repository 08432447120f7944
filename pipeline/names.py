"""Reading a proper name back from the word that ends it.

Chinese names of bodies run left from their head word (…人民法院, …有限公司工会)
to the nearest word that cannot be inside a name: punctuation, a verb, a
preposition. The components that repair the NER's misses read names this way.
"""

from __future__ import annotations

import re


def name_start(text: str, head: int, stop: re.Pattern[str], reach: int,
               min_chars: int = 2) -> int | None:
    """Where the name ending in the head word at ``head`` starts.

    text (str): Processing text.
    head (int): Offset of the head word (人民法院 in 海口市龙华区人民法院).
    stop (re.Pattern): Words that cannot be inside a name.
    reach (int): How far back the name may run, in characters.
    min_chars (int): The fewest characters a name has before its head word.
    RETURNS (int | None): The start offset, or None when too little is left.
    """
    window = text[max(0, head - reach):head]
    cut = max((m.end() for m in stop.finditer(window)), default=0)
    if len(window) - cut < min_chars:
        return None
    return head - (len(window) - cut)
