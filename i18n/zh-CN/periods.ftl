# 如实说明统计期间（issue 22）：未结束的期间写明“截至”某日，并与上一期同期比较；没有数据的期间直接说明。

periods-as-of = ，截至{ $month }月{ $day }日
periods-not-begun = ，尚未开始
periods-same-days = { $period }同期
periods-empty = {" "}· 本期无数据
periods-empty-line = { $period } 没有信息发布，也没有责任事故记录：早于本站的数据，或尚未发布信息。
periods-not-begun-line = { $period } 尚未开始，暂无可统计的内容。
periods-bulletin-exists = { $file } 已存在：再按 { $key } 覆盖
