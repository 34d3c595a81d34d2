import * as z from 'zod/mini'
import { figuresFromAggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgUnit } from '../../../src/core/org'
import { periodYear } from '../../../src/core/period'
import { ID_PATTERN } from '../../../src/core/patterns'
import { reportId } from '../../../src/core/report'
import { answersFor, childState, mayAnswerFor, readyToSign, type ChildState, type SignOff } from '../../../src/core/reviewChain'
import { PeriodKeySchema } from '../../../src/core/schema/period'
import { listOf, matching, prose, wholeBetween } from '../../../src/core/schema/builders'
import { ApiError } from '../../../src/core/errors'
import { defineAction } from '../action'
import type { ApiContext, Caller } from '../context'
import { allReports, assertNotSigned, labelsOf, signedAbove } from '../reviewScope'
import { canRead, requireReviewer, reviewerOf } from '../scope'
import type { SignOffBasis } from '../../store/types'

const CODE = matching(/^[A-Z0-9-]{1,16}$/)

/** The indicator of a period, which must have a review chain. */
async function chainedIndicator(ctx: ApiContext, code: string, period: string): Promise<Indicator & { reviewChain: NonNullable<Indicator['reviewChain']> }> {
  const ind = await ctx.store.getIndicator(code, periodYear(period))
  if (!ind) throw new ApiError('NOT_FOUND', '没有这项指标')
  if (!ind.reviewChain) throw new ApiError('BAD_INPUT', '这项指标不分级审核，没有签核', { issues: [{ path: 'indicatorCode', message: '这项指标不分级审核，没有签核' }] })
  return ind as Indicator & { reviewChain: NonNullable<Indicator['reviewChain']> }
}

export interface ChildRow {
  unitId: string
  label: string
  level: OrgUnit['level']
  /** Figures of the unit for the period (its roll-up: every counted report below it). */
  totals: Record<string, number>
  /** The report's status, for a report-level unit. */
  reportStatus: string | null
  reportVersion: number | null
  signOff: SignOff | null
  /** Where it stands for the sign-off above: approved, signed, missing (未报) or waiting. */
  state: ChildState
  /** For a chain-level unit: how many expected units below are done, and which are not. */
  below: { expected: number; done: number; waiting: string[] } | null
  /** May the caller sign it off now (chain-level units only). */
  canSign: boolean
}

/** The expected units below `unit` for its sign-off, each with its state. */
async function belowOf(ctx: ApiContext, ind: Indicator & { reviewChain: NonNullable<Indicator['reviewChain']> }, unit: OrgUnit, period: string) {
  const level = answersFor(ind.reviewChain, ind.reportLevel, levelAnsweringFor(ind, unit.level) ?? unit.level)
  if (!level) return []
  const units = await ctx.store.unitsUnder(unit.path, level)
  const reports = level === ind.reportLevel ? new Map((await allReports(ctx.store, { underPath: unit.path, indicatorCode: ind.code, period })).map((r) => [r.orgUnitId, r])) : new Map()
  const signOffs = new Map((await ctx.store.signOffs(ind.code, period, units.map((u) => u.id))).map((s) => [s.unitId, s]))
  return units.map((u) => {
    const r = reports.get(u.id) ?? null
    const s = signOffs.get(u.id) ?? null
    return { unit: u, report: r, signOff: s, state: childState(u.level, ind.reportLevel, r?.status ?? null, s?.status ?? null) }
  })
}

/** The chain level that answers for units at `level`: what the sign-off of such a unit is made of. */
function levelAnsweringFor(ind: Indicator & { reviewChain: NonNullable<Indicator['reviewChain']> }, level: OrgUnit['level']): OrgUnit['level'] | null {
  return ind.reviewChain.includes(level) ? level : null
}

async function totalsOf(ctx: ApiContext, ind: Indicator, unitIds: string[], period: string): Promise<Map<string, Record<string, number>>> {
  const byUnit = (await ctx.store.rollups([ind.code], unitIds, period)).get(ind.code)
  return new Map(unitIds.map((id) => [id, figuresFromAggregates(ind.fields, byUnit?.get(id) ?? {})]))
}

const ViewInput = z.strictObject({
  indicatorCode: CODE,
  period: PeriodKeySchema,
  /** Whose units to list: the caller's own unit when absent. */
  unitId: z.optional(matching(ID_PATTERN))
})

