#!/usr/bin/env python3
"""Generate the bundled example roster of a fictional shared service centre (SSC).

Writes, next to this script:

* ``staff.csv``    - UTF-8, English headers, competency ids as column names;
* ``staff_zh.csv`` - the same people as Chinese Excel saves them: GB18030, Chinese headers
  (the competencies' Chinese names from ``profiles/catalogue.yaml``), Chinese values.

Standard library only and deterministic: the same script always writes the same files.
Everyone is fictional. The levels follow a story: some archetypes are well covered, some
thin, one missing, with people close to ready where development would pay off.

Run:  python examples/make_examples.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20240611
HERE = Path(__file__).resolve().parent

# (id, Chinese name) in catalogue order; must match profiles/catalogue.yaml.
COMPETENCIES = [
    ("leadership", "领导力"),
    ("communication", "沟通能力"),
    ("coordination", "协调能力"),
    ("empathy", "同理心"),
    ("team_management", "团队管理"),
    ("business_expertise", "业务功底"),
    ("internal_network", "内部人脉"),
    ("ssc_operating_model", "共享服务运营模式"),
    ("strategic_thinking", "战略思维"),
    ("solution_design", "方案设计"),
    ("customer_insight", "客户洞察"),
    ("technology_application", "技术应用"),
    ("report_design", "报表设计"),
    ("data_governance", "数据治理"),
    ("data_analysis", "数据分析"),
    ("process_methodology", "流程优化方法"),
    ("end_to_end_view", "端到端视角"),
    ("risk_control", "风险控制"),
    ("project_management", "项目管理"),
    ("change_management", "变革管理"),
    ("service_orientation", "服务意识"),
    ("approachability", "亲和力"),
    ("ownership", "责任担当"),
    ("retrospection", "复盘能力"),
    ("exception_handling", "特殊情况处理"),
    ("product_management", "产品管理"),
    ("cx_design", "客户体验设计"),
    ("communication_programmes", "沟通策划"),
    ("training_coaching", "培训辅导"),
    ("call_centre_operations", "呼叫中心运营"),
]
COMP_IDS = [c for c, _ in COMPETENCIES]

STANDARD_EN = [
    "employee_id", "name", "department", "site", "position", "tenure_years", "employment_type",
]
STANDARD_ZH = ["员工编号", "姓名", "部门", "地点", "岗位", "司龄", "用工类型"]

DEPARTMENTS_ZH = {
    "SSC Leadership": "中心管理层",
    "Finance Operations": "财务运营部",
    "HR Operations": "人力资源运营部",
    "Procurement Operations": "采购运营部",
    "Contact Centre": "客户联络中心",
    "Process Excellence": "流程卓越部",
    "Data & Reporting": "数据与报表部",
    "IT Support": "IT支持部",
}
SITES_ZH = {"Dalian": "大连", "Chengdu": "成都", "Wuhan": "武汉"}
EMPLOYMENT_ZH = {"internal": "内部", "external": "外部", "contractor": "外包"}
POSITIONS_ZH = {
    "Centre Director": "中心总经理",
    "Deputy Centre Director": "中心副总经理",
    "Key Account Manager": "大客户经理",
    "SSC Operating-Model Adviser": "共享服务运营顾问",
    "Executive Assistant": "总经理助理",
    "Finance Operations Manager": "财务运营经理",
    "HR Operations Manager": "人力资源运营经理",
    "Procurement Operations Manager": "采购运营经理",
    "Contact Centre Manager": "客户联络中心经理",
    "Team Lead": "主管",
    "Senior Accountant": "高级会计",
    "Accountant": "会计",
    "Senior HR Specialist": "高级人事专员",
    "HR Specialist": "人事专员",
    "Senior Procurement Specialist": "高级采购专员",
    "Procurement Specialist": "采购专员",
    "Quality & Training Specialist": "质检培训专员",
    "Service Agent": "客服专员",
    "Head of Process Excellence": "流程卓越部负责人",
    "Process Consultant": "流程顾问",
    "Project Manager": "项目经理",
    "Change & Communications Specialist": "变革与沟通专员",
    "Service Experience Specialist": "服务体验专员",
    "Transformation Consultant": "转型顾问",
    "Data & Reporting Lead": "数据与报表负责人",
    "Reporting Analyst": "报表分析师",
    "Data Analyst": "数据分析师",
    "Data Governance Specialist": "数据治理专员",
    "Data Platform Consultant": "数据平台顾问",
    "IT Support Lead": "IT支持负责人",
    "Business Systems Analyst": "业务系统分析师",
    "RPA Developer": "RPA开发工程师",
    "IT Support Specialist": "IT支持专员",
}

# Fictional names: common surnames and given names, (Chinese, pinyin), combined at random.
SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
    ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"),
    ("徐", "Xu"), ("孙", "Sun"), ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"),
    ("林", "Lin"), ("何", "He"), ("郭", "Guo"), ("马", "Ma"), ("罗", "Luo"),
    ("梁", "Liang"), ("宋", "Song"), ("郑", "Zheng"), ("谢", "Xie"), ("韩", "Han"),
    ("唐", "Tang"), ("冯", "Feng"), ("董", "Dong"), ("程", "Cheng"), ("曹", "Cao"),
    ("袁", "Yuan"), ("邓", "Deng"), ("傅", "Fu"), ("沈", "Shen"), ("曾", "Zeng"),
    ("彭", "Peng"), ("苏", "Su"), ("蒋", "Jiang"), ("蔡", "Cai"), ("潘", "Pan"),
]
GIVEN_NAMES = [
    ("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"),
    ("洋", "Yang"), ("勇", "Yong"), ("杰", "Jie"), ("涛", "Tao"), ("超", "Chao"),
    ("婷", "Ting"), ("琳", "Lin"), ("斌", "Bin"), ("宁", "Ning"), ("鹏", "Peng"),
    ("颖", "Ying"), ("倩", "Qian"), ("鑫", "Xin"), ("彤", "Tong"), ("璐", "Lu"),
    ("晓东", "Xiaodong"), ("晓燕", "Xiaoyan"), ("晓明", "Xiaoming"), ("晓峰", "Xiaofeng"),
    ("晓丽", "Xiaoli"), ("海燕", "Haiyan"), ("海涛", "Haitao"), ("海波", "Haibo"),
    ("建华", "Jianhua"), ("建国", "Jianguo"), ("建军", "Jianjun"), ("志强", "Zhiqiang"),
    ("志刚", "Zhigang"), ("志远", "Zhiyuan"), ("丽娟", "Lijuan"), ("丽华", "Lihua"),
    ("丽萍", "Liping"), ("秀英", "Xiuying"), ("秀兰", "Xiulan"), ("桂芳", "Guifang"),
    ("春梅", "Chunmei"), ("红梅", "Hongmei"), ("雪梅", "Xuemei"), ("红霞", "Hongxia"),
    ("文静", "Wenjing"), ("文博", "Wenbo"), ("文杰", "Wenjie"), ("佳怡", "Jiayi"),
    ("佳琪", "Jiaqi"), ("佳慧", "Jiahui"), ("思远", "Siyuan"), ("思琪", "Siqi"),
    ("思雨", "Siyu"), ("子涵", "Zihan"), ("子轩", "Zixuan"), ("子豪", "Zihao"),
    ("宇航", "Yuhang"), ("浩然", "Haoran"), ("浩宇", "Haoyu"), ("俊杰", "Junjie"),
    ("欣怡", "Xinyi"), ("欣然", "Xinran"), ("雨涵", "Yuhan"), ("雨欣", "Yuxin"),
    ("诗涵", "Shihan"), ("梦瑶", "Mengyao"), ("梦琪", "Mengqi"), ("慧敏", "Huimin"),
    ("晨曦", "Chenxi"), ("博文", "Bowen"), ("凯文", "Kaiwen"), ("天宇", "Tianyu"),
    ("明辉", "Minghui"), ("明轩", "Mingxuan"), ("振华", "Zhenhua"), ("国强", "Guoqiang"),
    ("国栋", "Guodong"), ("立新", "Lixin"), ("婉婷", "Wanting"), ("美玲", "Meiling"),
    ("艳红", "Yanhong"), ("艳萍", "Yanping"), ("淑珍", "Shuzhen"), ("瑞雪", "Ruixue"),
    ("嘉豪", "Jiahao"), ("一鸣", "Yiming"), ("亦凡", "Yifan"), ("雅琴", "Yaqin"),
    ("雅婷", "Yating"), ("静怡", "Jingyi"), ("鹏飞", "Pengfei"), ("云飞", "Yunfei"),
    ("海峰", "Haifeng"), ("永强", "Yongqiang"), ("宏伟", "Hongwei"), ("德明", "Deming"),
]

# Everyone's starting point (mean level); positions raise or lower it.
BASE = {
    "leadership": 1.3, "communication": 2.5, "coordination": 2.0, "empathy": 2.3,
    "team_management": 0.8, "business_expertise": 2.0, "internal_network": 1.8,
    "ssc_operating_model": 1.7, "strategic_thinking": 1.2, "solution_design": 1.2,
    "customer_insight": 1.6, "technology_application": 1.6, "report_design": 1.2,
    "data_governance": 1.1, "data_analysis": 1.6, "process_methodology": 1.2,
    "end_to_end_view": 1.8, "risk_control": 1.8, "project_management": 1.1,
    "change_management": 1.2, "service_orientation": 2.6, "approachability": 2.6,
    "ownership": 2.6, "retrospection": 1.7, "exception_handling": 1.8,
    "product_management": 0.5, "cx_design": 0.7, "communication_programmes": 0.8,
    "training_coaching": 1.1, "call_centre_operations": 0.4,
}

OPS_SENIOR = {
    "business_expertise": 4.1, "internal_network": 3.8, "risk_control": 3.4,
    "end_to_end_view": 3.3, "communication": 3.3, "exception_handling": 3.1,
    "ownership": 3.3, "data_analysis": 2.6, "training_coaching": 2.6, "service_orientation": 3.0,
}
OPS_LEAD = {
    **OPS_SENIOR, "team_management": 3.3, "leadership": 2.8, "ownership": 4.0,
    "retrospection": 3.8, "exception_handling": 3.9, "coordination": 3.0,
    "service_orientation": 3.4,
}
# Mean levels by position (unlisted competencies keep BASE).
TEMPLATES = {
    "Accountant": {
        "business_expertise": 2.9, "risk_control": 2.5, "end_to_end_view": 2.2,
        "data_analysis": 2.2, "internal_network": 2.1, "technology_application": 2.0,
    },
    "Senior Accountant": {**OPS_SENIOR, "data_analysis": 2.9},
    "HR Specialist": {
        "business_expertise": 3.0, "service_orientation": 4.1, "approachability": 3.6,
        "communication": 3.0, "empathy": 2.9, "exception_handling": 2.3,
        "data_governance": 1.6,
    },
    "Senior HR Specialist": {
        **OPS_SENIOR, "service_orientation": 3.9, "approachability": 3.5, "empathy": 3.2,
    },
    "Procurement Specialist": {
        "business_expertise": 2.8, "risk_control": 2.5, "coordination": 2.5,
        "internal_network": 2.0, "service_orientation": 2.5,
    },
    "Senior Procurement Specialist": {**OPS_SENIOR, "coordination": 3.2},
    "Team Lead": OPS_LEAD,
    "Contact Centre/Team Lead": {
        "service_orientation": 4.0, "approachability": 3.7, "communication": 3.5,
        "business_expertise": 3.3, "ownership": 4.1, "retrospection": 4.0,
        "exception_handling": 3.9, "team_management": 3.4, "leadership": 2.6,
        "call_centre_operations": 2.8, "data_analysis": 2.4, "training_coaching": 3.0,
        "empathy": 3.3, "internal_network": 2.6,
    },
    "Service Agent": {
        "service_orientation": 4.5, "approachability": 4.1, "communication": 3.5,
        "business_expertise": 3.3, "exception_handling": 2.9, "empathy": 3.3,
        "call_centre_operations": 2.2, "technology_application": 2.0,
    },
    "Quality & Training Specialist": {
        "training_coaching": 3.7, "communication": 3.8, "empathy": 3.4,
        "service_orientation": 3.9, "approachability": 3.7, "call_centre_operations": 2.8,
        "cx_design": 2.0, "business_expertise": 3.2, "exception_handling": 3.0,
        "retrospection": 2.8,
    },
    "Executive Assistant": {
        "communication": 3.4, "coordination": 3.5, "internal_network": 3.6,
        "service_orientation": 3.3, "approachability": 3.4, "communication_programmes": 2.2,
    },
    "IT Support Specialist": {
        "technology_application": 3.2, "service_orientation": 3.3, "approachability": 3.0,
        "exception_handling": 2.8, "business_expertise": 1.8,
    },
    "Service Experience Specialist": {
        "customer_insight": 3.2, "service_orientation": 3.7, "data_analysis": 2.8,
        "product_management": 2.4, "communication": 3.3,
    },
    # Specialist positions: their role-relevant levels are set person by person below.
    "Centre Director": {
        "ssc_operating_model": 4.0, "internal_network": 4.0, "ownership": 4.3,
        "retrospection": 3.6, "business_expertise": 3.6, "solution_design": 3.0,
        "risk_control": 3.2, "end_to_end_view": 3.4,
    },
    "Deputy Centre Director": {
        "ssc_operating_model": 3.6, "internal_network": 3.8, "ownership": 4.0,
        "retrospection": 3.4, "business_expertise": 3.6, "risk_control": 3.2,
        "end_to_end_view": 3.2,
    },
    "Key Account Manager": {
        "internal_network": 3.5, "ssc_operating_model": 3.0, "empathy": 3.3,
        "service_orientation": 3.4, "data_analysis": 2.6, "end_to_end_view": 2.8,
        "ownership": 3.3,
    },
    "SSC Operating-Model Adviser": {
        "communication": 3.8, "coordination": 3.3, "leadership": 3.0, "risk_control": 3.0,
        "end_to_end_view": 3.5, "internal_network": 1.2, "business_expertise": 3.0,
        "customer_insight": 3.0, "project_management": 3.3, "data_analysis": 2.6,
    },
    "Transformation Consultant": {
        "internal_network": 1.2, "business_expertise": 2.8, "data_analysis": 2.8,
        "technology_application": 2.6,
    },
    "Finance Operations Manager": {**OPS_LEAD, "ssc_operating_model": 3.0},
    "HR Operations Manager": {**OPS_LEAD, "ssc_operating_model": 3.0},
    "Procurement Operations Manager": {**OPS_LEAD, "ssc_operating_model": 2.8},
    "Contact Centre Manager": {
        "business_expertise": 3.4, "internal_network": 3.2, "ownership": 4.0,
        "retrospection": 3.8, "approachability": 3.6, "training_coaching": 3.2,
    },
    "Head of Process Excellence": {
        "ssc_operating_model": 3.4, "business_expertise": 3.3, "internal_network": 3.2,
        "data_analysis": 2.8, "ownership": 3.6, "retrospection": 3.6,
    },
    "Process Consultant": {
        "change_management": 3.0, "data_analysis": 2.8, "technology_application": 2.5,
        "business_expertise": 3.0, "retrospection": 3.0, "ssc_operating_model": 2.6,
    },
    "Project Manager": {
        "business_expertise": 2.8, "risk_control": 2.8, "retrospection": 3.0,
        "ownership": 3.4, "internal_network": 2.6,
    },
    "Change & Communications Specialist": {
        "change_management": 3.2, "internal_network": 2.6, "approachability": 3.4,
    },
    "Data & Reporting Lead": {
        "team_management": 3.2, "leadership": 2.8, "communication": 3.2, "ownership": 3.5,
        "risk_control": 2.8,
    },
    "Reporting Analyst": {},
    "Data Analyst": {},
    "Data Governance Specialist": {"risk_control": 3.0},
    "Data Platform Consultant": {"internal_network": 1.0},
    "IT Support Lead": {
        "technology_application": 3.6, "team_management": 3.0, "leadership": 2.6,
        "service_orientation": 3.0, "ownership": 3.4,
    },
    "Business Systems Analyst": {"project_management": 2.6, "change_management": 1.8},
    "RPA Developer": {"process_methodology": 2.2},
}

# Role-relevant levels set exactly, person by person (these cells are always assessed).
# Each list is consumed in order by the people holding that position.
EXACT = {
    "Centre Director": [dict(
        leadership=5, communication=5, coordination=4, empathy=4, team_management=4,
        change_management=4, strategic_thinking=5, customer_insight=3, solution_design=4,
        project_management=3, business_expertise=4, internal_network=5)],
    "Deputy Centre Director": [dict(
        leadership=4, communication=4, coordination=3, empathy=3, team_management=4,
        change_management=3, strategic_thinking=4, customer_insight=3, solution_design=3,
        project_management=3)],
    "Finance Operations Manager": [dict(
        leadership=4, communication=4, coordination=4, empathy=3, team_management=4,
        change_management=2, business_expertise=5, internal_network=4, project_management=3)],
    "HR Operations Manager": [dict(
        leadership=4, communication=3, coordination=4, empathy=4, team_management=4,
        change_management=3, business_expertise=4, internal_network=4)],
    "Procurement Operations Manager": [dict(
        leadership=3, communication=3, coordination=3, empathy=2, team_management=3,
        change_management=2, project_management=2)],
    "Contact Centre Manager": [dict(
        leadership=3, communication=4, coordination=3, empathy=4, team_management=4,
        change_management=2, call_centre_operations=5, data_analysis=3,
        service_orientation=4, exception_handling=4, cx_design=2, customer_insight=3)],
    "Head of Process Excellence": [dict(
        leadership=3, communication=4, coordination=4, empathy=3, team_management=3,
        change_management=4, project_management=4, process_methodology=4,
        end_to_end_view=4, risk_control=3, strategic_thinking=3, solution_design=3)],
    "Key Account Manager": [
        dict(strategic_thinking=4, customer_insight=5, solution_design=4, communication=4,
             coordination=4, business_expertise=4, leadership=3),
        dict(strategic_thinking=5, customer_insight=4, solution_design=4, communication=4,
             coordination=3, business_expertise=3, leadership=3),
        dict(strategic_thinking=3, customer_insight=4, solution_design=3, communication=4,
             coordination=3, business_expertise=3, leadership=2),
    ],
    "SSC Operating-Model Adviser": [dict(
        ssc_operating_model=5, process_methodology=4, change_management=4,
        strategic_thinking=4, solution_design=4, end_to_end_view=3, risk_control=2)],
    "Transformation Consultant": [dict(
        ssc_operating_model=5, process_methodology=4, change_management=4,
        strategic_thinking=3, solution_design=4, project_management=3, end_to_end_view=2,
        risk_control=3, communication=4, coordination=3, leadership=3)],
    "Process Consultant": [
        dict(process_methodology=4, end_to_end_view=4, risk_control=3, project_management=3,
             communication=4),
        dict(process_methodology=4, end_to_end_view=3, risk_control=2, project_management=3,
             communication=3),
        dict(process_methodology=3, end_to_end_view=4, risk_control=3, project_management=3,
             communication=3),
    ],
    "Project Manager": [
        dict(project_management=4, change_management=4, communication=4, coordination=4,
             leadership=3),
        dict(project_management=4, change_management=3, communication=3, coordination=4,
             leadership=3),
    ],
    "Change & Communications Specialist": [dict(
        change_management=4, project_management=2, communication=4, coordination=3,
        leadership=2, communication_programmes=4, training_coaching=1, empathy=2)],
    "Service Experience Specialist": [dict(
        cx_design=3, customer_insight=3, service_orientation=4, data_analysis=3,
        technology_application=3, product_management=2)],
    "Quality & Training Specialist": [
        dict(communication_programmes=3, communication=4, training_coaching=4, empathy=3),
        dict(communication_programmes=2, communication=4, training_coaching=4, empathy=3),
    ],
    "Data & Reporting Lead": [dict(
        leadership=3, communication=3, coordination=3, team_management=3, empathy=2,
        data_analysis=4, report_design=4, data_governance=4, business_expertise=3,
        technology_application=4, end_to_end_view=2, solution_design=2, process_methodology=1)],
    "Reporting Analyst": [
        dict(data_analysis=4, report_design=5, data_governance=3, business_expertise=3,
             technology_application=3, end_to_end_view=2, solution_design=2),
        dict(data_analysis=3, report_design=4, data_governance=3, business_expertise=3,
             technology_application=3),
        dict(data_analysis=4, report_design=4, data_governance=2, business_expertise=2,
             technology_application=4, end_to_end_view=2, solution_design=2),
    ],
    "Data Analyst": [
        dict(data_analysis=5, report_design=4, data_governance=3, business_expertise=3,
             technology_application=4, end_to_end_view=2, solution_design=2,
             process_methodology=1),
        dict(data_analysis=4, report_design=3, data_governance=3, business_expertise=2,
             technology_application=3),
    ],
    "Data Governance Specialist": [dict(
        data_analysis=3, report_design=3, data_governance=5, business_expertise=3,
        technology_application=3)],
    "Data Platform Consultant": [dict(
        data_analysis=4, report_design=3, data_governance=4, business_expertise=2,
        technology_application=5, end_to_end_view=2, solution_design=3,
        process_methodology=2, ssc_operating_model=2)],
    "Business Systems Analyst": [
        dict(technology_application=4, business_expertise=2, end_to_end_view=2,
             solution_design=3, process_methodology=2, data_analysis=3,
             project_management=3, change_management=2, coordination=3),
        dict(technology_application=5, business_expertise=2, end_to_end_view=2,
             solution_design=3, process_methodology=2, data_analysis=2,
             project_management=3, change_management=1),
        dict(technology_application=4, business_expertise=1, end_to_end_view=2,
             solution_design=2, process_methodology=1, data_analysis=3,
             project_management=2),
    ],
    "RPA Developer": [
        dict(technology_application=5, business_expertise=1, end_to_end_view=2,
             solution_design=2, process_methodology=3, data_analysis=2),
        dict(technology_application=4, business_expertise=2, end_to_end_view=2,
             solution_design=2, process_methodology=2, data_analysis=2),
    ],
    "IT Support Lead": [dict(
        leadership=3, communication=3, coordination=3, team_management=3, empathy=2,
        project_management=3, change_management=2, technology_application=4,
        business_expertise=2, end_to_end_view=2, solution_design=2,
        process_methodology=1, data_analysis=2)],
}

# (department, position, count, site weights, employment type, tenure range in years)
PLAN = [
    ("SSC Leadership", "Centre Director", 1, {"Dalian": 1}, "internal", (6.0, 6.5)),
    ("SSC Leadership", "Deputy Centre Director", 1, {"Wuhan": 1}, "internal", (9.0, 11.0)),
    ("SSC Leadership", "Key Account Manager", 3, {"Dalian": 2, "Wuhan": 1}, "internal",
     (3.0, 9.0)),
    ("SSC Leadership", "SSC Operating-Model Adviser", 1, {"Dalian": 1}, "external", (0.5, 2.0)),
    ("SSC Leadership", "Executive Assistant", 1, {"Dalian": 1}, "internal", (2.0, 6.0)),
    ("Finance Operations", "Finance Operations Manager", 1, {"Dalian": 1}, "internal",
     (10.0, 14.0)),
    ("Finance Operations", "Team Lead", 3, {"Dalian": 2, "Wuhan": 1}, "internal", (5.5, 13.0)),
    ("Finance Operations", "Senior Accountant", 7, {"Dalian": 3, "Wuhan": 2}, "internal",
     (4.0, 14.0)),
    ("Finance Operations", "Accountant", 27, {"Dalian": 3, "Wuhan": 2}, "internal", (0.3, 8.0)),
    ("HR Operations", "HR Operations Manager", 1, {"Chengdu": 1}, "internal", (8.0, 12.0)),
    ("HR Operations", "Team Lead", 2, {"Chengdu": 1}, "internal", (5.0, 12.0)),
    ("HR Operations", "Senior HR Specialist", 5, {"Chengdu": 3, "Wuhan": 1}, "internal",
     (4.0, 13.0)),
    ("HR Operations", "HR Specialist", 19, {"Chengdu": 3, "Wuhan": 1}, "internal", (0.3, 7.0)),
    ("Procurement Operations", "Procurement Operations Manager", 1, {"Dalian": 1}, "internal",
     (7.0, 10.0)),
    ("Procurement Operations", "Team Lead", 1, {"Dalian": 1}, "internal", (5.0, 10.0)),
    ("Procurement Operations", "Senior Procurement Specialist", 3, {"Dalian": 1}, "internal",
     (4.0, 12.0)),
    ("Procurement Operations", "Procurement Specialist", 11, {"Dalian": 2, "Wuhan": 1},
     "internal", (0.3, 7.0)),
    ("Contact Centre", "Contact Centre Manager", 1, {"Chengdu": 1}, "internal", (6.0, 9.0)),
    ("Contact Centre", "Team Lead", 3, {"Chengdu": 1}, "internal", (3.0, 8.0)),
    ("Contact Centre", "Quality & Training Specialist", 2, {"Chengdu": 1}, "internal",
     (2.0, 7.0)),
    ("Contact Centre", "Service Agent", 22, {"Chengdu": 1}, "internal", (0.3, 7.0)),
    ("Contact Centre", "Service Agent", 8, {"Chengdu": 1}, "contractor", (0.2, 2.5)),
    ("Process Excellence", "Head of Process Excellence", 1, {"Dalian": 1}, "internal",
     (4.0, 7.0)),
    ("Process Excellence", "Process Consultant", 3, {"Dalian": 2, "Wuhan": 1}, "internal",
     (1.5, 6.0)),
    ("Process Excellence", "Project Manager", 2, {"Dalian": 1, "Wuhan": 1}, "internal",
     (2.0, 7.0)),
    ("Process Excellence", "Change & Communications Specialist", 1, {"Chengdu": 1}, "internal",
     (1.0, 4.0)),
    ("Process Excellence", "Service Experience Specialist", 1, {"Chengdu": 1}, "internal",
     (1.0, 4.0)),
    ("Process Excellence", "Transformation Consultant", 1, {"Dalian": 1}, "external",
     (0.3, 1.5)),
    ("Data & Reporting", "Data & Reporting Lead", 1, {"Wuhan": 1}, "internal", (4.0, 8.0)),
    ("Data & Reporting", "Reporting Analyst", 3, {"Wuhan": 1}, "internal", (1.0, 6.0)),
    ("Data & Reporting", "Data Analyst", 2, {"Wuhan": 1}, "internal", (0.5, 4.0)),
    ("Data & Reporting", "Data Governance Specialist", 1, {"Wuhan": 1}, "internal", (2.0, 6.0)),
    ("Data & Reporting", "Data Platform Consultant", 1, {"Wuhan": 1}, "external", (0.3, 1.2)),
    ("IT Support", "IT Support Lead", 1, {"Wuhan": 1}, "internal", (5.0, 9.0)),
    ("IT Support", "Business Systems Analyst", 3, {"Wuhan": 2, "Dalian": 1}, "internal",
     (1.0, 6.0)),
    ("IT Support", "RPA Developer", 2, {"Wuhan": 1}, "internal", (0.5, 3.0)),
    ("IT Support", "IT Support Specialist", 3, {"Wuhan": 1, "Dalian": 1, "Chengdu": 1},
     "internal", (0.5, 6.0)),
]

# Not assessed: some competencies are not on a department's assessment form at all, and a few
# cells are missing at random (the assessor skipped them).
NOT_ON_FORM = {
    "Finance Operations": ["product_management", "cx_design", "call_centre_operations"],
    "HR Operations": ["product_management", "call_centre_operations"],
    "Procurement Operations": [
        "product_management", "cx_design", "communication_programmes", "call_centre_operations",
    ],
    "Contact Centre": ["data_governance", "product_management"],
    "IT Support": ["communication_programmes", "call_centre_operations"],
}
BLANK_RATE = 0.012


def pick_site(rng: random.Random, weights: dict[str, int]) -> str:
    sites = list(weights)
    return rng.choices(sites, weights=[weights[s] for s in sites])[0]


def make_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    seen: set[str] = set()
    deck: list[tuple[str, str]] = []  # deal given names like cards, so few repeat
    while len(names) < count:
        if not deck:
            deck = rng.sample(GIVEN_NAMES, len(GIVEN_NAMES))
        g_zh, g_en = deck.pop()
        s_zh, s_en = rng.choice(SURNAMES)
        if s_zh + g_zh in seen or s_en + g_en in seen:
            continue
        seen.update((s_zh + g_zh, s_en + g_en))
        names.append((s_zh + g_zh, f"{s_en} {g_en}"))
    return names


def make_people(rng: random.Random) -> list[dict]:
    people: list[dict] = []
    used_exact: dict[str, int] = {}
    for dept, position, count, sites, employment, (t_lo, t_hi) in PLAN:
        means = {**BASE, **TEMPLATES.get(f"{dept}/{position}", TEMPLATES[position])}
        for _ in range(count):
            offset = rng.uniform(-0.35, 0.35)  # some people are stronger across the board
            levels: dict[str, int | None] = {}
            for comp in COMP_IDS:
                raw = means[comp] + offset + rng.triangular(-1.0, 1.0, 0.0)
                levels[comp] = max(0, min(5, round(raw)))
            exact: dict[str, int] = {}
            if position in EXACT:
                i = used_exact.get(position, 0)
                used_exact[position] = i + 1
                exact = EXACT[position][i % len(EXACT[position])]
                levels.update(exact)
            not_on_form = NOT_ON_FORM.get(dept, [])
            for comp in COMP_IDS:
                skipped = rng.random() < BLANK_RATE
                if comp not in exact and (skipped or comp in not_on_form):
                    levels[comp] = None
            people.append({
                "department": dept,
                "site": pick_site(rng, sites),
                "position": position,
                "tenure_years": round(rng.uniform(t_lo, t_hi), 1),
                "employment_type": employment,
                "levels": levels,
            })
    # Staff numbers follow seniority in the centre: the longest-serving get the lowest ids.
    people.sort(key=lambda p: -p["tenure_years"])
    names = make_names(rng, len(people))
    for n, (person, (zh, en)) in enumerate(zip(people, names, strict=True)):
        person["employee_id"] = f"{101 + n:06d}"
        person["name_zh"], person["name_en"] = zh, en
    return people


def cell(level: int | None) -> str:
    return "" if level is None else str(level)


def write_en(people: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(STANDARD_EN + COMP_IDS)
        for p in people:
            w.writerow([
                p["employee_id"], p["name_en"], p["department"], p["site"], p["position"],
                f"{p['tenure_years']:.1f}", p["employment_type"],
            ] + [cell(p["levels"][c]) for c in COMP_IDS])


def write_zh(people: list[dict], path: Path) -> None:
    # As Chinese Excel saves "CSV (comma delimited)": GB18030/GBK, CRLF line ends.
    with path.open("w", encoding="gb18030", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(STANDARD_ZH + [zh for _, zh in COMPETENCIES])
        for p in people:
            w.writerow([
                p["employee_id"], p["name_zh"], DEPARTMENTS_ZH[p["department"]],
                SITES_ZH[p["site"]], POSITIONS_ZH[p["position"]], f"{p['tenure_years']:.1f}",
                EMPLOYMENT_ZH[p["employment_type"]],
            ] + [cell(p["levels"][c]) for c in COMP_IDS])


def main() -> None:
    rng = random.Random(SEED)
    people = make_people(rng)
    write_en(people, HERE / "staff.csv")
    write_zh(people, HERE / "staff_zh.csv")
    cells = len(people) * len(COMP_IDS)
    blanks = sum(v is None for p in people for v in p["levels"].values())
    print(f"wrote {len(people)} people to staff.csv and staff_zh.csv "
          f"({blanks / cells:.1%} of competency cells not assessed)")


if __name__ == "__main__":
    main()
