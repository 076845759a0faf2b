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
    # insights (issue 6): bench, risk, categories, recommendations, exclusive allocation
    "colon": (": ", "："),
    "semicolon": ("; ", "；"),
    "comma": (", ", "，"),
    "title.bench": ("Bench and key-person risk", "人才梯队与关键人员风险"),
    "ready_now": ("Ready now", "现已就绪"),
    "near_soon": ("Near (soon)", "接近就绪"),
    "bench": ("Bench", "梯队"),
    "bench.deep": ("deep", "充足"),
    "bench.adequate": ("adequate", "尚可"),
    "bench.shallow": ("shallow", "薄弱"),
    "bench.empty": ("empty", "空缺"),
    "bench.no_target": ("no target", "无目标"),
    "risk": ("Key-person risk", "关键人员风险"),
    "risk.single": ("only {person}", "仅 {person} 一人"),
    "risk.none_ready": ("nobody ready", "无人就绪"),
    "risk.backup": ("backup: {person}", "后备：{person}"),
    "risk.no_backup": ("no backup", "无后备人选"),
    "spof": ("Single points of failure (the only ready person)", "单点风险（唯一就绪者）"),
    "spof.none": ("No single points of failure.", "没有单点风险人员。"),
    "bench.note": (
        "Depth = (ready + near) per target seat. Risk: archetypes with a target and at most one ready person.",
        "梯队深度 =（已就绪 + 接近就绪）÷ 目标席位。风险：有目标但就绪人数不超过一人的人才类型。",
    ),
    "title.categories": ("Competency categories", "能力类别汇总"),
    "competencies": ("Competencies", "能力项数"),
    "held_back": ("Near held back", "受阻的接近就绪者"),
    "levels_to_gain": ("Levels to gain", "待提升级数"),
    "categories.note": (
        "Shortfall: seats short of people at the required levels. Near held back / levels to gain: "
        "near people of archetypes with a gap, on their best role.",
        "短缺：要求等级上缺少的人数。受阻的接近就绪者 / 待提升级数：有缺口的人才类型中接近就绪者"
        "按其最匹配角色计算。",
    ),
    "title.recommendations": ("Recommended actions: build, buy or borrow", "建议行动：培养、招聘或借用"),
    "title.recommendations.exclusive": (
        "Recommended actions: build, buy or borrow (gaps after allocation)",
        "建议行动：培养、招聘或借用（按分配后的缺口）",
    ),
    "action": ("Action", "行动"),
    "plan": ("Plan", "计划"),
    "action.build": ("build", "培养"),
    "action.buy": ("buy", "招聘"),
    "action.borrow": ("borrow", "借用"),
    "reason.borrow_by_design": (
        "sourcing is borrow (external expertise or a time-boxed need): contract {borrow} — consultants or interim",
        "画像设定为借用（外部专长或阶段性需求）：签约 {borrow} 名顾问或临时人员",
    ),
    "reason.build_bench": (
        "{near} near people can close the gap of {gap}: develop {build}",
        "{near} 名接近就绪者足以补上 {gap} 个缺口：培养 {build} 人",
    ),
    "reason.buy_no_bench": ("nobody is near: hire {buy}", "没有接近就绪者：招聘 {buy} 人"),
    "reason.build_then_buy": (
        "bench too thin: it closes {build} of the gap of {gap}: develop {build}, hire {buy}",
        "梯队不足，只能补上 {gap} 个缺口中的 {build} 个：培养 {build} 人，招聘 {buy} 人",
    ),
    "reason.buy_not_close": (
        "hiring is this profile's default and none of the {near} near people is within {quick} levels "
        "of ready: hire {buy}",
        "该画像默认外部招聘，{near} 名接近就绪者中没有人距就绪在 {quick} 级以内：招聘 {buy} 人",
    ),
    "reason.buy_bench_busy": (
        "the {near} near people already fill other seats: hire {buy}",
        "{near} 名接近就绪者已占用其他席位：招聘 {buy} 人",
    ),
    "reason.buy_bench_taken": (
        "the {near} near people are already developed for other archetypes: hire {buy}",
        "{near} 名接近就绪者已安排培养为其他人才类型：招聘 {buy} 人",
    ),
    "reason.interim": (
        "nobody is ready today: bring in an interim until the hire starts",
        "目前无人就绪：新人到岗前先引入临时人员",
    ),
    "develop.who": ("nearest", "最接近者"),
    "hire_for": ("hire for {role}", "招聘画像（{role}）"),
    "contract_for": ("contract for {role}", "借用画像（{role}）"),
    "critical_mark": (" (critical)", "（关键）"),
    "more": ("… and {n} more", "……另有 {n} 人"),
    "no_recommendations": ("No gaps: nothing to build, buy or borrow.", "没有缺口，无需培养、招聘或借用。"),
    "title.exclusive": (
        "Allocation-aware coverage (each person fills at most one seat)",
        "按分配计算的覆盖（每人最多占一个席位）",
    ),
    "ready_exclusive": ("Ready (excl.)", "就绪（分配后）"),
    "coverage_exclusive": ("Coverage (excl.)", "覆盖率（分配后）"),
    "gap_exclusive": ("Gap (excl.)", "缺口（分配后）"),
    "exclusive.verdict": (
        "Coverage index {index} → {exclusive} when each person fills one seat · "
        "{multi} people ready for two or more archetypes · {filled}/{seats} seats filled",
        "覆盖指数 {index}，每人只占一个席位时为 {exclusive} · {multi} 人同时胜任两类及以上 · "
        "已填补 {filled}/{seats} 个席位",
    ),
    # person
    "title.person": ("Fit per archetype and role", "各人才类型及角色的匹配度"),
    "title.plan": (
        "Development plan: the closest archetypes not yet ready (least effort first)",
        "发展计划：尚未就绪但最接近的人才类型（按所需提升从少到多）",
    ),
    "levels_to_ready": ("Levels to ready", "就绪所需级数"),
    "note": ("Note", "备注"),
    "current": ("Current", "当前"),
    "gain": ("Gain", "提升"),
    "critical": ("Critical", "关键"),
    "for_ready": ("For ready", "就绪所需"),
    "yes": ("yes", "是"),
    "status.ready": ("ready", "已就绪"),
    "status.near": ("near", "接近就绪"),
    "status.not": ("not yet", "未就绪"),
    "person.ready_for": ("Ready for: {list}", "已胜任：{list}"),
    "person.best": ("Best fit: {archetype} ({fit}, {status})", "最佳匹配：{archetype}（{fit}，{status}）"),
    "person.tenure": ("tenure {years} years", "司龄 {years} 年"),
    "issue.tenure": ("tenure ≥ {required} years (has {actual})", "司龄须 ≥ {required} 年（现为 {actual}）"),
    "issue.employment": ("employment {required} (is {actual})", "用工类型须为{required}（现为{actual}）"),
    "issue.not_given": ("not given", "未填写"),
    "employment.internal": ("internal", "内部"),
    "employment.external": ("external", "外部"),
    "employment.contractor": ("contractor", "外包"),
    "person.none": ("none", "无"),
    "person.plan_line": (
        "{archetype} · {role} · fit {fit} · {status} · {levels} to ready ({full} to meet every requirement)",
        "{archetype} · {role} · 匹配度 {fit} · {status} · 就绪需提升 {levels} 级（满足全部要求需 {full} 级）",
    ),
    "person.no_plan": (
        "Ready for every archetype open to this person: no development plan needed.",
        "已胜任其可担任的全部人才类型，无需发展计划。",
    ),
    "person.attributes": ("not open: {issues}", "不满足：{issues}"),
    "person.note": (
        "Levels to ready: the fewest levels to gain to be ready (every critical requirement met and fit "
        "≥ {ready}); not assessed counts as 0.",
        "就绪所需级数：达到就绪（关键能力全部达标且匹配度 ≥ {ready}）最少需提升的级数；未评估按 0 计。",
    ),
    # diff
    "title.diff": ("Snapshot comparison", "快照对比"),
    "before": ("Before", "之前"),
    "after": ("After", "之后"),
    "change": ("Change", "变化"),
    "joined": ("Joined", "新入职"),
    "left": ("Left", "离职"),
    "developed": ("Developed", "培养达标"),
    "lost": ("Lost", "不再就绪"),
    "diff.why": ("Why", "变化来源"),
    "title.diff.people": ("People", "人员变动"),
    "people.count": ("Count", "人数"),
    "people.who": ("Who (archetypes)", "人员（人才类型）"),
    "joiners": ("Joiners", "新入职"),
    "leavers": ("Leavers", "离职"),
    "became_ready": ("Became ready", "新达到就绪"),
    "lost_readiness": ("Lost readiness", "不再就绪"),
    "title.diff.competencies": ("Competencies whose mean level moved most", "平均等级变化最大的能力项"),
    "stayers_change": ("Change (stayers)", "变化（留任员工）"),
    "diff.verdict": (
        "Coverage index {before} → {after} ({delta}) · staff {staff_before} → {staff_after} · "
        "{joiners} joined, {leavers} left",
        "覆盖指数 {before} → {after}（{delta}）· 人数 {staff_before} → {staff_after} · "
        "新入职 {joiners} 人，离职 {leavers} 人",
    ),
    "diff.note": (
        "Ready change = joined − left + developed − lost (per archetype).",
        "就绪人数变化 = 新入职 − 离职 + 培养达标 − 不再就绪（按人才类型）。",
    ),
    "diff.no_regression": ("No regression.", "没有退步。"),
    "diff.regressions": ("Regressions", "退步项"),
    "regression.index": ("coverage index fell from {before} to {after}", "覆盖指数从 {before} 降至 {after}"),
    "regression.ready": ("{archetype}: ready fell from {before} to {after}", "{archetype}：就绪人数从 {before} 降至 {after}"),
}


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    en, zh = _TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**kwargs) if kwargs else text


def keys() -> list[str]:
    return list(_TEXT)
