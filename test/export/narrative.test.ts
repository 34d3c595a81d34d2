import { indicatorCompletion, type Judgements } from '../../src/core/completion'
import type { Figures } from '../../src/core/figures'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { draftNarrative, labelStem, type NarrativeOptions, type UnitFigures } from '../../src/core/table'

const ind = (code: string) => SEED_INDICATORS.find((i) => i.code === code)!
const draft = (code: string, figures: Figures, breakdown?: UnitFigures[], options?: NarrativeOptions, verdicts?: Judgements) =>
  draftNarrative(ind(code), figures, indicatorCompletion(ind(code), figures, verdicts), breakdown, options)

describe('draftNarrative', () => {
  test('unknown figures read 未填报, never 0', () => {
    expect(draft('YL-133', {})).toBe('新建服务网点未填报；新建幸福食堂未填报；培训护理人员未填报。')
    expect(draft('YL-BED', { beds: 9133 })).toBe('每千名户籍老人养老床位未填报。')
    expect(draft('SW-AFF', { homeless_placed: 54 })).toContain('流浪人员救助安置率未填报')
    expect(draft('QH-BORDER', {})).toBe('街道机构设置和基础信息采集完成未填报；全区界线勘界工作完成未填报；地名图集编撰未填报。')
  })

  test('a breakdown names at most six children, largest first, then 等; zeros left out', () => {
    const breakdown = ['甲街', '乙街', '丙街', '丁街', '戊街', '己街', '庚街', '辛街'].map((unitName, i) => ({
      unitName,
      figures: { service_points: i === 7 ? 0 : i + 1 }
    }))
    const text = draft('YL-133', { service_points: 28, canteens: 3, trainees: 2100 }, breakdown)
    expect(text).toBe('新建服务网点28个（庚街7个、己街6个、戊街5个、丁街4个、丙街3个、乙街2个等），超额完成（目标8个）；新建幸福食堂3个，完成目标；培训护理人员2100人次，超额完成（目标2000人次）。')
    expect(draft('YL-133', { service_points: 8, canteens: 3, trainees: 2000 }, breakdown, { breakdownLimit: 2 })).toMatch(/（庚街7个、己街6个等）/)
  })

  test('a percentage short of its target, and figures that cannot be right', () => {
    expect(draft('SW-AFF', { homeless_placed: 53, homeless_total: 54 })).toContain('流浪人员救助安置率98.1%（53/54）；')
    expect(draft('SW-AFF', { homeless_placed: 55, homeless_total: 54 })).toContain('流浪人员救助安置率数据待核（55/54）')
    expect(draft('SW-AFF', { homeless_placed: 0, homeless_total: 0 })).toContain('流浪人员救助安置率100%（0/0）')
  })

  test('a rate whose population is 0 says so', () => {
    expect(draft('YL-BED', { beds: 10, elderly: 0 })).toBe('每千名户籍老人养老床位无法计算（户籍老人为0）。')
    expect(draft('YL-BED', { beds: 7000, elderly: 155900 })).toBe('每千名户籍老人养老床位44.9张（养老床位7000张，户籍老人15.59万人），完成目标的89.8%。')
  })

  test('milestones: done with dates, pending, unknown, and the stretch step', () => {
    const dates = { land_done: '2020-06-30', tender_done: '2019-12-01', start_done: '2020-12-28' }
    expect(draft('FLY-2', { land_done: 1, tender_done: 1, survey_done: 1, start_done: 1 }, undefined, { dates, year: 2020 })).toBe(
      '已完成土地转让（6月30日）、招投标（2019年12月1日）、地质勘察；开工建设（力争）已完成（12月28日）。'
    )
    // The seed's own words, read strictly: land only an initial agreement,
    // survey under way, tender not mentioned, no start.
    expect(draft('FLY-2', { land_done: 0, survey_done: 0, start_done: 0 })).toBe(
      '尚未完成土地转让、地质勘察；招投标未填报；开工建设（力争）尚未完成。'
    )
    expect(draft('FLY-2', { land_done: 1, tender_done: 1, survey_done: 1 })).toBe('已完成土地转让、招投标、地质勘察；开工建设（力争）未填报。')
    expect(draft('FLY-2', { land_done: 1, tender_done: 1, survey_done: 1 }, undefined, { dates: { land_done: 'not a date' } })).toContain('已完成土地转让、')
  })

  test('qualitative: awaiting review, or the verdict', () => {
    expect(draft('YL-COVID', {})).toBe('建立养老机构常态防控机制，安全有序恢复服务秩序：待审核评定。')
    expect(draft('YL-COVID', {}, undefined, undefined, { prevention: 'partial' })).toMatch(/审核评定为部分达到。$/)
    expect(draft('YL-COVID', {}, undefined, undefined, { prevention: 'unmet' })).toMatch(/审核评定为未达到。$/)
    expect(draft('YL-COVID', {}, undefined, undefined, { prevention: 0.75 })).toMatch(/审核评定为部分达到（75%）。$/)
  })

  test('progress short of its target', () => {
    expect(draft('QH-BORDER', { info_progress: 0.4, border_progress: 0.25, atlas_done: 0 })).toBe(
      '街道机构设置和基础信息采集完成40%，完成目标的80%；全区界线勘界工作完成25%，完成目标；尚未完成地名图集编撰。'
    )
  })

  test('labelStem drops the target value', () => {
    expect(labelStem('流浪人员救助安置率100%')).toBe('流浪人员救助安置率')
    expect(labelStem('社区精神康复网络服务覆盖20%街道')).toBe('社区精神康复网络服务覆盖街道')
    expect(labelStem('居民公约全覆盖')).toBe('居民公约全覆盖')
  })
})
