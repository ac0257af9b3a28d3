# Periods told honestly (issue 22): a period not over is as of a day, compared with as many days
# of the one before; a period with nothing in it says so.

periods-as-of = , as of { $month }/{ $day }
periods-not-begun = , not begun
periods-same-days = { $period } same days
periods-empty = {" "}· nothing in it
periods-empty-line = Nothing went online and no incident in { $period }: before the site's data, or none yet.
periods-not-begun-line = { $period } has not begun: nothing can be counted in it yet.
periods-bulletin-exists = { $file } exists: { $key } again writes over it
