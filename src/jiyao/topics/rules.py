"""Which prerequisite checks (前置程序) a topic needs, by its kind (docs/domain.md §1.9).

Plain data and a pure function, tested as a table. A topic may be scheduled only when
every required check is recorded with its evidence; :func:`missing_checks` names what
stops it, and :data:`RULES` says which rule requires each check (shown on the page).
"""

from __future__ import annotations

CONSULTATION = "consultation"
LEGALITY = "legality"
FAIR_COMPETITION = "fair_competition"
RISK = "risk"
COLLECTIVE = "collective"

#: Check code → Chinese name.
CHECKS: dict[str, str] = {
    CONSULTATION: "征求意见",
    LEGALITY: "合法性审查",
    FAIR_COMPETITION: "公平竞争审查",
    RISK: "社会稳定风险评估",
    COLLECTIVE: "部门集体讨论",
}

NORMATIVE = "normative"
MAJOR = "major"
MARKET = "market"
REPORT = "report"
OTHER = "other"

#: Topic kind → Chinese name.
KINDS: dict[str, str] = {
    NORMATIVE: "规范性文件",
    MAJOR: "重大行政决策",
    MARKET: "涉及市场主体经济活动的政策措施",
    REPORT: "工作汇报",
    OTHER: "其他事项",
}

#: Topic kind → the checks it requires, each with the rule that requires it.
RULES: dict[str, dict[str, str]] = {
    NORMATIVE: {
        CONSULTATION: "规范性文件须广泛征求意见",
        LEGALITY: "规范性文件提交集体讨论前须经合法性审查",
        COLLECTIVE: "提交单位须经部门集体讨论",
    },
    MAJOR: {
        CONSULTATION: "《重大行政决策程序暂行条例》：公众参与",
        RISK: "《重大行政决策程序暂行条例》：风险评估",
        LEGALITY: "《重大行政决策程序暂行条例》：合法性审查",
        COLLECTIVE: "提交单位须经部门集体讨论",
    },
    MARKET: {
        FAIR_COMPETITION: "涉及市场主体经济活动的政策措施须经公平竞争审查",
        LEGALITY: "政策措施提交集体讨论前须经合法性审查",
        CONSULTATION: "政策措施须征求意见",
        COLLECTIVE: "提交单位须经部门集体讨论",
    },
    REPORT: {},
    OTHER: {COLLECTIVE: "提交单位须经部门集体讨论"},
}


def required_checks(kind: str) -> dict[str, str]:
    """Check code → the rule requiring it, for a topic of ``kind``."""
    return dict(RULES.get(kind, RULES[OTHER]))


def missing_checks(kind: str, passed: set[str]) -> list[tuple[str, str]]:
    """(check name, rule) for every required check of ``kind`` not in ``passed``."""
    return [(CHECKS[c], rule) for c, rule in required_checks(kind).items() if c not in passed]
