import pytest

from pipeline.unions import (
    dateline_union,
    fold_union_name,
    is_short_form,
    resolve_union,
    same_union,
    union_names_match,
)


@pytest.mark.parametrize("mention,full,expected", [
    ("段工会", ["沈阳局集团公司长春机务段工会"], "沈阳局集团公司长春机务段工会"),  # a railway depot
    ("市总工会", ["洮南市总工会"], "洮南市总工会"),
    ("市总", ["洮南市总工会"], "洮南市总工会"),
    ("县总工会", ["通榆县总工会", "吉林省总工会"], "通榆县总工会"),
    ("省总工会", ["通榆县总工会", "吉林省总工会"], "吉林省总工会"),
    ("省总工会", ["通榆县总工会"], "省总工会"),
    ("全总", ["通榆县总工会"], "全总"),
    ("全总", ["三亚市总工会", "中华全国总工会"], "中华全国总工会"),  # named in full elsewhere
    ("洮南市總工會", [], "洮南市总工会"),
    ("街道工联会", ["福州市鼓楼区东街街道工会联合会"], "福州市鼓楼区东街街道工会联合会"),
    ("园区工会", ["白城工业园区工会"], "白城工业园区工会"),
    ("联合工会", ["海口市新就业形态劳动者联合工会"], "海口市新就业形态劳动者联合工会"),  # bare kind
    ("厂工会", ["华励电器有限公司工会"], "华励电器有限公司工会"),  # the report's own enterprise
    ("厂工会", ["洮南市总工会"], "厂工会"),  # not a federation
    ("集团工会", ["中建三局集团有限公司工会"], "中建三局集团有限公司工会"),
    ("产业工会", ["湖南省能源化学地质工会", "湖南省总工会"], "湖南省能源化学地质工会"),
    ("行业工会", ["南通市总工会"], "行业工会"),  # a federation is no industry union
    ("园区工会", ["中关村软件园工会联合会"], "中关村软件园工会联合会"),
    ("任丘市总", ["任丘市总工会"], "任丘市总工会"),
    ("任丘市总", ["沧州市总工会"], "任丘市总"),  # never expanded to a name not in the report
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
    ("第八师石河子市总工会", "第八师石河子\n市总工会", True),  # an OCR line break
])
def test_union_names_match(predicted, gold, expected):
    assert union_names_match(predicted, gold) is expected


@pytest.mark.parametrize("name,expected", [
    ("市总工会", True), ("省总", True), ("全总", True), ("洮南市总工会", False),
    ("白城经济开发区工会", False),
])
def test_is_short_form(name, expected):
    assert is_short_form(name) is expected


@pytest.mark.parametrize("a,b,expected", [
    ("中建三局工会", "中建三局集团有限公司工会", True),
    ("铜仁市总工会", "贵州省铜仁市总工会", True),
    ("望京街道工会", "朝阳区望京街道总工会", True),
    ("南昌新就业形态联合工会", "南昌市新就业形态劳动者联合工会", True),
    ("东街街道工会联合会", "福州市鼓楼区东街街道工会联合会", True),
    ("市直机关工会工委", "厦门市直机关工会工作委员会", True),  # 工委 abbreviates
    ("前海总工会", "深圳市前海深港现代服务业合作区总工会", True),  # a bare name, its own level
    ("大瑶总工会", "浏阳市大瑶镇总工会", True),
    ("浏阳总工会", "浏阳市大瑶镇总工会", False),  # a town below the city
    ("深圳市总工会", "深圳市快递行业联合工会", False),
    ("浏阳市总工会", "浏阳市大瑶镇总工会", False),
    ("镇赉县总工会", "镇赉县职业技术教育中心工会", False),
    ("洮南市总工会", "洮北区总工会", False),
    ("吉林省总工会", "白城市总工会", False),
    ("包钢集团工会", "包钢（集团）稀土钢板材公司工会", False),  # a subsidiary's union
    ("中建三局工会", "中建三局一公司工会", False),
    # a company's union by its brand
    ("华晟工会", "苏州华晟精密机械有限公司工会", True),
    ("华宇汽零工会", "襄阳华宇汽车零部件有限公司工会", True),
    ("胜利油田工会", "中国石油化工股份有限公司胜利油田分公司工会", True),
    ("华为工会", "华润万家有限公司工会", False),
    ("华晟工会", "苏州华晟精密机械有限公司铸造分厂工会", False),  # its plant's union
    # a national industry union's committee of one employer is that employer's union
    ("中国海员建设工会海南港航控股有限公司委员会", "港航控股公司工会", True),
])
def test_same_union(a, b, expected):
    assert same_union(fold_union_name(a), fold_union_name(b)) is expected


@pytest.mark.parametrize("line,short_form,expected", [
    ("武宁讯 ", "县总工会", "武宁县总工会"),  # a county page's dateline
    ("涉县讯 ", "县总工会", "涉县总工会"),  # the place holds its level
    ("本报成都讯 ", "市总工会", "成都市总工会"),
    ("穆棱讯 ", "市总", "穆棱市总工会"),
    ("张掖讯 ", "县总工会", None),  # 张掖 is a city: no 张掖县
    ("本报讯 ", "县总工会", None),  # no place
    ("武宁讯 近日，", "县总工会", None),  # not right after the dateline
    ("武宁讯 ", "省总工会", None),  # a province is never a dateline's place
])
def test_dateline_union_names_the_federation_of_the_dateline_place(line, short_form, expected):
    assert dateline_union(line, short_form) == expected
