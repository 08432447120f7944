"""Reading a name back from its head word to the nearest stop."""

import re

from pipeline.names import name_start

STOP = re.compile(r"[，。]|在|从")


def test_names_run_back_to_the_nearest_stop():
    text = "记者从海口市龙华区人民法院获悉"
    head = text.index("人民法院")
    assert text[name_start(text, head, STOP, reach=20):head] == "海口市龙华区"


def test_names_need_two_characters_before_the_head():
    text = "在区人民法院"
    assert name_start(text, text.index("人民法院"), STOP, reach=20) is None


def test_names_stop_at_the_reach():
    text = "一二三四五六七八人民法院"
    assert name_start(text, text.index("人民法院"), STOP, reach=3) == text.index("六")
