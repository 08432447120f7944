import pytest

from pipeline.unions import is_short_form, resolve_union, union_names_match


@pytest.mark.parametrize("mention,full,expected", [
    ("市总工会", ["洮南市总工会"], "洮南市总工会"),
    ("市总", ["洮南市总工会"], "洮南市总工会"),
    ("县总工会", ["通榆县总工会", "吉林省总工会"], "通榆县总工会"),
    ("省总工会", ["通榆县总工会", "吉林省总工会"], "吉林省总工会"),
    ("省总工会", ["通榆县总工会"], "省总工会"),
    ("全总", ["通榆县总工会"], "全总"),
    ("洮南市總工會", [], "洮南市总工会"),
])
def test_resolve_union(mention, full, expected):
    assert resolve_union(mention, full) == expected


@pytest.mark.parametrize("predicted,gold,expected", [
    ("宜昌市总工会", "市总工会", True),
    ("铜仁市总工会", "贵州省铜仁市总工会", True),
    ("市总工会", "宜昌市总工会", False),
    ("宜昌市总工会", "襄阳市总工会", False),
    ("洮南市總工會", "洮南市总工会", True),
    ("“洮南市总工会”", "洮南市总工会", True),
])
def test_union_names_match(predicted, gold, expected):
    assert union_names_match(predicted, gold) is expected


@pytest.mark.parametrize("name,expected", [
    ("市总工会", True), ("省总", True), ("全总", True), ("洮南市总工会", False),
    ("白城经济开发区工会", False),
])
def test_is_short_form(name, expected):
    assert is_short_form(name) is expected
