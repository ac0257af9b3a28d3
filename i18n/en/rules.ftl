# The domain's rules (src/domain): why a step of the regulation cannot be taken. Stage and role
# names (office_review, recheck, admin …) are the command line's and stay as they are.

## Review (Art. 7–10)

rules-approval-needs-checks = an approval affirms all seven checks of Art. 9; not affirmed: { $missing }
rules-rejection-needs-reason = a rejection needs a reason (--reason)
rules-not-under-review = item { $item } is not waiting for review: it is at { $stage }
rules-not-ready-to-publish = item { $item } is not approved for publication: it is at { $stage }
rules-not-allowed = { $operator } ({ $role }) may not { $act }

## What a role may do (Art. 14)

rules-act-pass = pass the { $stage } step
rules-act-withdraw = withdraw, mark or restore items
rules-act-incident = record or correct incidents
rules-act-operators = manage operators
rules-act-administer = load items, register documents or change the calendar
rules-act-request = record retraction requests
rules-act-waive = waive findings of the content checks
rules-act-links = record link checks
rules-not-a-check = not a check number: { $part } (the seven checks of Art. 9 are numbered 1 to 7)
rules-no-check = no check named (the seven checks of Art. 9 are numbered 1 to 7)

## An imported item (JSON lines)

rules-import-field = { $field }: { $error }
rules-import-no-title = title is empty
rules-import-no-unit = unit is required for path { $path }
rules-import-no-columns = columns is empty: an item needs at least one target column
rules-import-column-twice = column { $path } is listed twice
rules-import-form-column = forms names column { $path }, which is not in columns
rules-import-attachments-path = attachments are what a unit submission carries (Art. 10): not for path { $path }
rules-import-attachment-kind = attachments: { $kind } is not a kind (signed_scan, electronic_text or target_columns)
rules-import-attachment-name = attachments: { $kind } has no file name
rules-import-wechat = wechat_at is for an item first published on WeChat (channel wechat)
rules-import-withdrawn-reason = withdrawn_at needs withdraw_reason
rules-import-reason-withdrawn = withdraw_reason needs withdrawn_at
rules-import-withdrawn-published = withdrawn_at needs published_at: only a published item can be withdrawn
rules-import-withdrawn-before = withdrawn_at is before published_at
rules-import-status = status { $given } does not agree with the times given (they make it { $status })
rules-import-stage-published = stage { $stage } does not fit a published item (expected done)
rules-import-stage-path = stage { $stage } is not a step of path { $path }

## Times, dates and names of values

rules-not-a-time = not a time: { $text } (expected RFC 3339, e.g. 2024-05-17T09:30:00+08:00)
rules-not-a-date = not a date: { $text } (expected YYYY-MM-DD)
rules-not-a-period = not a quarter or a year: { $text } (expected e.g. 2024Q3 or 2024)
rules-unknown-value = unknown { $what } { $value } (expected one of: { $expected })
rules-unknown-deadline = unknown deadline text { $text } (known forms: N天, N个月, N年, 每月, 每年, N天内, N个工作日, 文件印发后N个工作日内, 按需更新, 无需更新, or empty)

## The column table and the units

rules-table-empty = empty file: no header line
rules-table-header = header must be { $expected }, found { $found }
rules-table-fields = expected { $expected } tab-separated fields, found { $found }
rules-table-empty-level = column path { $path } has an empty level
rules-table-too-deep = column path { $path } is { $depth } levels deep; at most { $max }
rules-table-parent = column { $path } comes before its parent
rules-table-twice = column { $path } is listed twice
rules-table-column = column { $path }: { $error }
rules-table-unit = column { $path }: unit { $unit } is not in { $file }
rules-table-no-columns = no columns
rules-table-unit-name = unit name { $name } is empty or uses a reserved character
rules-table-unit-twice = unit { $name } is listed twice
rules-table-one-office = exactly one unit must be of kind office (the government office that runs the portal)

## The working-day calendar

rules-calendar-header = line { $line }: header must be "date\tkind\tnote"
rules-calendar-fields = line { $line }: expected 3 tab-separated fields
rules-calendar-date = line { $line }: not a date: { $text }
rules-calendar-kind = line { $line }: kind must be holiday or workday, not { $kind }
rules-calendar-line = line { $line }: { $error }
rules-calendar-workday = { $date } is a { $weekday }, already a working day; only a weekend day can be made a working day
weekday-0 = Mon
weekday-1 = Tue
weekday-2 = Wed
weekday-3 = Thu
weekday-4 = Fri
weekday-5 = Sat
weekday-6 = Sun

## The content checks' lists

rules-names-fields = names line { $line }: expected 5 tab-separated fields (name, kind, wrong, status, note)
rules-names-kind = names line { $line }: unknown kind { $kind } (leader, institution, term)
rules-names-status = names line { $line }: unknown status { $status } (current; left, for a leader)
rules-words-fields = words line { $line }: expected 3 tab-separated fields (word, kind, suggestion)
rules-words-empty = words line { $line }: an empty word
rules-lists-compile = cannot compile the lists: { $error }

## The national check's rules

rules-window = every window needs days or months
rules-window-column = column path { $path } is not in the column table
rules-home-levels = [home] needs levels (the days without an update that warn and fail)

## Reading the State Council's holiday notice (calendar import)

notice-empty = the text is empty; paste the notice whole, from its title to its date
notice-no-title = no title: the notice starts with 国务院办公厅关于YYYY年部分节假日安排的通知, which says the year it is for
notice-dated = the notice is dated { $date }, which does not fit a notice for { $year }
notice-outside-paragraph-line = dates outside a holiday's paragraph: a holiday's line starts with its name and a colon (元旦：, 春节：…)
notice-no-holiday = no holiday found: each holiday's line gives its name, a colon and its dates
notice-year-contradicts = the year { $found } contradicts the title's { $year }
notice-figure-outside = cannot read this line: a figure outside a holiday's paragraph
notice-not-notice = cannot read this line: it is not part of a holiday notice
notice-no-verb = { $date } is given without saying whether it is a day off (放假) or a working day (上班)
notice-outside-paragraph = dates outside a holiday's paragraph
notice-verb = cannot read “{ $verb }” after the dates (放假, 放假调休, 补休 or 上班)
notice-clause = cannot read “{ $clause }”
notice-clause-first = “{ $clause }” comes before any day off
notice-days-count = { $start } to { $end } is { $count } days, the notice says { $said }
notice-not-weekend = { $date } is a { $weekday }, already a working day: only a Saturday or Sunday can be made one (上班)
notice-twice = { $date } is given twice
notice-both = { $date } is given both as a day off and as a working day
notice-outside-year = { $date } is outside { $year } (the year the title gives)
notice-range-open = a range (至) without its last day
notice-range-backwards = the range from { $start } ends before it starts ({ $end }); write the years (2022年12月31日至2023年1月2日)
notice-range-long = { $start } to { $end } is longer than any holiday
notice-no-month = { $day }日 without its month
notice-no-such-day = { $year }年{ $month }月{ $day }日 does not exist
notice-weekday = { $date } is a { $weekday } ({ $english }), not a { $said } as written: check the dates and the title's year
notice-year-only = a year without its month and day
notice-month-only = a month without its day
notice-no-day = a date without its day (日)
notice-bracket = a bracket that is not closed
notice-note = cannot read the note ({ $part }) after a date: a weekday (星期六, 周六) or the lunar date (农历…)
