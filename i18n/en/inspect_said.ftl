# The national check's indicators (政府网站与政务新媒体检查指标) and what each line behind a count
# says, worded when shown from the indicator's key and the line's code (issue 20); the Chinese
# catalog holds the check's own names.
indicator-site-not-updated = home page not updated
indicator-stale-columns = news and notices not updated on time
indicator-neglected-columns = columns due but not updated
indicator-empty-columns = blank columns
indicator-unanswered-inquiries = inquiries unanswered 3 months
indicator-home-broken-links = broken links on the home page
indicator-other-broken-links = broken links on other pages
indicator-site-unreachable = site unreachable
inspect-note-last-update = {" "}(last updated { $date })
inspect-note-never-updated = {" "}(never updated)
inspect-note-home-updated = last updated { $date }
inspect-note-home-never = the home page's columns were never updated
inspect-note-unanswered = {" "}(asked { $date }, unanswered)
inspect-note-past-reply = { $count ->
        [one] 1 inquiry is past its reply deadline ({ $days } working days)
       *[other] { $count } inquiries are past their reply deadline ({ $days } working days)
    }
inspect-note-no-probes = no probes from { $from } to { $to } (portal-admin links --probe)
inspect-note-probes = { $from } to { $to }: { $failed } of { $total } probes did not open within { $seconds } s ({ $share }%)
inspect-note-thin = thinly monitored: { $days ->
        [one] 1 day
       *[other] { $days } days
    } with fewer than { $per_day } probes
inspect-note-not-opened = { $when } did not open: { $why }
inspect-note-took = took { $millis } ms
