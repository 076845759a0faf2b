"""User-facing words in English and Chinese. Profile texts carry their own en/zh."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

LANGS = ("en", "zh")

_TEXT: dict[str, tuple[str, str]] = {
    # table headings
    "archetype": ("Archetype", "人才类型"),
    "target": ("Target", "需求人数"),
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
    "blocking": ("Holds back", "受阻人数"),
    "mean_level": ("Mean level", "平均等级"),
    "not_assessed": ("Not assessed", "未评估"),
    "staff": ("Staff", "人数"),
    "group": ("Group", "分组"),
    "person": ("Person", "员工"),
    "fit": ("Fit", "匹配度"),
    "role": ("Role", "角色"),
    # statuses
    "status.covered": ("covered", "已覆盖"),
    "status.thin": ("thin", "覆盖不足"),
    "status.missing": ("missing", "缺失"),
    "status.no_target": ("no target", "未设需求"),
    # titles and sentences
    "title.coverage": ("SSC talent coverage", "共享服务中心人才覆盖"),
    "title.coverage.custom": ("{name} — talent coverage", "{name}：人才覆盖"),
    "report.title.custom": ("{name} — talent coverage report", "{name}：人才盘点报告"),
    "title.gaps": ("Largest competency gaps", "主要能力缺口"),
    "verdict": (
        "Coverage index {index} · {covered} covered, {thin} thin, {missing} missing · {staff} staff",
        "覆盖指数{index} · 已覆盖{covered}类，覆盖不足{thin}类，缺失{missing}类 · 共{staff}人",
    ),
    "no_gaps": ("No competency gaps among near people.", "接近就绪的员工没有能力缺口。"),
    "gaps.note": (
        "Holds back: near people (for archetypes with a gap) below the level their best role asks. "
        "Shortfall: targets asking the level minus people who meet it.",
        "受阻人数：在有缺口的人才类型中，接近就绪但该能力未达到最佳角色要求的人数。"
        "短缺：要求该等级的需求人数减去达标人数。",
    ),
    # insights: bench, risk, categories, recommendations, exclusive allocation
    "title.bench": ("Bench and key-person risk", "人才梯队与关键人员风险"),
    "ready_now": ("Ready now", "现已就绪"),
    "near_soon": ("Near (soon)", "接近就绪"),
    "bench": ("Bench", "梯队"),
    "bench.deep": ("deep", "充足"),
    "bench.adequate": ("adequate", "尚可"),
    "bench.shallow": ("shallow", "薄弱"),
    "bench.empty": ("empty", "空缺"),
    "bench.no_target": ("no target", "未设需求"),
    "risk": ("Key-person risk", "关键人员风险"),
    "risk.single": ("only {person}", "仅{person}一人就绪"),
    "risk.none_ready": ("nobody ready", "无人就绪"),
    "risk.backup": ("backup: {person}", "后备：{person}"),
    "risk.no_backup": ("no backup", "无后备人选"),
    "spof": ("Single points of failure (the only ready person)", "单点风险（唯一就绪者）"),
    "spof.none": (
        "No archetype rests on one ready person alone.",
        "没有只靠一名已就绪者支撑的人才类型。",
    ),
    "bench.note": (
        "Depth = (ready + near) per target seat. Risk: archetypes with a target and at most one ready person.",
        "梯队深度 =（已就绪 + 接近就绪）÷ 需求人数。风险：设定了需求人数、但已就绪不超过一人的人才类型。",
    ),
    "title.categories": ("Competency categories", "能力类别汇总"),
    "competencies": ("Competencies", "能力项数"),
    "held_back": ("Near held back", "受阻人数"),
    "levels_to_gain": ("Levels to gain", "待提升级数"),
    "categories.note": (
        "Shortfall: seats short of people at the required levels. Near held back / levels to gain: "
        "near people of archetypes with a gap, on their best role.",
        "短缺：要求等级上缺少的人数。受阻人数 / 待提升级数：有缺口的人才类型中接近就绪者"
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
        "该人才类型设定为借用（外部专长或阶段性需求）：签约{borrow}名顾问或临时人员",
    ),
    "reason.build_bench": (
        "{near} near people can close the gap of {gap}: develop {build}",
        "{near}名接近就绪者足以补上{gap}个缺口：培养{build}人",
    ),
    "reason.buy_no_bench": ("nobody is near: hire {buy}", "没有接近就绪者：招聘{buy}人"),
    "reason.build_then_buy": (
        "bench too thin: it closes {build} of the gap of {gap}: develop {build}, hire {buy}",
        "梯队不足，只能补上{gap}个缺口中的{build}个：培养{build}人，招聘{buy}人",
    ),
    "reason.buy_not_close": (
        "hiring is this profile's default and none of the {near} near people is within {quick} levels "
        "of ready: hire {buy}",
        "该人才类型默认外部招聘，{near}名接近就绪者中没有人距就绪在{quick}级以内：招聘{buy}人",
    ),
    "reason.buy_bench_busy": (
        "the {near} near people already fill other seats: hire {buy}",
        "{near}名接近就绪者已占用其他席位：招聘{buy}人",
    ),
    "reason.buy_bench_taken": (
        "the {near} near people are already developed for other archetypes: hire {buy}",
        "{near}名接近就绪者已安排培养为其他人才类型：招聘{buy}人",
    ),
    "reason.interim": (
        "nobody is ready today: bring in an interim until the hire starts",
        "目前无人就绪：新人到岗前先引入临时人员",
    ),
    "develop.who": ("nearest", "最接近者"),
    "hire_for": ("hire for {role}", "招聘要求（{role}）"),
    "contract_for": ("contract for {role}", "借用要求（{role}）"),
    "critical_mark": (" (critical)", "（关键）"),
    "more": ("… and {n} more", "；另有{n}人未列出"),  # after a list of entries joined by ；
    "no_recommendations": ("No gaps: nothing to build, buy or borrow.", "没有缺口，无需培养、招聘或借用。"),
    "title.exclusive": (
        "Allocation-aware coverage (each person fills at most one seat)",
        "按分配计算的覆盖（每人最多占一个席位）",
    ),
    "ready_exclusive": ("Ready (excl.)", "已就绪（分配后）"),
    "coverage_exclusive": ("Coverage (excl.)", "覆盖率（分配后）"),
    "gap_exclusive": ("Gap (excl.)", "缺口（分配后）"),
    "exclusive.verdict": (
        "Coverage index {index} → {exclusive} when each person fills one seat · "
        "{multi} people ready for two or more archetypes · {filled}/{seats} seats filled",
        "覆盖指数{index}，每人只占一个席位时为{exclusive} · {multi}人同时在两类及以上人才类型中已就绪 · "
        "已填补{filled}/{seats}个席位",
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
    "person.ready_for": ("Ready for: {list}", "已就绪：{list}"),
    "person.best": ("Best fit: {archetype} ({fit}, {status})", "最佳匹配：{archetype}（{fit}，{status}）"),
    "person.tenure": ("tenure {years}", "司龄{years}"),
    "issue.tenure": ("tenure ≥ {required} (has {actual})", "司龄须 ≥ {required}（现为{actual}）"),
    "issue.employment": ("employment {required} (is {actual})", "用工类型须为{required}（现为{actual}）"),
    "issue.not_given": ("not given", "未填写"),
    "employment.internal": ("internal", "内部"),
    "employment.external": ("external", "外部"),
    "employment.contractor": ("contractor", "外包"),
    "person.none": ("none", "无"),
    "person.plan_line": (
        "{archetype} · {role} · fit {fit} · {status} · {levels} to ready ({full} to meet every requirement)",
        "{archetype} · {role} · 匹配度{fit} · {status} · 就绪需提升{levels}级（满足全部要求需{full}级）",
    ),
    "person.no_plan": (
        "Ready for every archetype open to this person: no development plan needed.",
        "在其可担任的全部人才类型中均已就绪，无需发展计划。",
    ),
    "person.attributes": ("not open: {issues}", "不满足：{issues}"),
    "person.note": (
        "Levels to ready: the fewest levels to gain to be ready (every critical requirement met and fit "
        "≥ {ready}); not assessed counts as 0.",
        "就绪所需级数：达到就绪（关键能力全部达标且匹配度 ≥ {ready}）最少需提升的级数；未评估按0计。",
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
    "init.created": ("created {files}", "已创建：{files}"),
    "init.next": ("next: fill in the roster, then  {command}", "下一步：填写花名册，然后运行  {command}"),
    "init.next_mapping": ("next: check it, then  {command}", "下一步：检查该文件，然后运行  {command}"),
    "init.next_blank": ("next: edit them, then  {command}", "下一步：编辑这些文件，然后运行  {command}"),
    "init.targets_notes": (
        "Override targets and thresholds here; leave everything else in profiles/.\n"
        "A target is {headcount: N} (N ready people; `leader: 4` for short) or {per_staff: K}\n"
        "(one ready person per K people analysed). A fit of ready_fit or more is ready, of\n"
        "near_fit or more near.",
        "在此调整需求人数和阈值；其余内容请在 profiles/ 中修改。\n"
        "需求人数写作 {headcount: N}（N名已就绪人员；也可简写为 leader: 4）或 {per_staff: K}\n"
        "（被分析人员中每K人需1名已就绪）。匹配度达到 ready_fit 为已就绪，达到 near_fit 为接近就绪。",
    ),
    "check.default": ("(default profiles)", "（默认人才模型）"),
    "check.ok": (
        "{source}: OK",  # English: written by the command itself (counts with plurals)
        "{source}：有效：{archetypes}类人才，{roles}个角色，{competencies}项能力；阈值：已就绪 ≥ {ready}，接近就绪 ≥ {near}",
    ),
    "diff.pp": ("{delta} pp", "{delta}个百分点"),  # a change of a percentage
    "diff.verdict": (
        "Coverage index {before} → {after} ({delta}) · staff {staff_before} → {staff_after} · "
        "{joiners} joined, {leavers} left",
        "覆盖指数{before} → {after}（{delta}）· 人数{staff_before} → {staff_after} · "
        "新入职{joiners}人，离职{leavers}人",
    ),
    "diff.note": (
        "Ready change = joined − left + developed − lost (per archetype).",
        "就绪人数变化 = 新入职 − 离职 + 培养达标 − 不再就绪（按人才类型）。",
    ),
    "diff.no_regression": ("No regression.", "没有退步。"),
    "diff.regressions": ("Regressions", "退步项"),
    "regression.index": ("coverage index fell from {before} to {after}", "覆盖指数从{before}降至{after}"),
    "regression.ready": ("{archetype}: ready fell from {before} to {after}", "{archetype}：就绪人数从{before}降至{after}"),
}


# Report documents (Markdown, HTML, CSV/Excel headers): kept together so they are easy to review.
_REPORT_TEXT: dict[str, tuple[str, str]] = {
    # punctuation: Chinese text takes full-width colons, parentheses and the enumeration comma
    "punct.colon": (": ", "："),
    "punct.sep": (", ", "、"),
    "punct.semi": ("; ", "；"),
    "punct.paren": (" ({text})", "（{text}）"),
    "report.title": ("SSC talent coverage report", "共享服务中心人才盘点报告"),
    "report.generated": ("Generated on {date} by sscgap.", "生成日期：{date}（sscgap）。"),
    "report.generated.nodate": ("Generated by sscgap.", "由 sscgap 生成。"),
    "section.inputs": ("Inputs", "输入数据"),
    "input.roster": ("Roster", "花名册"),
    "input.people": ("People", "人数"),
    "input.profiles": ("Profile set", "人才模型"),
    "input.thresholds": ("Thresholds", "判定阈值"),
    "input.thresholds.value": (
        "ready at fit ≥ {ready}, near at fit ≥ {near}",
        "匹配度 ≥ {ready} 为已就绪，≥ {near} 为接近就绪",
    ),
    "input.by": ("Breakdown by", "分组维度"),
    "input.layout.wide": ("one row per person", "每人一行"),
    "input.layout.long": ("one row per rating", "每条评分一行"),
    "section.verdict": ("Verdict", "结论"),
    "verdict.index": ("Coverage index", "覆盖指数"),
    "verdict.archetypes": (
        "{covered} of {total} archetypes covered, {thin} thin, {missing} missing.",
        "{total}类人才中，已覆盖{covered}类，覆盖不足{thin}类，缺失{missing}类。",
    ),
    "verdict.people": (
        "Ready for at least one archetype: {ready} people; near one (and ready for none): {near}.",
        "{ready}人至少在一类人才类型中已就绪；另有{near}人接近就绪（尚未在任何一类中就绪）。",
    ),
    "action.label": ("{kind}, gap {gap}", "{kind}，缺口{gap}人"),
    "verdict.seats": ("Seats to fill across all archetypes: {gap}.", "各类人才合计缺口：{gap}人。"),
    "verdict.no_target": ("No archetype has a target: nothing to cover.", "没有设定需求人数的人才类型，无需覆盖。"),
    "section.coverage": ("Coverage per archetype", "各类人才覆盖情况"),
    "coverage.note": (
        "Target: ready people the centre needs. Coverage = ready ÷ target. "
        "Near: fit at or above the near threshold, not yet ready.",
        "需求人数：中心所需的已就绪人数。覆盖率 = 已就绪人数 ÷ 需求人数。接近就绪：匹配度达到接近阈值但尚未就绪。",
    ),
    "section.gaps": ("Competency gaps", "能力缺口"),
    "gaps.intro": (
        "Demand: the target seats whose role asks a competency at a level (an archetype's seats "
        "shared evenly among its roles). Supply: "
        "people at or above that level. Holds back: near people (of archetypes with a gap) below "
        "the level their best role asks. Ordered by the people held back, then by shortfall.",
        "需求：角色要求该能力达到某一等级的席位数（人才类型的需求人数按其角色平均分摊）。达标人数：达到该等级的人数。"
        "受阻人数：在有缺口的人才类型中，接近就绪但该能力未达到最佳角色要求的人数。"
        "按受阻人数、再按短缺从大到小排列。",
    ),
    "gaps.none": ("No competency falls short of demand or holds anyone back.", "没有能力项低于需求或使接近就绪者受阻。"),
    "supply": ("Supply", "达标人数"),
    "section.people": ("Ready and near people", "已就绪与接近就绪人员"),
    "people.ready": ("Ready", "已就绪"),
    "people.near": ("Near", "接近就绪"),
    "people.none": ("nobody", "无"),
    "people.lacks": ("Lacks (current → required)", "欠缺能力（当前 → 要求）"),
    "people.not_assessed": ("not assessed", "未评估"),
    "people.critical": ("critical", "关键"),
    "more.people": ("and {n} more", "另有{n}人未列出"),
    "more.after_list": (", ", "等，"),  # before more.people after a list: 甲、乙等，另有 6 人未列出
    "more.rows": ("… and {n} more", "另有{n}项未列出"),
    "section.groups": ("Breakdown by {column}", "按{column}分组"),
    "group.largest_gaps": ("Largest gaps", "主要缺口"),
    "section.actions": ("Recommended next actions", "建议行动"),
    "actions.rule": (
        "Rule: sourcing borrow → contract (consultants, interim); otherwise develop the near people "
        "who can close the gap (each for one archetype; for hire-by-default archetypes only those "
        "within 2 levels of ready) and hire the rest; nobody ready → an interim while hiring.",
        "规则：人才类型设定为借用 → 签约顾问或临时人员；否则培养能补上缺口的接近就绪者（每人只培养一类；"
        "默认外部招聘的人才类型只计距就绪2级以内者），其余招聘；目前无人就绪 → 招聘期间引入临时人员。",
    ),
    "actions.none": (
        "Every archetype with a target is covered. Keep developing the near people as a bench.",
        "所有设定了需求人数的人才类型均已覆盖。继续培养接近就绪的员工作为后备梯队。",
    ),
    "section.quality": ("Data quality", "数据质量"),
    "quality.not_assessed": (
        "Ratings not assessed: {n} of {total} ({pct})",
        "未评估的评分：{total}项中有{n}项（{pct}）",
    ),
    "quality.most_missing": ("most often not assessed", "未评估最多的能力"),
    "quality.unknown": ("Unknown columns ignored", "已忽略的未知列"),
    "quality.missing_competencies": (
        "Competencies with no column (counted as not assessed)",
        "缺少的能力列（按未评估处理）",
    ),
    "quality.rows_skipped": ("Rows skipped", "跳过的行"),
    "quality.warnings": ("Warnings", "警告"),
    "quality.none": ("none", "无"),
    "section.how": ("How to read this report", "阅读说明"),
    "how.text": (
        "Fit is the weighted share of a role's required levels a person reaches (not assessed "
        "counts as 0). Ready: fit ≥ {ready}, every critical competency at its level and the role's "
        "tenure / employment requirements met. Near: fit ≥ {near} but not ready. A person may count "
        "for several archetypes. Coverage index: the mean over archetypes with a target of "
        "min(100%, coverage).",
        "匹配度：员工达到角色各项要求等级的加权比例（未评估按0计）。已就绪：匹配度 ≥ {ready}，"
        "所有关键能力达到要求，并满足司龄和用工类型要求。接近就绪：匹配度 ≥ {near} 但尚未就绪。"
        "同一员工可同时计入多类人才。覆盖指数：所有设定了需求人数的人才类型的 min(100%, 覆盖率) 的平均值。",
    ),
    "chart.coverage": ("Ready against target", "已就绪人数与需求人数"),
    "chart.legend.ready": ("ready", "已就绪"),
    "chart.legend.near": ("near", "接近就绪"),
    "chart.legend.target": ("target", "需求人数"),
    "section.heatmap": ("Competency heatmap", "能力热力图"),
    "heatmap.people": (
        "One row per person, grouped by best archetype, the best fit first.",
        "每位员工一行，按最匹配人才类型分组，匹配度高者在前。",
    ),
    "heatmap.groups": (
        "{n} people are too many to show one by one (more than {limit}): one row per {column} instead.",
        "共{n}人，超过{limit}人，不逐一列出，改为每个{column}一行。",
    ),
    "heatmap.legend": ("Level", "等级"),
    # CSV / Excel headers
    "col.employee_id": ("employee_id", "员工编号"),
    "col.name": ("name", "姓名"),
    "col.department": ("department", "部门"),
    "col.site": ("site", "地点"),
    "col.position": ("position", "岗位"),
    "col.employment_type": ("employment_type", "用工类型"),
    "col.tenure_years": ("tenure_years", "司龄"),
    "col.best_archetype": ("best_archetype", "最匹配人才类型"),
    "col.best_archetype_name": ("best_archetype_name", "最匹配人才类型名称"),
    "col.fit": ("fit", "匹配度"),
    "col.ready_for": ("ready_for", "已就绪类型"),
    "col.near_for": ("near_for", "接近就绪类型"),
    "col.gaps": ("gaps_to_best", "与最匹配类型的能力差距"),
    "col.group_column": ("group_column", "分组维度"),
    "col.group": ("group", "分组"),
    "col.archetype": ("archetype", "人才类型编号"),
    "col.archetype_name": ("archetype_name", "人才类型"),
    "col.target": ("target", "需求人数"),
    "col.ready": ("ready", "已就绪"),
    "col.near": ("near", "接近就绪"),
    "col.coverage": ("coverage", "覆盖率"),
    "col.gap": ("gap", "缺口"),
    "col.status": ("status", "状态"),
    "col.staff": ("staff", "人数"),
    "col.coverage_index": ("coverage_index", "覆盖指数"),
    "group.all": ("(all)", "（全部）"),
    "summary.generated": ("Generated", "生成日期"),
    "summary.seats": ("Seats to fill", "合计缺口"),
    "summary.ready_people": ("People ready for at least one archetype", "至少在一类人才类型中已就绪的人数"),
    "summary.near_people": ("People near one (ready for none)", "接近就绪（尚未在任何一类中就绪）的人数"),
    "summary.not_assessed": ("Ratings not assessed", "未评估的评分"),
    "summary.action": ("Action: {archetype}", "建议行动：{archetype}"),
    "sheet.summary": ("Summary", "摘要"),
    "sheet.coverage": ("Coverage", "覆盖情况"),
    "sheet.gaps": ("Competency gaps", "能力缺口"),
    "sheet.people": ("People", "人员"),
    "sheet.heatmap": ("Heatmap", "热力图"),
    "sheet.truncated": (
        "People sheet: the first {shown} of {n} people (an Excel sheet holds at most {limit} rows).",
        "人员表：仅列出{n}人中的前{shown}人（Excel 工作表最多{limit}行）。",
    ),
}
_TEXT.update(_REPORT_TEXT)

# `sscgap profiles list / show`, and the hire profile of a recommendation
_PROFILES_TEXT: dict[str, tuple[str, str]] = {
    "profiles.name": ("Name", "名称"),
    "profiles.roles": ("Roles", "角色"),
    "profiles.target": ("Target", "需求人数"),
    "profiles.seed": ("Seed", "来源"),
    "profiles.source": ("Seed", "出处"),
    "profiles.competency": ("Competency", "能力项"),
    "profiles.level": ("Level", "等级"),
    "profiles.weight": ("Weight", "权重"),
    "profiles.critical": ("Critical", "关键"),
    "profiles.yes": ("yes", "是"),
    "profiles.tenure": ("tenure ≥ {years}", "司龄 ≥ {years}"),
    "profiles.employment": ("employment: {types}", "用工类型：{types}"),
    "profiles.attributes": ("Attributes: {list}", "属性要求：{list}"),
    "profiles.behaviour": ("Behaviour", "行为描述"),
    "profiles.id": ("id", "编号"),
    "profiles.count": ("{n} archetypes", "{n}类人才"),
    "profiles.count.one": ("{n} archetype", "{n}类人才"),
    "target.headcount": ("headcount {n}", "{n}名"),
    "target.per_staff": ("1 per {k} staff", "每{k}人1名"),
    "hire.tenure": ("tenure ≥ {years}", "司龄 ≥ {years}"),
    "hire.employment": ("employment: {types}", "用工类型：{types}"),
}
_TEXT.update(_PROFILES_TEXT)


# the report read decisions first: contents, pointers to the full lists, the status marks and
# the chart's legend (HTML and Markdown)
_REPORT_READING: dict[str, tuple[str, str]] = {
    "toc": ("Contents", "目录"),
    "more.people.where": (
        "and {n} more (every name: the xlsx report, or the JSON with --people)",
        "另有{n}人未列出（完整名单：xlsx 报告，或带 --people 的 JSON）",
    ),
    "more.gaps.where": (
        "… and {n} more (every row: the xlsx report or the JSON)",
        "另有{n}项未列出（全部：xlsx 报告或 JSON）",
    ),
    "groups.key": (
        "1-{n}: seats to fill per archetype, numbered as in the coverage table; – no target. "
        "Each group's archetypes in full: the Markdown, HTML or JSON report.",
        "1-{n}：各类人才的待补席位（编号同上方覆盖表）；–：未设需求人数。各组完整明细见 Markdown、HTML 或 JSON 报告。",
    ),
    "groups.key.narrow": (
        "Each group's archetypes in full: a wider terminal, or the Markdown, HTML or JSON report.",
        "各组各类人才明细：加宽终端窗口，或查看 Markdown、HTML 或 JSON 报告。",
    ),
    "more.groups.where": (
        "… and {n} more (every group: the JSON report)",
        "另有{n}组未列出（全部：JSON 报告）",
    ),
    "people.details": ("Open an archetype to see its ready and near people.", "展开各类人才，查看已就绪与接近就绪人员。"),
    "actions.seats": (
        "Seats to fill: {gap}. The archetypes nobody is ready for come first.",
        "待补席位：{gap}个；无人就绪的人才类型排在最前。",
    ),
    "bench.none_ready": ("none ready", "无人就绪"),
    "chart.caption": (
        "Ready people against target per archetype (0–200% of target)",
        "各类人才已就绪人数与需求人数之比（需求人数的0–200%）",
    ),
    "chart.desc": (
        "One bar per archetype: the solid part is the ready people, the light part the near people, "
        "the vertical line the target (100%). The same figures are in the table below.",
        "每类人才一条：实色为已就绪人数，浅色为接近就绪人数，竖线为需求人数（100%）。同样的数据见下表。",
    ),
    "chart.legend.more": ("» near beyond 200% of target (the number is printed)", "» 接近就绪超过需求人数的200%（数字已标出）"),
    "chart.legend.status": ("Status", "状态"),
    "heatmap.legend.na": ("· not assessed", "· 未评估"),
    "table.caption.coverage": (
        "Target, ready, near and gap per archetype",
        "各类人才的需求人数、已就绪人数、接近就绪人数与缺口",
    ),
    "table.caption.exclusive": ("Coverage when each person fills one seat", "每人只占一个席位时的覆盖情况"),
    "table.caption.gaps": ("Competencies short of demand or holding people back", "低于需求或使接近就绪者受阻的能力项"),
    "table.caption.categories": (
        "Mean level, shortfall and held-back people per category",
        "各能力类别的平均等级、短缺与受阻人数",
    ),
    "table.caption.near": ("Near people of {name}: fit and what they lack", "{name}的接近就绪人员：匹配度与欠缺能力"),
    "table.caption.bench": ("Bench depth per archetype", "各类人才后备梯队深度"),
    "table.caption.groups": ("Coverage per {column}", "按{column}的覆盖情况"),
    "table.caption.matrix": ("Ready / target per archetype and {column}", "各类人才按{column}的已就绪 / 需求人数"),
    "table.caption.heatmap": ("Assessed level per person and competency", "每位员工各项能力的评估等级"),
    # captions say what the table holds, never the section heading above them again
    "table.caption.heatmap.groups": (
        "Mean assessed level per {column} and competency",
        "按{column}统计的各项能力平均评估等级",
    ),
    "table.caption.principles": (
        "Carriers of each principle among {staff} staff, and the competencies it asks for",
        "各原则在{staff}人中的践行人数及其要求的能力项",
    ),
    "table.caption.principles.groups": (
        "Carriers of each principle per {column}",
        "各原则按{column}的践行人数",
    ),
}
_TEXT.update(_REPORT_READING)

# Reading an HR system's export (the mapping): the data-quality lines of the report.
_MAPPING_TEXT: dict[str, tuple[str, str]] = {
    "quality.matched": (
        "Competencies matched: {found} of {total}",
        "已匹配的能力：{total}项中的{found}项",
    ),
    "quality.matched_missing": ("missing", "缺少"),
    "quality.mapping": ("Read through the mapping file", "读取所用的映射文件"),
    "quality.ratings": (
        "Ratings counted: {n} (one per person and competency); older ratings replaced by a "
        "later one: {superseded}; ratings by a rater not preferred: {other}",
        "计入的评分：{n}项（每人每项能力一项）；被更新评分取代的旧评分：{superseded}项；"
        "非优先评价人的评分：{other}项",
    ),
    "quality.stale": (
        "Ratings older than {days} days: {n} ({how})",
        "超过{days}天的评分：{n}项（{how}）",
    ),
    "quality.stale_ignored": ("treated as not assessed", "按未评估处理"),
    "quality.stale_kept": ("still counted", "仍然计入"),
    "quality.rater_gaps": (
        "Self vs manager ratings, largest differences (manager minus self, people)",
        "自评与经理评分差异最大的能力（经理评分减自评，人数）",
    ),
}
_TEXT.update(_MAPPING_TEXT)

# The heatmap of group means (HTML legend; the workbook says the same).
_HEATMAP_TEXT: dict[str, tuple[str, str]] = {
    "heatmap.legend.mean": ("Mean level", "平均等级"),
    "heatmap.legend.mean.scale": (
        "One shade for every tenth of a level, on the fixed 0–5 scale of the levels (a whole level "
        "has the colour of that level; the scale is not stretched to these groups' range): a "
        "darker cell is a higher mean, and the mean is printed in the cell. n = people in the group.",
        "在固定的0–5等级刻度上每0.1级一种色阶（整数等级与该等级同色；刻度不按这些分组的范围拉伸）："
        "颜色越深平均等级越高，格中标出平均值。n = 该组人数。",
    ),
    # one row per person: the heading over the people whose best fit is one archetype
    "heatmap.group": ("{number}. {name}: {n} best fit", "{number}. {name}：最匹配的{n}人"),
}
_TEXT.update(_HEATMAP_TEXT)

# sscgap trend: many snapshots over time
_TREND_TEXT: dict[str, tuple[str, str]] = {
    "trend.title": ("Coverage over time", "覆盖率趋势"),
    "trend.title.snapshots": ("Snapshots", "各期快照"),
    "trend.title.archetypes": ("Ready / target per archetype", "各类人才已就绪 / 需求人数"),
    "trend.title.principles": ("Principles: people who carry them", "基本原则：践行者人数"),
    "trend.snapshot": ("Snapshot", "快照"),
    "trend.principle": ("Principle", "原则"),
    "trend.ready_change": ("Ready change", "就绪变化"),
    "trend.cell_note": (
        "Each cell: ready / target (+ near). Ready change: from the first snapshot to the last.",
        "每格：已就绪 / 需求人数（+ 接近就绪）。就绪变化：从第一期到最后一期。",
    ),
    "trend.principles_note": (
        "Carriers: people at or above the principle's level in every competency it lists (share of staff).",
        "践行者：原则所列每项能力都达到其等级的人（占总人数的比例）。",
    ),
    "trend.verdict": (
        "Coverage index {before} ({first}) → {after} ({last}) over {n} snapshots.",
        "覆盖指数{before}（{first}）→ {after}（{last}），共{n}期快照。",
    ),
    "trend.last_two": ("{before} → {after}", "{before} → {after}"),
    "trend.chart.title": ("Coverage index and principles over time", "覆盖指数与基本原则践行比例趋势"),
    "trend.chart.data": ("The chart's numbers", "图表数据"),
}
_TEXT.update(_TREND_TEXT)

# Excel: column headers people read (the CSV keeps its machine names, col.*)
_XLSX_TEXT: dict[str, tuple[str, str]] = {
    "xlsx.col.employee_id": ("Employee ID", "员工编号"),
    "xlsx.col.name": ("Name", "姓名"),
    "xlsx.col.department": ("Department", "部门"),
    "xlsx.col.site": ("Site", "地点"),
    "xlsx.col.position": ("Position", "岗位"),
    "xlsx.col.employment_type": ("Employment type", "用工类型"),
    "xlsx.col.tenure_years": ("Tenure (years)", "司龄"),
    "xlsx.col.best_archetype_name": ("Best archetype", "最匹配人才类型"),
    "xlsx.col.fit": ("Fit", "匹配度"),
    "xlsx.col.ready_for": ("Ready for", "已就绪类型"),
    "xlsx.col.near_for": ("Near for", "接近就绪类型"),
    "xlsx.col.gaps": ("Gaps to the best archetype", "与最匹配类型的能力差距"),
    "xlsx.col.group_column": ("Grouped by", "分组维度"),
    "xlsx.col.group": ("Group", "分组"),
    "xlsx.col.staff": ("Staff", "人数"),
    "xlsx.col.coverage_index": ("Coverage index", "覆盖指数"),
    "xlsx.col.archetype_name": ("Archetype", "人才类型"),
    "xlsx.col.target": ("Target", "需求人数"),
    "xlsx.col.ready": ("Ready", "已就绪"),
    "xlsx.col.near": ("Near", "接近就绪"),
    "xlsx.col.coverage": ("Coverage", "覆盖率"),
    "xlsx.col.gap": ("Gap", "缺口"),
    "xlsx.col.status": ("Status", "状态"),
}
_TEXT.update(_XLSX_TEXT)


# role seats, group shares, principles (the meaning of real centres)
_SEATS_TEXT: dict[str, tuple[str, str]] = {
    "seats.per_role": ("seats per role", "按角色设席位"),
    "seats.filled": ("{filled} of {target} seats filled", "{target}个席位已填{filled}个"),
    "seats.role": ("role", "角色"),
    "seats.nobody": ("nobody ready", "无人已就绪"),
    "seats.empty_roles": (
        "nobody is ready for {roles}: fill these seats first",
        "{roles}无人已就绪：优先补齐这些席位",
    ),
    "seats.role_seats": ("{role} ({n} seats)", "{role}（{n}个席位）"),
    "seats.role_seat": ("{role} (1 seat)", "{role}（1个席位）"),
    "seats.note": (
        "Archetypes with seats per role count filled seats: each person takes at most one seat of an archetype.",
        "按角色设席位的人才类型按已填席位计算：同一人才类型中每人最多占一个席位。",
    ),
    "groups.shares": (
        "Headcount targets are the centre's: each group gets a share in proportion to its size "
        "(largest remainder), so the groups add up to the centre; per-staff targets count each group's own staff.",
        "固定需求人数属于整个中心：各组按人数比例分摊（最大余数法），各组合计等于中心的需求人数；"
        "按人数比例设定的需求按各组自身人数计算。",
    ),
    "principles.title": ("Who carries the principles", "谁在践行核心原则"),
    "principles.line": ("{name}: {carriers} of {staff} ({share})", "{name}：{staff}人中{carriers}人（{share}）"),
    "principles.rule": (
        "carries a principle: every one of its competencies at level {level} or above ({list})",
        "践行者：所列能力项均达到{level}级及以上（{list}）",
    ),
    "principles.col": ("Principle", "原则"),
    "principles.carriers": ("Carriers", "践行人数"),
    "principles.share": ("Share", "占比"),
    "principles.competencies": ("Competencies (level)", "能力项（等级）"),
    "person.seats": ("the centre: {ready} ready for {target} seats", "中心：{target}个席位，已就绪{ready}人"),
    "person.seats_empty": ("the centre: {target} seats, nobody ready", "中心：{target}个席位，无人已就绪"),
    "group.blank": ("(blank)", "（空白）"),
    "person.seat": ("the centre: {ready} ready for 1 seat", "中心：1个席位，已就绪{ready}人"),
    "person.seat_empty": ("the centre: 1 seat, nobody ready", "中心：1个席位，无人已就绪"),
}
_TEXT.update(_SEATS_TEXT)

# Short forms of the terminal tables' English headers, for a terminal too narrow to show every
# header word whole (60 columns): a header is shortened, the ones saving most first, rather than
# folded inside a word (``Targe`` / ``t``). Chinese headers break between characters: none needed.
SHORT_HEADERS: dict[str, str] = {
    "Coverage": "Cov.",
    "Coverage (excl.)": "Cov.\n(excl.)",
    "Ready (excl.)": "Ready\nexcl.",
    "Gap (excl.)": "Gap\nexcl.",
    "Required": "Req.",
    "Demand": "Dem.",
    "Supply": "Sup.",
    "Shortfall": "Short.",
    "Not assessed": "Not\nrated",
    "Change": "Chg.",
    "Target": "Tgt.",
    "Competencies": "Comps.",
    "Levels to gain": "Levels\nto gain",
}


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    en, zh = _TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**kwargs) if kwargs else text


def keys() -> list[str]:
    return list(_TEXT)


# ---------------------------------------------------------------------------------------------
# The Chinese vocabulary: one word per idea (docs/glossary.md is the same list, for readers).
# Every zh text above and every zh output uses these terms; a test runs every command with
# `--lang zh` and fails on a banned synonym.
# ---------------------------------------------------------------------------------------------

GLOSSARY: dict[str, str] = {
    "archetype": "人才类型",
    "profile set": "人才模型",
    "ready": "已就绪",
    "near": "接近就绪",
    "target": "需求人数",
    "supply (people at the required level)": "达标人数",
    "gap": "缺口",
    "coverage": "覆盖率",
    "covered": "已覆盖",
    "thin": "覆盖不足",
    "missing": "缺失",
    "coverage index": "覆盖指数",
    "fit": "匹配度",
    "competency": "能力项",
    "role": "角色",
    "near people held back": "受阻人数",
    "scale level 3 (Proficient)": "熟练",
    "tenure": "司龄",
}

# banned synonym -> the glossary term to use instead
BANNED: dict[str, str] = {
    "画像": "人才类型 / 人才模型",
    "原型": "人才类型",
    "胜任": "已就绪（等级3：熟练）",
}


def banned_in(text: str) -> list[str]:
    """The banned synonyms that occur in ``text`` (empty when it uses the glossary's words)."""
    return [word for word in BANNED if word in text]


def years(value: float | str, lang: str = "en") -> str:
    """A number of years: "1 year", "2.5 years"; "1 年"."""
    n = value if isinstance(value, str) else f"{value:g}"
    if lang == "zh":
        return f"{n}年"
    return f"{n} year" if n == "1" else f"{n} years"


# ---------------------------------------------------------------------------------------------
# `sscgap validate --lang zh`: the findings' words. A message or hint without a pattern here
# stays in English (ids, file names and values are never translated).
# ---------------------------------------------------------------------------------------------

_VALIDATE_TEXT: dict[str, tuple[str, str]] = {
    "validate.error": ("error", "错误"),
    "validate.warning": ("warning", "警告"),
    "validate.place": ("Place", "位置"),
    "validate.row": ("Row", "行"),
    "validate.column": ("Column", "列"),
    "validate.value": ("Value", "值"),
    "validate.problem": ("Problem", "问题"),
    "validate.counts": ("{errors}, {warnings}", "{errors}，{warnings}"),
    "validate.n_errors": ("{n} errors", "错误{n}项"),
    "validate.n_error": ("{n} error", "错误{n}项"),
    "validate.n_warnings": ("{n} warnings", "警告{n}项"),
    "validate.n_warning": ("{n} warning", "警告{n}项"),
    "validate.fix": ("✗ {counts}: fix the errors above", "✗ {counts}：请先修正上面的错误"),
    "validate.profiles_ok": ("✓ {source}: the profiles are valid", "✓ {source}：人才模型有效"),
    "validate.roster_ok": ("✓ {staff}: {what}{cols}{warn}", "✓ {staff}：{what}{cols}{warn}"),
    "validate.people": ("{n} people", "{n}人"),
    "validate.person": ("{n} person", "{n}人"),
    "validate.roster": ("roster", "花名册"),
    "validate.columns": (", {found} of {total} competencies", "，{total}项能力中有{found}项有对应列"),
    "validate.layout": (", {layout} layout", "，{layout}格式"),
    "validate.layout_long": ("long", "长表（每行一条评分）"),
    "validate.layout_wide": ("wide", "宽表"),
    "validate.no_problems": ("; no problems found", "；未发现问题"),
    "validate.warn_tail": ("; {warnings}", "；{warnings}"),
}
_TEXT.update(_VALIDATE_TEXT)

# (English pattern, Chinese template): the messages and hints validate shows most often
_FINDINGS_ZH: tuple[tuple[str, str], ...] = (
    # a file that cannot be read at all, and the checks of the whole roster
    (r"file not found", "找不到该文件"),
    (r"permission denied", "没有读取该文件的权限"),
    (r"is a folder, not a roster file", "这是一个文件夹，不是花名册文件"),
    (r"the file is empty \(no header row\)", "文件为空（没有表头行）"),
    (r"roles require (tenure_years|employment_type) \((.*)\) but the roster has (?:no \1|none)",
     r"岗位 \2 要求 \1，但花名册中没有该列"),
    (r"add a tenure_years or hire_date column, or in a mapping file map hire_date or tenure_years "
     r"under columns, or set constants.tenure_years",
     "请添加 tenure_years（司龄）或 hire_date（入职日期）列；或在映射文件的 columns 下映射其中一列，"
     "或设置 constants.tenure_years"),
    (r"add an employment_type column, or in a mapping file map it under columns, or set "
     r"constants.employment_type",
     "请添加 employment_type（用工类型）列；或在映射文件的 columns 下映射该列，或设置 constants.employment_type"),
    (r"(.+): no employee_id '(.*)'; did you mean (.+)\?", r"\1：没有员工编号“\2”；是否要找 \3？"),
    (r"(.+): no employee_id '(.*)'", r"\1：没有员工编号“\2”"),
    (r"level out of range 0-5", "等级超出0-5的范围"),
    (r"level is not a number", "等级不是数字"),
    (r"use a number from 0 \(none\) to 5 \(expert\); leave the cell blank if not assessed",
     "请填写0（无）到5（专家）之间的数字；未评估的请留空"),
    (r"duplicate employee_id", "员工编号重复"),
    (r"the same id is on row (\d+)", r"同一编号已出现在第\1行"),
    (r"(\d+) more duplicate ids", r"另有\1个重复编号"),
    (r"(\d+) more cells like this", r"另有\1个同类单元格"),
    (r"(\d+) more rows like this", r"另有\1行同类问题"),
    (r"(\d+) more short rows", r"另有\1行单元格不足"),
    (r"(\d+) more unknown competencies", r"另有\1个未知能力项"),
    (r"(\d+) competencies have no column and count as not assessed: (.*)",
     r"\1项能力没有对应列，按未评估处理：\2"),
    (r"no competency columns found: every level counts as not assessed",
     "未找到任何能力列：所有等级按未评估处理"),
    (r"unknown column ignored \(not a standard column or a competency in the catalogue\)",
     "已忽略未知列（既不是标准列，也不是能力目录中的能力项）"),
    (r"unknown competency ignored", "已忽略未知能力项"),
    (r"tenure_years is not a number", "司龄不是数字"),
    (r"tenure_years is negative", "司龄为负数"),
    (r"the roster has a header but no people \(no data rows\)", "花名册只有表头，没有人员数据"),
    (r"row has (\d+) cells but the header has (\d+): the extra cells would be lost",
     r"该行有\1个单元格，表头只有\2列：多出的单元格会丢失"),
    (r"row has (\d+) cells but the header has (\d+): the missing cells count as blank",
     r"该行有\1个单元格，表头有\2列：缺少的单元格按空白处理"),
    (r"a cell that contains the separator must be in double quotes", "含有分隔符的单元格须加英文双引号"),
    (r"a line break inside an unquoted cell splits a row in two", "未加引号的单元格中的换行会把一行拆成两行"),
    (r"formula without a saved value: it reads as blank", "公式没有保存计算结果：按空白处理"),
    (r"not checked: the profiles above have errors", "未检查：上面的人才模型有错误"),
    (r"unknown employment_type value\(s\), they match no attribute requirement: (.*)",
     r"未知的用工类型值，不满足任何属性要求：\1"),
    (r"use internal, external or contractor \(内部 / 外部 / 外包\)", "请填写 内部 / 外部 / 外包（internal / external / contractor）"),
    # total lines under the table, dates written month or day first
    (r"the employee id column holds a totals label: read as a total or footer line under the table, "
     r"not as a person, and skipped", "员工编号列是合计字样：视为表格下方的合计行，不计为人员，已跳过"),
    (r"the name column holds a totals label: read as a total or footer line under the table, "
     r"not as a person, and skipped", "姓名列是合计字样：视为表格下方的合计行，不计为人员，已跳过"),
    (r"only the employee id column holds something: read as a total or footer line under the table, "
     r"not as a person, and skipped", "只有员工编号列有内容：视为表格下方的合计或备注行，不计为人员，已跳过"),
    # subtotal lines between groups, inside the table
    (r"the employee id column holds a totals label: read as a subtotal line inside the table, "
     r"not as a person, and skipped", "员工编号列是合计字样：视为表格中间的小计行，不计为人员，已跳过"),
    (r"the name column holds a totals label: read as a subtotal line inside the table, "
     r"not as a person, and skipped", "姓名列是合计字样：视为表格中间的小计行，不计为人员，已跳过"),
    (r"(\d+) more total or subtotal lines like this, skipped", r"另有\1行合计或小计行，已跳过"),
    (r"not a date", "不是日期"),
    (r"not a level 0-5", "不是0-5的等级"),
    (r"add the text under values.level in the mapping file \(e.g. \"Needs Development\": 2, \"N/A\": null\), "
     r"or use a number 0-5; leave the cell blank if not assessed",
     "请在映射文件的 values.level 下加上这段文字（如 \"未评估\": null、\"待提升\": 2），或填写0-5的数字；"
     "未评估的请留空"),
    (r"hire_date is not a date", "入职日期不是日期"),
    (r"the day and month come before the year: set date_order: MDY \(month first: 03/27/2015\) in the "
     r"mapping file, or DMY \(day first\)",
     "日期的月、日写在年份之前：请在映射文件中设置 date_order: MDY（月在前，如 03/27/2015），或 DMY（日在前）"),
    (r"the day and month come before the year: set date_order: DMY \(day first: 27/03/2015\) in the "
     r"mapping file, or MDY \(month first\)",
     "日期的月、日写在年份之前：请在映射文件中设置 date_order: DMY（日在前，如 27/03/2015），或 MDY（月在前）"),
    # workbooks and headers: what a Chinese export meets first (round 6)
    (r"sheet '(.*)'", r"工作表“\1”"),
    (r"reading sheet '(.*)'; sheet\(s\) (.*) hold data but no employee_id header",
     r"读取的是工作表“\1”；工作表 \2 有数据，但没有员工编号表头"),
    (r"reading sheet '(.*)'; hidden sheet\(s\) (.*) not read", r"读取的是工作表“\1”；隐藏的工作表 \2 未读取"),
    (r"choose a sheet with --sheet NAME", "可用 --sheet 工作表名称 指定要读取的工作表"),
    (r"column ([A-Z]+) has no header and is ignored", r"第\1列没有表头，已忽略"),
    (r"no employee_id column \(accepted headers: (.*)\)", r"没有员工编号列（可用的表头：\1）"),
    (r"row (\d+) looks like the header: read the file through a mapping file, which finds a header "
     r"under a title block \(sscgap init --mapping FILE drafts one\), or delete the rows above it",
     r"第\1行像是表头：请通过映射文件读取（映射文件能找到标题下方的表头，可用 sscgap init --mapping "
     r"FILE 生成草稿），或删除表头上方的行"),
    (r"the first row must be the header, with one column named employee_id",
     "第一行须是表头，其中一列名为员工编号（employee_id）"),
    (r"the header appears (\d+) times \(columns (.*)\); only the first would be read",
     r"该表头出现了\1次（\2列），只会读取第一列"),
    (r"rename or delete the extra column", "请重命名或删除多余的列"),
    (r"columns '(.*)' and '(.*)' both mean '(.*)'", r"“\1”和“\2”两列含义相同（都是 \3）"),
    (r"keep one of them", "只保留其中一列"),
    (r"unknown column ignored \(columns (.*)\) \(not a standard column or a competency in the catalogue\)",
     r"已忽略未知列（\1列；既不是标准列，也不是能力目录中的能力项）"),
    (r"the headers take two rows \((\d+) and (\d+)\): a column is named by its cell in row \2, "
     r"else by its cell in row \1",
     r"表头占两行（第\1、\2行）：每列以第\2行的单元格为列名，该单元格为空时取第\1行的"),
    (r"no competency of the catalogue can be read: no column matches one of its (\d+) ids or names",
     r"读不到能力目录中的任何能力项：没有一列与目录中\1项能力的编号或名称相符"),
    (r"name the columns by competency id or name, or map the export's headers under competencies in a "
     r"mapping file \(sscgap init --mapping EXPORT drafts one\)",
     "请用能力项的编号或名称作列名，或在映射文件的 competencies 下对应导出文件的表头"
     "（可用 sscgap init --mapping EXPORT 生成草稿）"),
    (r"(\d+) more unknown columns ignored: (.*)", r"另有\1个未知列已忽略：\2"),
    (r"the first line \(sep=\.\.\.\) is Excel's separator line, not the header: delete it, or read the "
     r"file through a mapping file \(sscgap init --mapping FILE drafts one\)",
     "第一行（sep=...）是 Excel 的分隔符声明行，不是表头：请删除这一行，或通过映射文件读取（可用 sscgap init "
     "--mapping FILE 生成草稿）"),
    (r"a text file with an \.xls name \(as HR systems export \"Excel\" files\): read as CSV",
     "扩展名为 .xls 的文本文件（人事系统“导出 Excel”常见）：按 CSV 读取"),
    (r"this is an \.xlsx workbook with an \.xls name", "这是扩展名写成 .xls 的 .xlsx 工作簿"),
    (r"rename it to \.xlsx", "请把扩展名改为 .xlsx"),
    (r"this is a web page \(HTML\) with an \.xls name, as some HR systems export \"Excel\" files",
     "这是扩展名为 .xls 的网页（HTML），一些人事系统“导出 Excel”时会这样"),
    (r"open it in Excel or WPS and save it as \.xlsx, or export the roster as CSV",
     "请用 Excel 或 WPS 打开后另存为 .xlsx，或把花名册导出为 CSV"),
    (r"old \.xls workbooks are not supported", "不支持旧版 .xls 工作簿"),
    (r"save it as \.xlsx or CSV", "请另存为 .xlsx 或 CSV"),
    (r"a rating word: read the export through a mapping file that gives each word its level under "
     r"values\.level \(sscgap init --mapping EXPORT drafts one\), or use a number from 0 \(none\) to 5 "
     r"\(expert\); leave the "
     r"cell blank if not assessed",
     "这是评价用语：请通过映射文件读取导出文件，在 values.level 下为每个用语指定等级（可用 sscgap init "
     "--mapping EXPORT 生成草稿），或填写0（无）到5（专家）之间的数字；未评估的请留空"),
    (r"([\d,]+) rows? hidden in the workbook \(rows? (.*); a filter\?\) (?:is|are) read like the others",
     r"工作簿中有\1行被隐藏（第\2行；是否用了筛选？），仍和其他行一样读取"),
    (r"to leave people out, delete their rows; a filter or hidden rows do not",
     "要把某些人排除在分析之外，请删除他们所在的行；筛选或隐藏行不会排除"),
    (r"employee_id in scientific notation: Excel dropped its last digits",
     "员工编号成了科学计数法：Excel 已把它后面的数字丢掉"),
    (r"read the workbook \(\.xlsx\) instead of its CSV, or in Excel format the id column as Text and "
     r"enter the ids again",
     "请直接读取工作簿（.xlsx），不要用它另存的 CSV；或在 Excel 中把编号列设为“文本”格式后重新录入编号"),
    # tenure and hire dates side by side: a blank tenure is counted from the hire date
    (r"tenure_years is blank for (\d+) (?:person|people): counted from the hire_date",
     r"\1人的司龄为空：按入职日期计算"),
    (r"hire date after the as-of date (\S+)", r"入职日期晚于统计截止日 \1"),
    (r"check the date, or set --as-of", "请核对日期，或用 --as-of 设置统计截止日"),
    (r"check the date, or set --as-of / as_of in the mapping",
     "请核对日期，或用 --as-of（或映射文件中的 as_of）设置统计截止日"),
    # a short row of a CSV: the columns it has no cells for
    (r"the row ends before the columns (.*): they count as blank for this row",
     r"该行没有 \1 列的单元格：这些列在该行按空白处理"),
    (r"not used, as the row's tenure_years is given; correct the date or leave the cell blank",
     "该行已填司龄，此日期未使用；请更正日期或留空"),
)

# round 7: notes under the table, Excel's Subtotal lines, people who have left
_FINDINGS_ZH += (
    (r"only this cell holds something, a text that is no employee id: read as a note under the table, "
     r"not as a person, and skipped", "只有这一格有内容，且不是员工编号：视为表格下方的备注行，不计为人员，已跳过"),
    (r"a group's column holds a totals label and the name is blank: read as a subtotal line \(as Excel's "
     r"Subtotal command writes them\), not as a person, and skipped",
     "分组列是合计字样且姓名为空：视为分类汇总行（Excel“分类汇总”功能插入的行），不计为人员，已跳过"),
    (r"years of service, e.g. 3 or 2.5, or as 5 year\(s\), 3 month\(s\) or 12年5个月; leave blank if unknown",
     "司龄（年），如3或2.5，也可写成 12年5个月 或 5 year(s), 3 month(s)；不详的请留空"),
    (r"not a number of years \(0 or more\)", "不是年数（须为0或以上）"),
    (r"the same id is on row (\d+); most ids repeat: one row per rating\? A long export needs a competency "
     r"and a level column \(headers competency and level, or 能力 and 等级\), or read it through a mapping "
     r"file with long: \(sscgap init --mapping EXPORT drafts one\)",
     r"同一编号已出现在第\1行；大多数编号都重复出现：是否每行一条评分？长表须有能力项列和等级列（表头为 "
     r"competency 和 level，或 能力 和 等级），或通过映射文件的 long: 读取（可用 sscgap init --mapping EXPORT "
     r"生成草稿）"),
    (r"tenure_years read from '(.*)' in months: converted to years", r"司龄读自“\1”列，单位为月：已换算为年"),
    (r"tenure_years read from '(.*)' in days: converted to years", r"司龄读自“\1”列，单位为天：已换算为年"),
    (r"these look like scores out of 100, not levels: convert each to a level from 0 \(none\) to 5 "
     r"\(expert\) in the file, for example the score divided by 20, or by your appraisal bands "
     r"\(90-100 = 5, 80-89 = 4, and so on\)",
     "这些看起来是百分制分数，不是等级：请在文件中把每个分数换算为0（无）到5（专家）的等级，"
     "例如分数除以20，或按考核分档换算（如90-100分为5级、80-89分为4级）"),
    (r"a percentage, not a level: read the export through a mapping file that gives each percentage its "
     r"level under values\.level \(e\.g\. \"80%\": 4\), or use a number from 0 \(none\) to 5 \(expert\)",
     "这是百分比，不是等级：请通过映射文件读取，在 values.level 下为每个百分比指定等级（如 \"80%\": 4），"
     "或填写0（无）到5（专家）之间的数字"),
    (r"(.+): employee_id '(.*)' has left \(status '(.*)'\): not in the analysis",
     r"\1：员工编号“\2”已离职（状态：\3），不在分析范围内"),
    (r"reading sheet '(.*)'; sheet\(s\) (.*) also have an employee_id column and are not read",
     r"读取的是工作表“\1”；工作表 \2 也有员工编号列，未读取"),
    (r"a roster is one sheet: choose it with --sheet NAME, or put everyone on one sheet to read them all",
     "花名册只读一个工作表：可用 --sheet 工作表名称 指定，或把所有人放在同一个工作表中一起读取"),
    (r"the status says this person has not joined yet: not counted as staff, and skipped",
     "状态列显示此人尚未入职：不计入人员，已跳过"),
    (r"people who have not joined yet are no staff: count them once they have joined",
     "尚未入职的人不算在岗人员：入职后再计入"),
    (r"(.+): employee_id '(.*)' has not joined yet \(status '(.*)'\): not in the analysis",
     r"\1：员工编号“\2”尚未入职（状态：\3），不在分析范围内"),
    (r"the status says this person has left: not counted as staff, and skipped",
     "状态列显示此人已离职：不计入人员，已跳过"),
    (r"people who have left are no staff: delete their rows, or export active people only, to silence this",
     "已离职人员不算在岗人员：删除这些行，或只导出在职人员，即可消除此提示"),
)

# round 7 (exports7b): a title block above the header, first and last names, month-only dates
_FINDINGS_ZH += (
    (r"the header is row (\d+): rows? ([\d-]+) above it, a title block, (?:is|are) not read",
     r"表头在第\1行：其上方的第\2行是标题，未读取"),
    (r"no name column: the name is joined from '(.*)' and '(.*)' \(given name, a space, family name; a name "
     r"in Chinese characters family name first, without a space\)",
     r"没有姓名列：姓名由“\2”和“\1”两列合成（中文姓名姓在前、名在后，中间不加空格；其他姓名名在前、姓在后，以空格分隔）"),
    (r"(\d+) hire dates? gives? the month only \((.*)\): read as the 1st of the month",
     r"\1个入职日期只写到月份（\2）：按当月1日计算"),
)

# round 8 (newuser8): what HR exports as they come still held
_FINDINGS_ZH += (
    (r"the employee id and the name are blank: read as a total line under the table \(its label, such as "
     r"合计 or Average, in another column\), not as a person, and skipped",
     "员工编号和姓名均为空：视为表格下方的合计行（“合计”“平均”等字样在其他列中，如“序号”列），不计为人员，已跳过"),
    (r"this person's rows disagree: the value on their first row is used, not this one",
     "同一人的多行在此列不一致：采用其第一行的值，而不是本行的值"),
    (r"a person's department, site, position, tenure and employment type are read from their first row: "
     r"make them the same on every row of the person \(or put the current one first\)",
     "每人的部门、地点、岗位、司龄和用工类型都取自其第一行：请在此人的各行填写相同的值（或把当前的值放在第一行）"),
    (r"(\d+) rating dates? gives? the month only \((.*)\): read as the 1st of the month",
     r"\1个评估日期只写到月份（\2）：按当月1日计算"),
    (r"the latest rating of a rater, and a rating's age \(max_age_days\), count from that day; a rating of "
     r"the same month that gives its day counts as the later one",
     "评估人的最新评分和评分的时效（max_age_days）都从这一天算起；同月写明日期的评分视为较新的一次"),
    (r"header_row is (\d+), but the headers are on row (\d+) of sheet '(.*)' of (.+): row \d+ is a row of data",
     r"header_row 设为\1，但 \4 工作表“\3”的表头在第\2行：第\1行是数据行"),
    (r"header_row is (\d+), but the headers are on row (\d+) of sheet '(.*)' of (.+): row \d+ is not the header",
     r"header_row 设为\1，但 \4 工作表“\3”的表头在第\2行：第\1行不是表头"),
    (r"header_row is (\d+), but the headers are on row (\d+) of (.+): row \d+ is a row of data",
     r"header_row 设为\1，但 \3 的表头在第\2行：第\1行是数据行"),
    (r"header_row is (\d+), but the headers are on row (\d+) of (.+): row \d+ is not the header",
     r"header_row 设为\1，但 \3 的表头在第\2行：第\1行不是表头"),
    (r"every cell of the row is a label and a colon \(制表人：, 审核人：, Prepared by:\): read as a signature "
     r"line under the table, not as a person, and skipped",
     "该行每个单元格都是“标签：”形式（如 制表人：、审核人：、Prepared by:）：视为表格下方的签字栏，不计为人员，已跳过"),
    (r"this row repeats the header \(as a report that repeats it on every page, or two exports pasted one "
     r"under the other, writes it\): not a person, and skipped",
     "此行重复了表头（报表每页重复表头，或两份导出上下拼接时会这样）：不计为人员，已跳过"),
    (r"the leaving date is on or before the as-of date: this person has left, not counted as staff, and skipped",
     "离职日期不晚于统计截止日：此人已离职，不计入在岗人员，已跳过"),
    (r"the leaving date is not a date: the person is counted as staff", "离职日期不是日期：此人按在岗人员计算"),
    (r"write the date \(2026-03-31\), or leave the cell blank for people who are still here",
     "请填写日期（如 2026-03-31）；仍在职的人员请留空"),
    (r"(\d+) numbers? in this column (?:are|is) shown as dates \((.*), as a column formatted as Date shows "
     r"a number\): read as the numbers",
     r"此列有\1个数字显示为日期（\2，设置成“日期”格式的列会这样显示数字）：按数字读取"),
    (r"format the column as Number in Excel to see the numbers as they are read",
     "在 Excel 中把此列设置为“数值”格式，即可看到实际读取的数字"),
    (r"the name says this person has left: not counted as staff, and skipped",
     "姓名中注明此人已离职：不计入在岗人员，已跳过"),
    (r"only the employee id column holds something, a text that is no employee id: read as a section heading "
     r"\(a group's name above its people\), not as a person, and skipped",
     "只有员工编号列有内容，且不是员工编号：视为分组标题行（写在一组人员上方的组名），不计为人员，已跳过"),
    (r"to split a report by these groups, put each person's group in a column \(e\.g\. department\) and use --by",
     "如需按这些分组出报告，请把每人所属的组填在一列中（如部门），再用 --by"),
    (r"one rating per rater or date \((.*)\): read the export through a mapping file with long\.rater and "
     r"long\.date, which takes each rater's latest rating and the rater you prefer \(sscgap init --mapping "
     r"EXPORT drafts one\)",
     r"每位评估人或每个日期各有一条评分（\1）：请通过映射文件读取，设置 long.rater 和 long.date，"
     r"即可取每位评估人的最新评分及您优先采用的评估人（可用 sscgap init --mapping EXPORT 生成草稿）"),
    (r"a second post of a person listed on another row \(主岗 / 兼岗\): not a second person, and skipped",
     "此人另一行已列出，本行是其兼岗：不重复计为一人，已跳过"),
    (r"a person with several posts counts once, by the row of the primary post", "身兼数岗的人只计一次，以主岗所在行为准"),
    (r"the employee id column is blank on every row", "员工编号列每一行都为空"),
    (r"the export leaves it empty \(飞书 and 钉钉 do when 工号 is not used\): read the id from another column "
     r"that is unique per person \(a user id, an email\) through a mapping file, under columns\.employee_id "
     r"\(sscgap init --mapping EXPORT drafts one\)",
     "导出文件没有填写这一列（飞书、钉钉未启用工号时就是这样）：请通过映射文件改用其他每人唯一的列（如用户ID、邮箱），"
     "写在 columns.employee_id 下（可用 sscgap init --mapping EXPORT 生成草稿）"),
    # messages of earlier rounds that stayed in English under --lang zh
    (r"employee_id is blank", "员工编号为空"),
    (r"employee id is blank", "员工编号为空"),
    (r"every person needs a unique id", "每个人都需要唯一的员工编号"),
    (r"every rating needs the id of the person rated", "每条评分都需要被评人的员工编号"),
    (r"the same person and competency appear on an earlier row too", "同一人的同一能力项在前面的行中已出现"),
    (r"keep one level per person and competency", "每人每项能力只保留一个等级"),
    (r"this line is UTF-8 in a file read as GB18030: its text would read as mojibake",
     "此行是 UTF-8 编码，而文件按 GB18030 读取：其中的文字会变成乱码"),
    (r"save the whole file in one encoding, e\.g\. CSV UTF-8 \(Excel: File > Save As\)",
     "请把整个文件保存为同一种编码，如 CSV UTF-8（Excel：文件 > 另存为）"),
    (r"open the workbook in Excel or LibreOffice and save it, or paste values",
     "请在 Excel 或 LibreOffice 中打开并保存该工作簿，或将公式粘贴为数值"),
    (r"check header_row", "请检查 header_row"),
    (r"set header_row to the row of the headers", "请把 header_row 设为表头所在的行"),
    (r"add the rater types to raters\.prefer to use them", "把这些评估人类型加入 raters.prefer 即可使用其评分"),
    (r"every cell is blank: is it the right export, or are the ratings elsewhere\?",
     "所有单元格都为空：导出的文件对吗？评分是否在别的文件或工作表中？"),
    (r"save the roster as 'CSV UTF-8' \(Excel: File > Save As\) or as \.xlsx",
     "请将花名册另存为“CSV UTF-8”（Excel：文件 > 另存为）或 .xlsx"),
    (r"give a CSV file \(UTF-8, GB18030 or UTF-16 with BOM\) or an \.xlsx workbook",
     "请提供 CSV 文件（UTF-8、GB18030 或带 BOM 的 UTF-16）或 .xlsx 工作簿"),
    (r"save the roster as CSV", "请将花名册另存为 CSV"),
    (r"choose a sheet with --sheet NAME or sheet: in the mapping",
     "可用 --sheet 工作表名称 或映射文件中的 sheet: 指定要读取的工作表"),
    (r"set header_row: (\d+), or remove header_row \(the header row is then found, also when the next "
     r"export has another title block\)",
     r"请改为 header_row: \1，或删除 header_row（表头行会自动识别，下次导出的标题行数不同也能识别）"),
)


# round 8 (lead): mistakes on the command line and with files, which stayed in English after 错误：
_FINDINGS_ZH += (
    (r"no archetype or competency '(.*)'; did you mean '(.*)'\?",
     r"没有编号为“\1”的人才类型或能力项；是否要找“\2”？"),
    (r"no archetype or competency '(.*)'; sscgap profiles list shows the ids",
     r"没有编号为“\1”的人才类型或能力项；编号见 sscgap profiles list --lang zh"),
    (r"--by '(.*)': no such column; use one of: (.*) \(did you mean '(.*)'\?\)",
     r"--by “\1”：花名册中没有该列；可用的列：\2（是否要找“\3”？）"),
    (r"--by '(.*)': no such column; use one of: (.*)", r"--by “\1”：花名册中没有该列；可用的列：\2"),
    (r"--by '(.*)': the roster has no values in this column", r"--by “\1”：花名册中该列没有任何值"),
    (r"--as-of '(.*)': not a date \(write it as 2026-06-30 or 2026/06/30\)",
     r"--as-of “\1”：不是日期（请写成 2026-06-30 或 2026/06/30）"),
    (r"--as-of given (\d+) times for (\d+) snapshots: give one date for every snapshot, or one per "
     r"snapshot in their order",
     r"--as-of 给了\1次，快照却有\2个：请只给一个日期（用于全部快照），或按快照的顺序每个快照给一个"),
    (r"--anon-key-file only applies with --anonymize", "--anon-key-file 只能与 --anonymize 一起使用"),
    (r"--format (\w+) is a binary file: give -o FILE\.\w+",
     r"--format \1 输出的是二进制文件：请用 -o 指定输出文件（如 -o 报告.\1）"),
    (r"(.+): this command does not write (\w+); use --format \((.*)\) with a file name to match",
     r"\1：此命令不输出 \2 格式；请用 --format（\3）并配以相应后缀的文件名"),
    (r"(.+): names a folder; give a file name for the output, e.g. (.+)",
     r"\1：这是一个文件夹；请给出输出文件名，例如 \2"),
    (r"(.+): cannot tell the format from the file name; use a suffix \((.*)\) or --format",
     r"\1：无法从文件名判断输出格式；请使用后缀（\2）或 --format"),
    (r"trend needs at least two roster snapshots \(oldest first\)", "trend 至少需要两份花名册快照（按时间从早到晚排列）"),
    (r"--blank never overwrites: choose an empty folder instead of --force",
     "--blank 从不覆盖已有文件：请选择一个空文件夹，不要用 --force"),
    (r"(.+): already exists \(use --force to overwrite\)", r"\1：已存在（如需覆盖，请加 --force）"),
    (r"(.+): exists and is not a folder", r"\1：已存在，且不是文件夹"),
    (r"(.+): exists already; choose an empty folder", r"\1：已存在；请选择一个空文件夹"),
    (r"--require '(.*)': no archetype '(.*)'; did you mean '(.*)'\?",
     r"--require “\1”：没有编号为“\2”的人才类型；是否要找“\3”？"),
    (r"--require '(.*)': no archetype '(.*)'; use one of: (.*)",
     r"--require “\1”：没有编号为“\2”的人才类型；可用的编号：\3"),
    (r"--require '(.*)': '(.*)' is not a whole number of people", r"--require “\1”：“\2”不是整数人数"),
    (r"--require '(.*)': the minimum must be at least 1", r"--require “\1”：最低人数至少为1"),
    (r"SOURCE_DATE_EPOCH='(.*)': not a Unix timestamp \(whole seconds\)",
     r"SOURCE_DATE_EPOCH=“\1”：不是 Unix 时间戳（整数秒）"),
    (r"(.+): refusing to write the output over an input file", r"\1：这是输入文件，不会把输出写到它上面"),
    (r"(.+): refusing to write the job summary over an input file", r"\1：这是输入文件，不会把作业摘要写到它上面"),
    (r"(.+): cannot write here \((.+)\)", r"\1：无法在此写入（\2）"),
    (r"(.+): cannot write \((.+)\)", r"\1：无法写入（\2）"),
    (r"(.+): is a folder; give a file name for the output", r"\1：这是一个文件夹；请给出输出文件名"),
    (r"(.+): not a regular file, a character device or a pipe; refusing to write there",
     r"\1：既不是普通文件，也不是字符设备或管道；不会写入"),
    (r"-: standard input is closed; give a roster file", "-：标准输入已关闭；请给出花名册文件"),
    (r"-: standard input is a terminal; pipe a roster in \(cat staff\.csv \| sscgap analyze -\)",
     "-：标准输入是终端；请用管道传入花名册（cat staff.csv | sscgap analyze -）"),
    (r"(.+): standard input was read already for an earlier '-'; give this roster as a file",
     r"\1：标准输入已被前面的“-”读取；请以文件形式给出这份花名册"),
    (r"(.+): nothing to read \(empty input\); pipe a roster in \(cat staff\.csv \| sscgap analyze -\)",
     r"\1：没有可读取的内容（输入为空）；请用管道传入花名册（cat staff.csv | sscgap analyze -）"),
    (r"(.+): a device, not a roster file", r"\1：这是设备，不是花名册文件"),
    (r"(.+): the key file is empty", r"\1：密钥文件为空"),
    (r"--exclusive: ([\d,]+) distinct sets of ready archetypes are too many for the built-in solver; install "
     r"the solver for large allocations: pip install 'sscgap\[scipy\]'",
     r"--exclusive：就绪人才类型的组合有\1种，内置求解器处理不了；大规模分配请安装求解器：pip install 'sscgap[scipy]'"),
)

# round 8 (lead): the profiles and the --targets file (the HR analyst edits them): the frame of an
# error with several problems, the places in a YAML file, and the messages and hints
_FINDINGS_ZH += (
    (r"(.+): invalid profile: (\d+) problems?", r"\1：人才模型文件有误，共\2处问题"),
    (r"(.+): invalid targets file: (\d+) problems?", r"\1：需求人数文件有误，共\2处问题"),
    (r"(.+): invalid targets: (\d+) problems?", r"\1：需求人数文件有误，共\2处问题"),
    (r"(.+): (\d+) errors in the profiles", r"\1：人才模型中有\2处错误"),
    (r"profiles are invalid: (\d+) problems?", r"人才模型有误，共\1处问题"),
    (r"(.+): invalid mapping file: (\d+) problems?", r"\1：映射文件有误，共\2处问题"),
    (r"(.+): cannot read the export: (\d+) problems?", r"\1：无法读取该导出文件，共\2处问题"),
    (r"(.+): the roster cannot be analysed: (\d+) problems?", r"\1：花名册无法分析，共\2处问题"),
    (r"\.\.\. and (\d+) more", r"……另有\1处"),
    (r"run `sscgap profiles check (.+)` for the full list", r"完整列表：运行 `sscgap profiles check \1 --lang zh`"),
    # places
    (r"line (\d+), column (\d+)", r"第\1行第\2列"),
    (r"line (\d+)", r"第\1行"),
    (r"(\S+) \(line (\d+)\)", r"\1（第\2行）"),
    # files and folders
    (r"profile folder not found", "找不到人才模型文件夹"),
    (r"targets file not found", "找不到需求人数文件"),
    (r"not a file", "不是文件"),
    (r"not a folder \(--profiles takes a folder with catalogue\.yaml\)",
     "不是文件夹（--profiles 需要一个包含 catalogue.yaml 的文件夹）"),
    (r"is a folder, not a YAML file", "这是一个文件夹，不是 YAML 文件"),
    (r"no catalogue\.yaml \(the competency catalogue\) in this folder", "该文件夹中没有 catalogue.yaml（能力目录）"),
    (r"sscgap init --blank DIR writes a small commented profile folder to start from",
     "可用 sscgap init --blank 文件夹 生成一个带注释的小型人才模型，在此基础上修改"),
    (r"no archetypes \(expected archetypes/\*\.yaml\)", "没有人才类型（应在 archetypes/*.yaml 中）"),
    (r"the file is empty", "文件为空"),
    (r"not UTF-8 text \((.+) at byte (\d+)\)", r"不是 UTF-8 文本（第\2字节：\1）"),
    (r"save the file as UTF-8", "请将文件另存为 UTF-8 编码"),
    (r"cannot read \((.+)\)", r"无法读取（\1）"),
    # YAML
    (r"invalid YAML: mapping values are not allowed here", "YAML 格式错误：此处不能出现“键: 值”"),
    (r"a value that contains ': ' must be in quotes", "含有“: ”的值须加引号；也请检查缩进是否对齐"),
    (r"invalid YAML: found character '\\t' that cannot start any token", "YAML 格式错误：行首有制表符（Tab）"),
    (r"invalid YAML: (.*tab.*)", r"YAML 格式错误：\1"),
    (r"indent with spaces, not tabs", "请用空格缩进，不要用制表符（Tab）"),
    (r"invalid YAML: (.+) \(tags that build Python objects are not allowed\)",
     r"YAML 格式错误：\1（不允许生成 Python 对象的标签）"),
    (r"profiles hold plain data only: remove the '!!' tag", "人才模型只能包含普通数据：请删除“!!”标签"),
    (r"invalid YAML: (.+)", r"YAML 格式错误：\1"),
    (r"expected a mapping of keys at the top, got text", "文件顶层应为“键: 值”结构，实际是一段文字"),
    (r"expected a mapping of keys at the top, got list", "文件顶层应为“键: 值”结构，实际是列表"),
    (r"expected a mapping of keys at the top, got number", "文件顶层应为“键: 值”结构，实际是数字"),
    (r"expected a mapping of keys at the top, got (.+)", r"文件顶层应为“键: 值”结构，实际是\1"),
    (r"a profile file is made of 'key: value' lines", "人才模型文件由“键: 值”行组成"),
    (r"duplicate key '(.*)' \(first at line (\d+)\)", r"键“\1”重复（第一次出现在第\2行）"),
    (r"YAML would silently keep only the last one", "YAML 会悄悄只保留最后一个"),
    (r"a key must be a plain word, not a list or a mapping", "键必须是普通的词，不能是列表或键值结构"),
    (r"nested more than (\d+) levels deep", r"嵌套超过\1层"),
    (r"a profile file is a few levels of keys and lists; check the brackets", "人才模型文件只有几层键和列表；请检查括号"),
    (r"write 'key: value'; a '\?' line starts a complex key", "请写成“键: 值”；以“?”开头的行是复杂键"),
    # values (the messages made from pydantic's errors, and the hints per field)
    (r"write a text, e\.g\. `(\w+): AP lead`, or `\w+: \{en: AP lead, zh: 应付主管\}`",
     r"请填写文字，例如 `\1: AP lead` 或 `\1: {en: AP lead, zh: 应付主管}`"),
    (r"write a text", "请填写文字"),
    (r"write a word or a text, not a number, list or mapping", "请填写词语或文字，不能是数字、列表或键值结构"),
    (r"write a mapping of keys under `(.+):` \(`key: value` lines, indented\)",
     r"请在 `\1:` 下写“键: 值”行（缩进）"),
    (r"write a mapping of keys under `(.+):` \(`key: value` lines, indented\); got a (.+)",
     r"请在 `\1:` 下写“键: 值”行（缩进）；实际是\2"),
    (r"write a list under `(.+):` \(lines starting with '- '\)", r"请在 `\1:` 下写列表（以“- ”开头的行）"),
    (r"write a list under `(.+):` \(lines starting with '- '\); got a (.+)",
     r"请在 `\1:` 下写列表（以“- ”开头的行）；实际是\2"),
    (r"write a whole number", "请填写整数"),
    (r"write a number", "请填写数字"),
    (r"write a finite number", "请填写有限的数字"),
    (r"write true or false", "请填写 true 或 false"),
    (r"an id is lower-case letters, digits and _, starting with a letter, e\.g\. `ap_lead`",
     "编号只能由小写字母、数字和下划线组成，以字母开头，例如 `ap_lead`"),
    (r"too long \(at most ([\d,]+) characters\)", r"太长（最多\1个字符）"),
    (r"write a text, not an empty one", "请填写文字，不能为空"),
    (r"list at least one", "至少列出一项"),
    (r"must be above (.+)", r"须大于\1"),
    (r"must be (.+) or more", r"须不小于\1"),
    (r"must be below (.+)", r"须小于\1"),
    (r"must be (.+) or less", r"须不大于\1"),
    (r"write (.+)", r"请填写\1"),
    (r"required key is missing", "缺少必填的键"),
    (r"unknown key", "未知的键"),
    (r"unknown key '(.*)'; write 'sourcing: \{way: buy, reasoning: \.\.\.\}'",
     r"未知的键“\1”；请写成 'sourcing: {way: buy, reasoning: ...}'"),
    (r"write the reasoning inside 'sourcing:' only", "理由只能写在 'sourcing:' 之内"),
    (r"a target needs exactly one of 'headcount: N' or 'per_staff: K'",
     "需求人数须且只能写 'headcount: N'（人数）或 'per_staff: K'（每K人1名）中的一项"),
    (r"a target sits either on the archetype or on every one of its roles, not both",
     "需求人数要么写在人才类型上，要么写在它的每个角色上，不能两处都写"),
    (r"when roles carry targets, every role needs one; missing on (.+)", r"角色带需求人数时，每个角色都要有；缺少：\1"),
    (r"levels run from 0 to 5, got (.+)", r"等级须为0到5，实际为\1"),
    (r"the scale must list levels 0, 1, 2, 3, 4, 5 in order", "等级量表须依次列出0、1、2、3、4、5级"),
    (r"unknown employment type '(.*)'; write one of (.+)", r"未知的用工类型“\1”；请填写其中之一：\2"),
    (r"near_fit \((.+)\) must not exceed ready_fit \((.+)\)", r"near_fit（\1）不能大于 ready_fit（\2）"),
    (r"competency '(.*)' is listed twice", r"能力项“\1”列了两次"),
    (r"a required level is a whole number from 1 to 5", "要求等级是1到5的整数"),
    (r"critical is true or false", "critical 填 true 或 false"),
    (r"per_staff: K means one per K people analysed \(K from 1 to 10,000,000\)",
     "per_staff: K 表示每K名被分析人员需1名（K为1到10,000,000）"),
    (r"headcount is a whole number of people, from 0 to 10,000,000", "headcount 是人数，为0到10,000,000的整数"),
    (r"a weight is a number above 0 and at most 1000 \(default 1\)", "权重是大于0、不超过1000的数（默认为1）"),
    (r"years of service, from 0 to 100", "司龄年数，0到100"),
    (r"write `target: \{headcount: N\}` or `target: \{per_staff: K\}`, or a target on every role",
     "请写 `target: {headcount: N}` 或 `target: {per_staff: K}`，或在每个角色上写需求人数"),
    (r"the default way to close a gap: build, buy or borrow", "补缺口的默认方式：build（培养）、buy（招聘）或 borrow（借用）"),
    (r"the level every listed competency must reach, from 1 to 5", "所列每项能力须达到的等级，1到5"),
    (r"the scale runs from 0 to 5", "等级量表为0到5"),
    (r"a fit between 0 and 1, e\.g\. (.+)", r"0到1之间的匹配度，例如\1"),
    # the profile set as a whole, and the --targets file
    (r"unknown archetype '(.*)'", r"未知的人才类型“\1”"),
    (r"a key under targets: is an archetype id, or a role id for seats per role",
     "targets: 下的键是人才类型编号；按角色计席位时，也可以是角色编号"),
    (r"did you mean '(.*)'\?", r"是否要找“\1”？"),
    (r"unknown competency '(.*)' \(not in (.+)\)", r"未知的能力项“\1”（不在 \2 中）"),
    (r"unknown category '(.*)'", r"未知的类别“\1”"),
    (r"duplicate (archetype id|role id|competency id|category id) '(.*)' \(first in (.+)\)",
     r"编号“\2”重复（第一次出现在 \3）"),
    (r"competency '(.*)' is required twice in role '(.*)'", r"角色“\2”两次要求能力项“\1”"),
    (r"targets for archetype '(.*)' and for its roles \((.+)\); a target sits on one or the other",
     r"人才类型“\1”和它的角色（\2）都有需求人数；需求人数只能写在其中一处"),
    (r"archetype '(.*)' has its target on itself; to count seats per role, give every role a target "
     r"\(missing: (.+)\)",
     r"人才类型“\1”的需求人数写在类型本身；要按角色计席位，请给每个角色都写需求人数（缺少：\2）"),
)

# round 8 (lead): the command line as Click cannot parse it (under --lang zh)
_USAGE_ZH: tuple[tuple[str, str], ...] = (
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", r"没有命令“\1”；是否要找“\2”？"),
    (r"No such command '(.+)'\.", r"没有命令“\1”"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"没有选项 \1（是否要找：\2）"),
    (r"No such option: (\S+) Did you mean (\S+)\?", r"没有选项 \1（是否要找：\2）"),
    (r"No such option: (\S+)", r"没有选项 \1"),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1"),
    (r"Missing option '(.+)'\.", r"缺少选项 \1"),
    (r"Missing command\.", "缺少命令"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 后面要有一个值"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", r"多余的参数：\1"),
    (r"Invalid value for '([^']+)'(?: / '[^']+')*: (?:Value error, )?(.+)", r"选项 \1 的值无效：\2"),
    (r"Invalid value for (.+?): (?:Value error, )?(.+)", r"\1 的值无效：\2"),
    # the values' own messages
    (r"'(.+)' is not between 0 and 100 \(a percentage, e\.g\. 70 or 70%\)",
     r"“\1”不在0到100之间（百分比，如 70 或 70%）"),
    (r"Input should be a valid integer, unable to parse string as an integer", "须为整数"),
    (r"Input should be a valid number, unable to parse string as a number", "须为数字"),
    (r"Input should be greater than or equal to (\S+)", r"须不小于\1"),
    (r"Input should be less than or equal to (\S+)", r"须不大于\1"),
    (r"'(.+)' is not one of (.+)\.", r"“\1”不是可选值之一：\2"),
    (r"'(.+)' is not (.+)\.", r"“\1”不是\2"),
)


def usage_text(text: str, lang: str = "en") -> str:
    """A message of Click's about a command line it cannot parse, in the chosen language (the
    value's own message too, where a pattern knows it)."""
    if lang != "zh":
        return text
    out = _translated(text.strip(), _USAGE_ZH)
    if out is None:
        return text
    if text.startswith("Invalid value"):  # the value's own message, after the option's
        head, _, inner = out.partition("：")
        return head + "：" + usage_text(inner, lang)
    return out


def _translated(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    """``text`` through the first pattern of ``table`` that matches all of it, else None."""
    import re

    for pattern, zh in table:
        m = re.fullmatch(pattern, text)
        if m:
            return m.expand(zh)
    return None

def finding_text(text: str, lang: str = "en") -> str:
    """A validate message or hint in the chosen language (as written when no pattern fits)."""
    if lang != "zh" or not text:
        return text
    out = _translated(text, _FINDINGS_ZH)
    return text if out is None else out


class _Finding(Protocol):  # errors.Finding (a sibling of this module: not imported)
    @property
    def file(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def row(self) -> int | None: ...
    @property
    def column(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def hint(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...

    def describe(self, file: str | None = None) -> str: ...


DIAGNOSTIC = {  # the label of a line on stderr
    "error": ("error: ", "错误："),
    "warning": ("warning: ", "警告："),
}


def finding_line(f: _Finding, lang: str = "en", file: str | None = None) -> str:
    """A finding as one line, as ``Finding.describe`` writes it; in Chinese with ``lang="zh"``:
    the place, message and hint through the patterns of ``validate --lang zh`` (a text without
    one stays in English), the file, ids and values as they are."""
    if lang != "zh":
        return f.describe(file)
    parts = [] if file is not None and f.file == file else [f.file]
    if f.place:
        parts.append(finding_text(f.place, lang))
    if f.row is not None:
        parts.append(f"第{f.row}行")
    if f.column is not None:
        parts.append(f"“{f.column}”列")
    where = "，".join(parts)
    message = finding_text(f.message, lang)
    text = f"{where}：{message}" if where else message
    if f.value is not None:
        shown = f.value if len(f.value) <= 40 else f.value[:37] + "..."
        text += f"（值：“{shown}”）"
    if f.hint:
        text += "；" + finding_text(f.hint, lang)
    return text


def error_message(message: str, findings: Sequence[_Finding], lang: str = "en") -> str:
    """An error's message in the chosen language: each line that is one of the error's findings
    as :func:`finding_line` writes it, every other line (a head, "... and 3 more") through the
    patterns; a line without one stays in English."""
    if lang != "zh":
        return message
    by_text: dict[str, _Finding] = {}
    for f in findings:
        by_text.setdefault(f.describe(), f)
    out = []
    for line in message.split("\n"):
        body = line.lstrip(" ")
        found = by_text.get(body)
        text = finding_line(found, lang) if found is not None else finding_text(body, lang)
        out.append(line[: len(line) - len(body)] + text)
    return "\n".join(out)


def more_warnings(n: int, lang: str = "en") -> str:
    """After the first warnings on stderr: how many more, and where to see them."""
    if lang == "zh":
        return f"……另有{n}条警告（完整列表：sscgap validate --lang zh）"
    return f"... and {n} more (run 'sscgap validate' for the list)"


# ---------------------------------------------------------------------------------------------
# round 9 (zh9): `--help --lang zh`. Every help text of the command line (a command's docstring,
# an argument's or an option's help), keyed by its English text as the command line has it: a
# help text added or changed without its entry here stays English, and a test fails on it
# (tests/test_zh_help.py walks every command). Option names, metavars, file names and ids stay
# as they are.
# ---------------------------------------------------------------------------------------------

HELP_ZH: dict[str, str] = {
    # sscgap
    "Talent gap analyzer for shared service centres: a profile set of talent archetypes "
    "(default: the ten SSC archetypes) vs your roster.":
        "共享服务中心人才缺口分析：用人才模型中的人才类型（默认为共享服务中心的十类人才）对照你的花名册。",
    "Show the version and exit.": "显示版本号后退出。",
    "Show a traceback on errors.": "出错时显示完整的调用栈（traceback）。",
    "Show this message and exit.": "显示本帮助后退出。",
    # analyze, report (one set of options)
    "Coverage of the profile set's archetypes in a staff roster: who is ready, near, and the gaps.":
        "分析花名册对人才模型中各人才类型的覆盖率：谁已就绪、谁接近就绪，缺口在哪里。",
    "The whole report as one document: Markdown, HTML with charts, JSON, CSV or Excel.":
        "把完整报告写成一份文档：Markdown、带图表的 HTML、JSON、CSV 或 Excel。",
    "Staff roster: CSV (UTF-8, GB18030, Big5, ...) or .xlsx.": "员工花名册：CSV（UTF-8、GB18030、Big5 等编码）或 .xlsx 文件。",
    "Profile folder (default: the ten shipped SSC archetypes; `init --blank` starts your own).":
        "人才模型文件夹（默认：随附的共享服务中心十类人才；用 init --blank 新建自己的人才模型）。",
    "YAML file overriding targets / thresholds.": "替换默认需求人数和阈值的 YAML 文件。",
    "Break down by a roster column, e.g. department or site.":
        "按花名册的某一列分组统计，如 department（部门）或 site（地点）。",
    "Output format (default: from the suffix of -o, else table).":
        "输出格式（默认：按 -o 文件名的后缀，否则为 table）。",
    "Format (default: from the suffix of -o, else markdown).":
        "输出格式（默认：按 -o 文件名的后缀，否则为 markdown）。",
    "Write to this file ('-' = stdout).": "写入该文件（“-”表示标准输出）。",
    "The report file; its suffix picks the format: .md .html .json .csv .xlsx ('-' = stdout).":
        "报告文件，格式由文件名后缀决定：md、html、json、csv 或 xlsx（“-”表示标准输出）。",
    "Exit 1 when the coverage index is below this percentage (70 or 70%).":
        "覆盖指数低于该百分比时以退出码1结束（写作 70 或 70%）。",
    "Exit 1 unless these archetypes have a ready person: 'leader,process_consultant'; "
    "'leader:2' asks for at least 2. Repeatable.":
        "所列人才类型没有已就绪人员时以退出码1结束，如 leader,process_consultant；"
        "leader:2 表示至少要有2人。可重复使用。",
    "Language of the output, the messages and this help.": "输出、提示信息和本帮助的语言。",
    "Rows in bounded sections: competency gaps, people per archetype.":
        "限定行数的部分显示多少行：能力项缺口、每个人才类型列出的人员。",
    "JSON: every person's detail, and complete ready/near id lists.":
        "JSON：每个人的明细，以及完整的已就绪、接近就绪员工编号列表。",
    "Title of the report.": "报告标题。",
    "CSV: people (one row per person; the default here) or coverage (one row per archetype, as report's CSV).":
        "CSV：people（每人一行；本命令默认）或 coverage（覆盖率表，每个人才类型一行，即 report 的 CSV）。",
    "CSV: coverage (one row per archetype; the default here) or people (one row per person, as analyze's CSV).":
        "CSV：coverage（覆盖率表，每个人才类型一行；本命令默认）或 people（每人一行，即 analyze 的 CSV）。",
    "Under GitHub Actions, append the Markdown report to the job summary ($GITHUB_STEP_SUMMARY).":
        "在 GitHub Actions 中运行时，把 Markdown 报告追加到作业摘要（$GITHUB_STEP_SUMMARY）。",
    "Worksheet of an .xlsx roster.": "花名册为 .xlsx 文件时读取的工作表。",
    "Unknown roster columns are errors, not warnings.": "花名册中无法识别的列按错误处理，而不只是警告。",
    "Show people by keyed pseudonyms (P-…) instead of ids, and no names, in every output.":
        "所有输出都用带密钥的化名（P-…）代替员工编号，并且不显示姓名。",
    "Secret key for --anonymize (default: $SSCGAP_ANON_KEY; none: random for this run).":
        "--anonymize 使用的密钥（默认：$SSCGAP_ANON_KEY；都没有时本次运行随机生成）。",
    "Also allocate each person to at most one seat and show both coverages; "
    "--fail-under then checks the allocation-aware index.":
        "另把每人最多分配到一个席位，两种覆盖率都显示；此时 --fail-under 检查分配后的覆盖指数。",
    "Mapping file: how to read an HR system's export (headers, rating texts, hire dates, long layout).":
        "映射文件：说明如何读取人事系统的导出文件（表头、评级文字、入职日期、长表）。",
    "Date hire dates and rating ages count to, e.g. 2026-06-30 (default: the mapping's as_of, else today).":
        "统计截止日，司龄和评估时长都计算到这一天，如 2026-06-30（默认：映射文件中的 as_of，否则为今天）。",
    # validate
    "Check a roster and the profiles; list every problem (file, row, column, value, hint).\n\n"
    "Exit 0 when there are no errors (warnings are fine), 2 when there are errors.":
        "检查花名册和人才模型，列出所有问题（文件、行、列、值、提示）。\n\n"
        "没有错误时退出码为0（有警告也可以），有错误时退出码为2。",
    "table for people, json for scripts.": "table 供人阅读，json 供脚本使用。",
    "Language of the table (JSON stays as it is).": "表格的语言（JSON 不变）。",
    # person
    "One person: fit for every archetype and role, and what stands between them and ready.":
        "查看一个人：对每个人才类型和角色的匹配度，以及离已就绪还差什么。",
    "The person's employee_id.": "此人的员工编号（employee_id）。",
    # diff, trend
    "Compare two roster snapshots: coverage before -> after, joiners, leavers, who became ready.":
        "比较两期花名册快照：覆盖率的前后变化、新入职、离职，以及谁变为已就绪。",
    "The older roster snapshot.": "较早的花名册快照。",
    "The newer roster snapshot.": "较新的花名册快照。",
    "People and competencies listed per section.": "每部分列出的人员和能力项数量。",
    "Exit 1 when the coverage index or any archetype's ready count fell.":
        "覆盖指数或任一人才类型的已就绪人数下降时以退出码1结束。",
    "Mapping file for OLD alone (its export comes from another HR system than NEW's); default: --mapping.":
        "仅用于 OLD 的映射文件（OLD 与 NEW 的导出文件来自不同的人事系统时）；默认：--mapping。",
    "Mapping file for NEW alone; default: --mapping.": "仅用于 NEW 的映射文件；默认：--mapping。",
    "Date hire dates and rating ages count to: one date for every snapshot, or one per snapshot in "
    "their order (--as-of 2026-06-30 --as-of 2026-12-31); default: the mapping's as_of, else today.":
        "统计截止日，司龄和评估时长都计算到这一天：所有快照共用一个日期，或按快照顺序每个快照一个"
        "（--as-of 2026-06-30 --as-of 2026-12-31）；默认：映射文件中的 as_of，否则为今天。",
    "Many roster snapshots over time: coverage index, ready / near / target per archetype, principles.":
        "多期花名册快照的变化趋势：覆盖指数，各人才类型的已就绪、接近就绪和需求人数，基本原则。",
    "Two or more roster snapshots, oldest first.": "两期或更多花名册快照，按时间从早到晚排列。",
    "One label per snapshot, comma-separated, e.g. 2026-Q1,2026-Q2 (default: the file names).":
        "每个快照一个标签，用逗号分隔，如 2026-Q1,2026-Q2（默认：文件名）。",
    "Output format (html: a line chart; default: from the suffix of -o, else table).":
        "输出格式（html 带折线图；默认：按 -o 文件名的后缀，否则为 table）。",
    "JSON: ids listed per archetype, as analyze.": "JSON：每个人才类型列出的员工编号数，与 analyze 相同。",
    "Exit 1 when the coverage index or any archetype's ready count fell between the last two snapshots.":
        "最后两期快照之间，覆盖指数或任一人才类型的已就绪人数下降时以退出码1结束。",
    # init
    "A starter folder: a copy of the default profiles, a targets file and a roster template.\n\n"
    "With --mapping EXPORT: a first mapping file for the export instead (-o FILE, default stdout).\n"
    "With --blank: a small profile set of your own to fill in, in DIRECTORY.":
        "生成入门文件夹：默认人才模型的副本、需求人数文件和花名册模板。\n\n"
        "加 --mapping EXPORT：改为根据导出文件起草一份映射文件（-o FILE，默认写到标准输出）。\n"
        "加 --blank：在 DIRECTORY 中生成一套待你填写的小型人才模型。",
    "Folder to create (or fill).": "要创建（或补齐文件）的文件夹。",
    "Language of the roster template's headers, the targets file's notes and the messages.":
        "花名册模板表头、需求人数文件注释和提示信息的语言。",
    "Overwrite existing files.": "覆盖已有文件。",
    "Instead: draft a mapping file from an HR system's export (CSV or .xlsx).":
        "改为根据人事系统的导出文件（CSV 或 .xlsx）起草一份映射文件。",
    "A small commented profile set to write your own (one archetype, three competencies).":
        "改为生成一套带注释的小型人才模型，用来编写你自己的模型（1个人才类型、3个能力项）。",
    # profiles
    "List, show and check archetype profiles.": "列出、查看和检查人才模型。",
    "The archetypes, their roles and default targets.": "列出人才类型及其角色和默认需求人数。",
    "One archetype (roles, requirements, target) or one competency (its 0-5 scale).":
        "查看一个人才类型（角色、要求、需求人数）或一个能力项（0-5级的等级说明）。",
    "An archetype or competency id.": "人才类型或能力项的编号（id）。",
    "Validate a profile folder; list every problem with its file and place.":
        "检查人才模型文件夹，列出所有问题及其所在文件和位置。",
    "Profile folder (default: the shipped profiles).": "人才模型文件夹（默认：随附的人才模型）。",
}

HELP_HEADINGS = {"Usage": "用法", "Arguments": "参数", "Options": "选项", "Commands": "命令"}

# the markers Click adds after a help text: [default: en; x>=1], [required]
_HELP_EXTRA_ZH: tuple[tuple[str, str], ...] = (
    (r"default: (.+)", r"默认：\1"),
    (r"required", "必填"),
    (r"x>=(\S+)", r"最小为\1"),
    (r"x<=(\S+)", r"最大为\1"),
    (r"(\S+)<=x<=(\S+)", r"\1到\2"),
)


def help_zh(text: str, names: str = "") -> str | None:
    """A help text of the command line in Chinese, None when it has no translation.

    ``text`` as Click shows it: the help (or a command's first paragraph, in the list of
    commands), a list of choices the command line added (`` One of: table, json.``) and Click's
    markers (``  [default: en; x>=1]``); ``names``: the option's names (a flag's default is shown
    as the flag, ``--job-summary``)."""
    import re

    body, extra = text, ""
    m = re.fullmatch(r"(.*?)(?:  |^)\[([^\[\]]+)\]", text, re.S)
    if m:
        body, extra = m.group(1), m.group(2)
    one_of = ""
    m = re.fullmatch(r"(.*) One of: (.+)\.", body, re.S)
    if m:
        body, one_of = m.group(1), "可选：" + "、".join(m.group(2).split(", ")) + "。"
    zh = HELP_ZH.get(body) if body else ""
    if zh is None:
        zh = _HELP_SHORT_ZH.get(body)
    if zh is None:
        return None
    marks = []
    for part in extra.split("; ") if extra else ():
        flag = part.removeprefix("default: ")
        if flag != part and f"--{flag}" in names.split():
            part = f"default: --{flag}"
        marks.append(_translated(part, _HELP_EXTRA_ZH) or part)
    return zh + one_of + (f"（{'；'.join(marks)}）" if marks else "")


def _first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n")[0].split())


# a command's first paragraph (its line in the list of commands) -> the Chinese one
_HELP_SHORT_ZH = {_first_paragraph(en): zh.split("\n\n")[0] for en, zh in HELP_ZH.items()}
