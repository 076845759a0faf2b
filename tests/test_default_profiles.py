"""The ten shipped archetypes: complete, bilingual, in the seed's order, with its attributes."""

from __future__ import annotations

import pytest

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
    assert all(a.seed.title_zh and a.target.reasoning for a in default_profiles.archetypes)


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
        texts += [a.name, a.summary, a.target.reasoning]
        for r in a.roles:
            texts.append(r.name)
    for c in default_profiles.catalogue.competencies:
        texts += [c.name, c.description, *c.levels.values()]
    texts += [c.name for c in default_profiles.catalogue.categories]
    for s in default_profiles.catalogue.scale:
        texts += [s.label, s.descriptor]
    for text in texts:
        value = text.get(lang)
        assert value.strip()
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in value)
        assert has_cjk == (lang == "zh"), value
