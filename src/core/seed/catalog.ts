import { IndicatorSchema } from '../schema/indicator'
import { type Indicator, type IndicatorInput } from '../indicator'

/**
 * The nine indicators of the 2020 自查表 of 硚口区民政局 (../shared/seed),
 * encoded as data. Each target is the bureau's own wording; the fields are
 * the figures a unit reports so that the target can be computed instead of
 * declared. Report levels follow who holds the figures: grids count what
 * happens on their streets and in their buildings, communities and streets
 * run the programmes, the bureau itself answers for district-wide projects.
 */
const CATEGORY_1 = '全面小康基本指标'
const CATEGORY_4 = '创新创优克难攻坚指标'
const CATEGORY_6 = '业务工作指标'

const monthly = { period: 'month', due: { daysAfterEnd: 5 } } as const
const quarterly = { period: 'quarter', due: { daysAfterEnd: 10 } } as const

export const SEED_INDICATORS_INPUT: IndicatorInput[] = [
  {
    code: 'YL-133',
    seq: 1,
    category: CATEGORY_1,
    title: '“133”居家养老品牌打造',
    description:
      '新建“互联网+居家养老”服务网点8个；新建老年幸福食堂3个，提升助餐助洁助医能力和水平；开展养老服务人才培训提升行动，培养培训居家护理人员2000人次',
    fields: [
      { key: 'service_points', label: '新建服务网点', aliases: ['服务网点', '网点', '养老网点'], kind: 'count', unit: '个', max: 100 },
      { key: 'canteens', label: '新建幸福食堂', aliases: ['幸福食堂', '食堂', '老年食堂'], kind: 'count', unit: '个', max: 50 },
      { key: 'trainees', label: '培训护理人员', aliases: ['培训', '护理人员', '护理员', '培训人次'], kind: 'count', unit: '人次', max: 100000 }
    ],
    targets: [
      { id: 'service_points', kind: 'count', label: '新建“互联网+居家养老”服务网点8个', field: 'service_points', min: 8 },
      { id: 'canteens', kind: 'count', label: '新建老年幸福食堂3个', field: 'canteens', min: 3 },
      { id: 'trainees', kind: 'count', label: '培养培训居家护理人员2000人次', field: 'trainees', min: 2000 }
    ],
    ...monthly,
    accumulation: 'per_period',
    reportLevel: 'grid',
    year: 2020
  },
  {
    code: 'YL-BED',
    seq: 2,
    category: CATEGORY_1,
    title: '养老床位',
    description: '每千名老人50张以上',
    fields: [
      { key: 'beds', label: '养老床位', aliases: ['床位', '床位数'], kind: 'count', unit: '张', max: 1000000 },
      { key: 'elderly', label: '户籍老人', aliases: ['老人', '老年人', '老人数'], kind: 'count', unit: '人', max: 10000000 }
    ],
    targets: [{ id: 'beds_per_1000', kind: 'rate', label: '每千名老人养老床位50张以上', numerator: 'beds', denominator: 'elderly', scale: 1000, min: 50 }],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'grid',
    year: 2020
  },
  {
    code: 'YL-COVID',
    seq: 3,
    category: CATEGORY_1,
    title: '养老机构疫情防控',
    description:
      '建立完善养老机构常态防控机制，加大养老机构服务保障力度，降低感染率，打赢特殊群体疫情防控阻击战，安全有序恢复养老服务秩序',
    fields: [],
    targets: [{ id: 'prevention', kind: 'qualitative', label: '建立养老机构常态防控机制，安全有序恢复服务秩序' }],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'street',
    year: 2020
  },
  {
    code: 'SQ-TEAM',
    seq: 4,
    category: CATEGORY_4,
    title: '社区队伍建设',
    description:
      '完成社区“两委”专职成员和公共服务干事核定、转岗、招聘；组织开展社区“两委”专职成员全覆盖培训和相关初任培训；建立社区工作者考核机制；确定社区工作者岗位等级和报酬标准；新增持证社工60人以上，持证社工人数达到全区常住人口的万分之五',
    fields: [
      { key: 'staffing_done', label: '核定转岗招聘完成', aliases: ['核定', '转岗', '招聘'], kind: 'step' },
      { key: 'training_done', label: '全覆盖培训完成', aliases: ['培训完成', '初任培训'], kind: 'step' },
      { key: 'appraisal_done', label: '考核机制建立', aliases: ['考核机制', '考核'], kind: 'step' },
      { key: 'pay_done', label: '岗位等级报酬确定', aliases: ['报酬', '岗位等级'], kind: 'step' },
      { key: 'new_social_workers', label: '新增持证社工', aliases: ['新增社工', '新持证社工'], kind: 'count', unit: '人', max: 10000 },
      { key: 'social_workers', label: '持证社工总数', aliases: ['持证社工', '社工总数', '社工'], kind: 'count', unit: '人', max: 100000 },
      { key: 'residents', label: '常住人口', aliases: ['常住人口数', '人口'], kind: 'count', unit: '人', max: 100000000 }
    ],
    targets: [
      {
        id: 'team_tasks',
        kind: 'milestone',
        label: '完成核定转岗招聘、全覆盖培训、考核机制、岗位等级和报酬标准',
        steps: [
          { field: 'staffing_done', required: true },
          { field: 'training_done', required: true },
          { field: 'appraisal_done', required: true },
          { field: 'pay_done', required: true }
        ]
      },
      { id: 'new_social_workers', kind: 'count', label: '新增持证社工60人以上', field: 'new_social_workers', min: 60 },
      {
        id: 'social_workers_per_10000',
        kind: 'rate',
        label: '持证社工人数达到常住人口的万分之五',
        numerator: 'social_workers',
        denominator: 'residents',
        scale: 10000,
        min: 5
      }
    ],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'community',
    year: 2020
  },
  {
    code: 'FLY-2',
    seq: 5,
    category: CATEGORY_4,
    title: '第二福利院建设',
    description: '完成土地转让、招投标和地质勘察，力争年内动工',
    fields: [
      { key: 'land_done', label: '土地转让', aliases: ['土地'], kind: 'step' },
      { key: 'tender_done', label: '招投标', aliases: ['招标'], kind: 'step' },
      { key: 'survey_done', label: '地质勘察', aliases: ['勘察', '地勘'], kind: 'step' },
      { key: 'start_done', label: '开工建设', aliases: ['动工', '开工'], kind: 'step' }
    ],
    targets: [
      {
        id: 'prep',
        kind: 'milestone',
        label: '完成土地转让、招投标和地质勘察，力争年内动工',
        steps: [
          { field: 'land_done', required: true },
          { field: 'tender_done', required: true },
          { field: 'survey_done', required: true },
          { field: 'start_done', required: false }
        ]
      }
    ],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'district',
    year: 2020
  },
  {
    code: 'SW-AFF',
    seq: 6,
    category: CATEGORY_6,
    title: '社会事务',
    description:
      '实现疫情期间辖区内流浪人员救助安置率100%；滞汉逝者家属救助慰问率100%；疫情防控社会捐赠款物调配使用率100%；婚姻登记合格率100%',
    fields: [
      { key: 'homeless_placed', label: '流浪人员已安置', aliases: ['已安置', '安置'], kind: 'count', unit: '人', max: 100000 },
      { key: 'homeless_total', label: '流浪人员总数', aliases: ['流浪人员', '需安置'], kind: 'count', unit: '人', max: 100000 },
      { key: 'families_visited', label: '已慰问家属', aliases: ['已慰问', '慰问'], kind: 'count', unit: '人', max: 100000 },
      { key: 'families_total', label: '逝者家属总数', aliases: ['逝者家属', '家属'], kind: 'count', unit: '人', max: 100000 },
      { key: 'donations_used', label: '已调配捐赠', aliases: ['已调配', '调配'], kind: 'count', unit: '笔', max: 1000000 },
      { key: 'donations_total', label: '捐赠款物总数', aliases: ['捐赠', '捐赠款物'], kind: 'count', unit: '笔', max: 1000000 },
      { key: 'marriages_ok', label: '合格婚姻登记', aliases: ['合格登记', '合格'], kind: 'count', unit: '对', max: 1000000 },
      { key: 'marriages_total', label: '婚姻登记总数', aliases: ['婚姻登记', '登记'], kind: 'count', unit: '对', max: 1000000 }
    ],
    targets: [
      { id: 'homeless', kind: 'percentage', label: '流浪人员救助安置率100%', numerator: 'homeless_placed', denominator: 'homeless_total', op: 'eq', percent: 1 },
      { id: 'families', kind: 'percentage', label: '滞汉逝者家属救助慰问率100%', numerator: 'families_visited', denominator: 'families_total', op: 'eq', percent: 1 },
      { id: 'donations', kind: 'percentage', label: '捐赠款物调配使用率100%', numerator: 'donations_used', denominator: 'donations_total', op: 'eq', percent: 1 },
      { id: 'marriages', kind: 'percentage', label: '婚姻登记合格率100%', numerator: 'marriages_ok', denominator: 'marriages_total', op: 'eq', percent: 1 }
    ],
    ...monthly,
    accumulation: 'per_period',
    reportLevel: 'community',
    year: 2020
  },
  {
    code: 'SW-AID',
    seq: 7,
    category: CATEGORY_6,
    title: '社会救助',
    description:
      '临时救助率100%；低保家庭救助帮扶率100%；“一对一”帮扶救助率100%；残疾人两项补贴发放准确率100%；社区精神康复网络服务覆盖20%街道',
    fields: [
      { key: 'temp_aided', label: '已临时救助', aliases: ['已救助', '临时救助'], kind: 'count', unit: '户', max: 1000000 },
      { key: 'temp_needed', label: '需临时救助', aliases: ['需救助', '困难群众'], kind: 'count', unit: '户', max: 1000000 },
      { key: 'dibao_helped', label: '已帮扶低保家庭', aliases: ['已帮扶低保', '低保帮扶'], kind: 'count', unit: '户', max: 1000000 },
      { key: 'dibao_total', label: '确诊低保家庭', aliases: ['低保家庭', '低保户'], kind: 'count', unit: '户', max: 1000000 },
      { key: 'one_on_one_helped', label: '已一对一帮扶', aliases: ['一对一帮扶', '已结对'], kind: 'count', unit: '人', max: 1000000 },
      { key: 'one_on_one_total', label: '特殊困难群体', aliases: ['特困群体', '需帮扶'], kind: 'count', unit: '人', max: 1000000 },
      { key: 'subsidy_correct', label: '准确发放补贴', aliases: ['准确发放', '发放准确'], kind: 'count', unit: '笔', max: 10000000 },
      { key: 'subsidy_total', label: '补贴发放总数', aliases: ['补贴发放', '发放补贴'], kind: 'count', unit: '笔', max: 10000000 },
      { key: 'mental_covered', label: '精神康复服务已覆盖', aliases: ['精神康复', '已覆盖'], kind: 'flag', hint: '本街道已覆盖填1，未覆盖填0' },
      { key: 'street_count', label: '街道数', kind: 'flag', fixed: 1 }
    ],
    targets: [
      { id: 'temp_aid', kind: 'percentage', label: '临时救助率100%', numerator: 'temp_aided', denominator: 'temp_needed', op: 'eq', percent: 1 },
      { id: 'dibao', kind: 'percentage', label: '低保家庭救助帮扶率100%', numerator: 'dibao_helped', denominator: 'dibao_total', op: 'eq', percent: 1 },
      { id: 'one_on_one', kind: 'percentage', label: '“一对一”帮扶救助率100%', numerator: 'one_on_one_helped', denominator: 'one_on_one_total', op: 'eq', percent: 1 },
      { id: 'subsidy', kind: 'percentage', label: '补贴发放准确率100%', numerator: 'subsidy_correct', denominator: 'subsidy_total', op: 'eq', percent: 1 },
      { id: 'mental_health', kind: 'percentage', label: '社区精神康复网络服务覆盖20%街道', numerator: 'mental_covered', denominator: 'street_count', op: 'gte', percent: 0.2 }
    ],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'street',
    year: 2020
  },
  {
    code: 'QH-BORDER',
    seq: 8,
    category: CATEGORY_6,
    title: '行政区域界线勘界',
    description: '街道机构设置和基础信息采集完成50%；全区界线勘界工作完成25%，完成硚口区《地名区划图》《地名图集》编撰',
    fields: [
      { key: 'info_progress', label: '基础信息采集进度', aliases: ['信息采集', '采集'], kind: 'fraction', unit: '%' },
      { key: 'border_progress', label: '界线勘界进度', aliases: ['勘界', '界线'], kind: 'fraction', unit: '%' },
      { key: 'atlas_done', label: '地名图集编撰', aliases: ['地名图集', '区划图', '图集'], kind: 'step' }
    ],
    targets: [
      { id: 'info', kind: 'progress', label: '街道机构设置和基础信息采集完成50%', field: 'info_progress', min: 0.5 },
      { id: 'border', kind: 'progress', label: '全区界线勘界工作完成25%', field: 'border_progress', min: 0.25 },
      { id: 'atlas', kind: 'milestone', label: '完成《地名区划图》《地名图集》编撰', steps: [{ field: 'atlas_done', required: true }] }
    ],
    ...quarterly,
    accumulation: 'cumulative',
    reportLevel: 'district',
    year: 2020
  },
  {
    code: 'SQ-GOV',
    seq: 9,
    category: CATEGORY_6,
    title: '社区治理提升',
    description: '指导社区全面制订（修订）居民公约、村规民约；组织做好16个疫情心理疏导社工服务项目；培育社区社会组织110支',
    fields: [
      { key: 'covenant_done', label: '居民公约已制订', aliases: ['居民公约', '公约'], kind: 'flag', hint: '本社区已制订（修订）填1' },
      { key: 'community_count', label: '社区数', kind: 'flag', fixed: 1 },
      { key: 'counseling_projects', label: '心理疏导项目', aliases: ['心理疏导', '社工服务项目'], kind: 'count', unit: '个', max: 1000 },
      { key: 'new_social_orgs', label: '新培育社会组织', aliases: ['社会组织', '新增社会组织'], kind: 'count', unit: '支', max: 10000 }
    ],
    targets: [
      { id: 'covenant', kind: 'percentage', label: '居民公约全覆盖', numerator: 'covenant_done', denominator: 'community_count', op: 'eq', percent: 1 },
      { id: 'counseling', kind: 'count', label: '16个疫情心理疏导社工服务项目', field: 'counseling_projects', min: 16 },
      { id: 'social_orgs', kind: 'count', label: '培育社区社会组织110支', field: 'new_social_orgs', min: 110 }
    ],
    ...quarterly,
    accumulation: 'per_period',
    reportLevel: 'community',
    year: 2020
  }
]

/** Parsed once: a typo in the catalog fails loudly at import, in tests too. */
export const SEED_INDICATORS: Indicator[] = SEED_INDICATORS_INPUT.map((i) => IndicatorSchema.parse(i))
