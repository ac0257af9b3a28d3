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
form-image-text = image_text
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

finding-id-number = id_number
finding-phone = phone
finding-bank-card = bank_card
finding-leader-name = leader_name
finding-wrong-term = wrong_term
finding-sensitive-word = sensitive_word
finding-document-number = document_number
finding-date = date
finding-figure = figure

## What a unit's item lacks (Art. 10): short for the queue, long for the review screen

lacks-signed-scan = signed
lacks-electronic-text = electronic
lacks-target-columns = target
lacks-signed-scan-long = the head's signed and stamped scan (签字盖章扫描件)
lacks-electronic-text-long = the electronic text (电子版)
lacks-target-columns-long = the target columns (发布栏目)
