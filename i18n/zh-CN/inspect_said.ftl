# 网站检查指标（政府网站与政务新媒体检查指标）的名称，以及计数背后每一行的说明：显示时按指标的
# 键和行的代码措辞（第 20 号问题）；中文即检查指标的原文。
indicator-site-not-updated = 首页栏目长期未更新
indicator-stale-columns = 动态、要闻及通知公告、政策文件类栏目未按时更新
indicator-neglected-columns = 应更新未更新栏目
indicator-empty-columns = 空白栏目
indicator-unanswered-inquiries = 互动诉求超过3个月未答复
indicator-home-broken-links = 首页不可用链接
indicator-other-broken-links = 其他页面不可用链接
indicator-site-unreachable = 站点无法访问
inspect-note-last-update = （最近更新 { $date }）
inspect-note-never-updated = （从未更新）
inspect-note-home-updated = 最近更新 { $date }
inspect-note-home-never = 首页栏目从未更新
inspect-note-unanswered = （{ $date } 提出，未答复）
inspect-note-past-reply = { $count } 条咨询已过答复期限（{ $days } 个工作日）
inspect-note-no-probes = { $from } 至 { $to } 没有探测记录（portal-admin links --probe）
inspect-note-probes = { $from } 至 { $to } 探测 { $total } 次，{ $failed } 次 { $seconds } 秒内无法打开（{ $share }%）
inspect-note-thin = 监测不足：{ $days } 天探测少于 { $per_day } 次
inspect-note-not-opened = { $when } 无法打开：{ $why }
inspect-note-took = 用时 { $millis } 毫秒
