import { readPastedColumn, splitByWeights, splitEvenly } from '../../src/core/plan/fill'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('splitting a target into whole shares (largest remainder)', () => {
  test('8 over 3 streets is 3, 3, 2: the sum is the target', () => {
    expect(splitEvenly(8, 3)).toEqual([3, 3, 2])
    expect(splitEvenly(8, 11)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
  })

  test('by population: leftovers go to the largest remainders, ties to the earlier row', () => {
    // exact shares 4.2857, 2.8571, 0.8571 → floors 4, 2, 0 → two left: rows 3 then 2.
    expect(splitByWeights(8, [150, 100, 30])).toEqual([4, 3, 1])
    expect(splitByWeights(3, [1, 1, 1, 1])).toEqual([1, 1, 1, 0])
  })

  test('a unit of no population gets nothing, even with units left over', () => {
    expect(splitByWeights(5, [0, 1, 1])).toEqual([0, 3, 2])
  })

  test('nothing to go by (no rows, all zero, a negative weight) is null', () => {
    expect(splitByWeights(8, [])).toBeNull()
    expect(splitByWeights(8, [0, 0])).toBeNull()
    expect(splitByWeights(8, [1, -1])).toBeNull()
    expect(splitEvenly(8, 0)).toBeNull()
  })

  test('the shares always add up to the target', () => {
    let seed = 7
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    for (let run = 0; run < 200; run++) {
      const total = Math.floor(rand() * 500)
      const weights = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => Math.floor(rand() * 90000) + 1)
      const shares = splitByWeights(total, weights)!
      expect(sum(shares)).toBe(total)
      shares.forEach((s, i) => expect(Math.abs(s - (total * weights[i]) / sum(weights))).toBeLessThan(1))
    }
  })
})

describe('a column pasted from a spreadsheet', () => {
  test('one value per line, Excel’s trailing newline adds no row, blanks stay blank', () => {
    expect(readPastedColumn('2\r\n3\r\n\r\n1,200\r\n')).toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 3 },
      { ok: true, value: null },
      { ok: true, value: 1200 }
    ])
  })

  test('a name·value row keeps the value; a unit word is accepted; text is kept to be named', () => {
    expect(readPastedColumn('长丰街\t2\n宗关街\t3个\n汉正街\t两个')).toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 3 },
      { ok: false, text: '两个' }
    ])
  })
})
