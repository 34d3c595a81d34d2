import { parseQuantity } from '../../src/core/quantity'

describe('parseQuantity: everyday speech', () => {
  test.each<[string, object]>([
    // estimates are the number they name, marked
    ['大概200', { value: 200, approx: true }],
    ['约1200人次', { value: 1200, unit: '人次', approx: true }],
    ['300人左右', { value: 300, unit: '人', approx: true }],
    ['差不多50个吧', { value: 50, unit: '个', approx: true }],
    ['将近300', { value: 300, approx: true }],
    ['30出头', { value: 30, approx: true }],
    ['二十来个', { value: 20, unit: '个', approx: true }],
    ['100来人', { value: 100, unit: '人', approx: true }],
    ['200多', { value: 200, approx: true }],
    ['1200多人次', { value: 1200, unit: '人次', approx: true }],
    ['10余万元', { value: 100000, unit: '元', approx: true }],
    // exact talk stays exact
    ['是9个', { value: 9, unit: '个' }],
    ['一共有12个', { value: 12, unit: '个' }],
    // shorthand
    ['4千2', { value: 4200 }],
    ['2千5', { value: 2500 }],
    ['两万六', { value: 26000 }],
    ['2.4w', { value: 24000 }],
    ['8k', { value: 8000 }],
    ['一万三', { value: 13000 }],
    ['2万4', { value: 24000 }],
    ['零点六万', { value: 6000 }],
    // tenths
    ['六成', { value: 0.6, unit: '%' }],
    ['八成五', { value: 0.85, unit: '%' }],
    // ranges and vague counts are never one number
    ['20到25个', { range: [20, 25], unit: '个' }],
    ['20-25', { range: [20, 25] }],
    ['2到3万', { range: [20000, 30000] }],
    ['七八个', { range: [7, 8], unit: '个' }],
    ['四五百', { range: [400, 500] }],
    ['五十几个', { range: [51, 59], unit: '个' }],
    ['十几个', { range: [11, 19], unit: '个' }],
    ['两三个', { range: [2, 3], unit: '个' }],
    // nothing, and not yet
    ['一个都没有', { value: 0 }],
    ['没有', { value: 0 }],
    ['无', { value: 0 }],
    ['还没统计', { skip: true }],
    ['不清楚', { skip: true }]
  ])('%j', (text, expected) => {
    expect(parseQuantity(text)).toEqual(expected)
  })

  test.each(['十三五', '三五成群', '好几个', '很多', '2020年', '12月19日'])('%j is no amount', (text) => {
    const q = parseQuantity(text)
    expect(q === null || !('value' in q)).toBe(true)
  })
})
