import { indicatorCompletion, type Judgements } from '../../src/core/completion'
import type { Figures } from '../../src/core/figures'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { STREET_NAMES } from '../../src/core/seed/orgTree'
import type { BuildTableInput, TableEntry, UnitFigures } from '../../src/core/table'

/**
 * The district's 2020 figures as the seed's 完成情况 column states them
 * (../shared/seed/000_be8d8d45c270cf59.txt). Where the seed gives no number,
 * the field is left out (unknown), never 0, except the stand-ins listed in
 * SEED_STAND_INS.
 */
export const SEED_FIGURES_2020: Record<string, Figures> = {
  // 8 网点 (2 中心辐射式 + 6 社区嵌入式; the extra 汉正街 centre is "超额", not
  // one of the 8); 园博北、公安 canteens built, 张公堤 only groundwork → 2;
  // "累计2000人次以上".
  'YL-133': { service_points: 8, canteens: 2, trainees: 2000 },
  // 3360 + 2100 + 342 + 3331 = 9133 beds; 15.59万 registered elderly.
  'YL-BED': { beds: 9133, elderly: 155900 },
  // Qualitative: no figures; a reviewer's verdict is not in the seed.
  'YL-COVID': {},
  // Steps: 核定/转岗/招聘 done, trainings done, 《综合考评办法》 issued, new pay
  // paid from September → all four done. New certified social workers: "考试
  // 成绩暂未公布" → unknown, not 0. Certified total and residents: not stated.
  'SQ-TEAM': { staffing_done: 1, training_done: 1, appraisal_done: 1, pay_done: 1 },
  // The lead's reading: the three required steps done, the stretch (动工)
  // not. The seed itself is weaker: land only "初步意见", tender not named,
  // survey "已进场展开详勘" (see the strict-reading test).
  'FLY-2': { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 },
  // 54 placed of 54; 47 families; 60 物资 items (5 unrelated ones excluded);
  // marriage + divorce registrations 3584 + 2925 (re-issued certificates left out).
  'SW-AFF': {
    homeless_placed: 54,
    homeless_total: 54,
    families_visited: 47,
    families_total: 47,
    donations_used: 60,
    donations_total: 60,
    marriages_ok: 6509,
    marriages_total: 6509
  },
  // 临时救助2150次; 69 低保 members with confirmed COVID got the extra month;
  // 一对一 and subsidies: the seed states only "100%" (stand-ins below);
  // mental-health network in 2 of the 11 streets (the seed claims "20%").
  'SW-AID': {
    temp_aided: 2150,
    temp_needed: 2150,
    dibao_helped: 69,
    dibao_total: 69,
    one_on_one_helped: 1,
    one_on_one_total: 1,
    subsidy_correct: 1,
    subsidy_total: 1,
    mental_covered: 2,
    street_count: 11
  },
  // "完成100%" for both shares, atlas compiled.
  'QH-BORDER': { info_progress: 1, border_progress: 1, atlas_done: 1 },
  // 公约 "全覆盖" of 136 communities; 16 projects; 610 new organisations.
  'SQ-GOV': { covenant_done: 136, community_count: 136, counseling_projects: 16, new_social_orgs: 610 }
}

/** Figures the seed does not give but a 100% it does: 1 of 1, to keep the rate. */
export const SEED_STAND_INS = ['SW-AID.one_on_one_helped', 'SW-AID.one_on_one_total', 'SW-AID.subsidy_correct', 'SW-AID.subsidy_total']

const streets = (values: Record<string, Figures>): UnitFigures[] =>
  STREET_NAMES.map((name) => ({ unitName: name, figures: values[name] ?? {} }))

/** Breakdowns the seed names, by street (listed in the org tree's order). */
export const SEED_BREAKDOWNS_2020: Record<string, UnitFigures[]> = {
  'YL-133': streets({
    六角亭街: { service_points: 1 },
    易家街: { service_points: 1 },
    宗关街: { service_points: 2, canteens: 1 },
    长丰街: { service_points: 2, canteens: 1 },
    汉正街: { service_points: 1 },
    韩家墩街: { service_points: 1 }
  }),
  'SW-AID': STREET_NAMES.map((name) => ({
    unitName: name,
    figures: { mental_covered: name === '六角亭街' || name === '韩家墩街' ? 1 : 0, street_count: 1 }
  }))
}

export const SEED_EVIDENCE_2020: Record<string, string[]> = {
  'YL-COVID': [
    '湖北省抗击新冠肺炎疫情先进集体（中共湖北省委 湖北省人民政府 二〇二〇年九月）',
    '区福利院院长陈捷全国民政系统抗击新冠肺炎疫情先进个人（民政部 二〇二〇年十二月）'
  ]
}

/** Every 完成率 in the seed reads 100. */
export const SEED_DECLARED_2020 = 100

export function seedEntries2020(verdicts: Judgements = {}): TableEntry[] {
  return SEED_INDICATORS.map((indicator) => {
    const figures = SEED_FIGURES_2020[indicator.code]
    return {
      indicator,
      figures,
      completion: indicatorCompletion(indicator, figures, verdicts),
      breakdown: SEED_BREAKDOWNS_2020[indicator.code],
      declaredRate: SEED_DECLARED_2020,
      evidence: SEED_EVIDENCE_2020[indicator.code] ?? []
    }
  })
}

export function seedTableInput2020(verdicts: Judgements = {}): BuildTableInput {
  return { year: 2020, unitName: '硚口区民政局', signer: '田莉莉', entries: seedEntries2020(verdicts) }
}
