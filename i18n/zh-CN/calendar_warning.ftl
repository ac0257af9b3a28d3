# 工作日日历缺少某年节假日安排时，状态栏的提示。$year 为缺少安排的年份。
calendar-warning-head = {$year}年节假日安排未导入
calendar-warning-all = { $head }：按工作日计算的期限均为暂定
calendar-warning-provisional = { $head }：{ $month }月{ $day }日后的期限为暂定
