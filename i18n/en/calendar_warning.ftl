# What the status line says when the working-day calendar lacks a year's holiday notice.
# $year is the year whose notice is missing.
calendar-warning-head = no {$year} holiday notice
# $head is calendar-warning-head.
calendar-warning-all = { $head }: working-day due dates provisional
# $month and $day: the first day of issue whose working-day deadline reaches the missing year.
calendar-warning-provisional = { $head }: due dates from { $month }/{ $day } provisional
