"""The grammar's phrases: every word the parser keys on, in one place.

Each constant says where its forms come from: ``§3.x`` is a section of
shared/docs/domain.md (phrasings met in practice); "formal minutes" means the layout of
纪要 issued by government offices (the bundled 象山 example is one). The parser's other
modules only combine these into regular expressions; to teach it a new phrasing, add
the phrase here.
"""

from __future__ import annotations

#: Han characters (basic block, extension A, compatibility) — names such as 闻䶮 use ext A.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: Chinese numerals as printed in dates and ordinals (§3.1; 〇 ○ O look-alikes seen in
#: issue dates such as 二〇二三年, 二○二三年, 二O二三年).
CN_DIGITS = "零〇○OΟ一二三四五六七八九十百两"

#: Times of day after the meeting date (§3.1 opening sentence).
TIMES_OF_DAY = ("上午", "下午", "晚上", "中午", "晚")

#: Meeting kinds as written → the contract's value (record.md: 常务会 → 常务会议 …).
MEETING_KINDS: dict[str, str] = {
    "常务会议": "常务会议",
    "常务会": "常务会议",
    "全体会议": "全体会议",
    "全体会": "全体会议",
    "办公会议": "办公会议",
    "办公会": "办公会议",
    "专题会议": "专题会议",
    "专题会": "专题会议",
}

#: Posts printed before (县长宋立衡) or after (吴庆文市长) a name (§3.1, §3.6); stripped so
#: that only the name is kept. Longest forms first matter only for readability: the
#: parser strips up to the *last* post in a phrase (县委副书记、县长顾明川 → 顾明川).
POSTS: tuple[str, ...] = (
    "常务副县长",
    "常务副市长",
    "常务副区长",
    "代县长",
    "代市长",
    "代区长",
    "副县长",
    "县长",
    "副市长",
    "市长",
    "副区长",
    "区长",
    "副州长",
    "州长",
    "副旗长",
    "旗长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副书记",
    "书记",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副秘书长",
    "秘书长",
    "副局长",
    "局长",
    "院长",
    "检察长",
    "部长",
    "队长",
    "董事长",
    "总经理",
    "经理",
    "社长",
    "所长",
    "站长",
    "领导",
    "党组成员",
    "成员",
    "委员",
    # real reports (A2): 州委常委, 州人武部政委, 二级巡视员, 州长助理, 调研员, 记者
    "常委",
    "政委",
    "巡视员",
    "调研员",
    "助理",
    "记者",
)

#: Endings of a unit written before its head's post (宣传部部长, 县财政局局长): the
#: phrase names no person (a name before its post, 吴庆文市长, ends otherwise).
POST_UNIT_ENDINGS: tuple[str, ...] = ("部", "局", "委", "办", "厅", "中心", "公司", "集团")

#: Words that make a phrase a unit or a description rather than a person's name.
NOT_NAME_PARTS: tuple[str, ...] = (
    "县",
    "市",
    "区",
    "局",
    "政府",
    "部门",
    "负责",
    "同志",
    "人员",
    "单位",
    "有关",
    "各",
    "主要",
    "办公",
    "会议",
    "乡镇",
    "街道",
    "委会",
    "中心",
    "公司",
    "集团",
    "出席",
    "列席",
    "参加",
    "缺席",
    "请假",
    "应邀",
    "全体",
    "在家",
    "组成",
    "及",
    "等",
    # group words of real reports (A2): 人大代表, 政协委员, 领导班子, 负责人
    "代表",
    "政协",
    "人大",
    "班子",
    "干部",
    "媒体",
    "议题",
    "州委",
    "县委",
    "市委",
    "区委",
    "旗委",
    "党委",
    "党组",
)

#: Placeholder letters in templates (县长xxx, 第xx次, 2023年x月x日).
PLACEHOLDER = "xXｘＸ×"

#: Attendance labels (§3.6), spaces removed → role. Anything 应邀/特邀/邀请 is invited
#: even with 列席 (eval README, attendance).
ATTENDANCE_LABELS: dict[str, str] = {
    "出席": "present",
    "出席人员": "present",
    "出席领导": "present",
    "参加": "present",
    "参加人员": "present",
    "参会人员": "present",
    "与会人员": "present",
    "参会领导": "present",
    "请假": "absent",
    "请假人员": "absent",
    "缺席": "absent",
    "缺席人员": "absent",
    "应邀出席": "invited",
    "应邀列席": "invited",
    "应邀参加": "invited",
    "特邀": "invited",
    "特邀出席": "invited",
    "特邀列席": "invited",
    "邀请": "invited",
    "邀请列席": "invited",
    "列席": "observers",
    "列席人员": "observers",
    "列席单位": "observers",
    "列席情况": "observers",
    "常务列席": "observers",
    "旁听": "observers",
}