/**
 * 签核: the units a chain level answers for, under the caller's unit, for
 * one indicator and period: each unit's totals, status and sign-off, and
 * for units made of others how many of those are done. `own` is the sign-off
 * of the listed unit itself by the level above (a return carries its comment).
 */
export const signoffView = defineAction('signoff.view', ViewInput, async (ctx, q) => {
  const caller = requireReviewer(ctx)
  const ind = await chainedIndicator(ctx, q.indicatorCode, q.period)
  let unit = caller.unit
  if (q.unitId) {
    const u = await ctx.store.getOrgUnit(q.unitId)
    if (!u || !canRead(caller, u.path)) throw new ApiError('NOT_FOUND', '没有这个单位')
    unit = u
  }
  const level = answersFor(ind.reviewChain, ind.reportLevel, unit.level)
  const rows: ChildRow[] = []
  if (level) {
    const children = await belowOf(ctx, ind, unit, q.period)
    const labels = await labelsOf(ctx.store, children.map((c) => c.unit))
    const totals = await totalsOf(ctx, ind, children.map((c) => c.unit.id), q.period)
    for (const c of children) {
      let below: ChildRow['below'] = null
      if (c.unit.level !== ind.reportLevel) {
        const grand = await belowOf(ctx, ind, c.unit, q.period)
        const glabels = await labelsOf(ctx.store, grand.filter((g) => g.state === 'waiting').map((g) => g.unit))
        below = { expected: grand.length, done: grand.filter((g) => g.state !== 'waiting').length, waiting: [...glabels.values()] }
      }
      const ready = below !== null && below.waiting.length === 0
      rows.push({
        unitId: c.unit.id,
        label: labels.get(c.unit.id) ?? c.unit.name,
        level: c.unit.level,
        totals: totals.get(c.unit.id) ?? {},
        reportStatus: c.report?.status ?? null,
        reportVersion: c.report?.version ?? null,
        signOff: c.signOff,
        state: c.state,
        below,
        canSign: ready && c.signOff?.status !== 'signed' && mayAnswerFor(reviewerOf(caller), c.unit.path, c.unit.level, ind.reviewChain, ind.reportLevel)
      })
    }
  }
  const [own] = await ctx.store.signOffs(ind.code, q.period, [unit.id])
  const locked = await signedAbove(ctx.store, ind, unit, q.period, true)
  return { indicatorCode: ind.code, period: q.period, unitId: unit.id, label: (await labelsOf(ctx.store, [unit])).get(unit.id), chain: ind.reviewChain, childLevel: level, rows, own: own ?? null, locked: locked !== null }
})

const SignInput = z.strictObject({
  indicatorCode: CODE,
  period: PeriodKeySchema,
  unitId: matching(ID_PATTERN),
  /** sign: sign off the unit's total; return: reopen it with a comment; missing: mark it 未报 with a reason. */
  decision: z.enum(['sign', 'return', 'missing']),
  comment: z._default(prose(500), ''),
  /** The sign-off version the reviewer looked at (0: none yet). */
  version: wholeBetween(0, 1e9)
})
type SignRequest = z.infer<typeof SignInput>

