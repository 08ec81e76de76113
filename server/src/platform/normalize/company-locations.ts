/**
 * Place names that may appear in a company name as a location marker: 华为技术（深圳）有限公司,
 * ABC (Shanghai) Co., Ltd., 上海XX科技. Curated, not exhaustive: any bracketed Han name ending in
 * 省/市/区/县/州 counts as a location without being listed (see company.ts).
 */

/** Provincial-level divisions: registered full name and the short name used in company names. */
export const PROVINCES: readonly (readonly [full: string, short: string])[] = [
  ['北京市', '北京'],
  ['天津市', '天津'],
  ['上海市', '上海'],
  ['重庆市', '重庆'],
  ['河北省', '河北'],
  ['山西省', '山西'],
  ['辽宁省', '辽宁'],
  ['吉林省', '吉林'],
  ['黑龙江省', '黑龙江'],
  ['江苏省', '江苏'],
  ['浙江省', '浙江'],
  ['安徽省', '安徽'],
  ['福建省', '福建'],
  ['江西省', '江西'],
  ['山东省', '山东'],
  ['河南省', '河南'],
  ['湖北省', '湖北'],
  ['湖南省', '湖南'],
  ['广东省', '广东'],
  ['海南省', '海南'],
  ['四川省', '四川'],
  ['贵州省', '贵州'],
  ['云南省', '云南'],
  ['陕西省', '陕西'],
  ['甘肃省', '甘肃'],
  ['青海省', '青海'],
  ['台湾省', '台湾'],
  ['内蒙古自治区', '内蒙古'],
  ['广西壮族自治区', '广西'],
  ['西藏自治区', '西藏'],
  ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'],
  ['香港特别行政区', '香港'],
  ['澳门特别行政区', '澳门'],
];

/** Provincial capitals and the cities sales teams meet most; each also matches with 市 appended. */
export const CITIES: readonly string[] = [
  '石家庄 唐山 保定 邯郸 秦皇岛 廊坊 太原 大同 沈阳 大连 鞍山 长春 哈尔滨 大庆 南京 苏州 无锡 常州 南通',
  '徐州 扬州 镇江 盐城 泰州 昆山 杭州 宁波 温州 绍兴 嘉兴 金华 台州 湖州 义乌 合肥 芜湖 福州 厦门 泉州',
  '漳州 南昌 赣州 济南 青岛 烟台 潍坊 淄博 临沂 威海 郑州 洛阳 武汉 宜昌 襄阳 长沙 株洲 岳阳 广州 深圳',
  '珠海 汕头 佛山 东莞 中山 惠州 江门 湛江 海口 三亚 成都 绵阳 贵阳 遵义 昆明 西安 兰州 西宁 银川',
  '乌鲁木齐 呼和浩特 包头 南宁 柳州 桂林 拉萨',
]
  .join(' ')
  .split(' ');

/** Country and region words used the same way: 阿里巴巴（中国）网络技术有限公司. */
export const REGIONS: readonly string[] = ['中国', '中国大陆', '亚太', '亚洲', '大中华'];

/** Latin spellings as they appear in English names, already folded (lower case, no spaces). */
export const LATIN_LOCATIONS: readonly string[] = [
  'china prc mainlandchina greaterchina asia asiapacific apac',
  'beijing tianjin shanghai chongqing hebei shanxi liaoning',
  'jilin heilongjiang jiangsu zhejiang anhui fujian jiangxi',
  'shandong henan hubei hunan guangdong hainan sichuan guizhou',
  'yunnan shaanxi gansu qinghai taiwan innermongolia guangxi',
  'tibet xizang ningxia xinjiang hongkong hk macau macao',
  'shenzhen guangzhou hangzhou nanjing suzhou wuhan chengdu',
  'xian xiamen qingdao dalian ningbo wuxi dongguan foshan',
  'zhuhai changsha zhengzhou jinan hefei fuzhou kunming',
  'shenyang harbin changchun',
]
  .join(' ')
  .split(' ');

/** Every listed name in every accepted form, for exact lookups of folded text. */
export const LOCATION_NAMES: ReadonlySet<string> = new Set([
  ...PROVINCES.flat(),
  ...CITIES,
  ...CITIES.map((city) => `${city}市`),
  ...REGIONS,
  ...LATIN_LOCATIONS,
]);

/** Han location names, longest first, for finding one at the start of a name. */
export const HAN_LOCATION_PREFIXES: readonly string[] = [...LOCATION_NAMES]
  .filter((name) => /^\p{Script=Han}+$/u.test(name))
  .sort((a, b) => b.length - a.length);