#: Verbs of attendance sentences (县领导A、B出席会议) → role; 应邀/特邀/邀请 before any of
#: them makes the role invited (eval README, attendance).
ATTENDANCE_VERBS: dict[str, str] = {"出席": "present", "参加": "present", "列席": "observers"}

#: Nouns an attendance verb can begin (固定列席单位, 参加人员): there it is no verb.
ATTENDANCE_NOUNS: tuple[str, ...] = ("单位", "人员", "部门", "名单", "范围")

#: A government named before the people of an attendance list (县政府A、B等县领导 …
#: 参加会议): the list's lead, not part of the first name.
ATTENDANCE_LIST_LEAD = r"[省市县区州旗](?:人民)?政府(?:领导)?"

#: Words that join the last names of a list (庞志恒和祁海川, 陈明及相关单位负责人, A2).
NAME_JOINERS: tuple[str, ...] = ("以及", "和", "及", "与")

#: Field lines of live blogs and templates that are not attendance (§3.6: 主持人, 记录).
FIELD_LABELS: tuple[str, ...] = (
    "会议主持人",
    "会议主持",
    "会议时间",
    "会议地点",
    "主持人",
    "主持",
    "会议议题",
    "议题",
    "记录",
    "记录人",
    "时间",
    "地点",
)

#: Distribution labels of the 版记 (§3.7; 纪要 usually say 分送).
DISTRIBUTION_LABELS: tuple[str, ...] = (
    "本期发",
    "本期送",
    "分送",
    "抄送",
    "抄报",
    "报送",
    "报",
    "送",
    "发",
)

#: Website / e-paper chrome: line openings that are never part of the minutes (§3.8 and
#: portal pages met in practice).
CHROME_OPENINGS: tuple[str, ...] = (
    "发布时间",
    "发布日期",
    "更新时间",
    "来源",
    "信息来源",
    "文章来源",
    "作者",
    "阅读次数",
    "访问量",
    "浏览次数",
    "点击数",
    "【字号",
    "字号",
    "字体",
    "责任编辑",
    "编辑",
    "审核",
    "本版其他文章",
    "上一篇",
    "下一篇",
    "上一版",
    "下一版",
    "打印本页",
    "关闭窗口",
    "分享到",
    "当前位置",
    "您当前的位置",
    "您当前位置",
    "您的位置",
    "当前的位置",
    "首页",
    "相关文章",
    "——————",
    "（此件",
    "(此件",
    # government portals' metadata table (H3) and e-paper page bars
    "索引号",
    "发布机构",
    "发文机构",
    "组配分类",
    "主题分类",
    "信息分类",
    "生成日期",
    "公开方式",
    "公开日期",
    "原标题",
    "媒体报道",
    "扫一扫",
    "PDF",
    "初审",
    "初 审",
    "复审",
    "复 审",
    "终审",
    "终 审",
    # portal toolbars, greetings and e-paper mastheads
    "欢迎进入",
    "欢迎访问",
    "欢迎来到",
    "无障碍",
    "长者模式",
    "国内统一连续出版物号",
)

#: Words that make a line page chrome wherever they stand in it (an e-paper's masthead
#: bar, a portal's footer).
CHROME_WORDS: tuple[str, ...] = ("旧版入口", "数字报", "版权所有", "ICP备", "网站标识码")

#: Words of a news column's name (【政务动态】, 【时政新闻】): such a bracket before a title is
#: the column, not part of the title (H3); 【图文直播】 says what the page is and stays.
COLUMN_WORDS: tuple[str, ...] = ("动态", "新闻", "要闻", "政务", "时政", "快讯", "头条", "资讯")

#: A line that is a page's column label, e-paper page name or byline, never a title (H3):
#: 第01版：头版, A2版：时政新闻, 澄湾日报 2024年3月5日, 【政务动态】, □记者 赵霞 报道.
CHROME_LINE_PATTERNS: tuple[str, ...] = (
    r"第?\s*[A-Z]?\d{1,3}\s*版\s*[：:].{0,12}",
    r"[\u4e00-\u9fff]{2,10}[报刊]\s*\d{4}\s*年.{0,20}",
    r"【[^】]{1,12}】",
    r"\W{0,6}(?:本报)?记者.{0,20}",
    r"[\u4e00-\u9fff]{0,4}(?:要闻|动态|新闻)",
    r"[县市区旗州]?(?:人民)?政府(?:常务|全体|专题|办公)?会议|(?:常务|全体|专题|办公)会议",
    # a date alone on its line (an e-paper's issue date): 2023年12月15日 星期五
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期.|周.)?",
    # an e-paper's issue bar: 热点新闻总第576期 >2021-12-23编印
    r".{0,12}总第\s*\d+\s*期.{0,24}",
)

