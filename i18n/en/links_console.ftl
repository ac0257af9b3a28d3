# The live site in the console and on the command line: the Findings tab's broken links, the
# check after a withdrawal, and the probes of the home page (站点无法访问).

## The Findings tab's broken links (`L`)

key-findings-findings-links = Broken links: the links of online items the link checks last found dead (again: the findings)
broken-links-title = Broken links
broken-links-counts = {" "}· { $count } on { $items ->
    [one] 1 online item
   *[other] { $items } online items
  }, as last checked
broken-links-refused-count = {" "}· { $count } refused
broken-links-back = {"  "}{ $key }: findings
broken-links-head-place = where
broken-links-head-status = status
broken-links-head-checked = checked
broken-links-head-url = link
broken-links-page = page
broken-links-body = body
broken-links-attachment = attachment
broken-links-refused = refused
broken-links-no-answer = none
broken-links-none = No broken links of online items as last checked.
broken-links-how = `portal-admin links --all` checks every online item's links (run it nightly, by cron); `portal-admin links ITEM` one item's.
broken-links-failed = the broken links could not be read: { $error }

## After a withdrawal (the console's status line; `retract`)

pages-gone = { $count ->
    [one] the withdrawn public page is gone
   *[other] the { $count } withdrawn public pages are gone
  } (or show the withdrawal notice)
pages-still-public-one = item { $item }: its public page { $url } still answers without the withdrawal notice
pages-still-public-many = { $count } withdrawn public pages still answer without the withdrawal notice (items { $items })
pages-still-linked = { $count ->
    [one] 1 online item still links
   *[other] { $count } online items still link
  } to a withdrawn page (items { $items })
pages-more = … (+{ $count })
pages-separator = {"; "}
links-still-linked = item { $item } ({ $place }) still links to the withdrawn page { $url }

## The home page's probes (站点无法访问)

arg-links-probe = Probe the site's home page once and record it (URL, or `[links] home_page` in config.toml)
probe-which-page = which page? give --probe URL, or set `[links] home_page = "https://…"` in config.toml
rules-site-unreachable = site_unreachable needs days and seconds above 0
pages-unsure = { $count ->
    [one] 1 withdrawn public page
   *[other] { $count } withdrawn public pages
  } could not be checked (no answer, or refused by the settings: items { $items }); `portal-admin links --withdrawn` checks again
keyhint-findings-links = broken links
