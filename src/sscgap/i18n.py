"""User-facing words in English and Chinese. Profile texts carry their own en/zh."""

from __future__ import annotations

LANGS = ("en", "zh")

_TEXT: dict[str, tuple[str, str]] = {
    # table headings
    "archetype": ("Archetype", "人才类型"),
    "target": ("Target", "目标"),
    "ready": ("Ready", "已就绪"),
    "near": ("Near", "接近就绪"),
    "coverage": ("Coverage", "覆盖率"),
    "gap": ("Gap", "缺口"),
    "status": ("Status", "状态"),
    "depth": ("Depth", "梯队深度"),
    "competency": ("Competency", "能力项"),
    "category": ("Category", "类别"),
    "level": ("Level", "等级"),
    "required_level": ("Required", "要求等级"),
    "meets": ("Meet it", "达标人数"),
    "demand": ("Demand", "需求"),
    "shortfall": ("Shortfall", "短缺"),
    "blocking": ("Holds back", "卡住的人数"),
    "mean_level": ("Mean level", "平均等级"),
    "not_assessed": ("Not assessed", "未评估"),
    "staff": ("Staff", "人数"),
    "group": ("Group", "分组"),
    "person": ("Person", "员工"),
    "fit": ("Fit", "匹配度"),
    "role": ("Role", "角色"),
    # statuses
    "status.covered": ("covered", "已覆盖"),
    "status.thin": ("thin", "不足"),
    "status.missing": ("missing", "缺失"),
    "status.no_target": ("no target", "无目标"),
    # titles and sentences
    "title.coverage": ("SSC talent coverage", "共享服务中心人才覆盖"),
    "title.gaps": ("Largest competency gaps", "主要能力缺口"),
    "verdict": (
        "Coverage index {index} · {covered} covered, {thin} thin, {missing} missing · {staff} staff",
        "覆盖指数 {index} · 已覆盖 {covered} 类，不足 {thin} 类，缺失 {missing} 类 · 共 {staff} 人",
    ),
    "verdict.group": ("{column} = {value}", "{column} = {value}"),
    "no_gaps": ("No competency gaps among near people.", "接近就绪的员工没有能力缺口。"),
    "gaps.note": (
        "Holds back: near people (for archetypes with a gap) below the level their best role asks. "
        "Shortfall: targets asking the level minus people who meet it.",
        "卡住的人数：在有缺口的人才类型中，接近就绪但该能力未达到最佳角色要求的人数。"
        "短缺：要求该等级的目标人数减去已达标人数。",
    ),
}


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    en, zh = _TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**kwargs) if kwargs else text


def keys() -> list[str]:
    return list(_TEXT)
