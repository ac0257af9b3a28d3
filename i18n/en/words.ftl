# The domain's values as the console shows them (src/ui/words.rs). The command line, CSV and JSON
# keep their English names: those are the scripting interface.

## Review steps (docs/glossary.md)

stage-office-review = office review
stage-recheck = re-review
stage-review = review
stage-publish = to publish
stage-returned = returned
stage-done = done

## Paths, short (the queue's "path · step" column)

path-government = gov
path-unit = unit
path-repost = repost

## Forms

form-text = text
form-image-text = image+text
form-video = video

## Why an item is withdrawn

reason-outdated = outdated
reason-improper = improper
reason-classified = classified
reason-error = error

## Where a column stands

status-overdue = overdue
status-empty = empty
status-due-soon = due soon
status-ok = ok
status-exempt = exempt

## What the content checks find

finding-id-number = ID number
finding-phone = phone
finding-bank-card = bank card
finding-leader-name = leader name
finding-wrong-term = wrong term
finding-sensitive-word = sensitive word
finding-document-number = document number
finding-date = date
finding-figure = figure
# A finding's kind in words, then the name `check waive --kind` takes.
finding-coded = { $words } ({ $code })

## What a unit's item lacks (Art. 10): short for the queue, long for the review screen

lacks-signed-scan = scan
lacks-electronic-text = e-text
lacks-target-columns = columns
lacks-signed-scan-long = the head's signed and stamped scan (签字盖章扫描件)
lacks-electronic-text-long = the electronic text (电子版)
lacks-target-columns-long = the target columns (发布栏目)

## The seven checks of Art. 9

check-1 = no state secret (不涉密)
check-2 = consistent with national policy and law (符合方针政策和法律法规)
check-3 = respects intellectual property (不侵犯知识产权)
check-4 = harms no unit or person (不损害单位和个人权益)
check-5 = good for the district's publicity and development (有利于宣传和发展)
check-6 = appropriate to publish now (适宜当前发布)
check-7 = statistics accurate (统计数据准确)

## Where a finding is

finding-in-title = title { $start }-{ $end }
finding-in-body = body { $start }-{ $end }
finding-in-dates = dates

## Review steps as messages name them (the command line's names: --stage office_review)

stage-name-office-review = office_review
stage-name-recheck = recheck
stage-name-review = review
stage-name-publish = publish
stage-name-returned = returned
stage-name-done = done
