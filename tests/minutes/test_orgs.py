from __future__ import annotations

import pytest

from jiyao.minutes.orgs import ABBREVIATIONS, STEMS, abbreviations_of, canonical


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("县发改局", "县发展和改革局"),
        ("市发改委", "市发展和改革委员会"),
        ("县住建局", "县住房和城乡建设局"),
        ("象山县住建局", "象山县住房和城乡建设局"),
        ("市府办", "市人民政府办公室"),
        ("县委办", "县委办公室"),
        ("县 人社局", "县人力资源和社会保障局"),
        ("区市场监管局", "区市场监督管理局"),
        ("县市监局", "县市场监督管理局"),
    ],
)
def test_common_abbreviations_have_their_full_name(written: str, full: str) -> None:
    assert canonical(written) == full


@pytest.mark.parametrize("name", ["县发展和改革局", "县委各部门", "发改局", "县人民政府", ""])
def test_full_or_unknown_names_come_back_unchanged(name: str) -> None:
    assert canonical(name) == name


def test_the_table_covers_county_and_city_forms_of_at_least_sixty_departments() -> None:
    stems = {short for short, full in STEMS.items() if short != full}
    assert len(stems) >= 60
    for short in stems:
        assert "县" + short in ABBREVIATIONS
        assert "市" + short in ABBREVIATIONS


def test_every_abbreviation_maps_to_its_table_entry() -> None:
    for short, full in ABBREVIATIONS.items():
        assert canonical(short) == full
        assert short in abbreviations_of(full)


def test_abbreviations_of_a_full_name_exclude_the_full_name() -> None:
    assert abbreviations_of("县发展和改革局") == ("县发展改革局", "县发改局")
    assert abbreviations_of("县发改局") == abbreviations_of("县发展和改革局")
    assert abbreviations_of("县委各部门") == ()