#: Words by which a title names its meeting (H3): the first head line holding one is
#: the title, the lines before it are the page's chrome.
TITLE_CUES: tuple[str, ...] = (
    "会议",
    "常务会",
    "全体会",
    "办公会",
    "专题会",
    "纪要",
    "召开",
    "主持",
)

#: Item verbs (§3.2) → action (eval README, action). Order matters only for overlaps.
ACTION_VERBS: dict[str, str] = {
    "传达学习": "传达学习",
    "传达": "传达学习",
    "集体学习": "传达学习",
    "学习": "传达学习",
    "审议": "审议",
    "审定": "审议",
    "审核": "审议",
    "讨论": "审议",
    "听取": "听取汇报",
    "研究": "研究",
    "部署": "其他",
    "调度": "其他",
    "通报": "其他",
}

#: Words a report puts between a clause's start and its item verb (I1: 会前学习了,
#: 会议主要传达了, 书面学习了, 在听取…后, 与会人员共同学习了, 重点研究了).
VERB_MODIFIERS: tuple[str, ...] = (
    "会前",
    "主要",
    "共同",
    "书面",
    "深入",
    "集中",
    "组织",
    "重点",
    "人员",
    "一并",
    "分别",
    "在",
)

#: Decision phrases (§3.3) → the fixed vocabulary of record.DECISIONS. Matched in text
#: order; the first phrase of an item is its decision.
DECISION_PHRASES: dict[str, str] = {
    "不予同意": "不同意",
    "不同意": "不同意",
    "暂缓": "暂缓",
    "缓议": "暂缓",
    "原则同意": "原则同意",
    "原则通过": "原则通过",
    "审议通过": "通过",
    "讨论通过": "通过",
    "研究通过": "通过",
    "表决通过": "通过",
    "会议通过": "通过",
    "予以通过": "通过",
    "同意": "同意",
}

#: Characters before a bare 同意 that make it the meeting's decision (会议同意…, …，同意…).
DECISION_LEADS = "议，,；;：:、）)并即。\n"

#: Verbs by which a unit puts an item before the meeting (eval README, submitters).
SUBMIT_VERBS: tuple[str, ...] = (
    "联合提交",
    "提请",
    "联合起草",
    "联合送审",
    "提交",
    "送审",
    "起草",
    "拟草",
    "提出",
    "报送",
    "呈报",
    "上报",
    "申请",
    # a unit that reports a titled matter (（二）县司法局通报《…》): who reported it
    "通报",
)

#: Endings of unit names (县发改局, 开发区管委会, 县城投集团, 县消防救援大队 …).
ORG_ENDINGS: tuple[str, ...] = (
    "管委会",
    "委员会",
    "开发区",
    "园区",
    "高新区",
    "示范区",
    "街道",
    "镇",
    "乡",
    "集团",
    "公司",
    "大队",
    "中心",
    "局",
    "委",
    "办",
    "社",
    "院",
    "所",
    "站",
    "馆",
    "部",
    "会",
    "联",
    "室",
    "厅",
    "处",
    "队",
    "行",
    "署",
    "府",
)

#: Document stages (§1, glossary Document.stage) printed after or at the end of a title.
STAGES: tuple[str, ...] = (
    "征求意见稿",
    "修订草案",
    "送审稿",
    "讨论稿",
    "修订稿",
    "报批稿",
    "审议稿",
    "代拟稿",
    "修改稿",
    "初稿",
    "草稿",
    "草案",
)

#: Words before 《 that make a title a citation in remarks, not a deliberated document.
CITING_WORDS: tuple[str, ...] = (
    "对照",
    "对标",
    "按照",
    "依照",
    "依据",
    "根据",
    "参照",
    "执行",
    "落实",
    "贯彻",
    "违反",
    "符合",
    "衔接",
    "简称",
    "该",
    "称",
)

#: Verbs before 《 that make a title a deliberated document (§3.2, §3.3).
DELIBERATING_WORDS: tuple[str, ...] = (
    "审议",
    "审定",
    "审核",
    "研究",
    "讨论",
    "提交",
    "送审",
    "起草",
    "拟草",
    "提出",
    "通过",
    "同意",
    "学习",
    "传达",
    "听取",
    "报送",
    "暂缓",
    "通报",
)

