# 栏目的更新时限作为规则的说法：控制台和表格用。$period 为 day、working-day、month 或 year。

deadline-every = 每 { $amount } { $period ->
        [day] 天
        [working-day] 个工作日
        [month] 个月
       *[year] 年
    }
deadline-within = 事项发生后 { $amount } { $period ->
        [day] 天
        [working-day] 个工作日
        [month] 个月
       *[year] 年
    }内
deadline-monthly = 每月
deadline-yearly = 每年
deadline-as-needed = 按需更新
deadline-no-update = 无需更新
deadline-unspecified = 未规定

# 同上的简短说法，用于表格的窄列（控制台的栏目视图）。
deadline-short-every = { $amount }{ $period ->
        [day] 天
        [working-day] 个工作日
        [month] 个月
       *[year] 年
    }
deadline-short-within = { $amount }{ $period ->
        [day] 天
        [working-day] 个工作日
        [month] 个月
       *[year] 年
    }内
deadline-short-no-update = 无需更新