async function signOne(ctx: ApiContext, caller: Caller, input: SignRequest): Promise<SignOff> {
  const ind = await chainedIndicator(ctx, input.indicatorCode, input.period)
  const unit = await ctx.store.getOrgUnit(input.unitId)
  // Outside the caller's area answers like a unit that does not exist.
  if (!unit || !canRead(caller, unit.path)) throw new ApiError('NOT_FOUND', '没有这个单位')
  if (!mayAnswerFor(reviewerOf(caller), unit.path, unit.level, ind.reviewChain, ind.reportLevel)) throw new ApiError('FORBIDDEN', '只能签核本级负责的下级单位')
  const needsText = input.decision !== 'sign' && input.comment.trim() === ''
  if (needsText) {
    const message = input.decision === 'return' ? '退回时请写明原因' : '标记未报时请写明原因'
    throw new ApiError('BAD_INPUT', message, { issues: [{ path: 'comment', message }] })
  }
  if (input.comment && (await ctx.text.check(input.comment, ctx.openid)) === 'risky') throw new ApiError('REJECTED_TEXT')
  await assertNotSigned(ctx.store, ind, unit, input.period, false)
  const [current] = await ctx.store.signOffs(ind.code, input.period, [unit.id])
  if ((current?.version ?? 0) !== input.version) throw new ApiError('CONFLICT', '签核状态刚刚有更新，请刷新后再操作', { current: current ?? null })
  let totals: Record<string, number> = {}
  // What the checks below read; the store re-checks it in the sign-off's own transaction (a reopen in between is CONFLICT).
  const basis: SignOffBasis = { reports: [], signOffs: [] }
  if (input.decision === 'sign') {
    if (unit.level === ind.reportLevel) throw new ApiError('BAD_INPUT', '填报单位的数据请逐条审核通过')
    if (current?.status === 'signed') throw new ApiError('BAD_INPUT', '已经签核过了')
    const below = await belowOf(ctx, ind, unit, input.period)
    for (const b of below) {
      if (b.unit.level === ind.reportLevel) basis.reports.push({ orgUnitId: b.unit.id, reportId: reportId(ind.code, b.unit.id, input.period), version: b.report?.version ?? 0 })
      basis.signOffs.push({ unitId: b.unit.id, version: b.signOff?.version ?? 0 })
    }
    const waiting = below.filter((b) => b.state === 'waiting')
    if (!readyToSign(below.map((b) => b.state))) {
      const names = [...(await labelsOf(ctx.store, waiting.map((w) => w.unit))).values()]
      throw new ApiError('BAD_INPUT', `还有 ${waiting.length} 个单位未通过或未标记未报：${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`, {
        issues: names.map((n) => ({ path: 'unitId', message: n }))
      })
    }
    totals = (await totalsOf(ctx, ind, [unit.id], input.period)).get(unit.id) ?? {}
  }
  if (input.decision === 'missing') {
    if (current?.status === 'signed') throw new ApiError('BAD_INPUT', '已签核的单位不能标记未报，请先退回')
    if (unit.level === ind.reportLevel) {
      if (await ctx.store.getReport(reportId(ind.code, unit.id, input.period))) throw new ApiError('BAD_INPUT', '这个单位已有填报，请审核填报，不能标记未报')
      basis.reports.push({ orgUnitId: unit.id, reportId: reportId(ind.code, unit.id, input.period), version: 0 })
    }
  }
  const next: SignOff = {
    indicatorCode: ind.code,
    unitId: unit.id,
    period: input.period,
    status: input.decision === 'sign' ? 'signed' : input.decision === 'return' ? 'returned' : 'missing',
    comment: input.decision === 'sign' ? '' : input.comment.trim(),
    totals,
    byId: caller.person.id,
    byName: caller.person.name,
    at: ctx.clock.now().toISOString(),
    version: input.version + 1
  }
  if (!(await ctx.store.putSignOff(next, basis))) throw new ApiError('CONFLICT', '签核状态或下级的填报刚刚有更新，请刷新后再操作')
  return next
}

/** One sign-off, return (with a comment to the unit's reviewer) or 未报 mark. */
export const signoff = defineAction('signoff', SignInput, async (ctx, input) => {
  const caller = requireReviewer(ctx)
  return { signOff: await signOne(ctx, caller, input) }
})

const SignBatchInput = z.strictObject({
  indicatorCode: CODE,
  period: PeriodKeySchema,
  /** The units the confirmation listed, each at the sign-off version shown. */
  items: listOf(z.strictObject({ unitId: matching(ID_PATTERN), version: wholeBetween(0, 1e9) }), 50, 1)
})

/** 批量签核: signs off each listed unit as `signoff` would; each item answers on its own. */
export const signoffBatch = defineAction('signoff.batch', SignBatchInput, async (ctx, input) => {
  const caller = requireReviewer(ctx)
  if (new Set(input.items.map((i) => i.unitId)).size !== input.items.length) throw new ApiError('BAD_INPUT', '同一个单位列了两次', { issues: [{ path: 'items', message: '同一个单位列了两次' }] })
  await chainedIndicator(ctx, input.indicatorCode, input.period)
  const results = []
  for (const item of input.items) {
    try {
      const s = await signOne(ctx, caller, { indicatorCode: input.indicatorCode, period: input.period, unitId: item.unitId, decision: 'sign', comment: '', version: item.version })
      results.push({ unitId: item.unitId, status: 'done' as const, signOff: s })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      const { current: _current, ...error } = e.toBody()
      results.push({ unitId: item.unitId, status: 'rejected' as const, error })
    }
  }
  return { results, signed: results.filter((r) => r.status === 'done').length }
})
