import type { Evidence } from '../../src/core/report'
import { Convo, contextFor } from './helpers'

const photo = (id: string): { type: 'evidence'; evidence: Evidence } => ({ type: 'evidence', evidence: { id, name: `${id}.jpg`, kind: 'image' } })

describe('milestones step by step (FLY-2, 2020-Q4, today 2020-12-21)', () => {
  test('done? then the date, then evidence; the draft carries the dates', () => {
    const c = new Convo(contextFor('FLY-2'))
    expect(c.current.text).toContain('「土地转让」完成了吗？')
    expect(c.current.text).toContain('目标：完成土地转让、招投标和地质勘察，力争年内动工')
    expect(c.current.expects).toBe('yesno')
    expect(c.quickLabels()).toEqual(['是', '否', '跳过'])

    c.quick('是')
    expect(c.current.text).toContain('「土地转让」是哪天完成的？')
    expect(c.current.expects).toBe('date')
    expect(c.quickLabels()).toEqual(['今天', '昨天', '本月初', '记不清'])
    c.quick('本月初')
    expect(c.state.dates).toEqual({ land_done: '2020-12-01' })

    c.send('已经完成了')
    c.send('12月19日')
    c.send('是')
    c.send('十二月二十号')
    expect(c.current.text).toContain('「开工建设」完成了吗？（争取项）')
    c.send('还没有')

    expect(c.current.expects).toBe('evidence')
    expect(c.quickLabels()).toEqual(['跳过'])
    c.send(photo('land'))
    expect(c.current.text).toContain('已收到1个附件')
    expect(c.quickLabels()).toEqual(['好了'])
    c.send(photo('tender'))
    c.quick('好了')

    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows.map((r) => r.value)).toEqual(['已完成（12月1日）', '已完成（12月19日）', '已完成（12月20日）', '未完成'])
    expect(c.current.summary!.evidence.map((e) => e.id)).toEqual(['land', 'tender'])
    c.send('确认')
    expect(c.submitted()).toEqual({
      values: { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 },
      dates: { land_done: '2020-12-01', tender_done: '2020-12-19', survey_done: '2020-12-20' },
      narrative: '',
      evidence: [
        { id: 'land', name: 'land.jpg', kind: 'image' },
        { id: 'tender', name: 'tender.jpg', kind: 'image' }
      ],
      reasons: {},
      approx: []
    })
  })

  test('typed dates in several forms; the period and today bound them', () => {
    const c = new Convo(contextFor('FLY-2')).run(['是'])
    c.send('2020-12-25')
    expect(c.current.text).toContain('完成日期不能晚于今天')
    c.send('2019年12月1日')
    expect(c.current.text).toContain('完成日期不能早于1月1日')
    c.send('2月30日')
    expect(c.current.text).toContain('没看懂“2月30日”')
    // A cumulative milestone may have been done earlier in the year.
    c.send('2020/3/5')
    expect(c.state.dates.land_done).toBe('2020-03-05')
  })

  test('reporting after the period ended offers its last day, not today', () => {
    const c = new Convo(contextFor('FLY-2', { period: '2020-Q3', today: '2020-10-08' })).run(['是'])
    expect(c.quickLabels()).toEqual(['9月30日', '记不清'])
    c.send('10月1日')
    expect(c.current.text).toContain('完成日期不能晚于9月30日')
  })

  test('记不清 skips the date, not the step', () => {
    const c = new Convo(contextFor('FLY-2')).run(['是', '记不清', '否', '否', '否', '跳过', '确认'])
    expect(c.submitted()).toMatchObject({ values: { land_done: 1, tender_done: 0, survey_done: 0, start_done: 0 }, dates: {} })
  })

  test('no step done: no date, no evidence asked', () => {
    const c = new Convo(contextFor('FLY-2')).run(['否', '否', '否', '否'])
    expect(c.current.kind).toBe('summary')
    expect(c.log.some((m) => m.expects === 'date' || m.expects === 'evidence')).toBe(false)
  })

  test('同上期 on a step done last period keeps its date and skips the date question', () => {
    const c = new Convo(contextFor('FLY-2', { previous: { land_done: 1, tender_done: 0 }, previousDates: { land_done: '2020-08-10' } }))
    expect(c.quickLabels()).toEqual(['同上期（已完成）', '是', '否', '跳过'])
    c.quick('同上期')
    expect(c.current.text).toContain('「招投标」完成了吗？')
    expect(c.state.dates).toEqual({ land_done: '2020-08-10' })
  })

  test('editing a done step from the summary asks it and its date again, 不改 keeps both', () => {
    const c = new Convo(contextFor('FLY-2')).run(['是', '今天', '否', '否', '否', '跳过'])
    c.send({ type: 'edit', field: 'land_done' })
    expect(c.quickLabels()[0]).toBe('不改（已完成）')
    c.quick('不改')
    expect(c.current.kind).toBe('summary')
    c.send({ type: 'edit', field: 'land_done' })
    c.send('是')
    expect(c.quickLabels()[0]).toBe('不改（12月21日）')
    c.send('12月18日')
    expect(c.state.dates.land_done).toBe('2020-12-18')
    expect(c.current.kind).toBe('summary')
  })

  test('SQ-TEAM mixes steps and counts; the longer name wins (新增社工 over 社工)', () => {
    const c = new Convo(contextFor('SQ-TEAM')).run(['是', '10月9日', '是', '11月2日', '否', '否'])
    expect(c.current.text).toContain('请填「新增持证社工」')
    c.send('新增社工65人，社工420人，常住人口80万')
    expect(c.state.values).toMatchObject({ new_social_workers: 65, social_workers: 420, residents: 800000 })
    expect(c.current.expects).toBe('evidence')
  })
})

describe('evidence at any time', () => {
  test('acknowledged where it arrives, listed in the summary, at most nine', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send(photo('a'))
    expect(c.current).toMatchObject({ kind: 'info', text: '收到附件（共1个）', expects: 'number' })
    expect(c.quickLabels()).toContain('跳过')
    c.send(photo('a'))
    expect(c.current.text).toBe('这个附件已经收到了')
    for (const id of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) c.send(photo(id))
    expect(c.state.evidence).toHaveLength(9)
    c.send(photo('j'))
    expect(c.current.text).toBe('最多9个附件，已经满了')
    expect(c.state.evidence).toHaveLength(9)
    c.run(['8', '2', '300'])
    expect(c.current.text).toContain('附件：9个')
    c.send({ type: 'removeEvidence', id: 'a' })
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.evidence).toHaveLength(8)
    c.send(photo('z'))
    expect(c.last.map((m) => m.kind)).toEqual(['info', 'summary'])
    c.send('确认')
    expect(c.submitted().evidence.map((e) => e.id)).toEqual(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'z'])
  })
})
