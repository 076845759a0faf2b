"""The ten shipped archetypes: complete, bilingual, in the seed's order, with its attributes."""

from __future__ import annotations

import re

import pytest

from sscgap.profiles import default_profiles_dir

EXPECTED = [
    "leader",
    "experienced_insider",
    "ssc_consultant",
    "key_account_manager",
    "tech_applier",
    "data_reporting",
    "process_consultant",
    "project_change",
    "service_frontline",
    "product_cx",
]


def test_ten_archetypes_in_seed_order(default_profiles):
    assert [a.id for a in default_profiles.archetypes] == EXPECTED
    assert [a.seed.point for a in default_profiles.archetypes] == list(range(1, 11))
    # an archetype has its own target or one on every role (role seats: points 7-10)
    for a in default_profiles.archetypes:
        assert a.seed.title_zh
        assert (a.target and a.target.reasoning) or all(r.target and r.target.reasoning for r in a.roles)


def test_roles_per_archetype(default_profiles):
    roles = {a.id: len(a.roles) for a in default_profiles.archetypes}
    assert roles["service_frontline"] == 2
    assert roles["product_cx"] == 4
    assert all(n >= 1 for n in roles.values())


def test_explicit_attributes_from_the_seed(default_profiles):
    insider = default_profiles.archetype("experienced_insider")
    assert all(r.attributes.employment_types == ["internal"] for r in insider.roles)
    assert all((r.attributes.min_tenure_years or 0) >= 3 for r in insider.roles)
    consultant = default_profiles.archetype("ssc_consultant")
    assert all(r.attributes.employment_types == ["external"] for r in consultant.roles)
    assert consultant.sourcing == "borrow"


def test_every_competency_is_used_and_fully_described(default_profiles):
    used = {q.competency for a in default_profiles.archetypes for r in a.roles for q in r.requirements}
    assert used == set(default_profiles.competency_ids)
    for c in default_profiles.catalogue.competencies:
        assert sorted(c.levels) == [0, 1, 2, 3, 4, 5]
        assert c.name.zh != c.name.en


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_user_facing_name_is_bilingual(default_profiles, lang):
    texts = [default_profiles.settings.name]
    for a in default_profiles.archetypes:
        texts += [a.name, a.summary, a.sourcing_reasoning]
        texts += [a.target.reasoning] if a.target else [r.target.reasoning for r in a.roles]
        for r in a.roles:
            texts.append(r.name)
    for c in default_profiles.catalogue.competencies:
        texts += [c.name, c.description, *c.levels.values()]
    texts += [c.name for c in default_profiles.catalogue.categories]
    for s in default_profiles.catalogue.scale:
        texts += [s.label, s.descriptor]
    for p in default_profiles.principles:
        texts += [p.name, p.description]
    for text in texts:
        value = text.get(lang)
        assert value.strip()
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in value)
        assert has_cjk == (lang == "zh"), value


def test_the_two_principles(default_profiles):
    principles = {p.id: p for p in default_profiles.principles}
    assert list(principles) == ["customer_service", "continuous_improvement"]
    assert principles["customer_service"].name.zh == "以客户服务为中心"
    assert principles["continuous_improvement"].name.zh == "持续改进"
    assert set(principles["customer_service"].competencies) >= {"service_orientation", "approachability"}
    assert set(principles["continuous_improvement"].competencies) >= {"retrospection", "end_to_end_view"}
    for p in principles.values():
        assert set(p.competencies) <= set(default_profiles.competency_ids)
        assert p.description is not None and 1 <= p.level <= 5


def test_sourcing_says_where_the_article_gives_a_basis(default_profiles):
    for a in default_profiles.archetypes:
        reasoning = a.sourcing_reasoning
        assert reasoning is not None, a.id
        from_article = a.seed.point in (2, 3, 5)
        assert reasoning.en.startswith("From the article") == from_article, a.id
        assert reasoning.zh.startswith("依据原文") == from_article, a.id
        assert reasoning.en.startswith("The article does not say") != from_article, a.id


def test_profile_files_name_no_path_outside_the_repo():
    for path in sorted(default_profiles_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"shared/|seed/|PRODUCT\.md|README\.md|\.\./", text), path.name
