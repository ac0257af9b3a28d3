# Titles' pinyin initials stored at write time (issue 21): the upgrade that computes them for the
# items already there.
initials-progress = {"{"}spinner{"}"} upgrading: pinyin initials [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} titles ({"{"}per_sec:0{"}"}, {"{"}eta{"}"} left)
