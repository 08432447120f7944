"""Reading a proper name back from the word that ends it.

Chinese names of bodies run left from their head word (…人民法院, …有限公司工会)
to the nearest word that cannot be inside a name: punctuation, a verb, a
preposition. The components that repair the NER's misses read names this way.
"""

from __future__ import annotations

import re

# words that cannot be inside the name of a body: punctuation, prepositions,
# conjunctions, time words, counters, and the verbs that come before a name
# (叮嘱中铁建工集团, 来自…); 家 only as a counter (not in 国家电网)
NAME_STOP = re.compile(
    r"[^\u4e00-\u9fff（）]|和|与|及|向|为|在|对|由|经|把|将|从|据|获悉|记者|近日|日前|是|现在"
    r"|今年|去年|一家|该|各|全[省市县区国]|全|等|的|了|其中|以及|同时|此外|还|并|另|联合|会同|所属"
    r"|下属|属会|补助|用于|给|关于|依托|驻|个|(?<!国)家|叮嘱|来自|授予|提起|感谢|指派|邀请|携手|组织"
    r"|走进|深入|位于|帮助|协调|督促|推动|指导|配合|联系|委托|前往|来到|慰问|看望|走访|联手|协同|对接"
    r"|到|去|被|获|派|请|让|使|同|跟|数说|聚焦|点赞|关注|代表|命名")


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
