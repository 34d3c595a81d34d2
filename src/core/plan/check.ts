import { IndicatorSchema, type Indicator } from '../schema/indicator'

/**
 * The plan designer's check of one indicator: the server's own schema
 * (IndicatorSchema, which indicator.put and plan.publish parse), with each
 * problem as a Chinese sentence keyed by where it is ("fields.0.label"), so
 * the page shows it next to that input. The schema's cross-checks already
 * speak Chinese; its built-in checks (lengths, bounds, patterns) are worded
 * here by what the place holds, because the mini-program loads no zod
 * locale.
 */
export type Problems = Record<string, string>

const TOP: Record<string, string> = {
  code: '编号只能用大写字母、数字和“-”，1到16位，如 YL-133',
  seq: '序号是1到999的整数',
  category: '请填类型，最多30个字',
  title: '请填指标名称，最多40个字',
  description: '指标内容最多500个字',
  fields: '字段最多30个',
  targets: '至少要有一项目标，最多12项',
  period: '请选填报周期',
  'due.daysAfterEnd': '截止天数是0到90的整数',
  due: '请填截止规则',
  accumulation: '请选累计方式',
  reportLevel: '请选由哪一级填报',
  reviewChain: '逐级审核请选一到三级审核层级，或改选单级审核',
  year: '年份在2000到2100之间'
}

const FIELD: Record<string, string> = {
  key: '字段编号用小写字母开头，只含小写字母、数字和下划线，最多40位',
  label: '请填字段名，最多20个字',
  aliases: '别称最多10个，每个1到20个字',
  kind: '请选字段类型',
  unit: '单位最多8个字',
  unitAliases: '同义单位最多10个，每个1到8个字',
  min: '最小值要是一个数',
  max: '最大值要是一个数',
  hint: '提示最多60个字',
  fixed: '固定值要是一个数',
  combine: '请选各单位如何合计'
}

const TARGET: Record<string, string> = {
  id: '目标编号用小写字母开头，只含小写字母、数字和下划线',
  label: '请填目标写法，最多60个字',
  kind: '请选目标类型',
  field: '请选一个字段',
  numerator: '请选分子字段',
  denominator: '请选分母字段',
  min: '目标要大于0（进度目标在0%到100%之间）',
  max: '上限要是一个数',
  scale: '每多少人要大于0，如1000',
  percent: '百分比在0%到100%之间，且大于0',
  op: '请选“达到”或“全部”',
  steps: '请列出1到20个步骤，至少一个必须完成',
  owner: '负责单位编号不对'
}

function sentence(path: (string | number | symbol)[], zodMessage: string, custom: boolean): string {
  if (custom) return zodMessage
  const [head, index, key, ...rest] = path.map(String)
  if (head === 'fields' && key === 'combine' && rest[0] === 'weight') return '请选加权平均按哪个计数字段加权'
  if (head === 'fields' && key) return FIELD[key] ?? '这个字段填得不对'
  if (head === 'targets' && key) {
    if (key === 'steps' && rest.length >= 2) return rest[1] === 'field' ? '请为这一步选一个字段' : '请选是否必须完成'
    return TARGET[key] ?? '这项目标填得不对'
  }
  if (head === 'fields' && index !== undefined) return '这个字段填得不对'
  if (head === 'targets' && index !== undefined) return '这项目标填得不对'
  return TOP[path.map(String).join('.')] ?? TOP[head] ?? '填写的内容有误'
}

/** null when the indicator is valid (with the schema's defaults filled in), else every problem by place. */
export function checkIndicator(input: unknown): { ok: true; indicator: Indicator } | { ok: false; problems: Problems } {
  const r = IndicatorSchema.safeParse(input)
  if (r.success) return { ok: true, indicator: r.data }
  const problems: Problems = {}
  for (const issue of r.error.issues) {
    const where = issue.path.map(String).join('.')
    if (problems[where]) continue
    // Chinese messages we wrote (cross-checks, refinements) pass through; zod's own are worded by place.
    const custom = issue.code === 'custom' && /[\u4e00-\u9fa5]/.test(issue.message)
    problems[where] = sentence(issue.path, issue.message, custom)
  }
  return { ok: false, problems }
}
