# Titles' pinyin initials stored at write time (issue 21): the upgrade that computes them for the
# items already there.
initials-progress = {"{"}spinner{"}"} upgrading: pinyin initials of titles [{"{"}bar:40{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} items ({"{"}per_sec{"}"}, {"{"}eta{"}"} left)