#: Document nouns that end the name of a document made for another, titled one
#: (《政府工作报告》重点任务分工表, 《条例》实施方案): then the title is no document itself.
QUALIFIED_DOCUMENTS: tuple[str, ...] = ("分工表", "情况表", "分工方案", "实施方案", "清单")

#: Titles that only name a kind of document: back-references (该《方案》, 《方案》 after
#: 以下简称), never documents on their own.
GENERIC_TITLES: tuple[str, ...] = (
    "方案",
    "办法",
    "请示",
    "细则",
    "意见",
    "规划",
    "计划",
    "报告",
    "措施",
    "条例",
    "规定",
    "通知",
    "决定",
    "实施方案",
    "实施意见",
    "实施细则",
    "管理办法",
    "汇报",
    "纲要",
    "规则",
)

#: Matters that are not items (eval README, items: generic lines).
GENERIC_MATTERS: tuple[str, ...] = (
    "其他事项",
    "其它事项",
    "其他议题",
    "有关工作汇报",
    "相关工作汇报",
    "有关文件",
    "相关文件",
    "重点工作",
    "近期工作",
    "工作汇报",
    "干部任免事项",
    "人事任免事项",
    "干部任免事宜",
    "人事任免事宜",
    "个事项",
    "个议题",
    "以下事项",
    "如下事项",
    "以下议题",
    # catch-all closings of real reports (I5), also when the line goes on after a comma
    "其他事宜",
    "其它事宜",
    "其他问题",
    "其它问题",
    "其它议题",
    "其他有关事宜",
    "其他有关事项",
    "其他相关事宜",
    "其他相关事项",
    "有关文件精神",
    "重要文件精神",
    "其他文件精神",
    # a summary's closing words, no matter named (听取有关工作情况汇报, 研究部署下一步工作)
    "有关工作情况汇报",
    "相关工作情况汇报",
    "下一步工作",
    "部署落实措施",
    "贯彻落实工作",
    "各项工作任务",
    "当前各项工作",
    # the follow-up of a 传达学习: 研究县政府初步贯彻意见, 研究龙湖区贯彻落实意见
    "贯彻落实意见",
    "贯彻意见",
    "落实意见",
    "贯彻落实措施",
    "贯彻落实情况",
    "落实举措",
    # the next stage's work and cut-off or loose catch-alls (研究部署下步工作, 其他工作)
    "下步工作",
    "下一阶段工作",
    "其他工作",
    "其它工作",
    "其他事",
    "其它事",
)

#: What may stand before a GENERIC_BARE word and leave the matter generic: verbs and the
#: government (审议了有关事项, 政府相关工作事项); 端午节前有关工作 names its matter.
GENERIC_BARE_LEAD = "审议研究讨论部署安排听取了并和及其他它一些相关有关政府县市区"

#: Words that make a matter generic only when (almost) nothing names it (研究审议有关事项,
#: 研究相关工作; but 城区老旧小区改造有关事项 is a matter).
GENERIC_BARE: tuple[str, ...] = (
    "有关提请事项",
    "有关事项",
    "相关事项",
    "有关事宜",
    "相关事宜",
    "有关议题",
    "相关议题",
    "有关工作",
    "相关工作",
    "工作事项",
)

#: Requirement cues (§3.4).
REQUIREMENT_CUES: tuple[str, ...] = ("要求", "强调", "指出", "认为")

#: Report nouns after which a list of reports heard breaks (I2/I3: 听取了A情况和B汇报).
REPORT_NOUNS: tuple[str, ...] = ("汇报", "情况", "说明", "工作")

#: Marks that separate the untitled matters of one list (I3, I4: ；、 以及); 和 joins too
#: often inside one matter (保护范围和建设控制地带) to split at.
MATTER_JOINERS: tuple[str, ...] = ("；", ";", "、", "以及")

#: Words that join two reports heard, after a report noun (I2: …资产的汇报和关于…).
REPORT_JOINERS: tuple[str, ...] = ("以及", "和", "及", "、")

#: Openings of a second report on the same page (又讯 5月29日，…): the first report ends.
NEXT_REPORT_OPENINGS: tuple[str, ...] = ("又讯", "另讯")

#: Endings of the manner written between a chair's name and 主持 (以视频方式, 通过视频
#: 会议, 通过网络连线, A5): 县长X通过视频会议主持召开… is chaired by X.
MANNER_ENDINGS: tuple[str, ...] = ("方式", "形式", "会议", "连线", "系统", "平台")

#: Sentences that say a meeting took place (opening line, §3.1).
OPENING_CUES: tuple[str, ...] = ("主持召开", "主持会议", "会议召开", "召开", "主持")
