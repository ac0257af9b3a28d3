# The live site's checks, finished: the Retractions tab's requests whose withdrawn item's page is
# still public, the broken links' own keys, and the check after a withdrawal as it goes.

## The Retractions tab: a request whose item is withdrawn but whose public page still answers

retractions-still-public-count = {" "}· { $count } withdrawn, still public
retractions-handled-still-public = request { $id } is handled: item { $item } is withdrawn, but its public page still answers without the withdrawal notice (take the page down on the site; `portal-admin links --withdrawn` checks again)
retractions-record-still-public = Withdrawn, but its public page still answered without the withdrawal notice when the link checks last looked.

## The broken links in front of the findings (L)

view-broken_links = broken links
key-broken_links-findings-links = Back to the content findings
keyhint-broken-links-back = findings

## The check of the withdrawn public pages after a withdrawal, as it goes

pages-checking = withdrawn pages checked { $done }/{ $total }
pages-progress = {"{"}spinner{"}"} checking the withdrawn public pages [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"}
